import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlatTar, flatImage, hashFlatLayer, writeFlatLayout, type FlatConfigFields } from '../../../src/image/flat-image.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { decodeName } from '../../../src/io/byte-names.js';
import { withTempDir } from '../../helpers/temp-dir.js';

// Oracles are independent readers: GNU tar (listing and extraction) and Python's tarfile, hashlib
// and os.listdir on bytes; digests are checked with sha256sum or node's crypto on the bytes read back.

const T = 1_600_000_000;
const BIG_ID = 3_000_000; // over 0o7777777: needs a PAX record
const FAR_MTIME = 10_000_000_000; // over 0o77777777777
const LONG_DIR = `long/${'a'.repeat(100)}/`; // 106 bytes
const LONG_NAME = `${LONG_DIR}${'b'.repeat(44)}`; // 150 bytes
const LONG_TARGET = `../${'t'.repeat(117)}`; // 120 bytes
const RAW_NAME = decodeName('d/\xff\xfe-raw'); // not UTF-8
const RAW_BYTES = Buffer.from('d/\xff\xfe-raw', 'latin1');
const MULTI = [Buffer.alloc(700, 'a'), Buffer.from('b'), Buffer.alloc(5000, 'c'), Buffer.alloc(300, 'd')];

type Extra = Partial<Omit<TreeEntry, 'path' | 'type'>>;
const base = { mode: 0o644, uid: 0, gid: 0, mtime: T, size: 0 };
const dir = (path: string, extra: Extra = {}): TreeEntry => ({ ...base, mode: 0o755, path, type: 'dir', ...extra });

/** A file whose data comes in `parts`, yielded from one reused buffer scribbled over after each yield. */
function file(path: string, parts: Buffer[] | string, extra: Extra = {}): TreeEntry {
  const chunks = typeof parts === 'string' ? [Buffer.from(parts)] : parts;
  const size = chunks.reduce((n, c) => n + c.length, 0);
  return {
    ...base, path, type: 'file', size, ...extra,
    open: async function* () {
      const scratch = Buffer.alloc(Math.max(1, ...chunks.map((c) => c.length)));
      for (const c of chunks) {
        c.copy(scratch);
        yield scratch.subarray(0, c.length);
        scratch.fill(0xee);
      }
    },
  };
}

function sampleEntries(): TreeEntry[] {
  return [
    dir('d/'),
    file('d/hello.txt', 'hello\n', { uid: 1000, gid: 1001, mtime: T + 1 }),
    file('d/multi.bin', MULTI, { mode: 0o600 }),
    file('d/suid', '#!/bin/sh\n', { mode: 0o4755 }),
    file('d/empty', ''),
    { ...base, path: 'd/link', type: 'symlink', mode: 0o777, linkname: LONG_TARGET },
    { ...base, path: 'd/hard', type: 'hardlink', linkname: 'd/hello.txt', uid: 1000, gid: 1001, mtime: T + 1 },
    { ...base, path: 'd/fifo', type: 'fifo', mode: 0o640 },
    file('d/bigid', 'x', { uid: BIG_ID, gid: BIG_ID + 1 }),
    file('d/future', 'later', { mtime: FAR_MTIME }),
    file(RAW_NAME, 'raw'),
    dir('long/'),
    dir(LONG_DIR, { mode: 0o750 }),
    file(LONG_NAME, 'long name'),
    dir('dev/'),
    { ...base, path: 'dev/null', type: 'char', mode: 0o666, devmajor: 1, devminor: 3 },
    { ...base, path: 'dev/null2', type: 'hardlink', mode: 0o666, linkname: 'dev/null', devmajor: 1, devminor: 3 },
    { ...base, path: 'dev/sda', type: 'block', mode: 0o660, gid: 6, devmajor: 8, devminor: 16 },
  ];
}

/** FlatTar's bytes for `entries` written to `path` (through a file descriptor, as a real sink would). */
async function writeTar(path: string, entries: TreeEntry[]): Promise<number> {
  const fd = openSync(path, 'wx');
  try {
    const tar = new FlatTar((chunk) => void writeSync(fd, chunk));
    for (const entry of entries) await tar.add(entry);
    return await tar.end();
  } finally {
    closeSync(fd);
  }
}

