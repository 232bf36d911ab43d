import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { bootstrapRamdisk } from '../../../src/ramdisk/bootstrap.js';
import { listCpio } from '../../../src/ramdisk/cpio-reader.js';
import { cpioArchive, cpioArchiveSize, writeCpio, type CpioEntry } from '../../../src/ramdisk/cpio-writer.js';
import { collect } from '../../helpers/bytes.js';

const HAVE_CPIO = existsSync('/usr/bin/cpio') || existsSync('/bin/cpio');

function file(name: string, data: string | Buffer, extra: Partial<CpioEntry> = {}): CpioEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { name, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 1, size: bytes.length, data: bytes, ...extra };
}

async function archive(entries: CpioEntry[]): Promise<Buffer> {
  const sized = cpioArchive(() => entries);
  const bytes = await collect(sized.stream());
  expect(bytes.length).toBe(sized.size);
  return bytes;
}

describe('newc writer (linuxkit)', () => {
  it('writes the bootstrap first header exactly as the spec shows', async () => {
    const blobs = { init: { size: 3, data: Buffer.from('abc') }, nsm: { size: 2, data: Buffer.from('xy') } };
    const bytes = await collect(bootstrapRamdisk(blobs).stream());
    const expected =
      '070701' +
      '000002d1 000041ed 00000000 00000000 00000002 58f63f08 00000000 00000003 00000001 00000000 00000000 00000004 00000000'.replace(/ /g, '') +
      'dev\0';
    expect(bytes.toString('latin1', 0, 114)).toBe(expected);
  });

  it('lays out the bootstrap ramdisk: dev, init, nsm.ko, trailer, 512-byte padding', async () => {
    const init = Buffer.alloc(1001, 7);
    const nsm = Buffer.alloc(203, 9);
    const sized = bootstrapRamdisk({ init: { size: init.length, data: init }, nsm: { size: nsm.length, data: () => chunks(nsm, 50) } });
    const bytes = await collect(sized.stream());
    expect(bytes.length).toBe(sized.size);
    expect(bytes.length % 512).toBe(0);
    const { entries } = listCpio(bytes);
    expect(entries.map((e) => [e.name, e.ino, e.mode.toString(8), e.nlink, e.mtime, e.filesize])).toEqual([
      ['dev', 721, '40755', 2, 1492533000, 0],
      ['init', 722, '100755', 1, 1492533000, 1001],
      ['nsm.ko', 723, '100755', 1, 1492533000, 203],
      ['TRAILER!!!', 724, '0', 1, 0, 0],
    ]);
    expect(entries[1]?.data.equals(init)).toBe(true);
    expect(entries[2]?.data.equals(nsm)).toBe(true);
    // Independent arithmetic: 120 (dev) + 124+1004 (init) + 124+204 (nsm.ko) + 124 (trailer) → 1700 → 2048.
    expect(bytes.length).toBe(2048);
    expect(entries.every((e) => e.devmajor === 3 && e.devminor === 1 && e.check === 0)).toBe(true);
  });

  it('pads names and data to 4 bytes counted from the start of the archive', async () => {
    const bytes = await archive([file('a', 'x'), file('bb', 'yyyyy'), file('ccc', '')]);
    const { entries } = listCpio(bytes);
    // 'a': 110+2 → 112, data 1 → 116; 'bb': 116+110+3=229 → 232, +5 → 237 → 240.
    expect(entries.map((e) => e.offset)).toEqual([0, 116, 240, 356]);
  });

  it('turns a hard link into a relative symlink keeping its own permission bits', async () => {
    const bytes = await archive([
      file('rootfs/bin/busybox', 'BB', { mode: 0o755 }),
      { name: 'rootfs/usr/bin/sh', type: 'hardlink', mode: 0o644, uid: 5, gid: 6, mtime: 9, size: 0, linkname: 'rootfs/bin/busybox' },
    ]);
    const link = listCpio(bytes).entries[1];
    expect(link?.mode).toBe(0o120644);
    expect(link?.data.toString()).toBe('../../bin/busybox');
    expect(link?.filesize).toBe('../../bin/busybox'.length);
    expect([link?.uid, link?.gid, link?.mtime, link?.nlink]).toEqual([5, 6, 9, 1]);
  });

  it('writes device numbers into rdev and keeps setuid/sticky bits', async () => {
    const bytes = await archive([
      { name: 'null', type: 'char', mode: 0o666, uid: 0, gid: 0, mtime: 0, size: 0, rdevmajor: 1, rdevminor: 3 },
      { name: 'tmp/', type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtime: 0, size: 0 },
      { name: 'su', type: 'file', mode: 0o4755, uid: 0, gid: 0, mtime: 0, size: 0, data: Buffer.alloc(0) },
      { name: 'p', type: 'fifo', mode: 0o600, uid: 0, gid: 0, mtime: 0, size: 0 },
    ]);
    const [dev, dir, su, fifo] = listCpio(bytes).entries;
    expect([dev?.mode, dev?.rdevmajor, dev?.rdevminor]).toEqual([0o020666, 1, 3]);
    expect([dir?.mode, dir?.nlink]).toEqual([0o041777, 2]);
    expect(su?.mode).toBe(0o104755);
    expect(fifo?.mode).toBe(0o010600);
  });

  it('refuses a file larger than 0xffffffff bytes before writing anything', () => {
    const huge: CpioEntry = { name: 'big', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 2 ** 32, data: () => never() };
    expect(() => cpioArchiveSize([huge])).toThrow(FormatError);
    expect(() => cpioArchiveSize([huge])).toThrow(/"big": size 4294967296 cannot be represented/);
    expect(() => cpioArchive(() => [huge])).toThrow(FormatError);
  });

  it('refuses an mtime or uid outside 32 bits and accepts 0xffffffff', () => {
    expect(() => cpioArchiveSize([file('a', '', { mtime: 2 ** 32 })])).toThrow(/mtime/);
    expect(() => cpioArchiveSize([file('a', '', { uid: -1 })])).toThrow(/uid/);
    expect(() => cpioArchiveSize([file('a', '', { mtime: 0xffffffff })])).not.toThrow();
  });

  it('fails when an entry streams more or fewer bytes than it declared', async () => {
    const longer: CpioEntry = { ...file('long', 'abc'), data: () => chunks(Buffer.from('abcd'), 1) };
    await expect(collect(writeCpio([longer]))).rejects.toThrow(/"long": data is longer than its declared size 3/);
    const shorter: CpioEntry = { ...file('short', 'abc'), data: () => chunks(Buffer.from('ab'), 1) };
    await expect(collect(writeCpio([shorter]))).rejects.toThrow(/"short": data is shorter than its declared size 3/);
  });

  it('plans exactly the number of bytes it writes (any names, sizes and types)', async () => {
    const entryArb = fc.record({
      name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\0')),
      size: fc.nat(70),
      type: fc.constantFrom('file', 'dir', 'symlink', 'hardlink' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entryArb, { maxLength: 8 }), async (specs) => {
        const entries: CpioEntry[] = specs.map((s) =>
          s.type === 'file'
            ? file(s.name, Buffer.alloc(s.size, 1))
            : { name: s.name, type: s.type, mode: 0o755, uid: 0, gid: 0, mtime: 0, size: 0, linkname: 'x'.repeat(s.size) },
        );
        const bytes = await collect(writeCpio(entries));
        expect(bytes.length).toBe(cpioArchiveSize(entries));
        expect(listCpio(bytes).entries.length).toBe(entries.length + 1);
      }),
      { numRuns: 60 },
    );
  });

  it.runIf(HAVE_CPIO)('is read back by GNU cpio (-t and -i)', async () => {
    const entries: CpioEntry[] = [
      { name: 'rootfs', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 1492533000, size: 0 },
      { name: 'rootfs/etc/', type: 'dir', mode: 0o750, uid: 0, gid: 0, mtime: 0, size: 0 },
      file('rootfs/etc/data', Buffer.alloc(5000, 0x41), { mode: 0o640 }),
      { name: 'rootfs/etc/link', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, size: 0, linkname: 'data' },
      { name: 'rootfs/hard', type: 'hardlink', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 0, linkname: 'rootfs/etc/data' },
      file('cmd', '/bin/sh\n'),
    ];
    const bytes = await archive(entries);
    const dir = mkdtempSync(join(tmpdir(), 'cpio-test-'));
    try {
      writeFileSync(join(dir, 'a.cpio'), bytes);
      const names = execFileSync('cpio', ['-t', '--quiet', '-F', join(dir, 'a.cpio')], { encoding: 'utf8' });
      expect(names.trim().split('\n')).toEqual(['rootfs', 'rootfs/etc/', 'rootfs/etc/data', 'rootfs/etc/link', 'rootfs/hard', 'cmd']);
      const out = join(dir, 'out');
      execFileSync('mkdir', [out]);
      execFileSync('cpio', ['-i', '--quiet', '-d', '--no-absolute-filenames', '-F', join(dir, 'a.cpio')], { cwd: out });
      expect(readFileSync(join(out, 'rootfs/etc/data')).equals(Buffer.alloc(5000, 0x41))).toBe(true);
      expect(statSync(join(out, 'rootfs/etc/data')).mode & 0o7777).toBe(0o640);
      expect(readlinkSync(join(out, 'rootfs/etc/link'))).toBe('data');
      expect(lstatSync(join(out, 'rootfs/hard')).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(out, 'rootfs/hard')).length).toBe(5000);
      expect(readFileSync(join(out, 'cmd'), 'utf8')).toBe('/bin/sh\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function* chunks(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

// eslint-disable-next-line require-yield
async function* never(): AsyncGenerator<Uint8Array> {
  throw new Error('data must not be read');
}
