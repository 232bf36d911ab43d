import * as core from '@actions/core';
import { attest } from '@actions/attest';
import * as github from '@actions/github';
import type { KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readBuilderInfo } from '../build/builder-info.js';
import { CONTEXT_DIGEST_ALGORITHM, digestContext } from '../build/context-digest.js';
import { runProcess } from '../build/docker-build.js';
import { digestFile } from '../eif/index.js';
import { UserError } from '../errors.js';
import { MAX_PEM_BYTES, readRegularText } from '../io/regular-file.js';
import {
  type ProvenanceDetails, type ResourceDescriptor, signProvenanceKeyless, signProvenanceWithKey, statementForFiles, writeProvenanceBundle,
} from '../trust/provenance/index.js';
import { dstackUtilPlacement } from './build-image.js';
import { BUILDER_NAME, BUILDER_VERSION } from '../version.js';
import { actionCodeDigest } from './code-digest.js';
import type { ActionInputs } from './inputs.js';
import type { BuildReport } from './report.js';

// SLSA provenance for the EIF and its measurements file: signed with the user's P-256 key (a Sigstore
// bundle verifiable offline, e.g. by cosign) or keyless through GitHub's Sigstore (@actions/attest; needs
// `id-token: write` and `attestations: write`). The statement's digests and PCRs are measured from the files;
// the rest is everything `nitro-eif reproduce` needs to rebuild the same EIF (docs/provenance.md).

export const PROVENANCE_FILE = 'provenance.sigstore.json';

/** Signs provenance for the build; returns the bundle's path. */
export async function writeProvenance(inputs: ActionInputs, report: BuildReport, key: KeyObject | undefined): Promise<string> {
  const provenance = inputs.provenance!;
  const statement = await statementForFiles(report.enclave.eifPath, report.enclave.measurementsPath, await details(inputs, report));
  const path = resolve(join(inputs.outputDir, PROVENANCE_FILE));
  if (provenance.mode === 'key') {
    // Read and checked before the build (preflight.ts).
    if (!key) throw new Error('internal: provenance: key without a loaded key');
    await writeProvenanceBundle(path, await signProvenanceWithKey(statement, key));
  } else {
    if (!inputs.githubToken) throw new UserError('input github-token: required for keyless provenance');
    const result = await signProvenanceKeyless(statement, { attest, token: inputs.githubToken });
    await writeProvenanceBundle(path, result.bundle);
    if (result.attestationId) core.info(`Attestation ${result.attestationId} stored for the EIF`);
  }
  return path;
}

/**
 * A blob as a resolved dependency. From a public set it is named by the set (`aws-nitro-enclaves-cli@v1.5.0/blobs/x86_64/bzImage`)
 * and located at the release's commit (the canonical location, even when a mirror served it).
 */
export function blobDependency(inputs: ActionInputs, report: BuildReport, name: string, sha384: string): { name: string; sha384: string; uri?: string } {
  const set = inputs.blobSet?.set;
  const arch = report.enclave.arch;
  if (!set || !arch) return { name, sha384 };
  return { name: `${set.name}/blobs/${arch}/${name}`, sha384, uri: `${set.baseUrl}/blobs/${arch}/${name}` };
}

