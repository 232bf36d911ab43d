// The packed merged tree (src/image/tree.ts) driven directly, layer by layer, and read back through
// the export walk: overlayfs semantics on rows that are marked dead rather than removed, names kept
// as bytes, and growth past every initial capacity (column pages, hash table, names buffer).
import { describe, expect, it } from 'vitest';
import { walkTree } from '../../../src/image/export-walk.js';
import type { Spool } from '../../../src/image/spool.js';
import { NONE, NotADirectoryError, Tree, type Attrs, type Inode } from '../../../src/image/tree.js';
import type { TreeEntry } from '../../../src/image/types.js';

const IMPLIED: Attrs = { mode: 0o755, uid: 0, gid: 0, mtime: 1 };
const attrs = (mtime: number, extra: Partial<Attrs> = {}): Attrs => ({ mode: 0o644, uid: 0, gid: 0, mtime, ...extra });
const file = (mtime: number, size = 0, dataOffset = 0, crc32 = 0): Inode => ({ kind: 'file', ...attrs(mtime), size, dataOffset, crc32 });
const split = (path: string): string[] => path.split('/');
/** A spool whose reads say which range they were asked for. */
const spool = { read: (offset: number, size: number) => [Buffer.from(`${offset}+${size}`)] } as unknown as Spool;

/** The walk as `path type mtime` lines (hard links with their target). */
async function listing(tree: Tree): Promise<string[]> {
  const rows = await walkTree(tree.root, spool);
  return rows.map((e: TreeEntry) => `${e.path} ${e.type} ${e.mtime}${e.linkname !== undefined ? ` -> ${e.linkname}` : ''}`);
}

