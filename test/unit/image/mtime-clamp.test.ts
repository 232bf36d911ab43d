import { execFile } from 'node:child_process';
import { mkdir, symlink, utimes, writeFile, link, lutimes, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { clampedPaxTime, MtimeClamp } from '../../../src/image/mtime-clamp.js';
import { buildLayerTar } from '../../helpers/oci-builder.js';
import { paxHeader, paxRecord, rawEntry, rawHeader, rawTar } from '../../helpers/raw-tar.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const run = promisify(execFile);
const EPOCH = 1_700_000_000;

/** Clamps `archive` fed in chunks of `chunkSize` bytes (a multiple of 512), applying every patch as a caller must. */
function clamp(archive: Buffer, chunkSize: number, epoch = EPOCH): { out: Buffer; clamped: number; latePatches: number } {
  const out = Buffer.from(archive);
  const c = new MtimeClamp('sha256:test', epoch);
  let latePatches = 0;
  for (let pos = 0; pos < out.length; pos += chunkSize) {
    const chunk = out.subarray(pos, Math.min(out.length, pos + chunkSize));
    const { patches } = c.push(chunk);
    for (const p of patches) {
      if (p.offset < pos) latePatches += 1;
      p.bytes.copy(out, p.offset);
    }
  }
  c.finish();
  return { out, clamped: c.clamped, latePatches };
}

interface Listed { name: string; mtime: number; line: string }

/** GNU tar's reading of an archive: each entry's name and mtime (whole seconds), and its listing line less the time. */
async function gnuList(dir: string, archive: Buffer): Promise<Listed[]> {
  const path = join(dir, `list-${Math.random().toString(36).slice(2)}.tar`);
  await writeFile(path, archive);
  const { stdout, stderr } = await run('tar', ['--list', '--verbose', '--full-time', '--numeric-owner', '-f', path], { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  expect(stderr).toBe('');
  return stdout.trim().split('\n').map((line) => {
    // Column widths vary with the time's width (a fraction is printed): compare with spaces collapsed.
    const m = /^(\S+ \S+ +\d+) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.\d+)? +(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected tar listing line ${line}`);
    return { name: m[3]!, mtime: Date.parse(`${m[2]!.replace(' ', 'T')}Z`) / 1000, line: `${m[1]!.replace(/ +/g, ' ')} ${m[3]}` };
  });
}

/** A directory tree with mtimes on both sides of the epoch, archived by GNU tar in `format`. */
async function gnuTar(dir: string, format: 'gnu' | 'ustar' | 'posix'): Promise<Buffer> {
  const root = join(dir, `tree-${format}`);
  await mkdir(join(root, 'etc', 'deep'), { recursive: true });
  const files: Array<[string, number]> = [
    ['etc/old.conf', EPOCH - 86_400],
    ['etc/same.conf', EPOCH],
    ['etc/new.conf', EPOCH + 1],
    ['etc/deep/future.bin', 4_000_000_000.25],
  ];
  if (format !== 'ustar') files.push([`etc/${'long-name-'.repeat(14)}.txt`, EPOCH + 12_345.75]);
  for (const [name, time] of files) {
    await writeFile(join(root, name), `${name}\n`.repeat(50));
    await utimes(join(root, name), time, time);
  }
  await link(join(root, 'etc/new.conf'), join(root, 'etc/hard'));
  await symlink('old.conf', join(root, 'etc/link'));
  await lutimes(join(root, 'etc/link'), EPOCH + 99, EPOCH + 99);
  await utimes(join(root, 'etc/deep'), EPOCH + 5, EPOCH + 5);
  await utimes(join(root, 'etc'), EPOCH - 5, EPOCH - 5);
  const out = join(dir, `${format}.tar`);
  const args = ['--create', `--format=${format}`, '--sort=name', '--owner=0', '--group=0', '--numeric-owner', '-f', out, '-C', root, 'etc'];
  // GNU tar's POSIX format also records atime and ctime; leaving them out keeps the listing comparable.
  if (format === 'posix') args.splice(2, 0, '--pax-option=delete=atime,delete=ctime');
  await run('tar', args);
  return readFile(out);
}

describe('MtimeClamp', () => {
  for (const format of ['gnu', 'ustar', 'posix'] as const) {
    for (const chunkSize of [512, 4096, 1 << 20]) {
      it(`clamps what GNU tar (${format} format) wrote, read in ${chunkSize}-byte chunks, and changes nothing else`, async () => {
        await withTempDir(async (dir) => {
          const archive = await gnuTar(dir, format);
          const { out, clamped } = clamp(archive, chunkSize);
          const before = await gnuList(dir, archive);
          const after = await gnuList(dir, out);
          expect(after.map((e) => e.line)).toEqual(before.map((e) => e.line));
          expect(after.map((e) => e.mtime)).toEqual(before.map((e) => Math.min(e.mtime, EPOCH)));
          expect(before.filter((e) => e.mtime > EPOCH).length).toBeGreaterThan(3);
          expect(clamped).toBeGreaterThanOrEqual(before.filter((e) => e.mtime > EPOCH).length);
          expect(out.length).toBe(archive.length);
          // Only header bytes changed: every file's data is as it was.
          const root = join(dir, `x-${format}-${chunkSize}`);
          await mkdir(root);
          await writeFile(join(dir, 'out.tar'), out);
          await run('tar', ['--extract', '-f', join(dir, 'out.tar'), '-C', root]);
          expect(await readFile(join(root, 'etc/deep/future.bin'), 'utf8')).toBe('etc/deep/future.bin\n'.repeat(50));
          // A second pass finds nothing left to clamp.
          expect(clamp(out, chunkSize).clamped).toBe(0);
        });
      });
    }
  }

  it('clamps a base-256 mtime and a PAX mtime with a fraction, leaving earlier ones alone', async () => {
    const base256 = Buffer.alloc(12);
    base256[0] = 0x80;
    base256.writeUInt32BE(0xffffffff, 8);
    const archive = rawTar(
      rawEntry({ name: 'big-time', mtime: base256 }, Buffer.from('a')),
      paxHeader(Buffer.concat([paxRecord('mtime', '1700000000.000000001'), paxRecord('path', 'pax-fraction')])),
      rawEntry({ name: 'ignored-name', mtime: 0 }, Buffer.from('b')),
      paxHeader(paxRecord('mtime', '1699999999.999')),
      rawEntry({ name: 'pax-before', mtime: 0 }),
      rawEntry({ name: 'exact', mtime: EPOCH }),
    );
    await withTempDir(async (dir) => {
      const { out, clamped } = clamp(archive, 512);
      expect(clamped).toBe(2);
      const listed = await gnuList(dir, out);
      expect(listed.map((e) => [e.name, e.mtime])).toEqual([['big-time', EPOCH], ['pax-fraction', EPOCH], ['pax-before', EPOCH - 1], ['exact', EPOCH]]);
      expect(out.toString('latin1')).toContain(' mtime=1700000000.000000000\n');
    });
  });

  it('patches a PAX mtime that straddles two chunks, reporting it for an earlier chunk', async () => {
    // The record's value crosses the block boundary at 1024 (the PAX data starts at 512).
    const filler = paxRecord('comment', 'x'.repeat(480));
    const records = Buffer.concat([filler, paxRecord('mtime', '1800000000.123456')]);
    const valueAt = 512 + records.indexOf('1800000000');
    expect(valueAt).toBeLessThan(1024);
    expect(valueAt + '1800000000.123456'.length).toBeGreaterThan(1024);
    const archive = rawTar(paxHeader(records), rawEntry({ name: 'straddle' }, Buffer.from('data')));
    await withTempDir(async (dir) => {
      const { out, latePatches } = clamp(archive, 512);
      expect(latePatches).toBe(1);
      expect((await gnuList(dir, out)).map((e) => [e.name, e.mtime])).toEqual([['straddle', EPOCH]]);
      expect(clamp(archive, 4096).latePatches).toBe(0);
    });
  });

  it('uses a PAX size to find the next header, and passes entries written by tar-stream', async () => {
    const layer = await buildLayerTar([
      { name: 'a', data: 'x'.repeat(1000), mtime: EPOCH + 10, pax: { comment: 'c' } },
      { name: `${'d'.repeat(120)}/file`, data: 'y', mtime: EPOCH + 20 },
      { name: 'dir', type: 'directory', mtime: EPOCH + 30 },
    ]);
    await withTempDir(async (dir) => {
      const listed = await gnuList(dir, clamp(layer, 512).out);
      expect(listed.map((e) => e.mtime)).toEqual([EPOCH, EPOCH, EPOCH]);
    });
  });

  it('stops at the end-of-archive marker and ignores what follows', () => {
    const archive = Buffer.concat([rawTar(rawEntry({ name: 'a', mtime: EPOCH + 1 })), rawHeader({ name: 'after-end', mtime: EPOCH + 1 })]);
    const { out, clamped } = clamp(archive, 512);
    expect(clamped).toBe(1);
    expect(out.subarray(out.length - 512)).toEqual(archive.subarray(archive.length - 512));
  });

  it('refuses, naming the layer and the byte, a bad checksum on a header it would rewrite, an unknown type, a cut archive', () => {
    const bad = rawHeader({ name: 'a', mtime: EPOCH + 1 });
    bad[0] = 0x62;
    expect(() => clamp(rawTar(bad), 512)).toThrow('layer sha256:test: tar header at byte 0: bad header checksum');
    expect(() => clamp(rawTar(rawEntry({ name: 'a' }), rawEntry({ name: 's', type: 'S' })), 512)).toThrow('tar header at byte 512: unsupported tar entry type "S"');
    const cut = rawEntry({ name: 'a', mtime: EPOCH + 1 }, Buffer.alloc(2000)).subarray(0, 1024);
    expect(() => clamp(cut, 512)).toThrow('the archive ends in the middle of an entry');
    expect(() => clamp(rawTar(rawEntry({ name: 'a' }), Buffer.alloc(512), rawEntry({ name: 'b' })), 512)).toThrow('a header follows a single zero block');
    const huge = rawHeader({ name: 'PaxHeaders/x', type: 'x', size: (1 << 20) + 1 });
    expect(() => clamp(rawTar(huge), 512)).toThrow('extended header of 1048577 bytes');
  });
});

describe('clampedPaxTime', () => {
  it('keeps the width, pads with zeros, keeps a fraction as zeros', () => {
    expect(clampedPaxTime('1800000000', EPOCH)).toBe('1700000000');
    expect(clampedPaxTime('1800000000.5', EPOCH)).toBe('1700000000.0');
    expect(clampedPaxTime('1700000000.000001', EPOCH)).toBe('1700000000.000000');
    expect(clampedPaxTime('10000000000', 999)).toBe('00000000999');
    expect(clampedPaxTime('1700000000', EPOCH)).toBeUndefined();
    expect(clampedPaxTime('1700000000.000', EPOCH)).toBeUndefined();
    expect(clampedPaxTime('-5', EPOCH)).toBeUndefined();
    expect(clampedPaxTime('12', EPOCH)).toBeUndefined();
  });
});
