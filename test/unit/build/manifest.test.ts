import { describe, expect, it } from 'vitest';
import { diffManifests, manifestEntries } from '../../../src/review/manifest-diff.js';
import { ManifestCollector, MANIFEST_SCHEMA, renderManifest, type RamdiskManifest } from '../../../src/build/manifest.js';
import { customerRamdisk } from '../../../src/ramdisk/customer.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { collect, sha256 } from '../../helpers/bytes.js';

function tree(content: string): TreeEntry[] {
  const data = Buffer.from(content);
  return [
    { path: 'app/', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 5, size: 0 },
    { path: 'app/main', type: 'file', mode: 0o4755, uid: 1, gid: 2, mtime: 5, size: data.length, open: async function* () { yield data; } },
    { path: 'app/sh', type: 'hardlink', mode: 0o755, uid: 1, gid: 2, mtime: 5, size: 0, linkname: 'app/main' },
    { path: 'dev/null', type: 'char', mode: 0o666, uid: 0, gid: 0, mtime: 5, size: 0, devmajor: 1, devminor: 3 },
  ];
}

async function manifestOf(content: string): Promise<RamdiskManifest> {
  const collector = new ManifestCollector();
  const sized = customerRamdisk(() => tree(content), { cmd: Buffer.from('/app/main\n'), env: Buffer.alloc(0) }, collector);
  await collect(sized.stream());
  return { schema: MANIFEST_SCHEMA, ramdisk: 'customer', size: sized.size, sha384: 'x', entries: collector.entries };
}

describe('customer ramdisk manifest', () => {
  it('records every entry as written, with the data SHA-256 of files', async () => {
    const m = await manifestOf('hello');
    expect(m.entries.map((e) => e.path)).toEqual([
      'rootfs', 'rootfs/app/', 'rootfs/app/main', 'rootfs/app/sh', 'rootfs/dev/null',
      // touch entries this export lacked
      'rootfs/dev', 'rootfs/dev/pts', 'rootfs/dev/shm', 'rootfs/etc', 'rootfs/proc', 'rootfs/sys', 'rootfs/etc/mtab', 'rootfs/etc/resolv.conf',
      'rootfs', 'rootfs/dev', 'rootfs/run', 'rootfs/sys', 'rootfs/var', 'rootfs/proc', 'rootfs/tmp', 'cmd', 'env',
    ]);
    expect(m.entries[2]).toEqual({ path: 'rootfs/app/main', type: 'file', mode: '4755', uid: 1, gid: 2, mtime: 5, size: 5, sha256: sha256(Buffer.from('hello')) });
    expect(m.entries[3]).toEqual({ path: 'rootfs/app/sh', type: 'symlink', mode: '0755', uid: 1, gid: 2, mtime: 5, target: 'main' });
    expect(m.entries[4]).toMatchObject({ type: 'char', rdev: '1:3', mode: '0666' });
    expect(m.entries[21]).toMatchObject({ path: 'env', size: 0, sha256: sha256(Buffer.alloc(0)) });
  });

  it('gives an empty file without a data source the SHA-256 of no bytes', async () => {
    const collector = new ManifestCollector();
    const empty: TreeEntry = { path: 'e', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 0 };
    await collect(customerRamdisk(() => [empty], { cmd: Buffer.from('x\n'), env: Buffer.alloc(0) }, collector).stream());
    expect(collector.entries[1]).toMatchObject({ path: 'rootfs/e', size: 0, sha256: sha256(Buffer.alloc(0)) });
  });

  it('renders one entry per line, as valid JSON', async () => {
    const m = await manifestOf('hello');
    const text = renderManifest(m);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(m)));
    const lines = text.split('\n');
    expect(lines.filter((l) => l.includes('"path"')).length).toBe(m.entries.length);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('diffs two builds down to the file that changed (with the PCR review\'s diff)', async () => {
    // As the review reads them: the rendered manifest files, parsed back.
    const read = (m: RamdiskManifest) => manifestEntries(JSON.parse(renderManifest(m)), 'manifest.json');
    const before = { entries: read(await manifestOf('hello')) };
    const after = { entries: read(await manifestOf('hellp')) };
    expect(diffManifests(before.entries, after.entries)).toEqual([{ path: 'rootfs/app/main', kind: 'contents', fields: ['sha256'] }]);
    const grown = [...after.entries, { path: 'rootfs/new', type: 'dir' as const, mode: '0755', uid: 0, gid: 0, mtime: 0 }];
    expect(diffManifests(before.entries, grown)).toContainEqual({ path: 'rootfs/new', kind: 'added', fields: [] });
    expect(diffManifests(grown, before.entries)).toContainEqual({ path: 'rootfs/new', kind: 'removed', fields: [] });
    expect(diffManifests(before.entries, before.entries)).toEqual([]);
  });
});
