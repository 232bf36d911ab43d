import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TreeEntry } from '../../../src/image/types.js';
import { cmdEnvFiles } from '../../../src/ramdisk/cmd-env.js';
import { listCpio } from '../../../src/ramdisk/cpio-reader.js';
import {
  customerEntries,
  customerRamdisk,
  EXCLUDED_PATHS,
  HOSTS_CONTENT,
  linuxkitFiles,
  missingTouchedEntries,
  normaliseEntry,
} from '../../../src/ramdisk/customer.js';
import { collect, pcrOf, sha256, sha384 } from '../../helpers/bytes.js';
import { CASE_A_DIR, caseABusybox, caseAExpected, caseAExport, caseAListing, formatListed } from '../../helpers/linuxkit-case-a.js';

const FILES = { cmd: Buffer.from('/bin/sh\n'), env: Buffer.alloc(0) };

function entry(path: string, extra: Partial<TreeEntry> = {}): TreeEntry {
  const type = path.endsWith('/') ? 'dir' : 'file';
  return { path, type, mode: 0o700, uid: 1000, gid: 1001, mtime: 1600000000, size: 0, ...extra };
}

describe('customer ramdisk (linuxkit-case-a, hand-made export stream)', () => {
  it('matches the bytes linuxkit wrote: size, SHA-384, PCR2 and every listed entry', async () => {
    const expected = caseAExpected();
    const busybox = await caseABusybox();
    const files = cmdEnvFiles({ cmd: ['/bin/busybox', 'echo', 'hello'], env: ['PATH=/bin', 'HELLO=hello from a'] });
    expect(Buffer.from(files.cmd).equals(readFileSync(`${CASE_A_DIR}/cmd`))).toBe(true);
    expect(Buffer.from(files.env).equals(readFileSync(`${CASE_A_DIR}/env`))).toBe(true);
    const sized = customerRamdisk(() => caseAExport(busybox), files);
    expect(sized.size).toBe(expected.customer_ramdisk.size);
    const bytes = await collect(sized.stream());
    const listing = listCpio(bytes).entries.map((e, i) => formatListed(i, e));
    expect(listing).toEqual(caseAListing());
    expect(sha384(bytes)).toBe(expected.customer_ramdisk.sha384);
    expect(pcrOf(bytes)).toBe(expected.PCR2);
  });
});