interface PyMember {
  name: string; type: string; mode: number; uid: number; gid: number; mtime: number; size: number;
  linkname: string; devmajor: number; devminor: number; pax: string[]; data: string | null;
}

const PY_LIST = `
import json, sys, tarfile
out = []
with tarfile.open(sys.argv[1], mode='r:', encoding='utf-8', errors='surrogateescape') as t:
    for m in t.getmembers():
        enc = lambda s: s.encode('utf-8', 'surrogateescape').hex()
        out.append({'name': enc(m.name), 'type': m.type.decode('latin1'), 'mode': m.mode, 'uid': m.uid, 'gid': m.gid,
                    'mtime': m.mtime, 'size': m.size, 'linkname': enc(m.linkname), 'devmajor': m.devmajor,
                    'devminor': m.devminor, 'pax': sorted(m.pax_headers),
                    'data': t.extractfile(m).read().hex() if m.isfile() else None})
print(json.dumps(out))
`;

/** Python tarfile's reading of an archive. */
function pyList(path: string): PyMember[] {
  return JSON.parse(execFileSync('python3', ['-c', PY_LIST, path], { encoding: 'utf8' })) as PyMember[];
}

/** GNU tar's verbose listing, one line per entry, spaces collapsed (exit 0 and nothing on stderr required). */
function gnuList(path: string): string[] {
  const done = spawnSync('tar', ['--list', '--verbose', '--full-time', '--numeric-owner', '-f', path], {
    encoding: 'latin1', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' },
  });
  expect({ status: done.status, stderr: done.stderr }).toEqual({ status: 0, stderr: '' });
  return done.stdout.trim().split('\n').map((line) => line.replace(/ +/g, ' '));
}

// Python's tarfile writing the same entries in plain ustar (empty owner names): its headers must be
// ours byte for byte. It pads the end to a 10240-byte record, so only our length is compared.
const PY_USTAR = `
import io, json, sys, tarfile
out = io.BytesIO()
with tarfile.open(fileobj=out, mode='w', format=tarfile.USTAR_FORMAT) as t:
    for e in json.loads(sys.argv[1]):
        i = tarfile.TarInfo(e['path'])
        i.type = e['type'].encode(); i.mode = e['mode']; i.uid = e['uid']; i.gid = e['gid']; i.mtime = e['mtime']
        i.uname = i.gname = ''; i.linkname = e.get('linkname', '')
        i.devmajor = e.get('devmajor', 0); i.devminor = e.get('devminor', 0)
        data = e.get('data', '').encode(); i.size = len(data)
        t.addfile(i, io.BytesIO(data))
sys.stdout.write(out.getvalue().hex())
`;