/** What the statement says about the source, the workflow, the inputs and the builder, from the runner's environment. */
async function details(inputs: ActionInputs, report: BuildReport): Promise<ProvenanceDetails> {
  const env = process.env;
  const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const repository = env['GITHUB_REPOSITORY'] ? `${server}/${env['GITHUB_REPOSITORY']}` : undefined;
  const fullSha = (value: string | undefined) => (/^[0-9a-f]{40}$/.test(value ?? '') ? value : undefined);
  const workflowRef = env['GITHUB_WORKFLOW_REF']; // owner/repo/.github/workflows/x.yml@refs/heads/main
  const workflow = workflowRef ? /^([^/]+\/[^/]+)\/([^@]+)@(.+)$/.exec(workflowRef) : null;
  const checkout = await checkoutFacts(inputs);
  const measurements = report.enclave.measurements as { image?: { config_digest?: string; manifest_digest?: string | null }; blobs?: { set?: string | null } };
  return {
    source: {
      repository, ref: env['GITHUB_REF'] || undefined, commit: fullSha(env['GITHUB_SHA']),
      headCommit: fullSha((github.context.payload.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha),
      submodules: checkout.submodules, lfs: checkout.lfs,
    },
    workflow: workflow ? { repository: `${server}/${workflow[1]}`, path: workflow[2], ref: workflow[3], commit: fullSha(env['GITHUB_WORKFLOW_SHA']) } : undefined,
    build: {
      dockerfile: checkout.relative(inputs.file), context: checkout.relative(inputs.context), buildArgs: inputs.buildArgs, platform: inputs.platform,
      target: inputs.target, sourceDateEpoch: report.sourceDateEpoch, network: inputs.network,
      dstackUtil: dstackUtilPlacement(inputs, report.sourceDateEpoch),
      contextDigest: { algorithm: CONTEXT_DIGEST_ALGORITHM, sha256: (await digestContext(inputs.context, [inputs.outputDir])).sha256 },
      signingCertificate: inputs.signing ? await certificatePem(inputs.signing.certificate) : undefined,
    },
    dependencies: {
      baseImages: report.baseImages.map((ref) => ({ name: ref.split('@')[0]!, digest: ref.split('@')[1]! })),
      dstackUtil: report.dstackUtil && { sha256: report.dstackUtil.sha256, uri: inputs.dstackUtil?.source.startsWith('https://') ? inputs.dstackUtil.source : undefined },
      blobs: Object.entries(report.enclave.blobs).map(([name, sha384]) => blobDependency(inputs, report, name, sha384)),
      blobSet: { name: measurements.blobs?.set ?? undefined, source: inputs.blobSet?.set.baseUrl, arch: String((report.enclave.measurements['eif'] as { arch?: string } | undefined)?.arch ?? '') },
    },
    builderId: workflowRef ? `${server}/${workflowRef}` : undefined,
    builderDependencies: [await actionItself(env), await buildTools()],
    byproducts: await byproducts(report, measurements.image),
    invocationId: repository && env['GITHUB_RUN_ID'] ? `${repository}/actions/runs/${env['GITHUB_RUN_ID']}/attempts/${env['GITHUB_RUN_ATTEMPT'] ?? '1'}` : undefined,
  };
}

/** The image digests, the file manifest and (for a signed EIF) the EIF before signing. */
async function byproducts(report: BuildReport, image: { config_digest?: string; manifest_digest?: string | null } | undefined): Promise<ResourceDescriptor[]> {
  const out: ResourceDescriptor[] = [];
  const manifestDigest = image?.manifest_digest ?? report.imageDigest;
  out.push({
    name: 'oci-image', digest: { sha256: manifestDigest.replace(/^sha256:/, '') },
    annotations: { manifestDigest, ...(image?.config_digest ? { configDigest: image.config_digest } : {}), platform: report.platform },
  });
  out.push({ name: 'ramdisk-manifest', uri: 'manifest.json', digest: await digestFile(report.enclave.manifestPath), mediaType: 'application/json' });
  if (report.unsignedEif) out.push({ name: 'unsigned-eif', digest: { sha256: report.unsignedEif.sha256, sha384: report.unsignedEif.sha384 } });
  return out;
}

/** The action that ran: its repository and ref as the runner names them, and the SHA-256 of its bundled code. */
async function actionItself(env: NodeJS.ProcessEnv): Promise<ResourceDescriptor> {
  const code = await actionCodeDigest();
  const repo = env['GITHUB_ACTION_REPOSITORY'];
  const ref = env['GITHUB_ACTION_REF'];
  const digest: Record<string, string> = {};
  if (code) digest['sha256'] = code;
  if (ref && /^[0-9a-f]{40}$/.test(ref)) digest['gitCommit'] = ref;
  return {
    name: 'nitro-eif-build',
    uri: repo ? `git+https://github.com/${repo}${ref ? `@${ref}` : ''}` : `pkg:npm/${BUILDER_NAME}@${BUILDER_VERSION}`,
    ...(Object.keys(digest).length ? { digest } : {}),
  };
}

async function buildTools(): Promise<ResourceDescriptor> {
  const info = await readBuilderInfo(process.env);
  // A resource descriptor needs a uri or a digest (in-toto v1); the versions that matter are the annotations.
  return { name: 'docker-buildx', uri: 'https://github.com/docker/buildx', annotations: { ...info } };
}

async function certificatePem(value: string): Promise<string> {
  if (value.startsWith('-----BEGIN')) return value.trim();
  return (await readRegularText(value, { label: `input signing-certificate ${value}`, maxBytes: MAX_PEM_BYTES })).trim();
}

interface CheckoutFacts {
  readonly relative: (path: string) => string;
  readonly submodules?: { path: string; commit: string }[];
  readonly lfs?: boolean;
}

/** Paths relative to the repository root, the submodules checked out and whether LFS files are tracked. */
async function checkoutFacts(inputs: ActionInputs): Promise<CheckoutFacts> {
  const git = (args: string[]) => runProcess({ command: 'git', args, env: {} }, { env: process.env, cwd: inputs.context });
  const top = (await git(['rev-parse', '--show-toplevel']).catch(() => '')).trim();
  const base = top || process.cwd();
  const rel = (path: string) => {
    const r = relative(base, isAbsolute(path) ? path : resolve(path));
    return r === '' ? '.' : r.split(sep).join('/');
  };
  if (!top) return { relative: rel };
  // `-` marks a submodule that is not checked out: it was not in the build, so it is not recorded.
  const status = await git(['submodule', 'status', '--recursive']).catch(() => '');
  const submodules = status.split('\n').map((l) => /^[ +U]([0-9a-f]{40}) (\S+)/.exec(l)).filter((m) => m !== null).map((m) => ({ path: m[2]!, commit: m[1]! }));
  const attributes = (await git(['-C', top, 'ls-files', '-z', '--', ':(glob)**/.gitattributes', '.gitattributes']).catch(() => '')).split('\0').filter(Boolean);
  let lfs = false;
  for (const file of attributes) if (/filter=lfs/.test(await readFile(join(top, file), 'utf8').catch(() => ''))) lfs = true;
  return { relative: rel, submodules, lfs };
}