describe('the packed tree', () => {
  it('a whiteout hides what lower layers put there, never what its own layer added', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(split('a/old'), file(10), 0);
    tree.setLeaf(split('a/kept'), file(11), 0);
    tree.setLeaf(split('a/new'), file(20), 1);
    tree.whiteout(split('a/old'), 1);
    tree.whiteout(split('a/new'), 1); // same layer: stays
    tree.whiteout(split('a/missing'), 1);
    tree.whiteout(split('nowhere/x'), 1); // docker's applier makes the parents of every entry
    expect(await listing(tree)).toEqual(['a/ dir 1', 'a/kept file 11', 'a/new file 20', 'nowhere/ dir 1']);
  });

  it('a whiteout of a directory this layer also wrote keeps only what this layer put in it', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(split('d/lower'), file(10), 0);
    tree.setLeaf(split('d/sub/lower'), file(10), 0);
    tree.setDir(['d'], attrs(30), 1);
    tree.setLeaf(split('d/upper'), file(31), 1);
    tree.whiteout(['d'], 1);
    expect(await listing(tree)).toEqual(['d/ dir 30', 'd/upper file 31']);
  });

  it('an opaque marker hides everything lower layers put under the directory, at any depth', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(split('o/x'), file(10), 0);
    tree.setLeaf(split('o/deep/y'), file(10), 0);
    tree.setLeaf(split('o/deep/z'), file(20), 1); // walks through o/deep in layer 1
    tree.setLeaf(split('other/w'), file(10), 0);
    tree.opaque(['o'], 1);
    tree.setLeaf(split('o/x'), file(21), 1);
    expect(await listing(tree)).toEqual(['o/ dir 1', 'o/deep/ dir 1', 'o/deep/z file 20', 'o/x file 21', 'other/ dir 1', 'other/w file 10']);
    // The root is a directory an opaque marker can name too.
    tree.opaque([], 2);
    expect(await listing(tree)).toEqual([]);
  });

  it('a leaf over a directory removes it with all it holds; a new directory there starts empty', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(split('x/a/b'), file(10), 0);
    tree.setLeaf(split('x/c'), file(10), 0);
    tree.setLeaf(['x'], file(20), 1);
    expect(await listing(tree)).toEqual(['x file 20']);
    expect(tree.find(split('x/a/b'))).toBe(NONE);
    expect(() => tree.setLeaf(split('x/a'), file(21), 1)).toThrow(NotADirectoryError);
    tree.setDir(['x'], attrs(30), 2);
    tree.setLeaf(split('x/d'), file(31), 2);
    expect(await listing(tree)).toEqual(['x/ dir 30', 'x/d file 31']);
    expect(tree.find(split('x/a'))).toBe(NONE);
  });

  it('a directory over a leaf replaces it; a directory over a directory only updates its header', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(['y'], file(10), 0);
    tree.setDir(['y'], attrs(20, { mode: 0o700 }), 1);
    tree.setLeaf(split('y/in'), file(21), 1);
    tree.setDir(['y'], attrs(30, { mode: 0o711, uid: 4294967295 }), 2);
    const rows = await walkTree(tree.root, spool);
    expect(rows.map((e) => [e.path, e.type, e.mode, e.uid, e.mtime])).toEqual([
      ['y/', 'dir', 0o711, 4294967295, 30],
      ['y/in', 'file', 0o644, 0, 21],
    ]);
  });

  it('hard links across layers share one inode: the first name in walk order carries it', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(split('m/data'), file(10, 5, 4096, 0xdeadbeef), 0);
    const target = tree.find(split('m/data'));
    tree.hardLink(split('a/link'), target, attrs(40, { mode: 0o600, uid: 7 }), 1);
    // The original name is whited out later: the group lives on under the link's name.
    tree.hardLink(split('z/link2'), tree.find(split('a/link')), attrs(50, { mode: 0o640, uid: 8 }), 2);
    const rows = await walkTree(tree.root, spool);
    expect(rows.map((e) => [e.path, e.type, e.mode, e.uid, e.mtime, e.size, e.crc32, e.linkname])).toEqual([
      ['a/', 'dir', 0o755, 0, 1, 0, undefined, undefined],
      ['a/link', 'file', 0o640, 8, 50, 5, 0xdeadbeef, undefined],
      ['m/', 'dir', 0o755, 0, 1, 0, undefined, undefined],
      ['m/data', 'hardlink', 0o640, 8, 50, 0, undefined, 'a/link'],
      ['z/', 'dir', 0o755, 0, 1, 0, undefined, undefined],
      ['z/link2', 'hardlink', 0o640, 8, 50, 0, undefined, 'a/link'],
    ]);
    const data = rows[1]!.open!();
    const chunks: Buffer[] = [];
    for await (const chunk of data) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).toString()).toBe('4096+5');

    tree.whiteout(split('a/link'), 3);
    expect(await listing(tree)).toEqual(['a/ dir 1', 'm/ dir 1', 'm/data file 50', 'z/ dir 1', 'z/link2 hardlink 50 -> m/data']);
  });

  it('a hard link to a symlink leaves its mode at 0777', async () => {
    const tree = new Tree(IMPLIED);
    tree.setLeaf(['s'], { kind: 'symlink', ...attrs(10), mode: 0o777, size: 0, dataOffset: 0, linkname: 'target' }, 0);
    tree.hardLink(['t'], tree.find(['s']), attrs(20, { mode: 0o600 }), 0);
    const rows = await walkTree(tree.root, spool);
    expect(rows.map((e) => [e.path, e.type, e.mode, e.mtime, e.linkname])).toEqual([
      ['s', 'symlink', 0o777, 20, 'target'],
      ['t', 'hardlink', 0o777, 20, 's'],
    ]);
  });

  it('keeps names that are not UTF-8 as their bytes, sorted by bytes', async () => {
    const tree = new Tree(IMPLIED);
    // caf\xe9 (raw byte 0xe9, a lone surrogate U+DCE9 as a string), café (c3 a9), cafe, and U+FFFD.
    for (const name of ['caf\udce9', 'café', 'cafe', 'caf\ufffd']) tree.setLeaf([name], file(10), 0);
    tree.setLeaf(['d\udcff', 'x\udc80'], file(11), 0);
    expect(await listing(tree)).toEqual([
      'cafe file 10', 'café file 10', 'caf\udce9 file 10', 'caf\ufffd file 10', 'd\udcff/ dir 1', 'd\udcff/x\udc80 file 11',
    ]);
    expect(tree.find(['caf\udce9'])).not.toBe(tree.find(['café']));
    expect(tree.find(['d\udcff', 'x\udc80'])).not.toBe(NONE);
    expect(tree.find(['d\udcfe'])).toBe(NONE);
  });

  it('holds the deletion of whited-out lower directories to the layer\'s end in time linear in the entries', async () => {
    const tree = new Tree(IMPLIED);
    const COUNT = 60_000;
    for (let i = 0; i < COUNT; i++) tree.setDir([`d${i}`], attrs(1, { mode: 0o755 }), 0);
    const started = performance.now();
    // Layer 1 whites out every directory, then adds as many files: each change checks the pending
    // whiteouts (a scan of them per change would take minutes here).
    for (let i = 0; i < COUNT; i++) tree.whiteout([`d${i}`], 1);
    for (let i = 0; i < COUNT; i++) tree.setLeaf([`f${i}`], file(2), 1);
    tree.setDir(['d0'], attrs(3, { mode: 0o700 }), 1); // re-declared in the same layer: kept
    tree.setLeaf(['late'], file(4), 2);
    const rows = await walkTree(tree.root, spool);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(rows.filter((e) => e.path.startsWith('d')).map((e) => e.path)).toEqual(['d0/']);
    expect(rows.length).toBe(1 + COUNT + 1);
  });

  it('grows past its initial capacities (column pages, hash table, names) and stays consistent', async () => {
    const tree = new Tree(IMPLIED);
    const DIRS = 50;
    const PER_DIR = 2000; // 100,000 files: three column pages, several hash table rebuilds
    for (let d = 0; d < DIRS; d++) {
      for (let f = 0; f < PER_DIR; f++) tree.setLeaf([`dir-${d}`, `file-with-a-longer-name-${f}`], file(d, f, f * 10, f + 1), 0);
    }
    // Layer 1 removes every other directory and half the files of the rest, then re-adds a name.
    for (let d = 0; d < DIRS; d += 2) tree.whiteout([`dir-${d}`], 1);
    for (let d = 1; d < DIRS; d += 2) for (let f = 0; f < PER_DIR; f += 2) tree.whiteout([`dir-${d}`, `file-with-a-longer-name-${f}`], 1);
    tree.setLeaf(['dir-0', 'again'], file(99), 1);
    // A 300-byte name (longer than a tar name component can be) and one of 70,000 bytes.
    const long = 'L'.repeat(300);
    const huge = 'H'.repeat(70_000);
    tree.setLeaf([long], file(7), 1);
    tree.setLeaf([huge], file(8), 1);

    const rows = await walkTree(tree.root, spool);
    expect(rows.length).toBe(1 + 1 + (DIRS / 2) * (1 + PER_DIR / 2) + 2);
    // Byte order: H… and L… before d…, then file-…-1, file-…-1001, file-…-1003, …
    expect(rows.slice(0, 8).map((e) => e.path)).toEqual([
      huge, long, 'dir-0/', 'dir-0/again', 'dir-1/',
      'dir-1/file-with-a-longer-name-1', 'dir-1/file-with-a-longer-name-1001', 'dir-1/file-with-a-longer-name-1003',
    ]);
    const last = rows.find((e) => e.path === 'dir-49/file-with-a-longer-name-1999')!;
    expect([last.mtime, last.size, last.crc32]).toEqual([49, 1999, 2000]);
    expect(rows.at(-1)!.path).toBe('dir-9/file-with-a-longer-name-999');
    expect(tree.find(['dir-2', 'file-with-a-longer-name-1'])).toBe(NONE);
    expect(tree.find(['dir-3', 'file-with-a-longer-name-0'])).toBe(NONE);
    expect(tree.find(['dir-3', 'file-with-a-longer-name-1'])).not.toBe(NONE);
  });
  describe("docker's layer applier (containerd: the first layer in a plain directory, the others in an overlayfs upper one)", () => {
    it("sets a layer's directory header times at the layer's end, on what is then at the name", async () => {
      const tree = new Tree(IMPLIED);
      tree.setDir(['d'], attrs(5), 0);
      tree.setLeaf(['d'], file(9), 0);
      tree.setLeaf(['f'], file(11), 1);
      tree.setDir(['h'], attrs(6), 1);
      tree.hardLink(['h'], tree.find(['f']), attrs(9), 1);
      tree.setDir(['t'], attrs(12), 1);
      tree.setDir(['s'], attrs(7), 1);
      tree.setLeaf(['s'], { ...file(9), kind: 'symlink', mode: 0o777, linkname: 't' }, 1);
      tree.setDir(['again'], attrs(3), 1);
      tree.setLeaf(['again'], file(9), 1);
      tree.setDir(['again'], attrs(4), 1); // a later header of the layer: its own time stays
      tree.endLimit();
      expect(await listing(tree)).toEqual(['again/ dir 4', 'd file 5', 'f file 6', 'h hardlink 6 -> f', 's symlink 9 -> t', 't/ dir 7']);
    });

    it('in the first layer, a whiteout removes what the layer put there and an opaque marker the directories without a header', async () => {
      const tree = new Tree(IMPLIED);
      tree.setLeaf(['own'], file(10), 0);
      tree.whiteout(['own'], 0);
      tree.setDir(['o'], attrs(5), 0);
      tree.setLeaf(split('o/implied/f'), file(10), 0);
      tree.setDir(split('o/declared'), attrs(6), 0);
      tree.setLeaf(split('o/declared/implied/g'), file(10), 0);
      tree.setLeaf(split('o/kept'), file(10), 0);
      tree.opaque(['o'], 0);
      tree.setLeaf(split('o/implied-after/f'), file(10), 0);
      expect(await listing(tree)).toEqual(['o/ dir 5', 'o/declared/ dir 6', 'o/implied-after/ dir 1', 'o/implied-after/f file 10', 'o/kept file 10']);
    });

    it('makes the parents of whiteouts and opaque markers', async () => {
      const tree = new Tree(IMPLIED);
      tree.whiteout(split('w/x'), 0);
      tree.opaque(split('p/q'), 1);
      expect(await listing(tree)).toEqual(['p/ dir 1', 'p/q/ dir 1', 'w/ dir 1']);
    });

    it("above the first layer, a lower file or symlink where a parent goes becomes a directory (a symlinked directory's attributes)", async () => {
      const tree = new Tree(IMPLIED);
      tree.setLeaf(['f'], file(10), 0);
      tree.setDir(['t'], attrs(10, { mode: 0o700, uid: 7 }), 0);
      tree.setLeaf(split('t/in'), file(10), 0);
      tree.setLeaf(['s'], { ...file(10), kind: 'symlink', mode: 0o777, linkname: 't' }, 0);
      expect(() => tree.setLeaf(split('f/x'), file(11), 0)).toThrow(NotADirectoryError);
      tree.setLeaf(split('f/x'), file(11), 1);
      tree.setLeaf(split('s/x'), file(11), 1);
      tree.setLeaf(['own'], file(11), 1);
      expect(() => tree.setLeaf(split('own/x'), file(11), 1)).toThrow(NotADirectoryError);
      const rows = await walkTree(tree.root, spool);
      expect(rows.map((e) => [e.path, e.mode, e.uid])).toEqual([
        ['f/', 0o755, 0], ['f/x', 0o644, 0], ['own', 0o644, 0], ['s/', 0o700, 7], ['s/x', 0o644, 0], ['t/', 0o700, 7], ['t/in', 0o644, 0],
      ]);
    });

    it("gives a directory it makes in a setgid directory the parent's group", async () => {
      const tree = new Tree(IMPLIED);
      tree.setDir(['g'], attrs(10, { mode: 0o2775, gid: 50 }), 0);
      tree.setLeaf(split('g/made/f'), file(11), 0);
      const rows = await walkTree(tree.root, spool);
      expect(rows.map((e) => [e.path, e.mode, e.gid])).toEqual([['g/', 0o2775, 50], ['g/made/', 0o755, 50], ['g/made/f', 0o644, 0]]);
    });

    it("brings a lower directory back, contents and all, when the layer that replaced it declares it again", async () => {
      const tree = new Tree(IMPLIED);
      for (const name of ['a', 'b', 'c']) tree.setLeaf([name, 'in'], file(10), 0);
      tree.setLeaf(['a'], file(20), 1);
      tree.setDir(['a'], attrs(21), 1);
      tree.setLeaf(split('a/new'), file(22), 1);
      tree.whiteout(['b'], 1);
      tree.setLeaf(['b'], file(20), 1);
      tree.setDir(['b'], attrs(21), 1);
      tree.setLeaf(['c'], file(20), 1); // not declared again: gone
      tree.setDir(['c'], attrs(30), 2);
      tree.setLeaf(['d', 'in'], file(10), 1);
      tree.setDir(['d'], attrs(31), 2); // a header alone writes nothing in it
      tree.setLeaf(['d'], file(32), 2);
      tree.setDir(['d'], attrs(33), 2);
      tree.setLeaf(['e', 'in'], file(10), 1);
      tree.setLeaf(['e', 'new'], file(31), 2); // this layer wrote in it: docker shows e as below, here it starts empty
      tree.setLeaf(['e'], file(32), 2);
      tree.setDir(['e'], attrs(33), 2);
      expect(await listing(tree)).toEqual([
        'a/ dir 21', 'a/in file 10', 'a/new file 22', 'b/ dir 21', 'b/in file 10', 'c/ dir 30', 'd/ dir 33', 'd/in file 10', 'e/ dir 33',
      ]);
    });
    it('follows the symlinks the layer itself wrote in a parent path, bounded by the root', async () => {
      const tree = new Tree(IMPLIED);
      tree.setDir(['u'], attrs(10, { mode: 0o700 }), 0);
      tree.setLeaf(['lower'], { ...file(10), kind: 'symlink', mode: 0o777, linkname: 'u' }, 0);
      const link = (name: string, target: string): void => tree.setLeaf(split(name), { ...file(11), kind: 'symlink', mode: 0o777, linkname: target }, 1);
      link('rel', 'u');
      link('abs', '/made');
      link('out', '../../bounded');
      link('p', 'q');
      link('q', 'p');
      tree.setLeaf(split('rel/a'), file(12), 1);
      tree.setLeaf(split('abs/b'), file(12), 1);
      tree.setLeaf(split('out/c'), file(12), 1);
      tree.setLeaf(split('lower/d'), file(12), 1); // a lower layer's symlink: a directory in its place
      expect(() => tree.setLeaf(split('p/x'), file(12), 1)).toThrow(NotADirectoryError);
      expect((await listing(tree)).filter((l) => !l.includes('symlink'))).toEqual([
        'bounded/ dir 1', 'bounded/c file 12', 'lower/ dir 1', 'lower/d file 12', 'made/ dir 1', 'made/b file 12', 'u/ dir 10', 'u/a file 12',
      ]);
    });
  });
});