const utc = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');
const sha256sum = (path: string): string => `sha256:${execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]!}`;
const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('FlatTar', () => {
  it('writes an archive Python tarfile reads back entry for entry', async () => {
    await withTempDir(async (tmp) => {
      const entries = sampleEntries();
      const path = join(tmp, 'flat.tar');
      const total = await writeTar(path, entries);
      expect(total).toBe((await stat(path)).size);
      const members = pyList(path);
      expect(members.map((m) => m.name)).toEqual(entries.map((e) => (e.path === RAW_NAME ? RAW_BYTES.toString('hex') : hex(e.path.replace(/\/$/, '')))));
      const byName = new Map(members.map((m) => [m.name, m]));
      const get = (name: string): PyMember => byName.get(hex(name))!;
      const types: Record<TreeEntry['type'], string> = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6' };
      for (const [i, e] of entries.entries()) {
        const m = members[i]!;
        expect({ type: m.type, mode: m.mode, uid: m.uid, gid: m.gid, mtime: m.mtime }, e.path).toEqual({ type: types[e.type], mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime });
        if (e.type === 'file') {
          const expected = Buffer.concat(await collectOpen(e));
          expect(m.data, e.path).toBe(expected.toString('hex'));
          expect(m.size).toBe(e.size);
        }
      }
      expect(get('d/multi.bin').data).toBe(Buffer.concat(MULTI).toString('hex'));
      expect(get('d/suid').mode).toBe(0o4755);
      expect(get('d/link').linkname).toBe(hex(LONG_TARGET));
      expect(get('d/hard')).toMatchObject({ linkname: hex('d/hello.txt'), size: 0 });
      expect(get('dev/null')).toMatchObject({ devmajor: 1, devminor: 3 });
      expect(get('dev/null2')).toMatchObject({ type: '1', linkname: hex('dev/null'), devmajor: 1, devminor: 3 });
      expect(get('dev/sda')).toMatchObject({ devmajor: 8, devminor: 16 });
      expect(get('d/hello.txt')).toMatchObject({ devmajor: 0, devminor: 0 });
      // PAX records exactly where the ustar fields cannot hold the value.
      expect(get('d/bigid').pax).toEqual(['gid', 'uid']);
      expect(get('d/future').pax).toEqual(['mtime']);
      expect(get(LONG_NAME).pax).toEqual(['path']);
      expect(get(LONG_DIR.slice(0, -1)).pax).toEqual(['path']);
      expect(get('d/link').pax).toEqual(['linkpath']);
      expect(members.filter((m) => m.pax.length > 0).map((m) => m.name).sort()).toEqual(
        [hex('d/bigid'), hex('d/future'), hex(LONG_NAME), hex(LONG_DIR.slice(0, -1)), hex('d/link')].sort());
    });
  });

  it('is listed by GNU tar without complaint, owners and times included', async () => {
    await withTempDir(async (tmp) => {
      const path = join(tmp, 'flat.tar');
      await writeTar(path, sampleEntries());
      const lines = gnuList(path);
      expect(lines).toContain(`drwxr-xr-x 0/0 0 ${utc(T)} d/`);
      expect(lines).toContain(`-rw-r--r-- 1000/1001 6 ${utc(T + 1)} d/hello.txt`);
      expect(lines).toContain(`-rwsr-xr-x 0/0 10 ${utc(T)} d/suid`);
      expect(lines).toContain(`-rw-r--r-- ${BIG_ID}/${BIG_ID + 1} 1 ${utc(T)} d/bigid`);
      expect(lines).toContain(`lrwxrwxrwx 0/0 0 ${utc(T)} d/link -> ${LONG_TARGET}`);
      expect(lines).toContain(`hrw-r--r-- 1000/1001 0 ${utc(T + 1)} d/hard link to d/hello.txt`);
      expect(lines).toContain(`prw-r----- 0/0 0 ${utc(T)} d/fifo`);
      expect(lines).toContain(`drwxr-x--- 0/0 0 ${utc(T)} ${LONG_DIR}`);
      expect(lines).toContain(`-rw-r--r-- 0/0 9 ${utc(T)} ${LONG_NAME}`);
      expect(lines).toContain(`crw-rw-rw- 0/0 1,3 ${utc(T)} dev/null`);
      expect(lines).toContain(`brw-rw---- 0/6 8,16 ${utc(T)} dev/sda`);
      expect(lines).toHaveLength(sampleEntries().length);
    });
  });

  it('extracts with GNU tar to the same tree (names as bytes, links, modes, data)', async () => {
    await withTempDir(async (tmp) => {
      const path = join(tmp, 'flat.tar');
      await writeTar(path, sampleEntries());
      const root = join(tmp, 'root');
      await mkdir(root);
      // No device nodes: extraction of dev/ would need mknod.
      execFileSync('tar', ['--numeric-owner', '--same-permissions', '--exclude=dev', '-xf', path, '-C', root], { stdio: ['ignore', 'pipe', 'pipe'] });
      const listed = JSON.parse(execFileSync('python3', ['-c', 'import json, os, sys; print(json.dumps(sorted(n.hex() for n in os.listdir(os.fsencode(sys.argv[1])))))', join(root, 'd')], { encoding: 'utf8' })) as string[];
      const expected = ['hello.txt', 'multi.bin', 'suid', 'empty', 'link', 'hard', 'fifo', 'bigid', 'future'].map((n) => hex(n));
      expect(listed).toEqual([...expected, Buffer.from('\xff\xfe-raw', 'latin1').toString('hex')].sort());
      expect(await readFile(join(root, 'd/multi.bin'))).toEqual(Buffer.concat(MULTI));
      expect(await readFile(join(root, 'd/hello.txt'), 'utf8')).toBe('hello\n');
      expect(await readFile(join(root, LONG_NAME), 'utf8')).toBe('long name');
      expect(await readFile(join(root, 'd/empty'))).toHaveLength(0);
      expect(await readlink(join(root, 'd/link'))).toBe(LONG_TARGET);
      const hello = await lstat(join(root, 'd/hello.txt'));
      const hard = await lstat(join(root, 'd/hard'));
      expect(hard.ino).toBe(hello.ino);
      expect(hello.nlink).toBe(2);
      expect((await lstat(join(root, 'd/fifo'))).isFIFO()).toBe(true);
      expect((await lstat(join(root, 'd/multi.bin'))).mode & 0o7777).toBe(0o600);
      expect((await lstat(join(root, LONG_DIR))).mode & 0o7777).toBe(0o750);
      expect(Math.floor((await lstat(join(root, 'd/hello.txt'))).mtimeMs / 1000)).toBe(T + 1);
      if (process.getuid?.() === 0) {
        // Owners (and setuid with them) are only restored for root.
        expect((await lstat(join(root, 'd/suid'))).mode & 0o7777).toBe(0o4755);
        expect(hello).toMatchObject({ uid: 1000, gid: 1001 });
        expect(await lstat(join(root, 'd/bigid'))).toMatchObject({ uid: BIG_ID, gid: BIG_ID + 1 });
      }
    });
  });

  it('writes ustar headers byte for byte as Python tarfile does', async () => {
    await withTempDir(async (tmp) => {
      const entries: Array<TreeEntry & { data?: string }> = [
        dir('etc/', { mtime: T, uid: 5, gid: 6 }),
        { ...file('etc/hosts', 'localhost\n', { mode: 0o4640, uid: 0o7777777, gid: 12 }), data: 'localhost\n' },
        { ...file('etc/exact', 'e'.repeat(512), { mtime: 0o77777777777 }), data: 'e'.repeat(512) },
        { ...base, path: 'etc/sh', type: 'symlink', mode: 0o777, linkname: '/bin/busybox' },
        { ...base, path: 'etc/h2', type: 'hardlink', linkname: 'etc/hosts' },
        { ...base, path: 'etc/p', type: 'fifo', mode: 0o600 },
        { ...base, path: 'dev/tty', type: 'char', mode: 0o620, devmajor: 5, devminor: 0 },
        { ...base, path: 'dev/loop0', type: 'block', mode: 0o660, devmajor: 0o7777777, devminor: 7 },
        { ...base, path: 'n'.repeat(100), type: 'file', size: 0 },
        { ...base, path: 'etc/l100', type: 'symlink', mode: 0o777, linkname: 'l'.repeat(100) },
      ];
      const types: Record<TreeEntry['type'], string> = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6' };
      const spec = entries.map((e) => ({ path: e.path, type: types[e.type], mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime,
        ...(e.linkname ? { linkname: e.linkname } : {}), ...(e.data ? { data: e.data } : {}), devmajor: e.devmajor ?? 0, devminor: e.devminor ?? 0 }));
      const python = Buffer.from(execFileSync('python3', ['-c', PY_USTAR, JSON.stringify(spec)], { encoding: 'utf8' }), 'hex');
      const path = join(tmp, 'ustar.tar');
      const total = await writeTar(path, entries);
      const ours = await readFile(path);
      // Python leaves devmajor/devminor empty (NUL) off devices where Go's archive/tar, which
      // writes docker's layers, and we put octal zeros; so those fields and the checksum they
      // change are compared apart for such headers (both readers above check our checksums).
      let at = 0;
      for (const e of entries) {
        const [a, b] = [ours.subarray(at, at + 512), python.subarray(at, at + 512)];
        if (e.type === 'char' || e.type === 'block') {
          expect(a.toString('hex'), e.path).toBe(b.toString('hex'));
        } else {
          const masked = (h: Buffer): string => Buffer.concat([h.subarray(0, 148), h.subarray(156, 329), h.subarray(345)]).toString('hex');
          expect(masked(a), e.path).toBe(masked(b));
          expect(a.subarray(329, 345).toString('latin1'), e.path).toBe('0000000\x000000000\x00');
          expect(b.subarray(329, 345).every((x) => x === 0)).toBe(true);
        }
        const dataEnd = at + 512 + Math.ceil(e.size / 512) * 512;
        expect(ours.subarray(at + 512, dataEnd)).toEqual(python.subarray(at + 512, dataEnd));
        at = dataEnd;
      }
      expect(total).toBe(at + 1024);
      expect(ours.subarray(at).every((x) => x === 0)).toBe(true);
    });
  });

  it('puts the first 100 bytes of a long name in the ustar field, cut at a byte, after a PAX header', async () => {
    await withTempDir(async (tmp) => {
      // 'é' is two bytes: byte 100 falls inside one. Records are 3 digits + ' path=' etc.: 10 and 14 bytes more than the value.
      const name = `x/${'é'.repeat(60)}`;
      const target = decodeName(`\xff${'y'.repeat(98)}\xc3\xa9zz`);
      const path = join(tmp, 'cut.tar');
      await writeTar(path, [{ ...base, path: name, type: 'symlink', mode: 0o777, linkname: target }]);
      const bytes = await readFile(path);
      const nameBytes = Buffer.from(name, 'utf8');
      const targetBytes = Buffer.from(`\xff${'y'.repeat(98)}\xc3\xa9zz`, 'latin1');
      const pax = bytes.subarray(0, 512);
      expect(pax.subarray(0, 100).toString('latin1').replace(/\0+$/, '')).toBe('PaxHeader');
      expect(String.fromCharCode(pax[156]!)).toBe('x');
      expect(pax.subarray(100, 108).toString('latin1')).toBe('0000644\0');
      const records = Buffer.concat([Buffer.from(`${nameBytes.length + 10} path=`), nameBytes, Buffer.from('\n'), Buffer.from(`${targetBytes.length + 14} linkpath=`), targetBytes, Buffer.from('\n')]);
      expect(bytes.subarray(512, 512 + records.length)).toEqual(records);
      const header = bytes.subarray(1024, 1536);
      expect(header.subarray(0, 100)).toEqual(nameBytes.subarray(0, 100));
      expect(header.subarray(157, 257)).toEqual(targetBytes.subarray(0, 100));
      expect(bytes).toHaveLength(1536 + 1024);
      const [m] = pyList(path);
      expect({ name: m!.name, linkname: m!.linkname }).toEqual({ name: nameBytes.toString('hex'), linkname: targetBytes.toString('hex') });
    });
  });

  it('gets PAX record lengths right across a digit boundary', async () => {
    await withTempDir(async (tmp) => {
      // "<len> path=<name>\n" is 990 + 7 + digits bytes: 989 → 999, 990 → 1001 (not 1000), 991 → 1002.
      const names = [989, 990, 991, 994, 995, 996].map((n) => longName(n));
      const path = join(tmp, 'pax.tar');
      await writeTar(path, names.map((n) => file(n, 'x')));
      expect(pyList(path).map((m) => m.name)).toEqual(names.map(hex));
      expect(gnuList(path).map((line) => line.split(' ').at(-1))).toEqual(names);
    });
  });

  it('writes PAX records larger than its header batch', async () => {
    await withTempDir(async (tmp) => {
      const names = [longName(70_000), 'after'];
      const path = join(tmp, 'huge.tar');
      await writeTar(path, names.map((n) => file(n, n.slice(0, 3))));
      const members = pyList(path);
      expect(members.map((m) => m.name)).toEqual(names.map(hex));
      expect(members.map((m) => m.data)).toEqual(names.map((n) => hex(n.slice(0, 3))));
      expect(gnuList(path)).toHaveLength(2);
    });
  });

  it('writes only the two zero blocks for no entries', async () => {
    expect(await hashFlatLayer([])).toEqual({ diffId: sha256(Buffer.alloc(1024)), size: 1024 });
  });

  it('writes exactly the blocks needed: headers, padded data, two zero blocks', async () => {
    await withTempDir(async (tmp) => {
      const path = join(tmp, 'one.tar');
      const total = await writeTar(path, [file('a', 'abcde')]);
      const bytes = await readFile(path);
      expect(total).toBe(512 + 512 + 1024);
      expect(bytes).toHaveLength(2048);
      expect(bytes.subarray(512, 517).toString()).toBe('abcde');
      expect(bytes.subarray(517).every((b) => b === 0)).toBe(true);
      expect(gnuList(path)).toEqual([`-rw-r--r-- 0/0 5 ${utc(T)} a`]);
    });
  });

  it('refuses file data shorter or longer than the size, naming the path', async () => {
    const short = { ...file('d/short', 'abc'), size: 4 };
    const long = { ...file('d/long', 'abcde'), size: 4 };
    await expect(new FlatTar(() => undefined).add(short)).rejects.toThrow(/d\/short/);
    await expect(new FlatTar(() => undefined).add(long)).rejects.toThrow(/d\/long/);
    await expect(new FlatTar(() => undefined).add({ ...base, path: 'd/nodata', type: 'file', size: 1 })).rejects.toThrow(/d\/nodata/);
  });

  it('refuses device numbers that do not fit', async () => {
    await expect(new FlatTar(() => undefined).add({ ...base, path: 'dev/x', type: 'char', devmajor: 0o10000000, devminor: 0 })).rejects.toThrow(/dev\/x/);
  });

  it('awaits a sink that returns a promise before writing on', async () => {
    const order: string[] = [];
    let inFlight = false;
    const tar = new FlatTar(async (chunk) => {
      expect(inFlight).toBe(false);
      inFlight = true;
      order.push(String(chunk.length));
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight = false;
    });
    await tar.add(file('f', MULTI));
    await tar.end();
    expect(order.length).toBeGreaterThan(MULTI.length);
  });
});

