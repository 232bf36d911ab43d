// Audit: ramdisks.md §1–§4 end to end: an OCI archive → image merge → customer ramdisk, read back
// with a newc parser written here from the spec (not the project's reader), and the cmd/env rules.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mergeFilesystem, openImage } from '../../../src/image/index.js';
import { bootstrapRamdisk } from '../../../src/ramdisk/bootstrap.js';
import { cmdEnvFiles } from '../../../src/ramdisk/cmd-env.js';
import { customerRamdisk } from '../../../src/ramdisk/customer.js';
import { buildOciArchive, type LayerEntry } from '../../helpers/oci-builder.js';
import { withTempDir } from '../../helpers/merge-image.js';

const LK = 1492533000;

interface Row { ino: number; mode: number; uid: number; gid: number; nlink: number; mtime: number; size: number;
  dev: [number, number]; rdev: [number, number]; check: number; name: string; data: Buffer; headerHex: string }

/** newc per spec §2: 110-byte header of 13 lowercase %08x fields, name NUL, pad 4 from archive start, data, pad 4. */
function parseNewc(archive: Buffer): { rows: Row[]; end: number } {
  const rows: Row[] = [];
  let at = 0;
  for (;;) {
    const headerHex = archive.subarray(at, at + 110).toString('latin1');
    expect(headerHex.slice(0, 6)).toBe('070701');
    expect(headerHex.slice(6)).toMatch(/^[0-9a-f]{104}$/);
    const f = (i: number): number => parseInt(headerHex.slice(6 + 8 * i, 14 + 8 * i), 16);
    const namesize = f(11);
    const name = archive.subarray(at + 110, at + 110 + namesize - 1).toString('utf8');
    expect(archive[at + 110 + namesize - 1]).toBe(0);
    let next = Math.ceil((at + 110 + namesize) / 4) * 4;
    expect(archive.subarray(at + 110 + namesize, next).every((b) => b === 0)).toBe(true);
    const size = f(6);
    const data = archive.subarray(next, next + size);
    const end = Math.ceil((next + size) / 4) * 4;
    expect(archive.subarray(next + size, end).every((b) => b === 0)).toBe(true);
    rows.push({ ino: f(0), mode: f(1), uid: f(2), gid: f(3), nlink: f(4), mtime: f(5), size, dev: [f(7), f(8)], rdev: [f(9), f(10)], check: f(12), name, data: Buffer.from(data), headerHex });
    next = end;
    at = next;
    if (name === 'TRAILER!!!') return { rows, end: at };
  }
}

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

const HOSTS = '127.0.0.1       localhost\n::1     localhost ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\n'
  + 'ff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n';

