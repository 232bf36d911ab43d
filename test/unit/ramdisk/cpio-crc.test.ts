import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpioArchive, type CpioEntry } from '../../../src/ramdisk/cpio-writer.js';
import { customerRamdisk } from '../../../src/ramdisk/customer.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { collect } from '../../helpers/bytes.js';

const crcOf = (bytes: Uint8Array): number => zlib.crc32(bytes) >>> 0;

/** Streamed file data in uneven chunks, with (or without) its CRC declared. */
function streamed(name: string, data: Uint8Array, withCrc: boolean): CpioEntry {
  return {
    name, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: data.byteLength,
    data: async function* () {
      for (let at = 0; at < data.byteLength; at += 7) yield data.subarray(at, at + 7);
    },
    ...(withCrc ? { crc32: crcOf(data) } : {}),
  };
}

const entryArb = fc.tuple(fc.constantFrom('file', 'mem', 'dir', 'symlink', 'hardlink'), fc.uint8Array({ maxLength: 300 }), fc.nat(99));

describe('cpio archive CRC from metadata', () => {
  it('equals zlib.crc32 of the written archive', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { maxLength: 12 }), async (specs) => {
        const entries: CpioEntry[] = specs.map(([kind, data, n], i) => {
          const name = `e${i}-${'x'.repeat(n)}`;
          const base = { name, mode: 0o755, uid: n, gid: 1, mtime: n * 1000, size: 0 };
          if (kind === 'file') return streamed(name, data, true);
          if (kind === 'mem') return { ...base, type: 'file', size: data.byteLength, data };
          if (kind === 'dir') return { ...base, type: 'dir' };
          if (kind === 'symlink') return { ...base, type: 'symlink', linkname: `t${'y'.repeat(n)}` };
          return { ...base, type: 'hardlink', linkname: 'e0' };
        });
        const sized = cpioArchive(() => entries);
        expect(sized.crc32).toBe(crcOf(await collect(sized.stream())));
      }),
      { numRuns: 60 },
    );
  });

  it('is unknown when a streamed file carries no CRC', () => {
    const sized = cpioArchive(() => [streamed('a', Buffer.from('abc'), true), streamed('b', Buffer.from('def'), false)]);
    expect(sized.crc32).toBeUndefined();
  });

  it('passes TreeEntry.crc32 through the customer ramdisk', async () => {
    const data = Buffer.from('hello enclave\n');
    const tree: TreeEntry[] = [
      { path: 'app/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 5, size: 0 },
      { path: 'app/hi', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 5, size: data.length, crc32: crcOf(data), open: async function* () { yield data; } },
      { path: 'etc/hosts', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 5, size: 0, crc32: 0, open: async function* () {} },
    ];
    const files = { cmd: Buffer.from('/app/hi'), env: Buffer.from('') };
    const sized = customerRamdisk(() => tree, files);
    expect(sized.crc32).toBeDefined();
    expect(sized.crc32).toBe(crcOf(await collect(sized.stream())));
  });
});