describe('hashFlatLayer', () => {
  it('is the SHA-256 and size of what FlatTar writes (sha256sum of the file)', async () => {
    await withTempDir(async (tmp) => {
      const path = join(tmp, 'flat.tar');
      await writeTar(path, sampleEntries());
      const layer = await hashFlatLayer(sampleEntries());
      expect(layer).toEqual({ diffId: sha256sum(path), size: (await stat(path)).size });
      // An async iterable gives the same.
      async function* each(): AsyncIterable<TreeEntry> { yield* sampleEntries(); }
      expect(await hashFlatLayer(each())).toEqual(layer);
    });
  });

  it('depends only on the entries: same entries, same digest; one mtime changed, another', async () => {
    const a = await hashFlatLayer(sampleEntries());
    const b = await hashFlatLayer(sampleEntries());
    expect(b).toEqual(a);
    const changed = sampleEntries().map((e) => (e.path === 'd/fifo' ? { ...e, mtime: e.mtime + 1 } : e));
    const c = await hashFlatLayer(changed);
    expect(c.diffId).not.toBe(a.diffId);
    expect(c.size).toBe(a.size);
  });

  it('handles many entries (headers batched across sink calls)', async () => {
    await withTempDir(async (tmp) => {
      const entries = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? file(`f${i}`, 'x'.repeat(i)) : dir(`d${i}/`)));
      const path = join(tmp, 'many.tar');
      await writeTar(path, entries);
      expect(await hashFlatLayer(entries)).toEqual({ diffId: sha256sum(path), size: (await stat(path)).size });
      const members = pyList(path);
      expect(members.map((m) => m.name)).toEqual(entries.map((e) => hex(e.path.replace(/\/$/, ''))));
      expect(members[300]!.data).toBe(hex('x'.repeat(300)));
    });
  });
});

