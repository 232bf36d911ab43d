import { describe, expect, it } from 'vitest';
import { parseNitroCliMeasurements } from '../../../src/action/cross-check.js';
import type { BuildReport } from '../../../src/action/report.js';
import { renderSummary } from '../../../src/action/summary.js';
import { explainChanges, renderReviewMarkdown } from '../../../src/review/explain.js';

const pcrs = { PCR0: '0'.repeat(96), PCR1: '1'.repeat(96), PCR2: '2'.repeat(96) };
const report: BuildReport = {
  sourceDateEpoch: 1700000000, platform: 'linux/amd64', imageDigest: `sha256:${'9'.repeat(64)}`, baseImages: [`busybox@sha256:${'8'.repeat(64)}`],
  dstackUtil: { sha256: 'd'.repeat(64), size: 42, via: 'build context dstack-util' },
  enclave: { eifPath: 'out/app.eif', eifSha256: 'e'.repeat(64), eifSize: 1234, pcrs, osImageHash: `0x${'f'.repeat(64)}`, measurementsPath: 'm', manifestPath: 'n',
    measurements: {}, blobs: { init: 'a'.repeat(96) } },
  reproducible: true,
};

describe('renderSummary', () => {
  it('shows registers, OS_IMAGE_HASH, EIF, dstack-util, blobs, base images and reproducibility', () => {
    const text = renderSummary(report);
    for (const needle of [pcrs.PCR0, pcrs.PCR2, `0x${'f'.repeat(64)}`, '1234 bytes', 'e'.repeat(64), 'd'.repeat(64), `blob init sha384 | \`${'a'.repeat(96)}`,
      `busybox@sha256:${'8'.repeat(64)}`, 'identical EIF']) expect(text).toContain(needle);
    expect(text).not.toContain('PCR8');
  });

  it('names the blob set and the architecture', () => {
    const text = renderSummary({ ...report, enclave: { ...report.enclave, blobSet: 'aws-nitro-enclaves-cli@v1.5.0', arch: 'aarch64' } });
    expect(text).toContain('| blob set | `aws-nitro-enclaves-cli@v1.5.0` (aarch64) |');
    expect(renderSummary(report)).toContain('| blob set | not a known public set |');
  });

  it('adds the PCR review when there is one', () => {
    const review = explainChanges({ pcrs }, { pcrs: { ...pcrs, PCR2: '3'.repeat(96) } });
    const text = renderSummary({ ...report, review: { lockfile: 'x.lock.json', review, markdown: renderReviewMarkdown(review) } });
    expect(text).toContain('PCR review against `x.lock.json`');
    expect(text).toContain('**PCR2**');
  });
});

describe('parseNitroCliMeasurements', () => {
  it('reads the Measurements JSON among log lines', () => {
    const out = `Start building the Enclave Image...\n${JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...pcrs } }, null, 2)}\n`;
    expect(parseNitroCliMeasurements(out)).toEqual(pcrs);
  });

  it('fails when a register is missing', () => {
    expect(() => parseNitroCliMeasurements('{"Measurements": {"PCR0": "00"}}')).toThrow(/printed no PCR0/);
  });
});
