// mergeRootfsStream: a root filesystem read as one tar stream (BuildKit's `type=tar` output) gives
// the merged tree mergeFilesystem gives for the same files, with later mtimes clamped; and when
// the stream holds the walk's entries in walk order, the flattened layer hashed on the way is the
// one a second read of the spooled data gives (checked here against that second read).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashFlatLayer, type FlatLayer } from '../../../src/image/flat-image.js';
import { mergeRootfsStream } from '../../../src/image/rootfs-stream.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { buildLayerTar, type LayerEntry } from '../../helpers/oci-builder.js';

const EPOCH = 1_700_000_000;

// In the export walk's order: depth first, names in byte order ('a/' before 'a-b').
const IN_WALK_ORDER: LayerEntry[] = [
  { name: 'a/', type: 'directory', mtime: 1_600_000_000 },
  { name: 'a/big', data: Buffer.alloc(3 << 20, 7), mtime: 1_800_000_000 },
  { name: 'a/link', type: 'link', linkname: 'a/big', mtime: 1_800_000_000 },
  { name: 'a-b', data: 'x', mode: 0o4755, uid: 1234, gid: 5678 },
  { name: 'dev/', type: 'directory' },
  { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
  { name: 'fifo', type: 'fifo' },
  { name: `${'n'.repeat(150)}`, data: 'long name' },
  { name: 'sym', type: 'symlink', linkname: '/a/big' },
];

describe('mergeRootfsStream', () => {
  let dir = '';
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'nitro-rootfs-stream-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  async function merge(entries: LayerEntry[]) {
    const tar = await buildLayerTar(entries);
    const seen: { known?: FlatLayer; reread?: FlatLayer } = {};
    const fs = await mergeRootfsStream(
      { what: 'the stream', source: Readable.from([tar.subarray(0, 1000), tar.subarray(1000)]), clampMtimesTo: EPOCH, workingDir: async () => '/work' },
      {
        tempDir: dir,
        flatten: async (walk, known) => {
          seen.known = known;
          seen.reread = await hashFlatLayer(walk());
          return known ?? seen.reread;
        },
      },
    );
    try {
      const rows: Array<Omit<TreeEntry, 'open' | 'crc32'>> = [];
      for (const { open: _open, crc32: _crc, ...row } of fs.entries()) rows.push(row);
      return { rows, seen, flatLayer: fs.flatLayer };
    } finally {
      await fs.close();
    }
  }

  it('hashes the flattened layer on the way when the stream is in walk order, the same as a second read', async () => {
    const { rows, seen, flatLayer } = await merge(IN_WALK_ORDER);
    expect(seen.known).toBeDefined();
    expect(seen.known).toEqual(seen.reread);
    expect(flatLayer).toEqual(seen.reread);
    // Later mtimes clamped, earlier kept; the init layer and the working directory added.
    expect(rows.find((r) => r.path === 'a/big')).toMatchObject({ type: 'file', mtime: EPOCH, size: 3 << 20 });
    expect(rows.find((r) => r.path === 'a/')).toMatchObject({ mtime: 1_600_000_000 });
    expect(rows.find((r) => r.path === 'a/link')).toMatchObject({ type: 'hardlink', linkname: 'a/big' });
    expect(rows.find((r) => r.path === 'sym')).toMatchObject({ type: 'symlink', mode: 0o777, linkname: '/a/big' });
    expect(rows.map((r) => r.path)).toEqual(expect.arrayContaining(['etc/hosts', '.dockerenv', 'work/']));
  });

  it('falls back to reading the data again when the stream is not in walk order (same layer either way)', async () => {
    const shuffled = [IN_WALK_ORDER[3]!, ...IN_WALK_ORDER.slice(0, 3), ...IN_WALK_ORDER.slice(4)];
    const { seen, flatLayer } = await merge(shuffled);
    expect(seen.known).toBeUndefined();
    const ordered = await merge(IN_WALK_ORDER);
    expect(flatLayer).toEqual(ordered.flatLayer);
  });

  it('falls back when a name comes twice (the later one wins in the tree, not in a stream hash)', async () => {
    const twice = [...IN_WALK_ORDER, { name: 'fifo', data: 'now a file' }];
    const { seen, rows } = await merge(twice);
    expect(seen.known).toBeUndefined();
    expect(rows.find((r) => r.path === 'fifo')).toMatchObject({ type: 'file', size: 10 });
  });

  it('falls back when the stream holds a whiteout, and applies it', async () => {
    const { seen, rows } = await merge([...IN_WALK_ORDER.slice(0, 4), { name: 'a/.wh.link' }, ...IN_WALK_ORDER.slice(4)]);
    expect(seen.known).toBeUndefined();
    expect(rows.some((r) => r.path === 'a/link')).toBe(false);
  });

  it('refuses a stream that escapes the root, naming it', async () => {
    await expect(merge([{ name: '../escape', data: 'x' }])).rejects.toThrow(/^the stream: path "\.\.\/escape" escapes the image root$/);
  });
});