const LAYER = { diffId: `sha256:${'ab'.repeat(32)}`, size: 3072 };

describe('flatImage', () => {
  it('writes the config and manifest in the fixed key order, compactly', () => {
    const fields: FlatConfigFields = { platform: 'linux/arm64/v8', cmd: ['serve', '--port', '80'], entrypoint: ['/bin/app'], env: ['PATH=/usr/bin', 'A=1'], workingDir: '/srv', user: '1000:1000' };
    const image = flatImage(fields, LAYER, 1_700_000_000);
    const expectedConfig = {
      architecture: 'arm64',
      config: { User: '1000:1000', Env: ['PATH=/usr/bin', 'A=1'], Entrypoint: ['/bin/app'], Cmd: ['serve', '--port', '80'], WorkingDir: '/srv' },
      created: '2023-11-14T22:13:20Z',
      history: [{ created: '2023-11-14T22:13:20Z', created_by: 'nitro-eif-build: flattened root filesystem' }],
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [LAYER.diffId] },
      variant: 'v8',
    };
    expect(JSON.parse(image.config.toString())).toEqual(expectedConfig);
    // Key order and compactness: the bytes are those of the literal, stringified.
    expect(image.config.toString()).toBe(JSON.stringify(expectedConfig));
    expect(image.configDigest).toBe(sha256(image.config));
    const expectedManifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(image.config), size: image.config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: LAYER.diffId, size: 3072 }],
    };
    expect(image.manifest.toString()).toBe(JSON.stringify(expectedManifest));
    expect(image.manifestDigest).toBe(sha256(image.manifest));
    expect(image.layer).toEqual(LAYER);
  });

  it('drops empty arrays and strings, and has a variant only when given', () => {
    const image = flatImage({ platform: 'linux/amd64', cmd: [], env: [], entrypoint: [], workingDir: '', user: '' }, LAYER, 0);
    const config = JSON.parse(image.config.toString()) as Record<string, unknown>;
    expect(config.config).toEqual({});
    expect(config.created).toBe('1970-01-01T00:00:00Z');
    expect(Object.keys(config)).toEqual(['architecture', 'config', 'created', 'history', 'os', 'rootfs']);
    const some = JSON.parse(flatImage({ platform: 'linux/amd64', cmd: ['sh'], env: [] }, LAYER, 0).config.toString()) as Record<string, unknown>;
    expect(some.config).toEqual({ Cmd: ['sh'] });
  });

  it('depends on every input', () => {
    const one = flatImage({ platform: 'linux/amd64', cmd: ['a'] }, LAYER, 1);
    expect(flatImage({ platform: 'linux/amd64', cmd: ['a'] }, LAYER, 1).manifestDigest).toBe(one.manifestDigest);
    expect(flatImage({ platform: 'linux/amd64', cmd: ['b'] }, LAYER, 1).manifestDigest).not.toBe(one.manifestDigest);
    expect(flatImage({ platform: 'linux/amd64', cmd: ['a'] }, LAYER, 2).manifestDigest).not.toBe(one.manifestDigest);
    expect(flatImage({ platform: 'linux/amd64', cmd: ['a'] }, { ...LAYER, size: 4096 }, 1).configDigest).toBe(one.configDigest);
    expect(flatImage({ platform: 'linux/amd64', cmd: ['a'] }, { ...LAYER, size: 4096 }, 1).manifestDigest).not.toBe(one.manifestDigest);
  });

  it('refuses a malformed platform', () => {
    for (const platform of ['', 'linux', 'linux/', '/amd64', 'linux/amd64/v8/x', 'linux/amd 64', 'linux//v8']) {
      expect(() => flatImage({ platform }, LAYER, 0), platform).toThrow(/platform/);
    }
  });
});

