import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { Spool, type SpoolOptions } from '../../../src/image/spool.js';
import { directFlag } from '../../../src/io/direct-io.js';
import { failEveryWrite } from '../../helpers/full-disk.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spool-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Yields `data` in pieces of the given sizes (cycled), as a tar entry body would. */
async function* pieces(data: Buffer, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = Math.min(sizes[i % sizes.length]!, data.length - at);
    yield data.subarray(at, at + n);
    at += n;
  }
}

/** Reads a range, keeping a copy of each chunk before asking for the next (the documented contract). */
async function readAll(spool: Spool, offset: number, size: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of spool.read(offset, size)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const SEGMENT = 1 << 20;

async function filled(files: Buffer[], options: SpoolOptions = {}): Promise<{ spool: Spool; placed: Array<{ offset: number; crc32: number }> }> {
  const spool = await Spool.create(dir, { segmentSize: SEGMENT, ...options });
  const placed = [];
  for (const data of files) placed.push(await spool.append(pieces(data, [1, 4095, 70_000, 1 << 20]), data.length));
  await spool.seal();
  return { spool, placed };
}

describe('Spool', () => {
  // Sizes around the 1 MiB test segments and the 4 MiB I/O buffers: empty, tiny, straddling, multi-segment.
  const sizes = [0, 1, 3, 4096, 700_000, SEGMENT - 1, SEGMENT + 1, 5 * SEGMENT + 12_345, 10, 9 << 20, 33];

  const modes: Array<[string, SpoolOptions, boolean]> = [
    ['direct I/O', {}, directFlag() !== undefined],
    ['buffered I/O', { direct: false }, false],
    // Unaligned buffers: the kernel refuses the first direct write, the spool carries on buffered.
    ['direct I/O refused', { alignedBuffers: false }, false],
  ];
  it.each(modes)('gives back every file byte for byte, in any order, with the CRC-32 zlib computes (%s)', async (_name, options, direct) => {
    const files = sizes.map((n) => randomBytes(n));
    const { spool, placed } = await filled(files, options);
    expect(spool.direct).toBe(direct);
    try {
      const order = files.map((_, i) => i).reverse();
      for (const i of [...order, 4, 0, 7]) {
        expect(sha(await readAll(spool, placed[i]!.offset, files[i]!.length))).toBe(sha(files[i]!));
        expect(placed[i]!.crc32).toBe(zlib.crc32(files[i]!) >>> 0);
      }
      expect(placed.map((p) => p.offset)).toEqual(files.map((_, i) => files.slice(0, i).reduce((n, f) => n + f.length, 0)));
    } finally {
      await spool.dispose();
    }
    expect(existsSync(spool.directory)).toBe(false);
  });

  it('says which temporary directory is full, in one line, when a write fails', async () => {
    const spool = await Spool.create(dir, { segmentSize: SEGMENT });
    const full = await failEveryWrite(dir);
    try {
      const data = randomBytes(5 << 20); // more than one 4 MiB block: a write happens while appending
      const failure = await spool.append(pieces(data, [1 << 20]), data.length).then(() => spool.seal()).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(UserError);
      expect(String((failure as Error).message)).toMatch(/^temporary directory .*nitro-eif-image-.*: cannot write the image's files: ENOSPC.*set TMPDIR/);
      expect((failure as Error).message).not.toContain('\n');
    } finally {
      full.restore();
      await spool.dispose();
    }
  });

  it('refuses a body that is shorter or longer than declared', async () => {
    const spool = await Spool.create(dir, { segmentSize: SEGMENT });
    try {
      await expect(spool.append(pieces(Buffer.alloc(10), [4]), 11)).rejects.toThrow('expected 11 bytes of file data, got 10');
      await expect(spool.append(pieces(Buffer.alloc(10), [4]), 9)).rejects.toThrow('expected 9 bytes');
    } finally {
      await spool.dispose();
    }
  });

  it('refuses reads before seal and outside what was written', async () => {
    const spool = await Spool.create(dir, { segmentSize: SEGMENT });
    try {
      await spool.append(pieces(randomBytes(100), [100]), 100);
      await expect(readAll(spool, 0, 100)).rejects.toThrow('spool read before seal');
      await spool.seal();
      await expect(readAll(spool, 50, 51)).rejects.toThrow('outside [0, 100)');
    } finally {
      await spool.dispose();
    }
  });

  it('with declared reads, deletes each segment once read and unread ones at once', async () => {
    // Six files of 1 MiB (one per segment); files 1 and 4 are "shadowed": never read.
    const files = Array.from({ length: 6 }, () => randomBytes(SEGMENT));
    const { spool, placed } = await filled(files);
    const segments = async (): Promise<string[]> => { await spool.deletions(); return readdirSync(spool.directory).sort(); };
    try {
      expect(await segments()).toHaveLength(6);
      const wanted = [0, 2, 3, 5, 3];
      spool.expectReads(wanted.map((i) => [placed[i]!.offset, SEGMENT] as const));
      expect(await segments()).toEqual(['segment-000000.data', 'segment-000002.data', 'segment-000003.data', 'segment-000005.data']);
      expect(sha(await readAll(spool, placed[3]!.offset, SEGMENT))).toBe(sha(files[3]!));
      expect(await segments()).toContain('segment-000003.data'); // declared twice, read once
      expect(sha(await readAll(spool, placed[0]!.offset, SEGMENT))).toBe(sha(files[0]!));
      expect(await segments()).not.toContain('segment-000000.data');
      expect(sha(await readAll(spool, placed[3]!.offset, SEGMENT))).toBe(sha(files[3]!));
      expect(await segments()).toEqual(['segment-000002.data', 'segment-000005.data']);
      await expect(readAll(spool, placed[0]!.offset + 4 * 1024 * 1024, 1)).rejects.toThrow();
      await expect(readAll(spool, placed[1]!.offset, 10)).rejects.toThrow(/segment 1 was released/);
    } finally {
      await spool.dispose();
    }
  });

  it.each(modes)('prefetches along the declared reads and serves them byte for byte (%s)', async (_name, options) => {
    // Small and large files, read in a shuffled (but declared) order, one of them twice.
    const files = Array.from({ length: 60 }, (_, i) => randomBytes(i % 7 === 0 ? 2 * SEGMENT + 1000 * i : 1 + 9000 * i));
    const { spool, placed } = await filled(files, options);
    try {
      const order = files.map((_, i) => (i * 37) % files.length);
      order.push(order[5]!);
      spool.expectReads(order.map((i) => [placed[i]!.offset, files[i]!.length] as const));
      for (const i of order) expect(sha(await readAll(spool, placed[i]!.offset, files[i]!.length))).toBe(sha(files[i]!));
      // Most refills came from the prefetch: the next window was known before it was needed.
      const { prefetched, waited } = spool.fills;
      expect(prefetched).toBeGreaterThan(3 * waited);
      await spool.deletions();
      expect(readdirSync(spool.directory)).toEqual([]);
    } finally {
      await spool.dispose();
    }
  });
  it.each(modes)('reads from disk only the bytes the declared reads need, through small holes (%s)', async (_name, options, direct) => {
    // 40 files of 60 000 bytes. First every other file (holes of 60 000 bytes, under the 128 KiB a
    // window reads through), then every fourth of the rest (holes of 180 000 bytes, over it).
    const files = Array.from({ length: 40 }, () => randomBytes(60_000));
    const { spool, placed } = await filled(files, options);
    try {
      const even = files.map((_, i) => i).filter((i) => i % 2 === 0);
      const sparse = files.map((_, i) => i).filter((i) => i % 8 === 1);
      const order = [...even, ...sparse];
      spool.expectReads(order.map((i) => [placed[i]!.offset, files[i]!.length] as const));
      const before = spool.fills;
      for (const i of order) expect(sha(await readAll(spool, placed[i]!.offset, files[i]!.length))).toBe(sha(files[i]!));
      const after = spool.fills;
      // The even files: one window per 2 MiB, holes read through (the 2.4 MB they span, not 20 windows).
      // The sparse ones: a window each, as long as the file (plus alignment), not a full buffer.
      const span = placed[38]!.offset + 60_000 - placed[0]!.offset;
      const slack = direct ? 2 * 4096 : 0;
      expect(after.prefetched + after.waited - before.prefetched - before.waited).toBeLessThanOrEqual(Math.ceil(span / (2 << 20)) + 2 + sparse.length);
      expect(after.bytes - before.bytes).toBeLessThanOrEqual(span + sparse.length * (60_000 + slack) + 2 * slack);
    } finally {
      await spool.dispose();
    }
  });

  it.each(modes)('keeps the prefetches in the order the reads need them when reads jump between regions (%s)', async (_name, options) => {
    // 60 files of 50 000 bytes fill the first three 1 MiB segments; the reads hop between them at
    // random, so the read buffer keeps leaving a region and coming back to it. A window the buffer
    // holds now but will have left when it is needed must still be fetched in its turn.
    const files = Array.from({ length: 60 }, () => randomBytes(50_000));
    const { spool, placed } = await filled(files, options);
    try {
      const regions = [0, 1, 2].map((r) => files.map((_, i) => i).filter((i) => Math.floor(placed[i]!.offset / SEGMENT) === r && Math.floor((placed[i]!.offset + 49_999) / SEGMENT) === r));
      const order: number[] = [];
      for (let seed = 7; regions.some((r) => r.length > 0); seed = (seed * 1103515245 + 12345) % 2 ** 31) {
        const region = regions.filter((r) => r.length > 0)[seed % regions.filter((r) => r.length > 0).length]!;
        order.push(region.shift()!);
      }
      spool.expectReads(order.map((i) => [placed[i]!.offset, files[i]!.length] as const));
      for (const i of order) expect(sha(await readAll(spool, placed[i]!.offset, files[i]!.length))).toBe(sha(files[i]!));
      // Only the first fill, before anything was declared to be in flight, was waited for.
      expect(spool.fills.waited).toBe(1);
      expect(spool.fills.prefetched).toBeGreaterThan(20);
    } finally {
      await spool.dispose();
    }
  });

  it.each(modes)('reads back regions filled side by side as one spool, each placed after the one before it (%s)', async (_name, options) => {
    const spool = await Spool.create(dir, { segmentSize: SEGMENT, ...options });
    try {
      const data = [[3, SEGMENT + 7, 0, 70_000], [2 * SEGMENT + 1, 5, 4096 * 3]].map((sizes) => sizes.map((n) => randomBytes(n)));
      const regions = [spool.region(), spool.region()];
      // Both fill at once, their chunks interleaved, as two layers expanded side by side.
      const placed = await Promise.all(regions.map(async (region, r) => {
        const out = [];
        for (const file of data[r]!) out.push(await region.append(pieces(file, [1000, 65_536]), file.length));
        await spool.finish(region);
        return out;
      }));
      expect(spool.place(regions[0]!)).toBe(0);
      // The first region ends at 1 MiB + 70 010 bytes: the second starts on the next segment.
      expect(spool.place(regions[1]!)).toBe(2 * SEGMENT);
      await spool.seal();
      const files = data.flatMap((files, r) => files.map((file, i) => ({ file, offset: r * 2 * SEGMENT + placed[r]![i]!.offset, crc32: placed[r]![i]!.crc32 })));
      // Before any read is declared, a read fills a window up to where its region's data ends.
      expect(sha(await readAll(spool, files[3]!.offset, files[3]!.file.length))).toBe(sha(files[3]!.file));
      const order = [4, 1, 6, 0, 3, 5, 2].map((i) => files[i]!);
      spool.expectReads(order.map((f) => [f.offset, f.file.length] as const));
      for (const f of order) {
        expect(sha(await readAll(spool, f.offset, f.file.length))).toBe(sha(f.file));
        expect(f.crc32).toBe(zlib.crc32(f.file) >>> 0);
      }
      await spool.deletions();
      expect(readdirSync(spool.directory)).toEqual([]); // every segment file read through was given back
    } finally {
      await spool.dispose();
    }
  });

  it('places a region only after the one before it is finished, and seals only with every region placed', async () => {
    const spool = await Spool.create(dir, { segmentSize: SEGMENT });
    try {
      const [first, second] = [spool.region(), spool.region()];
      expect(() => spool.region()).toThrow(/no write buffers left/);
      await second.append(pieces(randomBytes(10), [10]), 10);
      await spool.finish(second);
      expect(spool.place(first)).toBe(0);
      expect(() => spool.place(second)).toThrow(/before the one ahead of it is finished/);
      await expect(spool.seal()).rejects.toThrow(/not placed/);
      await expect(spool.append(pieces(randomBytes(1), [1]), 1)).rejects.toThrow(/appends after regions/);
    } finally {
      await spool.dispose();
    }
  });
});
