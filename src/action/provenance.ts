import * as core from '@actions/core';
import { attest } from '@actions/attest';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import {
  loadSigningKey, type ProvenanceDetails, signProvenanceKeyless, signProvenanceWithKey, statementForFiles, writeProvenanceBundle,
} from '../trust/provenance/index.js';
import type { ActionInputs } from './inputs.js';
import type { BuildReport } from './report.js';
import { MAX_PEM_BYTES, readRegularText } from '../io/regular-file.js';

// SLSA provenance for the EIF and its measurements file: signed with the user's P-256 key (a Sigstore
// bundle verifiable offline, e.g. by cosign) or keyless through GitHub's Sigstore (@actions/attest; needs
// `id-token: write` and `attestations: write`). The statement's digests and PCRs are measured from the files.

export const PROVENANCE_FILE = 'provenance.sigstore.json';

/** Signs provenance for the build; returns the bundle's path. */
export async function writeProvenance(inputs: ActionInputs, report: BuildReport): Promise<string> {
  const provenance = inputs.provenance!;
  const statement = await statementForFiles(report.enclave.eifPath, report.enclave.measurementsPath, details(inputs, report));
  const path = resolve(join(inputs.outputDir, PROVENANCE_FILE));
  if (provenance.mode === 'key') {
    const pem = provenance.key!.startsWith('-----BEGIN') ? provenance.key! : await readRegularText(provenance.key!, { label: `input provenance-key ${provenance.key}`, maxBytes: MAX_PEM_BYTES });
    await writeProvenanceBundle(path, await signProvenanceWithKey(statement, loadSigningKey(pem, 'input provenance-key')));
  } else {
    if (!inputs.githubToken) throw new UserError('input github-token: required for keyless provenance');
    const result = await signProvenanceKeyless(statement, { attest, token: inputs.githubToken });
    await writeProvenanceBundle(path, result.bundle);
    if (result.attestationId) core.info(`Attestation ${result.attestationId} stored for the EIF`);
  }
  return path;
}

/** What the statement says about the source, the workflow and the inputs, from the runner's environment. */
function details(inputs: ActionInputs, report: BuildReport): ProvenanceDetails {
  const env = process.env;
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const repository = env['GITHUB_REPOSITORY'] ? `${server}/${env['GITHUB_REPOSITORY']}` : undefined;
  const commit = /^[0-9a-f]{40}$/.test(env['GITHUB_SHA'] ?? '') ? env['GITHUB_SHA'] : undefined;
  const workflowRef = env['GITHUB_WORKFLOW_REF']; // owner/repo/.github/workflows/x.yml@refs/heads/main
  const workflow = workflowRef ? /^[^/]+\/[^/]+\/([^@]+)@(.+)$/.exec(workflowRef) : null;
  return {
    source: { repository, ref: env['GITHUB_REF'] || undefined, commit },
    workflow: workflow ? { repository, path: workflow[1], ref: workflow[2] } : undefined,
    build: { dockerfile: inputs.file, context: inputs.context, buildArgs: inputs.buildArgs, platform: inputs.platform, target: inputs.target,
      sourceDateEpoch: report.sourceDateEpoch },
    dependencies: {
      baseImages: report.baseImages.map((ref) => ({ name: ref.split('@')[0]!, digest: ref.split('@')[1]! })),
      dstackUtil: report.dstackUtil && { sha256: report.dstackUtil.sha256, uri: inputs.dstackUtil?.source.startsWith('https://') ? inputs.dstackUtil.source : undefined },
      blobs: Object.entries(report.enclave.blobs).map(([name, sha384]) => ({ name, sha384 })),
    },
    invocationId: repository && env['GITHUB_RUN_ID'] ? `${repository}/actions/runs/${env['GITHUB_RUN_ID']}/attempts/${env['GITHUB_RUN_ATTEMPT'] ?? '1'}` : undefined,
  };
}
