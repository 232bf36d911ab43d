import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import type { LayerEntry } from '../../helpers/oci-builder.js';
import { imageOnly, mergeRows, paths } from '../../helpers/merge-image.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const dir = (name: string, extra: Partial<LayerEntry> = {}): LayerEntry => ({ name, type: 'directory', ...extra });
const file = (name: string, data = name, extra: Partial<LayerEntry> = {}): LayerEntry => ({ name, data, ...extra });
const link = (name: string, linkname: string): LayerEntry => ({ name, type: 'link', linkname });
const row = async (layers: LayerEntry[][], path: string) => (await mergeRows(layers)).find((r) => r.path === path);

describe('export walk order', () => {
  it('is depth-first with names byte-sorted per directory (spec §4 example)', async () => {
    const rows = imageOnly(await mergeRows([[file('a0'), file('a.txt'), dir('a'), file('a/b'), file('a-b'), file('a b'), file('_x'), file('A')]]));
    expect(paths(rows)).toEqual(['A', '_x', 'a/', 'a/b', 'a b', 'a-b', 'a.txt', 'a0']);
  });

  it('sorts by UTF-8 bytes, not UTF-16 code units', async () => {
    const rows = imageOnly(await mergeRows([[file('😀'), file('Ａ'), file('é'), file('z')]]));
    expect(paths(rows)).toEqual(['z', 'é', 'Ａ', '😀']);
  });

  it('sorts names without surrogate pairs the same way (compared as strings, no buffers)', async () => {
    const rows = imageOnly(await mergeRows([[file('Ａ'), file('\uE000'), file('é'), file('z'), file('Z')]]));
    expect(paths(rows)).toEqual(['Z', 'z', 'é', '\uE000', 'Ａ']);
  });

  it('normalises ./ prefixes and doubled slashes, and omits the root entry', async () => {
    const rows = imageOnly(await mergeRows([[dir('./'), dir('./usr'), file('./usr//bin'), file('usr/./lib')]]));
    expect(paths(rows)).toEqual(['usr/', 'usr/bin', 'usr/lib']);
  });

  it('keeps 100+-byte and UTF-8 names', async () => {
    const long = `${'d'.repeat(120)}/${'ü'.repeat(80)}`;
    const rows = imageOnly(await mergeRows([[dir('d'.repeat(120)), file(long, 'x')]]));
    expect(paths(rows)).toEqual([`${'d'.repeat(120)}/`, long]);
  });
});

