import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { inspectEif, writeEif, type ByteSource } from '../../../src/eif/index.js';
import { failEverySync, failEveryWrite } from '../../helpers/full-disk.js';
import { withTempDir } from './helpers.js';

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

/** `data` streamed in odd-sized chunks, declaring `crc32` (possibly a wrong one). */
function streamed(data: Buffer, crc32?: number): ByteSource {
  return {
    size: data.length,
    ...(crc32 !== undefined ? { crc32 } : {}),
    stream: async function* () {
      for (let at = 0; at < data.length; at += 1_000_003) yield data.subarray(at, at + 1_000_003);
    },
  };
}

const sha = (algorithm: string, bytes: Buffer): string => createHash(algorithm).update(bytes).digest('hex');

describe('writeEif single pass (every section CRC known)', () => {
  for (const parallel of [false, true]) {
    it(`hashes the whole file while writing, same bytes as the read-back path (parallel: ${parallel})`, async () => {
      await withTempDir(async (dir) => {
        const ramdisk = randomBytes(9 * 1024 * 1024 + 5);
        const base = { arch: 'x86_64' as const, kernel: randomBytes(70_001), cmdline: 'console=ttyS0', parallel };
        const before = readBacks.count;
        const one = await writeEif({ ...base, outputPath: join(dir, 'one.eif'), ramdisks: [Uint8Array.of(7, 7), streamed(ramdisk, zlib.crc32(ramdisk))] });
        expect(readBacks.count).toBe(before);
        const two = await writeEif({ ...base, outputPath: join(dir, 'two.eif'), ramdisks: [Uint8Array.of(7, 7), streamed(ramdisk)] });
        expect(readBacks.count).toBe(before + 1);

        const bytes = await readFile(join(dir, 'one.eif'));
        expect(bytes.equals(await readFile(join(dir, 'two.eif')))).toBe(true);
        expect(one.sha256).toBe(sha('sha256', bytes));
        expect(one.sha384).toBe(sha('sha384', bytes));
        expect(one.crc32).toBe(bytes.readUInt32BE(544).toString(16).padStart(8, '0'));
        const { path: _p, ...oneRest } = one;
        const { path: _q, ...twoRest } = two;
        expect(oneRest).toEqual(twoRest);
        const info = await inspectEif(join(dir, 'one.eif'));
        expect(info.crc.ok).toBe(true);
        expect(info.pcrs).toEqual(one.pcrs);
      });
    });

    it(`fails and leaves nothing when a source lies about its CRC (parallel: ${parallel})`, async () => {
      await withTempDir(async (dir) => {
        const ramdisk = randomBytes(3 * 1024 * 1024);
        const out = join(dir, 'bad.eif');
        const lying = streamed(ramdisk, (zlib.crc32(ramdisk) ^ 1) >>> 0);
        await expect(writeEif({ outputPath: out, arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'c', ramdisks: [lying], parallel }))
          .rejects.toThrow(/section data changed while being written \(CRC-32 [0-9a-f]{8}, planned [0-9a-f]{8}\); nothing written/);
        expect(await readdir(dir)).toEqual([]);
      });
    });
  }

  for (const parallel of [false, true]) {
    it(`writes the same bytes and PCRs without the file digests, one pass or read-back (parallel: ${parallel})`, async () => {
      await withTempDir(async (dir) => {
        const ramdisk = randomBytes(40 * 1024 * 1024 + 9);
        const base = { arch: 'x86_64' as const, kernel: randomBytes(70_001), cmdline: 'console=ttyS0', parallel };
        const full = await writeEif({ ...base, outputPath: join(dir, 'full.eif'), ramdisks: [Uint8Array.of(1), streamed(ramdisk, zlib.crc32(ramdisk))] });
        const before = readBacks.count;
        const onePass = await writeEif({ ...base, fileDigests: false, outputPath: join(dir, 'one.eif'), ramdisks: [Uint8Array.of(1), streamed(ramdisk, zlib.crc32(ramdisk))] });
        const readBack = await writeEif({ ...base, fileDigests: false, outputPath: join(dir, 'two.eif'), ramdisks: [Uint8Array.of(1), streamed(ramdisk)] });
        // The read-back path skips its read-back: nothing else needs it.
        expect(readBacks.count).toBe(before);
        const bytes = await readFile(join(dir, 'full.eif'));
        expect(full.sha384).toBe(sha('sha384', bytes));
        for (const [name, result] of [['one.eif', onePass], ['two.eif', readBack]] as const) {
          expect((await readFile(join(dir, name))).equals(bytes)).toBe(true);
          expect(result.sha256).toBeUndefined();
          expect(result.sha384).toBeUndefined();
          expect(result.pcrs).toEqual(full.pcrs);
          expect(result.crc32).toBe(full.crc32);
          expect(result.laterRamdisksSha384).toBe(sha('sha384', ramdisk));
        }
      });
    });
  }

  it('refuses a source that lies about its CRC without the file digests too', async () => {
    await withTempDir(async (dir) => {
      const ramdisk = randomBytes(3 * 1024 * 1024);
      const lying = streamed(ramdisk, (zlib.crc32(ramdisk) ^ 1) >>> 0);
      await expect(writeEif({ outputPath: join(dir, 'bad.eif'), arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'c', ramdisks: [lying], parallel: true, fileDigests: false }))
        .rejects.toThrow(/section data changed while being written/);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  // A full disk fails the first slot write, and the writer refuses the next slot: far fewer than
  // the 16 slot writes of 64 MiB through 4 MiB slots. A disk failing its flush fails the fsync.
  const diskFailures = [
    ['a full disk: stops at the first failed write', failEveryWrite, /full\.eif: cannot write: ENOSPC/, (calls: number) => calls < 8],
    ['a failed flush (fsync): names the output in one line', failEverySync, /^\S*full\.eif: cannot write: EIO: i\/o error, (data)?sync$/, (calls: number) => calls > 0],
  ] as const;
  it.each(diskFailures)('%s, and leaves nothing', async (_what, failEvery, message, callsOk) => {
    await withTempDir(async (dir) => {
      const ramdisk = randomBytes(64 * 1024 * 1024);
      const failing = await failEvery(dir);
      try {
        await expect(writeEif({ outputPath: join(dir, 'full.eif'), arch: 'x86_64', kernel: randomBytes(4096), cmdline: 'c', ramdisks: [Uint8Array.of(1), streamed(ramdisk, zlib.crc32(ramdisk) >>> 0)], parallel: true }))
          .rejects.toThrow(message);
      } finally {
        failing.restore();
      }
      expect(callsOk(failing.calls())).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it('writes a file past the background-flush interval (128 MiB) with the same digests as node:crypto computes on it', async () => {
    await withTempDir(async (dir) => {
      // Repeated random blocks: cheap to make, still no two chunks hash alike at their offsets.
      const block = randomBytes(1 << 20);
      const size = 136 * (1 << 20) + 3;
      const source: ByteSource = {
        size,
        crc32: (() => {
          let crc = 0;
          for (let at = 0; at < size; at += block.length) crc = zlib.crc32(block.subarray(0, Math.min(block.length, size - at)), crc);
          return crc >>> 0;
        })(),
        stream: async function* () {
          for (let at = 0; at < size; at += block.length) yield block.subarray(0, Math.min(block.length, size - at));
        },
      };
      const out = join(dir, 'big.eif');
      const written = await writeEif({ outputPath: out, arch: 'x86_64', kernel: randomBytes(4096), cmdline: 'c', ramdisks: [Uint8Array.of(1), source], parallel: true });
      const bytes = await readFile(out);
      expect(bytes.length).toBe(written.size);
      expect(written.sha256).toBe(sha('sha256', bytes));
      expect(written.sha384).toBe(sha('sha384', bytes));
      expect(written.crc32).toBe(bytes.readUInt32BE(544).toString(16).padStart(8, '0'));
      expect((await inspectEif(out)).crc.ok).toBe(true);
      // Written again through the page cache (direct I/O off): the same bytes.
      process.env['NITRO_EIF_DIRECT_IO'] = '0';
      try {
        const again = join(dir, 'buffered.eif');
        const second = await writeEif({ outputPath: again, arch: 'x86_64', kernel: bytes.subarray(548 + 12, 548 + 12 + 4096), cmdline: 'c', ramdisks: [Uint8Array.of(1), source], parallel: true });
        expect(second.sha384).toBe(written.sha384);
        expect(sha('sha384', await readFile(again))).toBe(written.sha384);
      } finally {
        delete process.env['NITRO_EIF_DIRECT_IO'];
      }
    });
  }, 60_000);
});
