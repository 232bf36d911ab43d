// The referee for src/image: a real Docker engine's `docker export` of a created container,
// compared entry by entry (path, type, mode, uid, gid, size, linkname, device numbers, data
// sha256, mtime) with our merged stream of the same image. Entries docker creates at container
// creation get the wall clock as mtime: we stamp them with a sentinel and check docker's value lies
// within the time of the create call.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mergeFilesystem, openImage, type ImageSource } from '../../src/image/index.js';
import { buildDockerArchive, buildOci, exportImage, loadOci, makeBusyboxBase, saveImage, tempDir } from '../helpers/docker.js';
import { fixture } from '../helpers/paths.js';
import { readExportNames, readExportTar } from '../helpers/export-tar.js';
import { decodeName } from '../../src/io/byte-names.js';
import { rawEntry, rawTar } from '../helpers/raw-tar.js';
import { describeWithInfra } from '../helpers/infra.js';
import { listMerged, type EntryRow } from '../helpers/merge-listing.js';
import { buildOciArchive, type LayerEntry } from '../helpers/oci-builder.js';
import { dockerRows, exportDiff, ourRows } from '../helpers/export-diff.js';

const SENTINEL = 1;
const LONG = 'L'.repeat(150);

async function merged(source: ImageSource, dir: string): Promise<EntryRow[]> {
  const fs = await mergeFilesystem(await openImage(source), { tempDir: dir, createdAt: SENTINEL });
  try {
    return await listMerged(fs);
  } finally {
    await fs.close();
  }
}

/** docker export of a created container, and when it ran (seconds, widened by 1 s each side). */
async function exported(ref: string, out: string): Promise<{ rows: EntryRow[]; from: number; to: number }> {
  const from = Math.floor(Date.now() / 1000) - 1;
  await exportImage(ref, out);
  const to = Math.ceil(Date.now() / 1000) + 1;
  return { rows: await readExportTar(out), from, to };
}

function expectParity(ours: EntryRow[], theirs: { rows: EntryRow[]; from: number; to: number }): void {
  expect(ours.map((r) => r.path)).toEqual(theirs.rows.map((r) => r.path));
  const normalised = ours.map((r, i) => {
    const docker = theirs.rows[i] as EntryRow;
    if (r.mtime !== SENTINEL) return r;
    expect(docker.mtime, `${r.path}: docker's creation-time mtime`).toBeGreaterThanOrEqual(theirs.from);
    expect(docker.mtime, `${r.path}: docker's creation-time mtime`).toBeLessThanOrEqual(theirs.to);
    return { ...r, mtime: docker.mtime };
  });
  expect(normalised).toEqual(theirs.rows);
}

const DOCKERFILE = (base: string): string => `
FROM ${base}
RUN set -e; mkdir -p /t/opq/sub /t/gone-dir /t/d2f /t/z /t/a /t/b; \\
    echo old > /t/opq/old; echo deep > /t/opq/sub/deep; echo g > /t/gone; echo gd > /t/gone-dir/x; \\
    echo f > /t/f2d; echo in > /t/d2f/inner; echo payload > /t/z/data; ln /t/z/data /t/a/one; ln /t/z/data /t/b/two; \\
    echo keep > /t/keep; ln /t/keep /t/keep2; ln -s ../keep /t/sym; ln -s /nonexistent /t/dangling; \\
    echo s > /t/suid; chmod 4755 /t/suid; chmod 2750 /t/opq; mkdir -m 1777 /t/sticky; \\
    echo o > /t/owned; chown 1234:5678 /t/owned; mkfifo /t/fifo; \\
    (mknod /t/null c 1 3 || echo "mknod refused" > /t/no-mknod); \\
    echo u > "/t/ünïcödé-😀"; echo l > /t/${LONG}; mkdir -p /etc; echo root > /etc/passwd; ln -s /x /etc/mtab
RUN set -e; rm -rf /t/opq /t/gone /t/gone-dir /t/f2d /t/d2f /t/z/data; \\
    mkdir -p /t/opq /t/f2d; echo n > /t/opq/new; echo c > /t/f2d/child; echo now-file > /t/d2f; \\
    chown 7:8 /t/keep; touch -d @1600000000 /t/a
WORKDIR /srv/app
`;

