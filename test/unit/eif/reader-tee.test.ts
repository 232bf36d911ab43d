// inspectEifFrom over a byte source other than a file (a download): every byte read is handed to the
// tee exactly once, at its offset, and stays valid until the tee's promise settles (the reader's
// buffers are not reused before), whether hashing runs here or on the worker threads.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { inspectEif, inspectEifFrom, writeEif, type ByteReader } from '../../../src/eif/index.js';
import { withTempDir } from './helpers.js';

/** Serves `bytes` in reads of at most `step` bytes (a network delivers what it has). */
function source(bytes: Buffer, step: number): ByteReader {
  let at = 0;
  return {
    read: async (buffer, offset, length) => {
      const n = Math.min(length, step, bytes.length - at);
      bytes.copy(buffer, offset, at, at + n);
      at += n;
      return { bytesRead: n };
    },
  };
}

describe('inspectEifFrom with a tee', () => {
  for (const parallel of [false, true]) {
    it(`hands every byte over once, at its offset, and keeps it valid until the tee is done (${parallel ? 'workers' : 'one thread'})`, async () => {
      await withTempDir(async (dir) => {
        const ramdisk = Buffer.alloc(9 * 1024 * 1024 + 3); // more than the workers' ring of slots
        for (let i = 0; i < ramdisk.length; i++) ramdisk[i] = (i * 7 + (i >> 10)) & 0xff;
        const path = join(dir, 'a.eif');
        await writeEif({ outputPath: path, arch: 'x86_64', kernel: Buffer.from('KERNEL'), cmdline: 'c', metadata: '{}', ramdisks: [Buffer.from('boot'), ramdisk] });
        const file = await readFile(path);
        const copy = Buffer.alloc(file.length, 0xee);
        const seen: [number, number][] = [];
        let turn = 0;
        const info = await inspectEifFrom(source(file, 777_777), file.length, 'download', {
          parallel, chunkSize: 1 << 20, fileDigests: ['sha256'],
          // Copied late: the first bytes only once the reader has read as far as it can without their
          // buffer (it stops for 50 ms), the others after a few ms. A buffer reused too early gives other bytes.
          tee: async (bytes, position) => {
            seen.push([position, bytes.byteLength]);
            if (turn++ > 0) {
              await sleep(turn % 3);
            } else {
              let calls;
              do {
                calls = seen.length;
                await sleep(50);
              } while (seen.length !== calls);
            }
            copy.set(bytes, position);
          },
        });
        expect(Buffer.compare(copy, file)).toBe(0);
        let next = 0;
        for (const [position, length] of seen) {
          expect(position).toBe(next);
          next += length;
        }
        expect(next).toBe(file.length);
        expect(info.sha256).toBe(createHash('sha256').update(file).digest('hex'));
        expect(info.sha384).toBeUndefined();
        expect(info.pcrs).toEqual((await inspectEif(path)).pcrs);
      });
    });
  }

  it('computes the SHA-384 too when asked, on the workers as on one thread', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'b.eif');
      await writeEif({ outputPath: path, arch: 'x86_64', kernel: Buffer.from('K'), cmdline: 'c', metadata: '{}', ramdisks: [Buffer.alloc(3 << 20, 1), Buffer.alloc(1 << 20, 2)] });
      const file = await readFile(path);
      const expected = { sha256: createHash('sha256').update(file).digest('hex'), sha384: createHash('sha384').update(file).digest('hex') };
      for (const parallel of [false, true]) {
        expect(await inspectEif(path, { parallel, chunkSize: 600_000 })).toMatchObject(expected);
      }
    });
  });
});