describe('whiteouts and opaque directories', () => {
  it('a whiteout deletes the lower file, or a whole lower directory', async () => {
    const rows = imageOnly(await mergeRows([
      [file('a'), file('b'), dir('d'), file('d/x')],
      [file('.wh.a'), file('.wh.d')],
    ]));
    expect(paths(rows)).toEqual(['b']);
  });

  it('a whiteout of a lower directory followed by that directory in the same layer keeps the lower children, as docker does', async () => {
    // Seen from a real engine: the applier writes `.wh.d` as a whiteout device, then `d/` replaces it
    // with a plain (not opaque) directory, so overlayfs still shows the lower d's children.
    const rows = imageOnly(await mergeRows([
      [dir('d', { uid: 1, mtime: 3 }), file('d/a', 'a'), dir('d/in'), file('d/in/x', 'x')],
      [file('.wh.d'), dir('d', { uid: 2, mtime: 4, mode: 0o711 }), file('d/b', 'b')],
    ]));
    expect(rows.map((r) => [r.path, r.mode, r.uid, r.mtime])).toEqual([
      ['d/', 0o711, 2, 4], ['d/a', 0o644, 0, 0], ['d/b', 0o644, 0, 0], ['d/in/', 0o755, 0, 0], ['d/in/x', 0o644, 0, 0],
    ]);
  });

  it('a whiteout of a lower directory still deletes it when the same layer adds no header for it', async () => {
    const rows = imageOnly(await mergeRows([[dir('d'), file('d/a'), dir('e'), file('e/a')], [file('.wh.d'), file('.wh.e'), file('e/b')]]));
    expect(paths(rows)).toEqual(['e/', 'e/b']);
  });

  it('a 0:0 character device is a whiteout, as overlayfs reads what docker writes (its own layer\'s name too)', async () => {
    // Seen from a real engine: v, vd (with its child) and own vanish; ee keeps its lower child; a block 0:0 stays.
    const whiteoutDevice = { type: 'character-device', devmajor: 0, devminor: 0 } as const;
    const rows = imageOnly(await mergeRows([
      [file('v'), dir('vd'), file('vd/in'), dir('ee'), file('ee/in'), file('k')],
      [{ name: 'v', ...whiteoutDevice }, { name: 'vd', ...whiteoutDevice }, file('own'), { name: 'own', ...whiteoutDevice }, { name: 'new', ...whiteoutDevice },
        { name: 'ee', ...whiteoutDevice }, dir('ee', { mtime: 9 }), file('ee/b'), { name: 'bz', type: 'block-device', devmajor: 0, devminor: 0 }],
    ]));
    expect(paths(rows)).toEqual(['bz', 'ee/', 'ee/b', 'ee/in', 'k']);
  });

  it('a hard link into a directory whited out (by this layer or the one before) links to nothing', async () => {
    await expect(mergeRows([[dir('d'), file('d/a')], [file('.wh.d')], [link('x', 'd/a')]])).rejects.toThrow(/x": hard link to nothing/);
    await expect(mergeRows([[dir('d'), file('d/a')], [file('.wh.d'), link('x', 'd/a')]])).rejects.toThrow(/x": hard link to nothing/);
  });

  it('a whiteout never hides what its own layer adds (OCI image-spec)', async () => {
    const rows = imageOnly(await mergeRows([[file('a', 'old')], [file('a', 'new'), file('.wh.a')]]));
    expect(rows).toEqual([expect.objectContaining({ path: 'a', sha256: sha('new') })]);
  });

  it('an opaque directory keeps the upper header and only the upper children', async () => {
    const rows = imageOnly(await mergeRows([
      [dir('d', { uid: 1, mode: 0o755 }), file('d/old'), dir('d/sub'), file('d/sub/deep'), file('e')],
      [dir('d', { uid: 2, mode: 0o700, mtime: 5 }), file('d/-early'), file('d/.wh..wh..opq'), dir('d/sub'), file('d/new')],
    ]));
    expect(paths(rows)).toEqual(['d/', 'd/-early', 'd/new', 'd/sub/', 'e']);
    expect(rows[0]).toMatchObject({ mode: 0o700, uid: 2, mtime: 5 });
  });

  it('ignores aufs bookkeeping entries', async () => {
    expect(paths(imageOnly(await mergeRows([[file('.wh..wh.plnk'), file('a')]])))).toEqual(['a']);
  });
});

describe('replacement', () => {
  it('a file replaced by a directory, and a directory replaced by a file', async () => {
    const rows = imageOnly(await mergeRows([
      [file('p'), dir('q'), file('q/inner')],
      [dir('p'), file('p/child'), file('q', 'now a file')],
    ]));
    expect(paths(rows)).toEqual(['p/', 'p/child', 'q']);
    expect(rows[2]).toMatchObject({ type: 'file', sha256: sha('now a file') });
  });

  it('a directory entry over a directory updates its header and keeps its children', async () => {
    const rows = imageOnly(await mergeRows([[dir('d', { mode: 0o755, mtime: 1 }), file('d/x')], [dir('d', { mode: 0o750, gid: 9, mtime: 2 })]]));
    expect(rows).toEqual([
      { path: 'd/', type: 'dir', mode: 0o750, uid: 0, gid: 9, mtime: 2, size: 0 },
      expect.objectContaining({ path: 'd/x' }),
    ]);
  });

  it('the last layer wins for file content and attributes', async () => {
    const r = await row([[file('f', 'one', { mode: 0o600 })], [file('f', 'two', { mode: 0o644, uid: 5 })]], 'f');
    expect(r).toMatchObject({ sha256: sha('two'), mode: 0o644, uid: 5, size: 3 });
  });
});

describe('mtimes the layer applier bounds', () => {
  it('an mtime before the epoch or after 2262-04-11 becomes 0, as docker export shows it', async () => {
    // Seen from a real engine: PAX mtime -100, -0.5, -7, 9300000000 exported as 0; 9223372036.5 kept.
    const rows = imageOnly(await mergeRows([[
      dir('nd', { pax: { mtime: '-100' } }), file('nd/f', 'x', { pax: { mtime: '-0.5' } }), { name: 'ns', type: 'symlink', linkname: 'nd', pax: { mtime: '-7' } },
      file('far', 'x', { pax: { mtime: '9300000000' } }), dir('fard', { pax: { mtime: '9300000000' } }), file('last', 'x', { pax: { mtime: '9223372036.5' } }),
    ]]));
    expect(rows.map((r) => [r.path, r.mtime])).toEqual([
      ['far', 0], ['fard/', 0], ['last', 9223372036], ['nd/', 0], ['nd/f', 0], ['ns', 0],
    ]);
  });
});

describe('hard links', () => {

  it('a later name of a device keeps its device numbers (docker export writes them in the link header)', async () => {
    const rows = imageOnly(await mergeRows([[{ name: 'c', type: 'character-device', devmajor: 1, devminor: 5 }, link('b', 'c'), { name: 'p', type: 'fifo' }, link('q', 'p')]]));
    expect(rows.find((r) => r.path === 'b')).toMatchObject({ type: 'char', devmajor: 1, devminor: 5 });
    expect(rows.find((r) => r.path === 'c')).toMatchObject({ type: 'hardlink', linkname: 'b', devmajor: 1, devminor: 5 });
    expect(rows.find((r) => r.path === 'q')).not.toHaveProperty('devmajor');
  });
  it('the first name in walk order holds the data; later names link to it', async () => {
    const same = { mode: 0o755 };
    const rows = imageOnly(await mergeRows([[file('m', 'data', same), { ...link('b', 'm'), ...same }, { ...link('z', 'm'), ...same }]]));
    expect(rows).toEqual([
      { path: 'b', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 0, size: 4, sha256: sha('data') },
      { path: 'm', type: 'hardlink', mode: 0o755, uid: 0, gid: 0, mtime: 0, size: 0, linkname: 'b' },
      { path: 'z', type: 'hardlink', mode: 0o755, uid: 0, gid: 0, mtime: 0, size: 0, linkname: 'b' },
    ]);
  });

  it('survives the deletion of the name that held the data in the layer', async () => {
    const rows = imageOnly(await mergeRows([
      [dir('z'), file('z/data', 'payload'), dir('a'), link('a/one', 'z/data'), dir('b'), link('b/two', 'z/data')],
      [dir('z'), file('z/.wh.data')],
    ]));
    expect(rows.filter((r) => r.type !== 'dir')).toEqual([
      expect.objectContaining({ path: 'a/one', type: 'file', size: 7, sha256: sha('payload') }),
      expect.objectContaining({ path: 'b/two', type: 'hardlink', linkname: 'a/one' }),
    ]);
  });

  it('reads the same when each file is read once and the spool is given back as it goes (readOnce)', async () => {
    const layers = [
      [dir('z'), file('z/data', 'payload'), dir('a'), link('a/one', 'z/data'), file('gone', 'x'.repeat(5000)), file('kept', 'lower')],
      [dir('z'), file('z/.wh.data'), file('.wh.gone'), file('kept', 'upper')],
    ];
    const once = await mergeRows(layers, { readOnce: true });
    expect(once).toEqual(await mergeRows(layers));
    expect(once.find((r) => r.path === 'kept')).toMatchObject({ sha256: sha('upper') });
  });

  it("a link's header sets the group's owner, mode and mtime (containerd applier)", async () => {
    const rows = imageOnly(await mergeRows([[file('a', 'x', { mode: 0o600, mtime: 5 }), { ...link('b', 'a'), mode: 0o755, uid: 3, mtime: 9 }]]));
    expect(rows.map((r) => [r.path, r.type, r.mode, r.uid, r.mtime])).toEqual([
      ['a', 'file', 0o755, 3, 9],
      ['b', 'hardlink', 0o755, 3, 9],
    ]);
  });

  it('a later layer replacing one name breaks it out of the group', async () => {
    const rows = imageOnly(await mergeRows([[file('a', 'old'), link('b', 'a')], [file('b', 'new')]]));
    expect(rows).toEqual([
      expect.objectContaining({ path: 'a', type: 'file', sha256: sha('old') }),
      expect.objectContaining({ path: 'b', type: 'file', sha256: sha('new') }),
    ]);
  });

  it('a link to a lower layer file joins its group', async () => {
    const rows = imageOnly(await mergeRows([[file('x', 'base')], [link('w', 'x')]]));
    expect(rows).toEqual([
      expect.objectContaining({ path: 'w', type: 'file', sha256: sha('base') }),
      expect.objectContaining({ path: 'x', type: 'hardlink', linkname: 'w' }),
    ]);
  });

  it('links to symlinks and devices keep the first name typed, the rest as links', async () => {
    const rows = imageOnly(await mergeRows([[{ name: 's', type: 'symlink', linkname: 'target' }, link('r', 's')]]));
    expect(rows).toEqual([
      expect.objectContaining({ path: 'r', type: 'symlink', linkname: 'target' }),
      expect.objectContaining({ path: 's', type: 'hardlink', linkname: 'r' }),
    ]);
  });

  it('refuses a hard link to nothing, naming the layer and the path', async () => {
    const err = await mergeRows([[file('a')], [file('.wh.a'), link('b', 'a')]]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect((err as Error).message).toMatch(/^layer sha256:[0-9a-f]{64}: path "b": hard link to nothing/);
  });

  it('refuses a hard link that leaves the tree or names a directory', async () => {
    await expect(mergeRows([[file('a'), link('b', '../a')]])).rejects.toThrow(/escapes the image root/);
    await expect(mergeRows([[file('a'), link('b', '/a')]])).rejects.toThrow(/absolute path/);
    await expect(mergeRows([[dir('d'), link('b', 'd')]])).rejects.toThrow(/hard link to a directory/);
  });
});

describe('names that escape the tree', () => {
  for (const name of ['../x', 'a/../../x', 'a/..', '/abs']) {
    it(`refuses ${name}`, async () => {
      const err = await mergeRows([[file(name)]]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FormatError);
      expect((err as Error).message).toMatch(/^layer sha256:[0-9a-f]{64}: .*(escapes the image root|absolute path)/);
    });
  }

  it('refuses an entry under a non-directory', async () => {
    await expect(mergeRows([[file('f'), file('f/x')]])).rejects.toThrow(/parent f is not a directory/);
  });
});

describe('entry types and attributes', () => {
  it('passes symlinks, special bits, owners, devices and fifos through', async () => {
    const rows = imageOnly(await mergeRows([[
      { name: 'bin', type: 'symlink', linkname: 'usr/bin', mode: 0o777, mtime: 3 },
      file('su', 'x', { mode: 0o4755, uid: 0, gid: 0 }),
      dir('tmp', { mode: 0o1777 }),
      file('home', 'h', { mode: 0o2640, uid: 1000, gid: 1001 }),
      { name: 'null', type: 'character-device', mode: 0o666, devmajor: 1, devminor: 3 },
      { name: 'sda', type: 'block-device', mode: 0o660, devmajor: 8, devminor: 0, gid: 6 },
      { name: 'pipe', type: 'fifo', mode: 0o600 },
    ]]));
    expect(rows.map(({ sha256: _s, ...r }) => r)).toEqual([
      { path: 'bin', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 3, size: 0, linkname: 'usr/bin' },
      { path: 'home', type: 'file', mode: 0o2640, uid: 1000, gid: 1001, mtime: 0, size: 1 },
      { path: 'null', type: 'char', mode: 0o666, uid: 0, gid: 0, mtime: 0, size: 0, devmajor: 1, devminor: 3 },
      { path: 'pipe', type: 'fifo', mode: 0o600, uid: 0, gid: 0, mtime: 0, size: 0 },
      { path: 'sda', type: 'block', mode: 0o660, uid: 0, gid: 6, mtime: 0, size: 0, devmajor: 8, devminor: 0 },
      { path: 'su', type: 'file', mode: 0o4755, uid: 0, gid: 0, mtime: 0, size: 1 },
      { path: 'tmp/', type: 'dir', mode: 0o1777, uid: 0, gid: 0, mtime: 0, size: 0 },
    ]);
  });

  it('gives symlinks mode 0777 whatever their header says', async () => {
    const r = await row([[{ name: 's', type: 'symlink', linkname: 'x', mode: 0o644 }]], 's');
    expect(r).toMatchObject({ type: 'symlink', mode: 0o777 });
  });

  it('truncates PAX mtimes to whole seconds and takes PAX owners', async () => {
    const r = await row([[file('f', 'x', { pax: { mtime: '1600000000.999999999', uid: '3000000', gid: '4000000' } })]], 'f');
    expect(r).toMatchObject({ mtime: 1600000000, uid: 3000000, gid: 4000000 });
  });
});