const SYNTHETIC: LayerEntry[][] = [
  [
    { name: 'A', data: 'A' }, { name: '_x', data: '_' }, { name: 'a', type: 'directory' }, { name: 'a/b', data: 'b' },
    { name: 'a b', data: '1' }, { name: 'a-b', data: '2' }, { name: 'a.txt', data: '3' }, { name: 'a0', data: '4' },
    { name: 'd', type: 'directory', uid: 1 }, { name: 'd/old', data: 'o' }, { name: 'd/sub', type: 'directory' },
    { name: 'd/sub/deep', data: 'deep' }, { name: 'z', type: 'directory' }, { name: 'z/data', data: 'payload', mtime: 5 },
    { name: 'l', type: 'directory' }, { name: 'l/one', type: 'link', linkname: 'z/data', mtime: 5 }, { name: 'l/two', type: 'link', linkname: 'z/data', mtime: 6, uid: 4, mode: 0o640 },
    { name: 'p', data: 'file' }, { name: 'q', type: 'directory' }, { name: 'q/inner', data: 'i' }, { name: 'gone', data: 'g' },
    { name: 'suid', data: 's', mode: 0o4755 }, { name: 'tmp', type: 'directory', mode: 0o1777 },
    { name: 'own', data: 'o', uid: 1000, gid: 1001, mode: 0o640, mtime: 1_600_000_000 },
    { name: 'null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
    { name: 'pipe', type: 'fifo', mode: 0o600 }, { name: 'sym', type: 'symlink', linkname: '../elsewhere' },
    { name: 'etc', type: 'directory', mode: 0o750, mtime: 9 }, { name: 'etc/hosts', data: 'image hosts' },
    { name: 'proc', type: 'symlink', linkname: 'tmp' },
  ],
  [
    { name: 'd', type: 'directory', uid: 2, mode: 0o700, mtime: 7 }, { name: 'd/.wh..wh..opq' }, { name: 'd/new', data: 'n' },
    { name: 'z', type: 'directory' }, { name: 'z/.wh.data' },
    { name: 'p', type: 'directory' }, { name: 'p/child', data: 'c' }, { name: 'q', data: 'now a file' }, { name: '.wh.gone' },
  ],
];

const WHITEOUT_DEVICE = { type: 'character-device', devmajor: 0, devminor: 0 } as const;

/**
 * Three layers: a file replacing a directory and the reverse, a whiteout recreated (in a later layer, and in the
 * same one), whiteout devices, hard links to devices, init paths as directories, times out of the applier's bounds.
 */
const LAYERED: LayerEntry[][] = [
  [
    { name: 'x', type: 'directory', mode: 0o700, uid: 3, mtime: 11 }, { name: 'x/a', data: 'a' }, { name: 'x/sub', type: 'directory' },
    { name: 'x/sub/deep', data: 'd' }, { name: 'd', type: 'directory', uid: 1, mtime: 3 }, { name: 'd/a', data: 'a' },
    { name: 'w', type: 'directory', uid: 1, mtime: 3 }, { name: 'w/a', data: 'a' }, { name: 'w/in', type: 'directory' }, { name: 'w/in/x', data: 'x' },
    { name: 'v', data: 'v' }, { name: 'vd', type: 'directory' }, { name: 'vd/in', data: 'i' }, { name: 'ee', type: 'directory' }, { name: 'ee/in', data: 'i' },
    { name: 's', type: 'symlink', linkname: 'target' }, { name: 'h', type: 'link', linkname: 's' },
    { name: 'c', type: 'character-device', devmajor: 1, devminor: 5, mode: 0o600 }, { name: 'b', type: 'link', linkname: 'c' },
    { name: 'blk', type: 'block-device', devmajor: 8, devminor: 1 }, { name: 'bl', type: 'link', linkname: 'blk' },
    { name: 'f', type: 'fifo', mode: 0o640 }, { name: 'g', type: 'link', linkname: 'f' },
    { name: 'etc', type: 'directory', mode: 0o750, uid: 2, mtime: 5 }, { name: 'etc/hosts', type: 'directory', mtime: 6 }, { name: 'etc/hosts/x', data: 'x' },
    { name: 'etc/mtab', type: 'directory' }, { name: 'etc/resolv.conf', type: 'directory' }, { name: 'dev', type: 'directory', mode: 0o700 },
    { name: 'dev/console', type: 'directory' }, { name: 'ids', data: 'i', uid: 2_000_000_000, gid: 4_000_000_000 }, { name: 'ids-max', data: 'm', uid: 4_294_967_294, gid: 4_294_967_293 },
    { name: 'n'.repeat(255), data: 'long' }, { name: 'frac', data: 'f', pax: { mtime: '1600000000.999999999' } },
    { name: 'before-epoch', type: 'directory', pax: { mtime: '-100' } }, { name: 'before-epoch/f', data: 'f', pax: { mtime: '-0.5' } },
    { name: 'after-2262', type: 'symlink', linkname: 'x', pax: { mtime: '9300000000' } },
  ],
  [
    { name: 'x', data: 'file now', mode: 0o600, mtime: 12 }, { name: '.wh.d' },
    { name: '.wh.w' }, { name: 'w', type: 'directory', uid: 2, mtime: 4, mode: 0o711 }, { name: 'w/b', data: 'b' },
    // Whiteout devices (char 0:0), which overlayfs hides along with what lies below; a block 0:0 is a device.
    { name: 'v', ...WHITEOUT_DEVICE }, { name: 'vd', ...WHITEOUT_DEVICE }, { name: 'own', data: 'o' }, { name: 'own', ...WHITEOUT_DEVICE },
    { name: 'ee', ...WHITEOUT_DEVICE }, { name: 'ee', type: 'directory', mtime: 9 }, { name: 'ee/b', data: 'b' },
    { name: 'bz', type: 'block-device', devmajor: 0, devminor: 0 },
  ],
  [{ name: 'x', type: 'directory', mode: 0o750, uid: 5, mtime: 13 }, { name: 'x/b', data: 'b' }, { name: 'd', type: 'directory', uid: 2, mtime: 4, mode: 0o711 }, { name: 'd/b', data: 'b' }],
];

/**
 * Corners of docker's layer applier (containerd's: the first layer written into a plain
 * directory, the others into an overlayfs upper directory), each found by the random images of
 * merge-fuzz.itg.test.ts.
 */
const APPLIER: LayerEntry[][] = [
  [
    // A directory header's mtime is set at the end of the layer, on what is then at the name.
    { name: 'hdr', type: 'directory', mtime: 5 }, { name: 'hdr', data: 'now a file', mtime: 9 },
    // First layer: a whiteout removes the layer's own entry; an opaque marker removes header-less directories.
    { name: 'own', data: 'o' }, { name: '.wh.own' },
    { name: 'opq', type: 'directory' }, { name: 'opq/implied/f', data: 'f' }, { name: 'opq/kept', data: 'k' }, { name: 'opq/.wh..wh..opq' },
    // A whiteout under a directory nobody declared: the applier makes the parents.
    { name: 'wq/.wh.x' },
    { name: 'lowerfile', data: 'f' },
    { name: 't', type: 'directory', mode: 0o700, uid: 7 }, { name: 't/in', data: 'i' }, { name: 'lowersym', type: 'symlink', linkname: 't' },
    // Setgid directories: what docker makes in them inherits the group (and a directory the bit).
    { name: 'sg', type: 'directory', mode: 0o2775, gid: 50 },
    { name: 'dev', type: 'directory', mode: 0o2755, gid: 5 }, { name: 'etc', type: 'directory', mode: 0o2755, gid: 6 },
    { name: 'rv', type: 'directory' }, { name: 'rv/in', data: 'i' }, { name: 'rv2', type: 'directory' }, { name: 'rv2/in', data: 'i' },
  ],
  [
    // A lower file or symlink where an upper entry needs a parent: a directory there.
    { name: 'lowerfile/x', data: 'x' }, { name: 'lowersym/x', data: 'x' },
    { name: 'f2', data: 'two', mtime: 11 }, { name: 'hdr2', type: 'directory', mtime: 5 }, { name: 'hdr2', type: 'link', linkname: 'f2', mtime: 9 },
    { name: 'q/r/.wh.x' },
    { name: 't2', type: 'directory', mtime: 11 }, { name: 'd2', type: 'directory', mtime: 5 }, { name: 'd2', type: 'symlink', linkname: 't2' },
    { name: 'sg/implied/f', data: 'f' },
    // Only a layer's last entry at a name counts: a lower directory replaced, then declared again, shows its contents.
    { name: 'rv', data: 'file' }, { name: 'rv', type: 'directory', mode: 0o700 }, { name: 'rv/new', data: 'n' },
    { name: '.wh.rv2' }, { name: 'rv2', type: 'symlink', linkname: 'x' }, { name: 'rv2', type: 'directory' },
    // A symlink of the layer itself in a parent path is followed, bounded by the root.
    { name: 'sl', type: 'symlink', linkname: '../../slt' }, { name: 'sl/x', data: 'x' },
  ],
];

describeWithInfra('docker export parity', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('image-parity-'));
  });
  afterAll(async () => {
    await cleanup();
  });

  it('a BuildKit image: whiteouts, opaque dir, replacements, hard links, special files, WORKDIR', async () => {
    const base = await makeBusyboxBase();
    await writeFile(join(dir, 'Dockerfile'), DOCKERFILE(base));
    const oci = await buildOci(dir, { out: join(dir, 'built.oci.tar'), name: 'nitro-test/image-parity:1', sourceDateEpoch: 1_700_000_000 });
    const ref = await loadOci(oci);
    const ours = await merged({ ociArchive: oci }, dir);
    expectParity(ours, await exported(ref, join(dir, 'export.tar')));
    await saveImage(ref, join(dir, 'saved.tar'));
    expect(await merged({ dockerArchive: join(dir, 'saved.tar') }, dir)).toEqual(ours);
    const buildkitDocker = await buildDockerArchive(dir, { out: join(dir, 'built.docker.tar'), sourceDateEpoch: 1_700_000_000 });
    expect(await merged({ dockerArchive: buildkitDocker }, dir)).toEqual(ours);
    const paths = ours.map((r) => r.path);
    expect(paths).toContain('t/opq/new');
    expect(paths).not.toContain('t/opq/old');
    expect(ours.find((r) => r.path === 't/a/one')).toMatchObject({ type: 'file', size: 8 });
    expect(ours.find((r) => r.path === 't/b/two')).toMatchObject({ type: 'hardlink', linkname: 't/a/one' });
    expect(ours.find((r) => r.path === `t/${LONG}`)).toBeDefined();
    expect(ours.find((r) => r.path === 't/null')).toMatchObject({ type: 'char', devmajor: 1, devminor: 3 });
  });

  it('the linuxkit-case-a fixture image', async () => {
    const oci = fixture('linuxkit-case-a', 'image.oci.tar');
    const ref = await loadOci(oci);
    expectParity(await merged({ ociArchive: oci }, dir), await exported(ref, join(dir, 'export-case-a.tar')));
  });

  it('a hand-made image loaded into the engine: opaque marker, data-holder deleted, file<->dir, init-layer overrides', async () => {
    const oci = join(dir, 'synthetic.oci.tar');
    await buildOciArchive({ dest: oci, format: 'oci-archive', layers: SYNTHETIC, refName: 'nitro-test/image-synthetic:1' });
    const ref = await loadOci(oci);
    const ours = await merged({ ociArchive: oci }, dir);
    expectParity(ours, await exported(ref, join(dir, 'export-synthetic.tar')));
    expect(ours.find((r) => r.path === 'l/one')).toMatchObject({ type: 'file', sha256: expect.any(String) });
    expect(ours.find((r) => r.path === 'l/two')).toMatchObject({ type: 'hardlink', linkname: 'l/one' });
  });

  it('three layers: dir -> file -> dir, whiteouts then recreations, hard links to devices, init paths that are directories', async () => {
    const oci = join(dir, 'layered.oci.tar');
    await buildOciArchive({ dest: oci, format: 'oci-archive', layers: LAYERED, refName: 'nitro-test/image-layered:1' });
    const ref = await loadOci(oci);
    const ours = await merged({ ociArchive: oci }, dir);
    expectParity(ours, await exported(ref, join(dir, 'export-layered.tar')));
    const find = (path: string): EntryRow | undefined => ours.find((r) => r.path === path);
    expect(ours.filter((r) => r.path.startsWith('x/') || r.path.startsWith('d/')).map((r) => r.path)).toEqual(['d/', 'd/b', 'x/', 'x/b']);
    // The first name in walk order holds the device; the later one is a hard link that keeps its numbers.
    expect(find('b')).toMatchObject({ type: 'char', devmajor: 1, devminor: 5 });
    expect(find('c')).toMatchObject({ type: 'hardlink', linkname: 'b', devmajor: 1, devminor: 5 });
    expect(find('blk')).toMatchObject({ type: 'hardlink', linkname: 'bl', devmajor: 8, devminor: 1 });
    // Docker keeps a directory where its init layer would put a file: the export has no etc/hosts file.
    expect(find('etc/hosts/')).toMatchObject({ type: 'dir' });
    expect(find('etc/hosts')).toBeUndefined();
    // `.wh.w` then `w/` in one layer: a plain directory over the lower one, whose children still show.
    expect(ours.filter((r) => r.path.startsWith('w/')).map((r) => r.path)).toEqual(['w/', 'w/a', 'w/b', 'w/in/', 'w/in/x']);
    expect(['v', 'vd/', 'own'].map(find)).toEqual([undefined, undefined, undefined]);
    expect(ours.filter((r) => r.path.startsWith('ee/')).map((r) => r.path)).toEqual(['ee/', 'ee/b', 'ee/in']);
    expect(find('bz')).toMatchObject({ type: 'block', devmajor: 0, devminor: 0 });
    // The applier bounds times to [epoch, 2262-04-11]: outside, the epoch.
    expect([find('before-epoch/')?.mtime, find('before-epoch/f')?.mtime, find('after-2262')?.mtime]).toEqual([0, 0, 0]);
  });

  it("the layer applier's corners: directory times at the end of a layer, parents of whiteouts, first-layer whiteouts, setgid, a directory back, symlinks in parent paths", async () => {
    const oci = join(dir, 'applier.oci.tar');
    const ref = 'nitro-test/image-applier:1';
    await buildOciArchive({ dest: oci, format: 'oci-archive', layers: APPLIER, refName: ref });
    const ours = await ourRows(oci, dir);
    const theirs = await dockerRows(oci, ref, dir);
    if (!ours.ok || !theirs.ok) throw new Error(`ours: ${ours.ok ? 'merged' : ours.error}; docker: ${theirs.ok ? 'exported' : theirs.error}`);
    expect(exportDiff(ours.value, theirs.value)).toEqual([]);
    const find = (path: string): EntryRow | undefined => ours.value.find((r) => r.path === path);
    expect([find('hdr')?.mtime, find('f2')?.mtime, find('hdr2')?.mtime, find('t2/')?.mtime]).toEqual([5, 5, 5, 5]);
    expect([find('own'), find('opq/implied/'), find('opq/kept')?.type]).toEqual([undefined, undefined, 'file']);
    expect([find('wq/')?.type, find('q/r/')?.type, find('lowerfile/')?.type]).toEqual(['dir', 'dir', 'dir']);
    expect(find('lowersym/')).toMatchObject({ type: 'dir', mode: 0o700, uid: 7 });
    expect(find('sg/implied/')).toMatchObject({ mode: 0o755, uid: 0, gid: 50 });
    expect(find('dev/pts/')).toMatchObject({ mode: 0o2755, uid: 0, gid: 0 });
    expect(find('etc/mtab')).toMatchObject({ type: 'symlink', gid: 6 });
    expect(ours.value.filter((r) => r.path.startsWith('rv')).map((r) => r.path)).toEqual(['rv/', 'rv/in', 'rv/new', 'rv2/', 'rv2/in']);
    expect(find('rv/')).toMatchObject({ mode: 0o700 });
    expect([find('sl')?.type, find('slt/x')?.type]).toEqual(['symlink', 'file']);
  });

  it('names that are not UTF-8: docker keeps the raw bytes, and so do we (same names, same order)', async () => {
    const cafe = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    const raw = (...parts: Array<string | Buffer>): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    const layer = rawTar(
      rawEntry({ name: 'n/', type: '5', mode: 0o755 }),
      rawEntry({ name: raw('n/', cafe) }, Buffer.from('latin-1')),
      rawEntry({ name: 'n/z' }, Buffer.from('z')),
      rawEntry({ name: raw('n/é') }, Buffer.from('utf-8')),
      rawEntry({ name: raw('n/', cafe, '-dir/'), type: '5', mode: 0o755 }),
      rawEntry({ name: raw('n/', cafe, '-dir/', cafe, cafe) }, Buffer.from('deep')),
      rawEntry({ name: 'n/hard', type: '1', linkname: raw('n/', cafe) }),
      rawEntry({ name: 'n/sym', type: '2', linkname: raw(cafe, '-dir') }),
    );
    const oci = join(dir, 'bytes.oci.tar');
    await buildOciArchive({ dest: oci, format: 'oci-archive', layers: [layer], refName: 'nitro-test/image-bytes:1' });
    const ref = await loadOci(oci);
    const ours = await merged({ ociArchive: oci }, dir);
    const out = join(dir, 'export-bytes.tar');
    await exported(ref, out);
    const theirs = (await readExportNames(out, decodeName)).filter(([path]) => path.startsWith('n/'));
    const mine = ours.filter((r) => r.path.startsWith('n/'));
    expect(mine.map((r) => r.path)).toEqual(theirs.map(([path]) => path));
    expect(mine.map((r) => r.linkname ?? '')).toEqual(theirs.map(([, , link]) => link));
    expect(mine.map((r) => r.path)).toContain('n/caf\uDCE9');
  });
});
