import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alignedBuffer, directFlag, misalignedBuffer } from '../../../src/io/direct-io.js';
import { SequentialWriter } from '../../../src/io/sequential-writer.js';
import { failEveryWrite } from '../../helpers/full-disk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seq-writer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('SequentialWriter', () => {
  // Block writers: direct, buffered, and direct refused (unaligned memory, EINVAL: the writer
  // reopens buffered and goes on, several writes being in flight when the kernel refuses them).
  const cases: Array<[string, { direct: boolean; misaligned?: boolean }, boolean]> = [
    ['direct', { direct: true }, directFlag() !== undefined],
    ['buffered', { direct: false }, false],
    ['direct refused', { direct: true, misaligned: true }, false],
  ];

  it('writes exactly the bytes appended, in odd-sized pieces (buffered), and patches', async () => {
    const data = randomBytes(11 * 1024 * 1024 + 4321);
    const path = join(dir, 'out.bin');
    const writer = await SequentialWriter.create(path, { mode: 0o640 });
    try {
      for (let at = 0, i = 0; at < data.length; i++) {
        const n = [1, 511, 4096, 1_000_003, 3 << 20][i % 5]!;
        await writer.append(data.subarray(at, at + n));
        at += n;
      }
      await writer.patch(data.subarray(0, 16), 0);
      await writer.finish();
      await writer.sync();
      expect(writer.direct).toBe(false);
      expect(writer.size).toBe(data.length);
    } finally {
      await writer.close();
    }
    expect(statSync(path).size).toBe(data.length);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(sha(readFileSync(path))).toBe(sha(data));
  });

  it.each(cases)('blocks: writes whole aligned blocks in flight together, then a short last one (%s)', async (_name, options, direct) => {
    const block = 1 << 20;
    const data = randomBytes(5 * block + 12_345);
    const path = join(dir, 'out.bin');
    const writer = await SequentialWriter.create(path, { direct: options.direct, blocks: true });
    // Aligned memory for each block, unless the case is about the kernel refusing unaligned memory.
    const memory = (n: number): Buffer => (options.misaligned ? misalignedBuffer(n) : alignedBuffer(n));
    try {
      expect(writer.takesBlocks).toBe(true);
      await expect(writer.append(Buffer.alloc(1))).rejects.toThrow(/whole blocks/);
      const writes: Array<Promise<void>> = [];
      for (let at = 0; at < data.length; at += block) {
        const piece = data.subarray(at, at + block);
        const buffer = memory(block);
        piece.copy(buffer);
        writes.push(writer.writeBlock(buffer, piece.length));
      }
      expect(() => writer.writeBlock(memory(block), block)).toThrow(/after a short one/);
      await Promise.all(writes);
      await writer.finish();
      expect(writer.direct).toBe(direct);
      expect(writer.size).toBe(data.length);
    } finally {
      await writer.close();
    }
    expect(statSync(path).size).toBe(data.length);
    expect(sha(readFileSync(path))).toBe(sha(data));
  });

  it('blocks: once a write has failed (a full disk), the next block is refused at once and finish fails', async () => {
    const path = join(dir, 'out.bin');
    const writer = await SequentialWriter.create(path, { direct: false, blocks: true });
    const full = await failEveryWrite(dir);
    try {
      const block = alignedBuffer(64 * 1024);
      await expect(writer.writeBlock(block, block.byteLength)).rejects.toThrow(/ENOSPC/);
      expect(() => writer.writeBlock(block, block.byteLength)).toThrow(/ENOSPC/);
      await expect(writer.finish()).rejects.toThrow(/ENOSPC/);
      expect(full.calls()).toBe(1);
    } finally {
      full.restore();
      await writer.close();
    }
  });

  it('refuses to overwrite an existing file', async () => {
    const path = join(dir, 'out.bin');
    await (await SequentialWriter.create(path)).close();
    await expect(SequentialWriter.create(path, { blocks: true })).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('NITRO_EIF_DIRECT_IO=0 turns direct I/O off', () => {
    const before = process.env['NITRO_EIF_DIRECT_IO'];
    process.env['NITRO_EIF_DIRECT_IO'] = '0';
    try {
      expect(directFlag()).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env['NITRO_EIF_DIRECT_IO'];
      else process.env['NITRO_EIF_DIRECT_IO'] = before;
    }
  });
});
