import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { manifestEntry, ManifestWriter, MANIFEST_SCHEMA, type ManifestEntry } from '../../../src/build/manifest.js';
import { openManifest } from '../../../src/build/manifest-reader.js';
import { diffManifests } from '../../../src/review/manifest-diff.js';
import type { WrittenEntry } from '../../../src/ramdisk/cpio-writer.js';
import { customerRamdisk } from '../../../src/ramdisk/customer.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { collect, sha256 } from '../../helpers/bytes.js';
import { renderManifestReference } from '../../helpers/manifest-reference.js';

const work = mkdtempSync(join(tmpdir(), 'manifest-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let serial = 0;

const FILES = { cmd: Buffer.from('/app/main\n'), env: Buffer.alloc(0) };
const SHA384 = 'c'.repeat(96);

function tree(content: string): TreeEntry[] {
  const data = Buffer.from(content);
  return [
    { path: 'app/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 5, size: 0 },
    { path: 'app/main', type: 'file', mode: 0o4755, uid: 1, gid: 2, mtime: 5, size: data.length, open: async function* () { yield data; } },
    { path: 'app/sh', type: 'hardlink', mode: 0o755, uid: 1, gid: 2, mtime: 5, size: 0, linkname: 'app/main' },
    { path: 'dev/null', type: 'char', mode: 0o666, uid: 0, gid: 0, mtime: 5, size: 0, devmajor: 1, devminor: 3 },
  ];
}

/** Writes the ramdisk of `entries` with the streaming writer, and collects the same entries in memory for the reference. */
async function written(entries: TreeEntry[]): Promise<{ path: string; text: string; reference: string; entries: ManifestEntry[] }> {
  const path = join(work, `m${serial++}.json`);
  const writer = new ManifestWriter(path);
  const kept: ManifestEntry[] = [];
  const both = { hashData: true, onEntry: (e: WrittenEntry) => { kept.push(manifestEntry(e)); writer.onEntry(e); } };
  const sized = customerRamdisk(() => entries, FILES, both);
  await collect(sized.stream());
  const result = await writer.finish({ size: sized.size, sha384: SHA384 });
  const text = readFileSync(path, 'utf8');
  expect(result).toEqual({ path, entries: kept.length, sha256: sha256(Buffer.from(text)), bytes: Buffer.byteLength(text) });
  return { path, text, entries: kept, reference: renderManifestReference({ schema: MANIFEST_SCHEMA, ramdisk: 'customer', size: sized.size, sha384: SHA384, entries: kept }) };
}

async function readAll(path: string): Promise<ManifestEntry[]> {
  const out: ManifestEntry[] = [];
  for await (const entry of (await openManifest(path)).entries()) out.push(entry);
  return out;
}

describe('customer ramdisk manifest', () => {
  it('records every entry as written, with the data SHA-256 of files', async () => {
    const { entries } = await written(tree('hello'));
    expect(entries.map((e) => e.path)).toEqual([
      'rootfs', 'rootfs/app/', 'rootfs/app/main', 'rootfs/app/sh', 'rootfs/dev/null',
      // touch entries this export lacked, in linuxkit's order (its touch table's names sorted)
      'rootfs/dev', 'rootfs/dev/pts', 'rootfs/dev/shm', 'rootfs/etc', 'rootfs/etc/hosts', 'rootfs/etc/mtab', 'rootfs/etc/resolv.conf', 'rootfs/proc', 'rootfs/sys',
      'rootfs', 'rootfs/dev', 'rootfs/run', 'rootfs/sys', 'rootfs/var', 'rootfs/proc', 'rootfs/tmp', 'cmd', 'env',
    ]);
    expect(entries[2]).toEqual({ path: 'rootfs/app/main', type: 'file', mode: '4755', uid: 1, gid: 2, mtime: 5, size: 5, sha256: sha256(Buffer.from('hello')) });
    expect(entries[3]).toEqual({ path: 'rootfs/app/sh', type: 'symlink', mode: '0755', uid: 1, gid: 2, mtime: 5, target: 'main' });
    expect(entries[4]).toMatchObject({ type: 'char', rdev: '1:3', mode: '0666' });
    expect(entries[22]).toMatchObject({ path: 'env', size: 0, sha256: sha256(Buffer.alloc(0)) });
  });

  it('gives an empty file without a data source the SHA-256 of no bytes', async () => {
    const empty: TreeEntry = { path: 'e', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 0 };
    const { entries } = await written([empty]);
    expect(entries[1]).toMatchObject({ path: 'rootfs/e', size: 0, sha256: sha256(Buffer.alloc(0)) });
  });

  it('streams exactly the text the whole-manifest renderer gave, for several entry sets', async () => {
    const attrs = { uid: 0, gid: 0, mtime: 0 };
    const many: TreeEntry[] = [];
    for (let i = 0; i < 30_000; i++) many.push({ path: `d${Math.floor(i / 1000)}/f${i % 1000}`, type: 'file', mode: 0o644, ...attrs, size: 0 });
    const sets: TreeEntry[][] = [
      [],
      tree('hello'),
      [
        { path: 'caf\uDCE9', type: 'file', mode: 0o644, ...attrs, size: 1, open: async function* () { yield Buffer.from('x'); } },
        { path: 'sym', type: 'symlink', mode: 0o777, ...attrs, size: 0, linkname: 'caf\uDCE9' },
        { path: 'q"\\\n\u0001é😀', type: 'fifo', mode: 0o600, ...attrs, size: 0 },
        { path: 'blk', type: 'block', mode: 0o660, ...attrs, size: 0, devmajor: 8, devminor: 1 },
      ],
      // More than one flush of the writer's buffer.
      many,
    ];
    for (const set of sets) {
      const { text, reference, entries } = await written(set);
      expect(text).toBe(reference);
      expect(JSON.parse(text).entries).toEqual(entries);
    }
  });

  it('writes the reference text for no entries at all (the empty line between the brackets)', async () => {
    const path = join(work, 'empty.json');
    const writer = new ManifestWriter(path);
    await writer.finish({ size: 0, sha384: SHA384 });
    expect(readFileSync(path, 'utf8')).toBe(renderManifestReference({ schema: MANIFEST_SCHEMA, ramdisk: 'customer', size: 0, sha384: SHA384, entries: [] }));
    expect(await readAll(path)).toEqual([]);
  });

  it('is read back entry for entry by the streaming reader', async () => {
    const { path, entries } = await written(tree('hello'));
    expect(await readAll(path)).toEqual(entries);
    expect((await openManifest(path)).head).toEqual({ schema: MANIFEST_SCHEMA, ramdisk: 'customer', size: expect.any(Number), sha384: SHA384 });
  });

  it('leaves nothing behind when the ramdisk fails midway, or on abort', async () => {
    const dir = mkdtempSync(join(work, 'fail-'));
    const writer = new ManifestWriter(join(dir, 'm.json'));
    const broken: TreeEntry = { path: 'x', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 4, open: async function* () { yield Buffer.from('xy'); } };
    await expect(collect(customerRamdisk(() => [...tree('a'), broken], FILES, writer).stream())).rejects.toThrow(/shorter than its declared size/);
    expect(readdirSync(dir)).toHaveLength(1); // the body file, until the build aborts it
    await writer.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('diffs two builds down to the file that changed (the PCR review\'s diff, on the files)', async () => {
    const before = await openManifest((await written(tree('hello'))).path);
    const after = await openManifest((await written(tree('hellp'))).path);
    const diff = await diffManifests(before, after);
    expect(diff).toEqual({ changes: [{ path: 'rootfs/app/main', kind: 'contents', fields: ['sha256'] }], total: 1, counts: { added: 0, removed: 0, contents: 1, metadata: 0 } });
    expect((await diffManifests(before, before)).total).toBe(0);
  });
});
