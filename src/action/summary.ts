import * as core from '@actions/core';
import type { BuildReport } from './report.js';

// The job summary: what was built and what it measures, for a reviewer who only reads the run page.
// Only hashes and paths: no input value that could be a secret is ever written here.

/** Markdown of the summary (pure, so it can be tested and reused). */
export function renderSummary(report: BuildReport): string {
  const { enclave } = report;
  const rows = (['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const)
    .filter((n) => enclave.pcrs[n] !== undefined)
    .map((n) => `| ${n} | \`${enclave.pcrs[n]}\` |`);
  const lines = [
    '## Nitro Enclave image',
    '',
    '| Register | Value |',
    '|---|---|',
    ...rows,
    '',
    `**OS_IMAGE_HASH** \`${enclave.osImageHash}\` (sha256 of the raw bytes of PCR0‖PCR1‖PCR2)`,
    '',
    '| Artifact | Value |',
    '|---|---|',
    `| EIF | \`${enclave.eifPath}\` (${enclave.eifSize} bytes) |`,
    `| EIF sha256 | \`${enclave.eifSha256}\` |`,
    ...(enclave.eifSha384 ? [`| EIF sha384 | \`${enclave.eifSha384}\` |`] : []),
    `| Image digest | \`${report.imageDigest}\` (${report.platform}) |`,
    `| SOURCE_DATE_EPOCH | ${report.sourceDateEpoch} |`,
    `| dstack-util sha256 | ${report.dstackUtil ? `\`${report.dstackUtil.sha256}\` (${report.dstackUtil.size} bytes, ${report.dstackUtil.via})` : 'not used'} |`,
    `| blob set | ${enclave.blobSet ? `\`${enclave.blobSet}\`` : 'not a known public set'}${enclave.arch ? ` (${enclave.arch})` : ''} |`,
    ...Object.entries(enclave.blobs).map(([name, hash]) => `| blob ${name} sha384 | \`${hash}\` |`),
    ...report.baseImages.map((ref) => `| base image | \`${ref}\` |`),
    ...(report.published?.eifUri ? [`| stored EIF | \`${report.published.eifUri}\` |`] : []),
    ...(report.published?.pullRequest ? [`| registration | ${report.published.pullRequest} |`] : []),
    ...(report.provenancePath ? [`| provenance | \`${report.provenancePath}\` (SLSA v1, Sigstore bundle) |`] : []),
    '',
    `**Reproducibility:** ${reproducibility(report.reproducible)}`,
    ...(report.attestation ? ['', `**Attestation document:** enclave \`${report.attestation.moduleId}\` at ${report.attestation.timestamp} runs this build (PCRs match, AWS Nitro root).`] : []),
    ...(report.crossCheck ? ['', '**nitro-cli cross-check:** PCR0–2 identical to `nitro-cli build-enclave`.'] : []),
    '',
  ];
  if (report.review) lines.push(`### PCR review against \`${report.review.lockfile}\``, '', report.review.markdown);
  return `${lines.join('\n')}\n`;
}

function reproducibility(value: boolean | undefined): string {
  if (value === undefined) return 'not checked (set reproducibility-check: true)';
  return value ? 'a second build from scratch gave an identical EIF.' : 'the second build differs.';
}

/** Appends the summary to the job's summary file. */
export async function writeSummary(report: BuildReport): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) return; // not on a runner (e.g. a local run)
  await core.summary.addRaw(renderSummary(report)).write();
}
