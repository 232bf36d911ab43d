import * as core from '@actions/core';
import * as github from '@actions/github';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findBlobSet, parseBaseUrl } from '../../build/blob-fetch.js';
import { DEFAULT_BLOBS_DIR } from '../../build/blobs.js';
import type { EifArch } from '../../eif/types.js';
import { errorLine, errorMessage, UserError, VerificationError } from '../../errors.js';
import { buildFactsPath, readBuildFacts } from '../../governance/build-facts.js';
import { addedByPullRequest } from '../../governance/registration-changes.js';
import { cleanUpOnSignals, removeOnInterrupt } from '../../io/cleanup.js';
import { MAX_PEM_BYTES, readJsonFile, readRegularText } from '../../io/regular-file.js';
import { reproduce, type ReproduceOptions, type ReproduceReport } from '../../reproduce/reproduce.js';
import { artifactKey, normalizeOsImageHash, parseStoreUri } from '../../store/layout.js';
import { openStore } from '../../store/open-store.js';
import type { BundleTrust } from '../../trust/provenance/index.js';
import { blobSetDir } from '../blobs.js';
import { upsertStickyComment } from '../pr-comment.js';

// The registry side (`uses: dstack/nitro-eif-build/verify@v1`): on a registration pull request, finds the
// OS_IMAGE_HASH it adds and the build facts it carries, pulls the EIF and provenance from the store,
// verifies and reproduces the build, reports in the job summary and a sticky comment, and fails unless
// every added image was reproduced.

interface VerifyInputs {
  readonly mode: 'auth-simple' | 'onchain';
  readonly registryPath: string;
  readonly trust: () => Promise<BundleTrust>;
  /** Blobs of the recorded set: a directory, or a public set (tool cache, verified on every use). */
  readonly blobs: ReproduceOptions['blobs'];
  readonly dstackUtil?: string;
  readonly store?: string;
  readonly source?: string;
  readonly githubToken?: string;
  readonly workDir: string;
}

type Verdict = { hash: string; report?: ReproduceReport; refused?: string; commit?: string };