describe('linuxkit normalisations', () => {
  it('drops .dockerenv, top-level Dockerfile, dev/console and etc/hostname only', () => {
    for (const path of ['.dockerenv', 'Dockerfile', 'dev/console', 'etc/hostname']) {
      expect(EXCLUDED_PATHS.has(path)).toBe(true);
      expect(normaliseEntry(entry(path))).toBeUndefined();
    }
    expect(normaliseEntry(entry('app/Dockerfile'))?.name).toBe('rootfs/app/Dockerfile');
    expect(normaliseEntry(entry('etc/hostname.d/'))?.name).toBe('rootfs/etc/hostname.d/');
  });

  it('replaces etc/hosts with the fixed 160-byte localhost file, 0755 root, linuxkit mtime', () => {
    expect(HOSTS_CONTENT.length).toBe(160);
    expect(sha256(HOSTS_CONTENT).slice(0, 16)).toBe('43037ff87af87fda'); // from customer.cpio.list.txt
    const hosts = normaliseEntry(entry('etc/hosts', { size: 3, open: undefined }));
    expect(hosts).toMatchObject({ name: 'rootfs/etc/hosts', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 1492533000, size: 160 });
  });

  it('makes etc/resolv.conf a 0755 symlink to /run/resolvconf/resolv.conf and etc/mtab a 0777 one to /proc/mounts', () => {
    expect(normaliseEntry(entry('etc/resolv.conf'))).toMatchObject({
      type: 'symlink', mode: 0o755, linkname: '/run/resolvconf/resolv.conf', mtime: 1492533000, uid: 0, gid: 0,
    });
    expect(normaliseEntry(entry('etc/mtab', { type: 'symlink', linkname: '/proc/mounts' }))).toMatchObject({
      type: 'symlink', mode: 0o777, linkname: '/proc/mounts', mtime: 1492533000,
    });
  });

  it('keeps mode and owner of touched directories but forces their mtime', () => {
    for (const path of ['dev/', 'dev/pts/', 'dev/shm/', 'etc/', 'proc/', 'sys/']) {
      expect(normaliseEntry(entry(path))).toMatchObject({ name: `rootfs/${path}`, mode: 0o700, uid: 1000, gid: 1001, mtime: 1492533000 });
    }
    expect(normaliseEntry(entry('usr/'))?.mtime).toBe(1600000000);
    expect(normaliseEntry(entry('etc/ssl/'))?.mtime).toBe(1600000000);
  });

  it('prefixes hard-link targets with rootfs/ so they resolve inside the archive', () => {
    const link = normaliseEntry(entry('usr/bin/sh', { type: 'hardlink', linkname: 'bin/busybox', mode: 0o644 }));
    expect(link).toMatchObject({ name: 'rootfs/usr/bin/sh', type: 'hardlink', linkname: 'rootfs/bin/busybox' });
  });

  it('truncates sub-second mtimes', () => {
    expect(normaliseEntry(entry('a', { mtime: 1600000000.75 }))?.mtime).toBe(1600000000);
  });

  it("adds touch entries the export lacked in linuxkit's order (its touch table's names sorted), and none when all are there", () => {
    const all = new Set(['dev/', 'dev/pts/', 'dev/shm/', 'etc/', 'etc/hosts', 'etc/mtab', 'etc/resolv.conf', 'proc/', 'sys/']);
    expect(missingTouchedEntries(all)).toEqual([]);
    const added = missingTouchedEntries(new Set(['dev/', 'etc/mtab']));
    expect(added.map((e) => e.name)).toEqual([
      'rootfs/dev/pts', 'rootfs/dev/shm', 'rootfs/etc', 'rootfs/etc/hosts', 'rootfs/etc/resolv.conf', 'rootfs/proc', 'rootfs/sys',
    ]);
  });

  it("writes linuxkit's touch-table headers when the image holds directories at etc/hosts, etc/mtab and etc/resolv.conf", async () => {
    // What docker export gives for such an image (checked against the engine in export-parity.itg.test.ts):
    // the directories stay, so linuxkit finds no etc/hosts, etc/mtab or etc/resolv.conf and adds its own.
    const exported: TreeEntry[] = [
      entry('dev/', { mode: 0o755 }), entry('dev/pts/'), entry('dev/shm/'), entry('etc/'), entry('etc/hosts/'),
      entry('etc/hosts/x', { size: 1, open: async function* () { yield Buffer.from('x'); } }),
      entry('etc/mtab/'), entry('etc/resolv.conf/'), entry('proc/'), entry('sys/'),
    ];
    const listed = listCpio(await collect(customerRamdisk(() => exported, FILES).stream())).entries;
    const tail = listed.slice(1 + exported.length, 1 + exported.length + 3);
    // linuxkit v1.5.2 moby/build/image.go `touch`: etc/hosts a 0644 regular file (filled with the
    // `replace` content, 160 bytes), etc/mtab a 0755 symlink to /proc/mounts, etc/resolv.conf a 0644
    // entry made the 27-byte symlink to /run/resolvconf/resolv.conf; root, mtime 1492533000.
    const root = { uid: 0, gid: 0, mtime: 1492533000, nlink: 1 };
    expect(tail).toEqual([
      expect.objectContaining({ name: 'rootfs/etc/hosts', mode: 0o100644, filesize: 160, ...root }),
      expect.objectContaining({ name: 'rootfs/etc/mtab', mode: 0o120755, filesize: 12, ...root }),
      expect.objectContaining({ name: 'rootfs/etc/resolv.conf', mode: 0o120644, filesize: 27, ...root }),
    ]);
    expect(listed[1 + exported.length + 3]?.name).toBe('rootfs');
  });

  it("appends linuxkit's files list: rootfs, six mount points, cmd, env", () => {
    const names = linuxkitFiles(FILES).map((e) => `${e.name}:${e.type}:${e.mode.toString(8)}`);
    expect(names).toEqual([
      'rootfs:dir:755', 'rootfs/dev:dir:755', 'rootfs/run:dir:755', 'rootfs/sys:dir:755', 'rootfs/var:dir:755',
      'rootfs/proc:dir:755', 'rootfs/tmp:dir:755', 'cmd:file:644', 'env:file:644',
    ]);
  });

  it('keeps the export walk order (depth-first, names byte-sorted per directory), never re-sorting', async () => {
    // Spec §4's example, in the order docker export streams it.
    const order = ['A', '_x', 'a/', 'a/b', 'a b', 'a-b', 'a.txt', 'a0'];
    const entries = [...customerEntries(order.map((p) => entry(p)), FILES)].map((e) => e.name);
    expect(entries.slice(1, 1 + order.length)).toEqual(order.map((p) => `rootfs/${p}`));
    const bytes = await collect(customerRamdisk(() => order.map((p) => entry(p)), FILES).stream());
    expect(listCpio(bytes).entries.slice(1, 1 + order.length).map((e) => e.name)).toEqual(order.map((p) => `rootfs/${p}`));
  });

  it('passes FIFOs, devices, setuid bits, UTF-8 and long names through unchanged', async () => {
    const long = `${'ü'.repeat(60)}/`;
    const tree: TreeEntry[] = [
      entry('dev/null', { type: 'char', mode: 0o666, devmajor: 1, devminor: 3 }),
      entry('run/p', { type: 'fifo', mode: 0o644 }),
      entry('usr/bin/su', { mode: 0o4755, size: 1, open: async function* () { yield Buffer.from('x'); } }),
      entry(long, { mode: 0o755 }),
    ];
    const listed = listCpio(await collect(customerRamdisk(() => tree, FILES).stream())).entries;
    expect(listed[1]).toMatchObject({ name: 'rootfs/dev/null', mode: 0o020666, rdevmajor: 1, rdevminor: 3 });
    expect(listed[2]).toMatchObject({ name: 'rootfs/run/p', mode: 0o010644 });
    expect(listed[3]).toMatchObject({ name: 'rootfs/usr/bin/su', mode: 0o104755 });
    expect(listed[4]?.name).toBe(`rootfs/${long}`);
  });
});
