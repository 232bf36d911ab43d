import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { inspectEif, writeEif } from '../../../src/eif/index.js';
import { enc, TINY_EIF, withTempDir } from './helpers.js';

// tiny.eif layout (spec §5): sections at 548/566/591/605/620, sizes 6/13/2/3/3, 635 bytes.
async function withMutated(mutate: (b: Buffer) => Buffer, check: (path: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const path = join(dir, 'bad.eif');
    await writeFile(path, mutate(Buffer.from(await readFile(TINY_EIF))));
    await check(path);
  });
}

async function expectFormatError(mutate: (b: Buffer) => Buffer, message: RegExp): Promise<void> {
  await withMutated(mutate, async (path) => {
    const error = await inspectEif(path).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(message);
  });
}

describe('the strict reader refuses malformed files cleanly', () => {
  it('refuses a file shorter than the header', () =>
    expectFormatError((b) => b.subarray(0, 100), /truncated: 100 bytes/));

  it('refuses a file truncated inside the sections', () =>
    expectFormatError((b) => b.subarray(0, 600), /truncated: section 2 header at offset 591/));

  it('refuses a truncated last section', () =>
    expectFormatError((b) => b.subarray(0, 634), /section 4 \(ramdisk\) at offset 620: section_size 3 runs past the end/));

  it('refuses a bad magic', () => expectFormatError((b) => { b[0] = 0x7f; return b; }, /bad magic at offset 0/));

  it('refuses unknown and invalid section types', async () => {
    await expectFormatError((b) => { b.writeUInt16BE(9, 548); return b; }, /section 0 at offset 548: unknown section_type 9/);
    await expectFormatError((b) => { b.writeUInt16BE(0, 605); return b; }, /section 3 at offset 605: unknown section_type 0/);
  });

  it('refuses flags that must be zero', async () => {
    await expectFormatError((b) => { b.writeUInt16BE(1, 566 + 2); return b; }, /section 1 \(cmdline\) at offset 566: flags 1 at offset 568 must be 0/);
    await expectFormatError((b) => { b.writeUInt16BE(2, 6); return b; }, /unknown header flags 0x2 at offset 6/);
  });

  it('refuses a section size past the end of the file', () =>
    expectFormatError((b) => { b.writeBigUInt64BE(1000n, 620 + 4); return b; }, /offset 620: section_size 1000 runs past the end of the file \(635 bytes\)/));

  it('refuses a header offset table that disagrees with the walk', () =>
    expectFormatError((b) => { b.writeBigUInt64BE(567n, 28 + 8); return b; }, /section_offsets\[1\] \(byte 36\) is 567 but section 1 starts at offset 566/));

  it('refuses a header size table that disagrees with the section header', () =>
    expectFormatError((b) => { b.writeBigUInt64BE(7n, 284); return b; }, /section_sizes\[0\] \(byte 284\) is 7 but the section at offset 548 holds 6 bytes/));

  it('refuses trailing garbage', () =>
    expectFormatError((b) => Buffer.concat([b, Buffer.from('junk')]), /4 bytes of trailing data at offset 635/));

  it('refuses more than 32 sections', () =>
    expectFormatError((b) => { b.writeUInt16BE(33, 26); return b; }, /num_sections 33 at offset 26 exceeds 32/));

  it('refuses a header that lists fewer sections than the file holds', () =>
    expectFormatError((b) => { b.writeUInt16BE(4, 26); return b; }, /unused section table slot 4/));

  it('refuses unsupported versions and sections newer than the version', async () => {
    await expectFormatError((b) => { b.writeUInt16BE(5, 4); return b; }, /unsupported EIF version 5 at offset 4/);
    await expectFormatError((b) => { b.writeUInt16BE(1, 4); return b; }, /unsupported EIF version 1/);
    await expectFormatError((b) => { b.writeUInt16BE(3, 4); return b; }, /metadata section is not allowed in EIF version 3/);
  });

  it('refuses metadata that is not JSON', () =>
    expectFormatError((b) => { b[603] = 0x5d; return b; }, /metadata section at offset 591 is not valid JSON/));

  it('refuses an in-memory section over the limit', async () => {
    await withMutated((b) => b, async (path) => {
      await expect(inspectEif(path, { maxInMemorySection: 8 })).rejects.toThrow(/cmdline section at offset 566 is 13 bytes, over the 8-byte limit/);
    });
  });

  it('reports a flipped data byte as a CRC mismatch, not an error', async () => {
    await withMutated((b) => { b.writeUInt8(b.readUInt8(632) ^ 0x01, 632); return b; }, async (path) => {
      const info = await inspectEif(path);
      expect(info.crc.ok).toBe(false);
      expect(info.crc.stored).toBe('d92e6bcb');
      expect(info.crc.computed).not.toBe('d92e6bcb');
    });
  });

  it('reports a missing file as a one-line user error', async () => {
    await expect(inspectEif('/nonexistent/x.eif')).rejects.toThrow(/^\/nonexistent\/x.eif: cannot read/);
  });
});

describe('older versions', () => {
  it.each([2, 3] as const)('reads version %i written without a metadata section', async (version) => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'old.eif');
      const written = await writeEif({ outputPath: path, arch: 'aarch64', version, kernel: enc('K'), cmdline: 'c', ramdisks: [enc('R0'), enc('R1'), enc('R2')] });
      const info = await inspectEif(path);
      expect(info.version).toBe(version);
      expect(info.arch).toBe('aarch64');
      expect(info.flags).toBe(1);
      expect(info.metadata).toBeUndefined();
      expect(info.sections.map((s) => s.type)).toEqual(['kernel', 'cmdline', 'ramdisk', 'ramdisk', 'ramdisk']);
      expect(info.pcrs).toEqual(written.pcrs);
      expect(info.crc.ok).toBe(true);
    });
  });

  it('copies tiny.eif unchanged through a read (sanity for the fixtures above)', async () => {
    await withTempDir(async (dir) => {
      await copyFile(TINY_EIF, join(dir, 't.eif'));
      expect((await inspectEif(join(dir, 't.eif'))).crc.ok).toBe(true);
    });
  });
});