export async function run(): Promise<void> {
  cleanUpOnSignals((signal) => core.error(`interrupted (${signal}); temporary files removed`));
  let workDir: string | undefined;
  try {
    const inputs = readVerifyInputs((name) => core.getInput(name));
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    const base = (github.context.payload.pull_request as { base?: { sha?: string } } | undefined)?.base?.sha;
    if (!base) throw new UserError('this action runs on a pull_request event (the registration pull request)');
    const hashes = await addedByPullRequest({ mode: inputs.mode, registryPath: inputs.registryPath, base, cwd: process.cwd(), env: process.env });
    if (hashes.length === 0) core.info(`This pull request adds no OS_IMAGE_HASH to ${inputs.registryPath}: nothing to reproduce`);
    // Read once, before any rebuild: a wrong key path fails the step in one line, not every image.
    const trust = hashes.length > 0 ? await inputs.trust() : undefined;
    workDir = inputs.workDir;
    removeOnInterrupt(workDir);
    const verdicts: Verdict[] = [];
    for (const hash of hashes) verdicts.push(await core.group(`Reproduce ${hash}`, () => verifyOne(inputs, trust!, hash, join(workDir!, hash.slice(2, 18)))));
    for (const [name, value] of Object.entries(verifyOutputs(verdicts))) core.setOutput(name, value);
    const markdown = renderVerdicts(verdicts, inputs.registryPath);
    await core.summary.addRaw(markdown).write();
    await comment(inputs.githubToken, markdown);
    const failed = verdicts.filter((v) => !v.report?.reproduced);
    if (failed.length > 0) {
      core.setFailed(errorLine(failed.map((v) => `${v.hash}: ${v.refused ?? `not reproduced (${v.report!.differences?.registers.join(', ') || 'EIF bytes differ'})`}`).join('; ')));
    }
  } catch (error) {
    core.setFailed(errorLine(error));
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function verifyOne(inputs: VerifyInputs, trust: BundleTrust, hash: string, workDir: string): Promise<Verdict> {
  try {
    const factsFile = buildFactsPath(hash);
    const facts = await readBuildFacts(factsFile);
    if (facts.os_image_hash !== hash) throw new VerificationError(`${factsFile}: os_image_hash is ${facts.os_image_hash}, not ${hash}`);
    const endpoint = process.env['AWS_ENDPOINT_URL_S3'] || process.env['AWS_ENDPOINT_URL'] || undefined;
    const store = openStore(inputs.store ?? facts.store, { cwd: process.cwd(), endpoint, forcePathStyle: endpoint !== undefined, region: process.env['AWS_REGION'] || undefined });
    await mkdir(workDir, { recursive: true });
    const key = artifactKey(normalizeOsImageHash(hash), 'provenance');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of await store.get(key)) {
      size += (chunk as Buffer).length;
      if (size > 16 * 1024 * 1024) throw new UserError(`${store.uriOf(key)}: larger than 16 MiB, not a provenance bundle`);
      chunks.push(chunk as Buffer);
    }
    let bundle: unknown;
    try {
      bundle = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new UserError(`${store.uriOf(key)}: not JSON`);
    }
    const source = inputs.source ?? facts.source.repository;
    if (!source) throw new UserError(`${factsFile}: names no source repository (set the source input)`);
    const report = await reproduce({
      bundle, bundleName: store.uriOf(key), trust, source, store: { store, osImageHash: hash },
      blobs: inputs.blobs, workDir, env: process.env, onOutput: (text) => process.stdout.write(text),
      ...(inputs.dstackUtil ? { dstackUtil: inputs.dstackUtil } : {}),
    });
    if (report.source.commit !== facts.source.commit) {
      throw new VerificationError(`${factsFile}: source commit ${facts.source.commit} is not the provenance's ${report.source.commit}`);
    }
    if (report.reproduced && report.os_image_hash !== hash) {
      throw new VerificationError(`the rebuild gives OS_IMAGE_HASH ${report.os_image_hash}, not the registered ${hash}`);
    }
    return { hash, report, commit: report.source.commit };
  } catch (error) {
    return { hash, refused: errorMessage(error) };
  }
}

/** The step's outputs (verify/action.yml), for later steps or a job with continue-on-error. */
export function verifyOutputs(verdicts: readonly Verdict[]): { 'os-image-hashes': string; reproduced: string } {
  return {
    'os-image-hashes': verdicts.map((v) => v.hash).join(' '),
    reproduced: verdicts.every((v) => v.report?.reproduced === true) ? 'true' : 'false',
  };
}

/** The summary and comment: reproduced (with the PCRs) or not (with the differences), per image. */
export function renderVerdicts(verdicts: readonly Verdict[], registryPath: string): string {
  const lines = ['## Registration check: rebuilt from source', ''];
  if (verdicts.length === 0) lines.push(`This pull request adds no OS_IMAGE_HASH to \`${registryPath}\`: nothing to reproduce.`, '');
  for (const v of verdicts) {
    if (v.refused) {
      lines.push(`### ❌ \`${v.hash}\` refused`, '', v.refused, '');
      continue;
    }
    const r = v.report!;
    lines.push(r.reproduced ? `### ✅ \`${v.hash}\` reproduced from commit \`${r.source.commit}\`` : `### ❌ \`${v.hash}\` NOT reproduced from commit \`${r.source.commit}\``, '');
    lines.push('| Register | Rebuild | Registered image |', '|---|---|---|');
    const registered = r.compared_eif?.pcrs ?? r.recorded.pcrs;
    for (const name of ['PCR0', 'PCR1', 'PCR2'] as const) lines.push(`| ${name} | \`${r.pcrs[name]}\` | ${registered[name] === r.pcrs[name] ? 'same' : `\`${registered[name]}\``} |`);
    lines.push('', `Rebuild OS_IMAGE_HASH \`${r.os_image_hash}\`, EIF sha256 \`${r.eif.sha256}\``);
    if (r.differences) {
      lines.push('', `**Registers that differ:** ${r.differences.registers.join(', ') || 'none (the EIF bytes differ)'}`);
      if (r.differences.paths.length) lines.push('', '**Files that differ:**', ...r.differences.paths.slice(0, 50).map((p) => `- \`${p}\``));
    }
    if (r.reasons.length) lines.push('', '**Why:**', ...r.reasons.slice(0, 20).map((reason) => `- ${reason}`));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

async function comment(token: string | undefined, markdown: string): Promise<void> {
  const { payload, repo } = github.context;
  const number = payload.pull_request?.number;
  if (!token || typeof number !== 'number') return;
  try {
    const { created, id } = await upsertStickyComment({ token, owner: repo.owner, repo: repo.repo, issueNumber: number, key: 'registration', kind: 'reproduce' }, markdown);
    core.info(`Reproduction comment ${created ? 'created' : 'updated'} (#${id}) on pull request #${number}`);
  } catch (error) {
    core.warning(`Reproduction comment not posted on pull request #${number}: ${errorMessage(error)} (needs pull-requests: write)`);
  }
}

export function readVerifyInputs(get: (name: string) => string): VerifyInputs {
  const value = (name: string) => get(name).trim() || undefined;
  const mode = value('registration') ?? 'auth-simple';
  if (mode !== 'auth-simple' && mode !== 'onchain') throw new UserError(`input registration: expected auth-simple or onchain, got ${JSON.stringify(mode)}`);
  const registryPath = value('registry-path') ?? (mode === 'auth-simple' ? 'auth-config.json' : undefined);
  if (!registryPath) throw new UserError('input registry-path: required with registration: onchain (the batch directory)');
  const key = value('provenance-key');
  const identity = value('certificate-identity');
  const issuer = value('certificate-oidc-issuer');
  const root = value('trusted-root');
  if (!key === !identity) throw new UserError('input provenance-key or certificate-identity: give exactly one (who must have signed the provenance)');
  if (identity && (!issuer || !root)) throw new UserError(`input ${!issuer ? 'certificate-oidc-issuer' : 'trusted-root'}: required with certificate-identity`);
  const trust = async (): Promise<BundleTrust> => {
    if (key) {
      return { publicKeyPem: key.startsWith('-----BEGIN') ? key : await readRegularText(key, { label: `input provenance-key ${key}`, maxBytes: MAX_PEM_BYTES }) };
    }
    return { trustedRoot: await readJsonFile(root!, { label: `input trusted-root ${root!}` }), certificateIdentity: identity!, certificateOidcIssuer: issuer! };
  };
  const store = value('store');
  if (store !== undefined) parseStoreUri(store, 'input store');
  return {
    mode, registryPath, trust, blobs: blobsInput(value), dstackUtil: value('dstack-util'), store,
    source: value('source'), githubToken: value('github-token'),
    workDir: resolve(value('work-dir') ?? join(process.env['RUNNER_TEMP'] || tmpdir(), 'nitro-eif-verify')),
  };
}

/** `blobs-dir` (default nitro-cli's directory) or `blobs: SET` (with `blobs-base-url`), not both. */
function blobsInput(value: (name: string) => string | undefined): ReproduceOptions['blobs'] {
  const setName = value('blobs');
  const dir = value('blobs-dir');
  const baseUrl = value('blobs-base-url');
  if (setName === undefined) {
    if (baseUrl !== undefined) throw new UserError('input blobs-base-url: goes with the blobs input');
    return { dir: dir ?? DEFAULT_BLOBS_DIR };
  }
  if (dir !== undefined) throw new UserError('input blobs-dir: give blobs-dir or blobs, not both');
  const blobSet = { set: findBlobSet(setName, 'input blobs'), ...(baseUrl ? { baseUrl: parseBaseUrl(baseUrl, 'input blobs-base-url') } : {}) };
  return { dirFor: (arch: EifArch) => blobSetDir(blobSet, arch) };
}
