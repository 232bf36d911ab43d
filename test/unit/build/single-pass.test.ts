import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildEnclave } from '../../../src/build/pipeline.js';
import { inspectEif } from '../../../src/eif/index.js';
import { CASE_A_ARCHIVE, caseAExpected } from '../../helpers/linuxkit-case-a.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

const readBacks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/eif/file-digest.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/eif/file-digest.js')>();
  return {
    ...original,
    digestFile: (...args: Parameters<typeof original.digestFile>) => {
      readBacks.count += 1;
      return original.digestFile(...args);
    },
  };
});

const work = mkdtempSync(join(tmpdir(), 'single-pass-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('buildEnclave writes the EIF in one pass', () => {
  it('knows every CRC up front (spooled file CRCs), so the file is never read back', async () => {
    const blobs = makeSyntheticBlobs('x86_64', mkdtempSync(join(work, 'blobs-')));
    const outputPath = join(work, 'out.eif');
    const result = await buildEnclave({ image: { ociArchive: CASE_A_ARCHIVE }, outputPath, blobsDir: blobs, sourceDateEpoch: 0, tempDir: work });
    expect(readBacks.count).toBe(0);
    const bytes = readFileSync(outputPath);
    expect(result.eif.sha384).toBe(createHash('sha384').update(bytes).digest('hex'));
    expect(result.eif.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await inspectEif(outputPath)).crc.ok).toBe(true);
    expect(result.eif.pcrs.PCR2).toBe(caseAExpected().PCR2);
  });
});