const LAYERS: LayerEntry[][] = [
  [
    { name: 'etc/', type: 'directory', mode: 0o700, uid: 5, gid: 6, mtime: 1000 },
    { name: 'etc/hosts', data: 'image hosts\n', mtime: 1000 },
    { name: 'etc/resolv.conf', data: 'nameserver 1.1.1.1\n', mtime: 1000 },
    { name: 'etc/hostname', data: 'box\n' },
    { name: 'usr/', type: 'directory', mtime: 1100 },
    { name: 'usr/bin/', type: 'directory', mtime: 1100 },
    { name: 'usr/bin/a', data: 'payload', mode: 0o644, uid: 7, gid: 8, mtime: 1600000000 },
    // A link header's attributes apply to the shared inode (containerd applier): keep them equal.
    { name: 'usr/bin/b', type: 'link', linkname: 'usr/bin/a', mode: 0o644, uid: 7, gid: 8, mtime: 1600000000 },
    { name: 'x/', type: 'directory', mtime: 1200 },
    { name: 'x/c', type: 'link', linkname: 'usr/bin/a', mode: 0o644, uid: 7, gid: 8, mtime: 1600000000 },
  ],
  [
    { name: 'A', data: '1', mtime: 1 }, { name: '_x', data: '2', mtime: 2 }, { name: 'a/', type: 'directory', mtime: 3 },
    { name: 'a/b', data: '3', mtime: 4 }, { name: 'a b', data: '4', mtime: 5 }, { name: 'a-b', data: '5', mtime: 6 },
    { name: 'a.txt', data: '6', mtime: 7 }, { name: 'a0', data: '7', mtime: 8 }, { name: 'Dockerfile', data: 'FROM x\n' },
    { name: 'boot/', type: 'directory', mtime: 9 }, { name: 'boot/kernel', data: 'k', mtime: 9 },
    { name: 'z/', type: 'directory', mtime: 10 },
    { name: 'z/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666, mtime: 10 },
    { name: 'z/pipe', type: 'fifo', mode: 0o600, mtime: 10 },
    { name: 'z/suid', data: 's', mode: 0o4755, mtime: 10 },
  ],
];

async function buildCustomer(dir: string): Promise<Buffer> {
  const dest = join(dir, 'image.tar');
  await buildOciArchive({ dest, format: 'oci-archive', layers: LAYERS, config: { Cmd: ['/bin/sh', '-c', 'echo hi'], Entrypoint: ['/ignored'], Env: ['A=1', 'B=two words'] } });
  const opened = await openImage({ ociArchive: dest });
  const fs = await mergeFilesystem(opened, { tempDir: dir });
  try {
    const sized = customerRamdisk(() => fs.entries(), cmdEnvFiles(opened.info));
    const bytes = await collect(sized.stream());
    expect(bytes.length).toBe(sized.size);
    return bytes;
  } finally {
    await fs.close();
  }
}

describe('audit: customer ramdisk from an image (spec §2, §4)', () => {
  it('has the spec entry order, init-layer normalisation, hard links, files list and cpio framing', async () => {
    await withTempDir(async (dir) => {
      const archive = await buildCustomer(dir);
      const { rows, end } = parseNewc(archive);
      expect(archive.length % 512).toBe(0);
      expect(archive.length - end).toBeLessThan(512);
      expect(archive.subarray(end).every((b) => b === 0)).toBe(true);
      expect(rows.map((r) => r.name)).toEqual([
        'rootfs',
        'rootfs/A', 'rootfs/_x', 'rootfs/a/', 'rootfs/a/b', 'rootfs/a b', 'rootfs/a-b', 'rootfs/a.txt', 'rootfs/a0',
        'rootfs/boot/', 'rootfs/boot/kernel',
        'rootfs/dev/', 'rootfs/dev/pts/', 'rootfs/dev/shm/',
        'rootfs/etc/', 'rootfs/etc/hosts', 'rootfs/etc/mtab', 'rootfs/etc/resolv.conf',
        'rootfs/proc/', 'rootfs/sys/',
        'rootfs/usr/', 'rootfs/usr/bin/', 'rootfs/usr/bin/a', 'rootfs/usr/bin/b', 'rootfs/x/', 'rootfs/x/c',
        'rootfs/z/', 'rootfs/z/null', 'rootfs/z/pipe', 'rootfs/z/suid',
        'rootfs', 'rootfs/dev', 'rootfs/run', 'rootfs/sys', 'rootfs/var', 'rootfs/proc', 'rootfs/tmp', 'cmd', 'env',
        'TRAILER!!!',
      ]);
      rows.forEach((r, i) => {
        expect(r.ino).toBe(721 + i);
        expect(r.dev).toEqual([3, 1]);
        expect(r.check).toBe(0);
        expect(r.nlink).toBe((r.mode & 0o170000) === 0o040000 ? 2 : 1);
      });
      const by = (name: string): Row => rows.find((r) => r.name === name)!;
      // etc/hosts: regular 0755 root, linuxkit mtime, exactly 160 bytes.
      expect(by('rootfs/etc/hosts')).toMatchObject({ mode: 0o100755, uid: 0, gid: 0, mtime: LK, size: 160 });
      expect(by('rootfs/etc/hosts').data.toString('latin1')).toBe(HOSTS);
      expect(by('rootfs/etc/resolv.conf')).toMatchObject({ mode: 0o120755, uid: 0, gid: 0, mtime: LK });
      expect(by('rootfs/etc/resolv.conf').data.toString()).toBe('/run/resolvconf/resolv.conf');
      expect(by('rootfs/etc/mtab')).toMatchObject({ mode: 0o120777, mtime: LK });
      expect(by('rootfs/etc/mtab').data.toString()).toBe('/proc/mounts');
      // Touched directories: only the mtime is forced; the image's mode and owner stay.
      expect(by('rootfs/etc/')).toMatchObject({ mode: 0o040700, uid: 5, gid: 6, mtime: LK });
      for (const d of ['rootfs/dev/', 'rootfs/dev/pts/', 'rootfs/dev/shm/', 'rootfs/proc/', 'rootfs/sys/']) {
        expect(by(d)).toMatchObject({ mode: 0o040755, uid: 0, gid: 0, mtime: LK });
      }
      // Hard links: relative symlinks keeping the group's permission bits; the first name holds the data.
      expect(by('rootfs/usr/bin/a')).toMatchObject({ mode: 0o100644, uid: 7, gid: 8, mtime: 1600000000, size: 7 });
      expect(by('rootfs/usr/bin/b')).toMatchObject({ mode: 0o120644 });
      expect(by('rootfs/usr/bin/b').data.toString()).toBe('a');
      expect(by('rootfs/x/c')).toMatchObject({ mode: 0o120644 });
      expect(by('rootfs/x/c').data.toString()).toBe('../usr/bin/a');
      // Devices keep rdev, fifos and setuid bits pass through (§2, §4).
      expect(by('rootfs/z/null')).toMatchObject({ mode: 0o020666, rdev: [1, 3], size: 0 });
      expect(by('rootfs/z/pipe')).toMatchObject({ mode: 0o010600, rdev: [0, 0] });
      expect(by('rootfs/z/suid')).toMatchObject({ mode: 0o104755 });
      // Other image entries keep their own mtime.
      expect(by('rootfs/usr/')).toMatchObject({ mtime: 1100 });
      // linuxkit's generated entries.
      for (const name of ['rootfs', 'rootfs/dev', 'rootfs/run', 'rootfs/sys', 'rootfs/var', 'rootfs/proc', 'rootfs/tmp']) {
        expect(rows.filter((r) => r.name === name).at(-1)).toMatchObject({ mode: 0o040755, uid: 0, gid: 0, mtime: LK });
      }
      expect(by('cmd')).toMatchObject({ mode: 0o100644, uid: 0, gid: 0, mtime: LK });
      expect(by('cmd').data.toString()).toBe('/bin/sh\n-c\necho hi\n');
      expect(by('env').data.toString()).toBe('A=1\nB=two words\n');
      expect(by('TRAILER!!!')).toMatchObject({ mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, size: 0 });
    });
  });
});

describe('audit: bootstrap ramdisk (spec §3)', () => {
  it('starts with the spec header and holds dev, init, nsm.ko (0755, root, linuxkit mtime)', async () => {
    const init = Buffer.from('INIT-BLOB');
    const nsm = Buffer.from('NSM');
    const bytes = await collect(bootstrapRamdisk({ init: { size: init.length, data: init }, nsm: { size: nsm.length, data: nsm } }).stream());
    const specHeader = '070701 000002d1 000041ed 00000000 00000000 00000002 58f63f08 00000000 00000003 00000001 00000000 00000000 00000004 00000000';
    expect(bytes.subarray(0, 114).toString('latin1')).toBe(`${specHeader.replace(/ /g, '')}dev\0`);
    const { rows } = parseNewc(bytes);
    expect(rows.map((r) => [r.name, r.mode])).toEqual([['dev', 0o040755], ['init', 0o100755], ['nsm.ko', 0o100755], ['TRAILER!!!', 0]]);
    expect(rows[1]!.data.equals(init)).toBe(true);
    expect(bytes.length % 512).toBe(0);
  });
});

describe('audit: cmd and env files (spec §1)', () => {
  it('Cmd wins and Entrypoint is ignored; without Cmd, Entrypoint; never concatenated', () => {
    expect(Buffer.from(cmdEnvFiles({ cmd: ['a', 'b'], entrypoint: ['e'] }).cmd).toString()).toBe('a\nb\n');
    expect(Buffer.from(cmdEnvFiles({ entrypoint: ['/app/run.sh'] }).cmd).toString()).toBe('/app/run.sh\n');
  });

  it('an empty array gives an empty file; missing Env gives an empty env file', () => {
    const files = cmdEnvFiles({ cmd: [], entrypoint: ['e'] });
    expect(files.cmd.byteLength).toBe(0);
    expect(files.env.byteLength).toBe(0);
  });

  it('refuses an element containing a newline, in Cmd, Entrypoint or Env', () => {
    expect(() => cmdEnvFiles({ cmd: ['a\nb'] })).toThrow(/newline/);
    expect(() => cmdEnvFiles({ entrypoint: ['a\nb'] })).toThrow(/newline/);
    expect(() => cmdEnvFiles({ cmd: ['a'], env: ['X=1\n2'] })).toThrow(/newline/);
  });
});