describe('writeFlatLayout', () => {
  const PY_LAYOUT = `
import hashlib, io, json, os, sys, tarfile
d = sys.argv[1]
def blob(desc):
    algo, digest = desc['digest'].split(':')
    b = open(os.path.join(d, 'blobs', algo, digest), 'rb').read()
    assert algo == 'sha256' and hashlib.sha256(b).hexdigest() == digest, desc
    assert len(b) == desc['size'], desc
    return b
index = json.load(open(os.path.join(d, 'index.json')))
assert len(index['manifests']) == 1
manifest = json.loads(blob(index['manifests'][0]))
config = json.loads(blob(manifest['config']))
layers = [blob(l) for l in manifest['layers']]
members = []
with tarfile.open(fileobj=io.BytesIO(layers[0]), mode='r:') as t:
    for m in t.getmembers():
        members.append([m.name, t.extractfile(m).read().decode() if m.isfile() else None])
print(json.dumps({'layout': json.load(open(os.path.join(d, 'oci-layout'))), 'index': index, 'manifest': manifest, 'config': config,
                  'diffIds': ['sha256:' + hashlib.sha256(l).hexdigest() for l in layers], 'blobs': sorted(os.listdir(os.path.join(d, 'blobs', 'sha256'))),
                  'top': sorted(os.listdir(d)), 'members': members}))
`;
  const entries = (): TreeEntry[] => [dir('app/'), file('app/run', MULTI, { mode: 0o755 }), file('app/conf', 'k=v\n')];
  const fields: FlatConfigFields = { platform: 'linux/arm64/v8', entrypoint: ['/app/run'], env: ['A=1'] };

  it('writes an OCI layout whose index leads to the manifest, config and layer, all digests checked', async () => {
    await withTempDir(async (tmp) => {
      const layer = await hashFlatLayer(entries());
      const image = flatImage(fields, layer, 1_700_000_000);
      const out = join(tmp, 'out');
      await writeFlatLayout(out, image, fields, entries());
      const seen = JSON.parse(execFileSync('python3', ['-c', PY_LAYOUT, out], { encoding: 'utf8' })) as {
        layout: unknown; index: { mediaType: string; manifests: Array<Record<string, unknown>> }; manifest: { layers: Array<{ digest: string }> };
        config: { rootfs: { diff_ids: string[] } }; diffIds: string[]; blobs: string[]; top: string[]; members: Array<[string, string | null]>;
      };
      expect(seen.layout).toEqual({ imageLayoutVersion: '1.0.0' });
      expect(seen.index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(seen.index.manifests[0]).toEqual({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: image.manifestDigest, size: image.manifest.length, platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } });
      expect(seen.config.rootfs.diff_ids).toEqual(seen.diffIds);
      expect(seen.manifest.layers[0]!.digest).toBe(seen.diffIds[0]);
      expect(seen.blobs).toHaveLength(3);
      expect(seen.top).toEqual(['blobs', 'index.json', 'oci-layout']);
      expect(seen.members).toEqual([['app', null], ['app/run', Buffer.concat(MULTI).toString()], ['app/conf', 'k=v\n']]);
      expect(sha256sum(join(out, 'blobs', 'sha256', layer.diffId.slice(7)))).toBe(layer.diffId);
      expect(await readdir(tmp)).toEqual(['out']);
    });
  });

  it('leaves nothing behind when a file is short, and refuses an existing directory', async () => {
    await withTempDir(async (tmp) => {
      const layer = await hashFlatLayer(entries());
      const image = flatImage(fields, layer, 0);
      const broken = entries().map((e) => (e.path === 'app/conf' ? { ...e, size: e.size + 1 } : e));
      await expect(writeFlatLayout(join(tmp, 'out'), image, fields, broken)).rejects.toThrow(/app\/conf/);
      expect(await readdir(tmp)).toEqual([]);
      await mkdir(join(tmp, 'there'));
      await expect(writeFlatLayout(join(tmp, 'there'), image, fields, entries())).rejects.toThrow(/exists/);
      expect(await readdir(join(tmp, 'there'))).toEqual([]);
    });
  });

  it('refuses a layer that differs from the one the image names, leaving nothing', async () => {
    await withTempDir(async (tmp) => {
      const image = flatImage(fields, await hashFlatLayer(entries()), 0);
      const other = entries().map((e) => (e.path === 'app/' ? { ...e, mtime: 1 } : e));
      await expect(writeFlatLayout(join(tmp, 'out'), image, fields, other)).rejects.toThrow(/layer/);
      expect(await readdir(tmp)).toEqual([]);
      await expect(writeFlatLayout(join(tmp, 'out'), image, { ...fields, platform: 'linux/amd64' }, entries())).rejects.toThrow(/platform/);
      expect(await readdir(tmp)).toEqual([]);
    });
  });
});

/** A name of exactly `n` bytes made of components short enough for a file system. */
function longName(n: number): string {
  const parts: string[] = [];
  let left = n;
  while (left > 200) {
    parts.push('p'.repeat(199));
    left -= 200;
  }
  parts.push('q'.repeat(left));
  return parts.join('/');
}

async function collectOpen(entry: TreeEntry): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const c of entry.open!()) out.push(Buffer.from(c));
  return out;
}
