import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectEif, writeEif } from '../../../src/eif/index.js';
import { enc, TINY_EIF, withTempDir } from './helpers.js';

// Expected values: spec eif-format.md §5.
const SPEC = {
  size: 635,
  sha256: 'd22ca94de525fcff95db17d97ef2b8362b4bf059ebf9bc65b29e2adb59e22543',
  offsets: [548, 566, 591, 605, 620],
  sizes: [6, 13, 2, 3, 3],
  crc: 'd92e6bcb',
  PCR0: '4e0fe8a033babccd181a1ce2e0b592536ee0ff6cfcfa50d77f8888e2d99c1061d92bfe48659198333dc0cbaf3e82720a',
  PCR1: '6e37b98d2c46c98c1630f0bc35d86ee43577562c3f033e3659fc0a279d9c64dc1b16de25f838321106a94f057097e10e',
  PCR2: 'f3b9e4b60fc5388f37bc184a220c35daf39386a0c7f9ae4668c433efb337833dfbd0917d919504d3077c4f740b7e46ec',
};

describe('tiny.eif (spec §5)', () => {
  it('reads back with the spec PCRs, CRC, offsets and digests', async () => {
    const bytes = await readFile(TINY_EIF);
    const info = await inspectEif(TINY_EIF);
    expect(info.size).toBe(SPEC.size);
    expect(info.version).toBe(4);
    expect(info.arch).toBe('x86_64');
    expect(info.sections.map((s) => s.offset)).toEqual(SPEC.offsets);
    expect(info.sections.map((s) => s.size)).toEqual(SPEC.sizes);
    expect(info.sections.map((s) => s.type)).toEqual(['kernel', 'cmdline', 'metadata', 'ramdisk', 'ramdisk']);
    expect(info.crc).toEqual({ stored: SPEC.crc, computed: SPEC.crc, ok: true });
    expect(info.pcrs).toEqual({ PCR0: SPEC.PCR0, PCR1: SPEC.PCR1, PCR2: SPEC.PCR2 });
    expect(info.sha256).toBe(SPEC.sha256);
    expect(info.sha384).toBe(createHash('sha384').update(bytes).digest('hex'));
    expect(info.metadata).toEqual({});
    expect(info.cmdline).toBe('console=ttyS0');
    expect(info.signature).toBeUndefined();
  });

  it('is reproduced byte for byte by the writer from the same inputs', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'tiny.eif');
      const result = await writeEif({
        outputPath: out, arch: 'x86_64', kernel: enc('KERNEL'), cmdline: ' console=ttyS0\n',
        metadata: '{}', ramdisks: [enc('RD0'), enc('RD1')],
      });
      expect(Buffer.compare(await readFile(out), await readFile(TINY_EIF))).toBe(0);
      expect(result.pcrs).toEqual({ PCR0: SPEC.PCR0, PCR1: SPEC.PCR1, PCR2: SPEC.PCR2 });
      expect(result).toMatchObject({ size: SPEC.size, sha256: SPEC.sha256, crc32: SPEC.crc });
      expect(result.sections.map((s) => s.offset)).toEqual(SPEC.offsets);
    });
  });

  it('writes metadata `{}` by default', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'tiny.eif');
      await writeEif({ outputPath: out, arch: 'x86_64', kernel: enc('KERNEL'), cmdline: 'console=ttyS0', ramdisks: [enc('RD0'), enc('RD1')] });
      expect(createHash('sha256').update(await readFile(out)).digest('hex')).toBe(SPEC.sha256);
    });
  });
});
