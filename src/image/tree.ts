// The in-memory merged tree: metadata only (file data lives in the spool file). Layers are applied
// bottom-up in tar order with overlayfs semantics: a later entry replaces an earlier one (a
// directory over a directory only updates its header), whiteouts and opaque markers hide what lower
// layers put there, and hard links share one inode so the export can group them. The details follow
// docker's layer applier (containerd's), which writes the first layer (index 0) into a plain
// directory and every other one into an overlayfs upper directory: what a layer's own entries see
// differs between the two (whiteouts, opaque markers, symlinks and files in parent paths).
//
// Images hold hundreds of thousands of entries, so the tree is packed: one row per entry in typed
// array columns, names as raw bytes in one growable buffer, children found by an open-addressing
// hash table keyed on (parent, name bytes) and listed by a per-directory chain. A row is 40 bytes
// (a regular file with data has a 20-byte data row besides), about 55 with its hash slots and name,
// and nothing for the garbage collector to trace; the columns grow by fixed pages, so growing never
// copies or frees (freed blocks would stay in the process's heap). A deleted entry is marked dead
// and never reused; a dead directory's descendants are unreachable (every lookup starts at the
// root, and a dead row is never returned), and the hash table's rebuild drops them.

import { decodeName, nameBytes } from '../io/byte-names.js';
import { FormatError } from '../errors.js';

export type LeafKind = 'file' | 'symlink' | 'char' | 'block' | 'fifo';

export interface Attrs {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

/** A non-directory as a layer gives it (setLeaf packs it into the tree's columns). */
export interface Inode extends Attrs {
  readonly kind: LeafKind;
  readonly size: number;
  /** Offset of the data in the spool file (regular files with size > 0). */
  readonly dataOffset: number;
  /** zlib CRC-32 of a regular file's data, recorded while spooling (0 for an empty file). */
  readonly crc32?: number;
  readonly linkname?: string;
  readonly devmajor?: number;
  readonly devminor?: number;
}

/** A directory of a tree, where an export walk starts (`tree.root`). */
export interface TreeDir {
  readonly tree: Tree;
  readonly id: number;
}

export class NotADirectoryError extends Error {
  constructor(readonly at: string) {
    super(`${at} is not a directory`);
  }
}

/** The root's row. */
export const ROOT = 0;
/** No entry (a lookup that found nothing, the end of a chain, an empty hash slot). */
export const NONE = -1;

const KINDS: readonly LeafKind[] = ['file', 'symlink', 'char', 'block', 'fifo'];
const KIND_CODE: Readonly<Record<LeafKind, number>> = { file: 1, symlink: 2, char: 3, block: 4, fifo: 5 };
const DIR = 0;

// A row's small fields share one 32-bit word: name length (a longer name's is kept aside), mode
// bits, kind and flags. DEAD is the entry's (the name is gone); SHARED and HAS_CRC are the
// inode's; LINKED marks a hard link, whose inode is another row's.
const LENGTH_MASK = 0xff;
const LONG_NAME = 0xff;
const MODE_SHIFT = 8;
const MODE_MASK = 0o7777 << MODE_SHIFT;
const KIND_SHIFT = 20;
const KIND_MASK = 7 << KIND_SHIFT;
const DEAD = 1 << 23;
const SHARED = 1 << 24;
const HAS_CRC = 1 << 25;
const LINKED = 1 << 26;
/** A directory whose header came in the layer #layer names (not only walked through by it). */
const HEADER = 1 << 27;
/** A directory the layer #layer names wrote or removed something in (walked through). */
const WALKED = 1 << 28;
const SYMLINK_BITS = KIND_CODE.symlink << KIND_SHIFT;

/** containerd's RootPath gives up after this many symlinks. */
const MAX_SYMLINK_HOPS = 255;

const INITIAL_SLOTS = 2048;
const INITIAL_NAME_BYTES = 16 * 1024;
/** The names buffer is addressed by 32-bit offsets. */
const MAX_NAME_BYTES = 0xffffffff;

/** Surrogate halves: a name holding one is not plain UTF-8 text (io/byte-names.ts). */
const SURROGATE = /[\uD800-\uDFFF]/;

const PAGE_BITS = 15;
const PAGE_ROWS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_ROWS - 1;

/** A column of 32-bit words in fixed pages (unsigned values are read back with `>>> 0`). */
class Int32Column {
  readonly #pages: Int32Array[] = [];
  get(id: number): number {
    return this.#pages[id >>> PAGE_BITS]![id & PAGE_MASK]!;
  }
  set(id: number, value: number): void {
    this.#pages[id >>> PAGE_BITS]![id & PAGE_MASK] = value;
  }
  addPage(): void {
    this.#pages.push(new Int32Array(PAGE_ROWS));
  }
}

/** A column of doubles in fixed pages (times, sizes and offsets past 32 bits). */
class Float64Column {
  readonly #pages: Float64Array[] = [];
  get(id: number): number {
    return this.#pages[id >>> PAGE_BITS]![id & PAGE_MASK]!;
  }
  set(id: number, value: number): void {
    this.#pages[id >>> PAGE_BITS]![id & PAGE_MASK] = value;
  }
  addPage(): void {
    this.#pages.push(new Float64Array(PAGE_ROWS));
  }
}

/**
 * Entries an image may add over all its layers (a name deleted or replaced by a later layer still
 * counts): 2^24, the most a ramdisk manifest may list (build/manifest-reader.ts). Every entry
 * costs about 55 bytes here, so this bounds the tree at about 900 MiB, where an unbounded layer of
 * empty files (512 bytes of tar header each, gzip-compressed a hundredfold) would exhaust memory.
 */
export const MAX_IMAGE_ENTRIES = 2 ** 24;

/** The image adds more entries than the tree accepts. */
export class TooManyEntriesError extends FormatError {
  constructor(readonly limit: number) {
    super(`the image adds more than ${limit} entries over its layers (deleted ones included)`);
    this.name = 'TooManyEntriesError';
  }
}

export class Tree {
  readonly root: TreeDir = { tree: this, id: ROOT };
  /** Attributes of directories a layer implies without a header of their own. */
  readonly #implied: Attrs;

  #rows = 0;
  // Entry columns (one row per name ever added).
  readonly #parent = new Int32Column();
  readonly #nameStart = new Int32Column();
  /** Index of the layer that last set (or, for a directory, walked through) the entry. */
  readonly #layer = new Int32Column();
  /** A directory's first child (newest first); a regular file's data row, NONE when it has no data. */
  readonly #firstChild = new Int32Column();
  readonly #nextSibling = new Int32Column();
  /** Name length, mode, kind and flags (see LENGTH_MASK and after). */
  readonly #meta = new Int32Column();
  // Inode columns (meaningful on an entry's own row unless it is LINKED).
  readonly #uid = new Int32Column();
  readonly #gid = new Int32Column();
  readonly #mtime = new Float64Column();
  // Data rows: only regular files with data have one (most entries of a large tree have none).
  #dataRows = 0;
  readonly #size = new Float64Column();
  readonly #dataOffset = new Float64Column();
  readonly #crc32 = new Int32Column();
  // Rare fields, by row.
  readonly #linkedInode = new Map<number, number>();
  readonly #longNameLength = new Map<number, number>();
  readonly #linkname = new Map<number, string>();
  readonly #device = new Map<number, readonly [number, number]>();

  #names = Buffer.alloc(INITIAL_NAME_BYTES);
  #nameBytesUsed = 0;
  /** A name being looked up, as bytes, its length and hash (set by childOf, used by the adds after it). */
  #scratch = Buffer.alloc(256);
  #scratchLength = 0;
  #scratchHash = 0;

  /** Open addressing with linear probing: row ids, NONE where empty; dead rows stay until a rebuild. */
  #slots = new Int32Array(INITIAL_SLOTS).fill(NONE);
  #slotsUsed = 0;

  /** Rows (names ever added, deleted ones included) allowed before TooManyEntriesError. */
  #maxRows: number;

  /**
   * Lower directories whited out by the layer being applied (rows), deleted when a later
   * layer starts. Docker's applier writes `.wh.d` as a whiteout device at `d`; a `d/` entry later in
   * the same layer replaces the device with a plain directory (not opaque), so overlayfs still
   * shows the lower `d`'s children, under the new header.
   */
  readonly #pendingWhiteouts = new Set<number>();
  /** The layer of the pending whiteouts. */
  #pendingLayer = -1;

  /**
   * Directory headers whose entry the same layer then replaced or removed: docker's applier sets
   * the times of a layer's directory headers once the layer is written, on whatever is at the name
   * by then (a file that replaced the directory gets the directory's mtime). Rare, so a list.
   */
  #headerTimes: Array<{ readonly parent: number; readonly name: string; readonly mtime: number }> = [];
  /** The layer of #headerTimes. */
  #headerTimesLayer = -1;

  /**
   * Lower directories a non-directory of the layer being applied replaced (by "parent\0name", and
   * their rows), dead but kept whole until the layer ends: docker's applier writes a layer into an
   * overlayfs upper directory, where only the layer's last entry at a name counts, so a directory
   * header after the replacement makes a plain directory over the lower one, whose contents show.
   */
  readonly #stashByName = new Map<string, number>();
  readonly #stashedRows = new Map<number, string>();
  #stashLayer = -1;

  constructor(implied: Attrs, maxEntries: number = MAX_IMAGE_ENTRIES) {
    this.#implied = implied;
    this.#maxRows = maxEntries + 1; // the root's row is not an entry
    const root = this.#newRow(NONE, 0, 0, -1);
    this.#setAttrs(root, { mode: 0o755, uid: 0, gid: 0, mtime: 0 });
  }

  /** The layers are applied: the few entries the build adds itself (the init layer) are not limited. */
  endLimit(): void {
    this.#settleWhiteouts(Number.POSITIVE_INFINITY);
    this.#maxRows = Number.POSITIVE_INFINITY;
  }

  // ---- Lookups ----

  /** The live entry at `parts` (the root for none), or NONE. */
  find(parts: readonly string[]): number {
    let id = ROOT;
    for (const part of parts) {
      if (!this.isDir(id)) return NONE;
      id = this.childOf(id, part);
      if (id === NONE) return NONE;
    }
    return id;
  }

  /**
   * `find` for an entry of `layer` (a hard link's target): directories earlier layers whited out
   * are gone, and one this layer whited out is not there either.
   */
  findInLayer(parts: readonly string[], layer: number): number {
    this.#settleWhiteouts(layer);
    let id = ROOT;
    for (const part of parts) {
      if (!this.isDir(id)) return NONE;
      id = this.childOf(id, part);
      if (id === NONE || this.#pendingWhiteouts.has(id)) return NONE;
    }
    return id;
  }

  /** The live entry named `name` in the directory `dir`, or NONE. */
  childOf(dir: number, name: string): number {
    const length = this.#encode(name);
    this.#scratchHash = hashName(dir, this.#scratch, 0, length);
    return this.#lookup(dir, length, this.#scratchHash);
  }

  isDir(id: number): boolean {
    return (this.#meta.get(id) & KIND_MASK) === 0;
  }

  kindOf(id: number): 'dir' | LeafKind {
    const code = (this.#meta.get(id) & KIND_MASK) >>> KIND_SHIFT;
    return code === DIR ? 'dir' : KINDS[code - 1]!;
  }

  /** The row holding an entry's inode, shared with its hard links (its own row when it has none). */
  inodeOf(id: number): number {
    return (this.#meta.get(id) & LINKED) === 0 ? id : this.#linkedInode.get(id)!;
  }

  /** The entry's name as a string (io/byte-names.ts: raw bytes that are not UTF-8 kept as lone surrogates). */
  nameOf(id: number): string {
    const start = this.#nameStart.get(id) >>> 0;
    return decodeName(this.#names.toString('latin1', start, start + this.#nameLength(id)));
  }

  attrsOf(id: number): Attrs {
    const ino = this.inodeOf(id);
    return { mode: (this.#meta.get(ino) & MODE_MASK) >>> MODE_SHIFT, uid: this.#uid.get(ino) >>> 0, gid: this.#gid.get(ino) >>> 0, mtime: this.#mtime.get(ino) };
  }

  /** A non-directory's inode as it stands (a hard link's: the group's). */
  inodeAttrs(id: number): Inode & { readonly shared: boolean } {
    const ino = this.inodeOf(id);
    const meta = this.#meta.get(ino);
    const data = this.#firstChild.get(ino);
    const device = this.#device.get(ino);
    const linkname = this.#linkname.get(ino);
    return {
      kind: this.kindOf(ino) as LeafKind, ...this.attrsOf(ino),
      size: data === NONE ? 0 : this.#size.get(data), dataOffset: data === NONE ? 0 : this.#dataOffset.get(data),
      shared: (meta & SHARED) !== 0,
      ...((meta & HAS_CRC) !== 0 ? { crc32: data === NONE ? 0 : this.#crc32.get(data) >>> 0 } : {}),
      ...(linkname !== undefined ? { linkname } : {}),
      ...(device !== undefined ? { devmajor: device[0], devminor: device[1] } : {}),
    };
  }

  /** A directory's live entries, names in byte order (the export walk's order). */
  sortedChildren(dir: number): number[] {
    this.#settleWhiteouts(Number.POSITIVE_INFINITY);
    const children: number[] = [];
    for (let c = this.#firstChild.get(dir); c !== NONE; c = this.#nextSibling.get(c)) {
      if ((this.#meta.get(c) & DEAD) === 0) children.push(c);
    }
    const names = this.#names;
    return children.sort((a, b) => {
      const as = this.#nameStart.get(a) >>> 0;
      const bs = this.#nameStart.get(b) >>> 0;
      const al = this.#nameLength(a);
      const bl = this.#nameLength(b);
      const n = al < bl ? al : bl;
      for (let i = 0; i < n; i++) {
        const d = names[as + i]! - names[bs + i]!;
        if (d !== 0) return d;
      }
      return al - bl;
    });
  }

  /** Rows ever added (live or dead): what the tree's memory grows with. */
  get rowCount(): number {
    return this.#rows;
  }

  // ---- Layer entries ----

  /** The directory holding `parts`' last name, creating missing parents (marked with `layer`). */
  parentOf(parts: readonly string[], layer: number, throughLinks = false): number {
    let dir = ROOT;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = this.childOf(dir, parts[i]!);
      if (next !== NONE && (this.#meta.get(next) & KIND_MASK) === SYMLINK_BITS && (layer === 0 || this.#layer.get(next) >= layer)) {
        // A symlink the layer itself wrote: docker's applier resolves the parent path within the
        // layer's directory (containerd's RootPath: symlinks followed, bounded by the root).
        const resolved = throughLinks ? undefined : this.#resolveInLayer(parts.slice(0, -1), layer);
        if (resolved === undefined) throw new NotADirectoryError(parts.slice(0, i + 1).join('/'));
        return this.parentOf([...resolved, parts[parts.length - 1]!], layer, true);
      }
      if (next !== NONE && this.#pendingWhiteouts.size > 0 && this.#pendingWhiteouts.delete(next)) {
        // An entry under a directory this layer whited out, without a header for it: the lower one goes now.
        this.#kill(next);
        next = this.childOf(dir, parts[i]!);
      }
      if (next !== NONE && !this.isDir(next)) {
        // Above the first layer docker's applier writes into the layer's own directory, where a
        // lower layer's file or symlink is not: it makes a directory there, which hides the lower
        // entry, with the attributes of the directory a symlink led to (else 0755 root). A
        // non-directory of this layer (or of the first) stops it.
        if (layer === 0 || this.#layer.get(next) >= layer) throw new NotADirectoryError(parts.slice(0, i + 1).join('/'));
        const target = this.kindOf(next) === 'symlink' ? this.#resolve(next) : NONE;
        const attrs = target !== NONE && this.isDir(target) ? { ...this.attrsOf(target), mtime: this.#implied.mtime } : this.#impliedIn(dir);
        this.#kill(next);
        this.childOf(dir, parts[i]!);
        next = this.#add(dir, layer);
        this.#setAttrs(next, attrs);
      } else if (next === NONE) {
        next = this.#add(dir, layer);
        this.#setAttrs(next, this.#impliedIn(dir));
      }
      if (this.#layer.get(next) < layer) {
        this.#layer.set(next, layer);
        this.#meta.set(next, (this.#meta.get(next) & ~HEADER) | WALKED);
      } else if ((this.#meta.get(next) & WALKED) === 0) {
        this.#meta.set(next, this.#meta.get(next) | WALKED);
      }
      dir = next;
    }
    return dir;
  }

  /**
   * The attributes of a directory the applier makes in `dir` (mkdir, chmod 0755, no chown): Linux
   * gives a directory made in a setgid directory the parent's group (the chmod drops the bit).
   */
  #impliedIn(dir: number): Attrs {
    const meta = this.#meta.get(dir);
    if ((meta & (0o2000 << MODE_SHIFT)) === 0) return this.#implied;
    return { ...this.#implied, gid: this.#gid.get(dir) >>> 0 };
  }

  /** A directory entry: updates an existing directory's header, or replaces a non-directory. */
  setDir(parts: readonly string[], attrs: Attrs, layer: number): void {
    if (parts.length === 0) return; // the root's own header is not exported
    this.#settleWhiteouts(layer);
    const parent = this.parentOf(parts, layer);
    const existing = this.childOf(parent, parts[parts.length - 1]!);
    let id = existing;
    if (existing !== NONE && this.isDir(existing)) {
      this.#pendingWhiteouts.delete(existing); // `.wh.d` then `d/` in one layer: the lower d stays
      if (this.#layer.get(existing) < layer) this.#meta.set(existing, this.#meta.get(existing) & ~WALKED);
      this.#setAttrs(existing, attrs);
      this.#layer.set(existing, layer);
    } else {
      const stashed = this.#stashByName.size > 0 ? this.#stashByName.get(`${parent}\0${parts[parts.length - 1]!}`) : undefined;
      if (stashed === undefined) id = this.#addDirAfterLookup(parent, existing, attrs, layer);
      else {
        // The lower directory a non-directory of this layer replaced: a plain directory over it again.
        if (existing !== NONE) this.#kill(existing);
        this.#unstash(stashed);
        this.#meta.set(stashed, this.#meta.get(stashed) & ~(DEAD | WALKED));
        this.#setAttrs(stashed, attrs);
        this.#layer.set(stashed, layer);
        id = stashed;
      }
    }
    this.#meta.set(id, this.#meta.get(id) | HEADER);
  }

  /** A non-directory entry: replaces whatever was there (a directory with all it holds). */
  setLeaf(parts: readonly string[], inode: Inode, layer: number): void {
    this.#settleWhiteouts(layer);
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1]!;
    const existing = this.childOf(parent, name);
    if (existing !== NONE) {
      this.#noteHeaderTime(existing, parent, name, layer);
      this.#stashLowerDir(existing, parent, name, layer);
    }
    this.#addLeafAfterLookup(parent, existing, inode, layer);
  }

  /**
   * A hard link at `parts` to the non-directory `target`: joins its inode, and (as containerd's
   * applier does: link, then Lchown, lchmod, chtimes) the link's header sets the group's owner,
   * mtime and mode (not a symlink's).
   */
  hardLink(parts: readonly string[], target: number, attrs: Attrs, layer: number): void {
    this.#settleWhiteouts(layer);
    const ino = this.inodeOf(target);
    const meta = this.#meta.get(ino);
    this.#setAttrs(ino, (meta & KIND_MASK) === SYMLINK_BITS ? { ...attrs, mode: (meta & MODE_MASK) >>> MODE_SHIFT } : attrs);
    this.#meta.set(ino, this.#meta.get(ino) | SHARED);
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1]!;
    const existing = this.childOf(parent, name);
    if (existing !== NONE) {
      this.#noteHeaderTime(existing, parent, name, layer);
      this.#stashLowerDir(existing, parent, name, layer);
      this.#kill(existing);
    }
    const id = this.#add(parent, layer);
    this.#meta.set(id, this.#meta.get(id) | (meta & KIND_MASK) | LINKED);
    this.#linkedInode.set(id, ino);
  }

  /**
   * `.wh.NAME`: removes what lower layers put at `parts` (never what this layer added); a lower
   * directory only once the layer ends (see #pendingWhiteouts). `replacesOwn`: a whiteout device
   * (char 0:0), which first replaces what this layer put there. Missing parents are made, as
   * docker's applier makes them for every entry. The first layer is written into a plain
   * directory: there a whiteout removes whatever is at the name.
   */
  whiteout(parts: readonly string[], layer: number, replacesOwn = false): void {
    this.#settleWhiteouts(layer);
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1]!;
    const node = this.childOf(parent, name);
    if (node === NONE) return;
    if (layer === 0 || (replacesOwn && this.#layer.get(node) >= layer)) {
      this.#pendingWhiteouts.delete(node);
      this.#noteHeaderTime(node, parent, name, layer);
      this.#kill(node);
    } else if (this.#layer.get(node) < layer) {
      if (this.isDir(node)) {
        this.#pendingWhiteouts.add(node);
        this.#pendingLayer = layer;
      } else {
        this.#kill(node);
      }
    } else if (this.isDir(node)) this.#pruneLower(node, layer);
  }

  /**
   * `.wh..wh..opq`: hides everything lower layers put under the directory `parts` (made when
   * missing). In the first layer, docker's applier removes instead what under it has no header of
   * this layer: the directories it made for entries whose parents had none.
   */
  opaque(parts: readonly string[], layer: number): void {
    this.#settleWhiteouts(layer);
    const dir = this.parentOf([...parts, ''], layer);
    if (layer === 0) this.#pruneImplied(dir);
    else this.#pruneLower(dir, layer);
  }

  // ---- Direct edits (what `docker create` adds: init-layer.ts) ----

  /** A new directory `name` in `dir`, replacing whatever was there. */
  addDir(dir: number, name: string, attrs: Attrs, layer: number): number {
    return this.#addDirAfterLookup(dir, this.childOf(dir, name), attrs, layer);
  }

  /** A new non-directory `name` in `dir`, replacing whatever was there. */
  addLeaf(dir: number, name: string, inode: Inode, layer: number): number {
    return this.#addLeafAfterLookup(dir, this.childOf(dir, name), inode, layer);
  }

  /** Removes an entry (a directory with all it holds). */
  remove(id: number): void {
    if (id !== ROOT) this.#kill(id);
  }

  setMtime(id: number, mtime: number): void {
    this.#mtime.set(this.inodeOf(id), mtime);
  }

  // ---- Internals ----

  #nameLength(id: number): number {
    const length = this.#meta.get(id) & LENGTH_MASK;
    return length === LONG_NAME ? this.#longNameLength.get(id)! : length;
  }

  #encode(name: string): number {
    let length: number;
    if (!SURROGATE.test(name)) {
      if (this.#scratch.length < name.length * 3) this.#scratch = Buffer.alloc(name.length * 3);
      length = this.#scratch.write(name, 0, 'utf8');
    } else {
      const bytes = nameBytes(name);
      if (this.#scratch.length < bytes.length) this.#scratch = Buffer.alloc(bytes.length);
      bytes.copy(this.#scratch);
      length = bytes.length;
    }
    this.#scratchLength = length;
    return length;
  }

  /** The live row (parent, scratch name), or NONE. */
  #lookup(parent: number, length: number, hash: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    const names = this.#names;
    const scratch = this.#scratch;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const id = slots[s]!;
      if (id === NONE) return NONE;
      if (this.#parent.get(id) !== parent || (this.#meta.get(id) & DEAD) !== 0 || this.#nameLength(id) !== length) continue;
      const start = this.#nameStart.get(id) >>> 0;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (names[start + i] !== scratch[i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  #addDirAfterLookup(dir: number, existing: number, attrs: Attrs, layer: number): number {
    if (existing !== NONE) this.#kill(existing);
    const id = this.#add(dir, layer);
    this.#setAttrs(id, attrs);
    return id;
  }

  #addLeafAfterLookup(dir: number, existing: number, inode: Inode, layer: number): number {
    if (existing !== NONE) this.#kill(existing);
    const id = this.#add(dir, layer);
    this.#setAttrs(id, inode);
    this.#meta.set(id, this.#meta.get(id) | (KIND_CODE[inode.kind] << KIND_SHIFT) | (inode.crc32 !== undefined ? HAS_CRC : 0));
    if (inode.size !== 0 || inode.dataOffset !== 0 || (inode.crc32 ?? 0) !== 0) {
      if ((this.#dataRows & PAGE_MASK) === 0) {
        this.#size.addPage();
        this.#dataOffset.addPage();
        this.#crc32.addPage();
      }
      const data = this.#dataRows++;
      this.#size.set(data, inode.size);
      this.#dataOffset.set(data, inode.dataOffset);
      this.#crc32.set(data, inode.crc32 ?? 0);
      this.#firstChild.set(id, data);
    }
    if (inode.linkname !== undefined) this.#linkname.set(id, inode.linkname);
    if (inode.devmajor !== undefined || inode.devminor !== undefined) this.#device.set(id, [inode.devmajor ?? 0, inode.devminor ?? 0]);
    return id;
  }

  #setAttrs(id: number, attrs: Attrs): void {
    this.#meta.set(id, (this.#meta.get(id) & ~MODE_MASK) | ((attrs.mode & 0o7777) << MODE_SHIFT));
    this.#uid.set(id, attrs.uid);
    this.#gid.set(id, attrs.gid);
    this.#mtime.set(id, attrs.mtime);
  }

  /** A new directory row in `parent` named by the scratch name (a leaf once its kind is set). */
  #add(parent: number, layer: number): number {
    const length = this.#scratchLength;
    const hash = this.#scratchHash;
    if (this.#nameBytesUsed + length > this.#names.length) {
      if (this.#nameBytesUsed + length > MAX_NAME_BYTES) throw new RangeError('the image holds more than 4 GiB of names');
      let size = this.#names.length * 2;
      while (size < this.#nameBytesUsed + length) size *= 2;
      const names = Buffer.alloc(Math.min(size, MAX_NAME_BYTES));
      this.#names.copy(names, 0, 0, this.#nameBytesUsed);
      this.#names = names;
    }
    const id = this.#newRow(parent, this.#nameBytesUsed, length, layer);
    this.#scratch.copy(this.#names, this.#nameBytesUsed, 0, length);
    this.#nameBytesUsed += length;
    this.#nextSibling.set(id, this.#firstChild.get(parent));
    this.#firstChild.set(parent, id);
    this.#insertSlot(id, hash);
    return id;
  }

  #newRow(parent: number, nameStart: number, nameLength: number, layer: number): number {
    if (this.#rows >= this.#maxRows) throw new TooManyEntriesError(this.#maxRows - 1);
    if ((this.#rows & PAGE_MASK) === 0) {
      for (const column of [this.#parent, this.#nameStart, this.#layer, this.#firstChild, this.#nextSibling, this.#meta, this.#uid, this.#gid]) {
        column.addPage();
      }
      this.#mtime.addPage();
    }
    const id = this.#rows++;
    this.#parent.set(id, parent);
    this.#nameStart.set(id, nameStart);
    this.#layer.set(id, layer);
    this.#firstChild.set(id, NONE);
    this.#nextSibling.set(id, NONE);
    if (nameLength >= LONG_NAME) this.#longNameLength.set(id, nameLength);
    this.#meta.set(id, nameLength >= LONG_NAME ? LONG_NAME : nameLength);
    return id;
  }

  #insertSlot(id: number, hash: number): void {
    if ((this.#slotsUsed + 1) * 3 > this.#slots.length * 2) this.#rebuildSlots();
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = hash & mask;
    while (slots[s] !== NONE) s = (s + 1) & mask;
    slots[s] = id;
    this.#slotsUsed += 1;
  }

  /**
   * Drops dead rows from the hash table, doubling it while live rows fill more than half. A row
   * whose parent is dead dies here too (a parent's row always comes before its children's).
   */
  #rebuildSlots(): void {
    let live = 0;
    const stashed = this.#stashedRows;
    for (let id = 1; id < this.#rows; id++) {
      const parent = this.#parent.get(id);
      if ((this.#meta.get(parent) & DEAD) !== 0 && !stashed.has(parent)) this.#kill(id);
      else if ((this.#meta.get(id) & DEAD) === 0 || stashed.has(id)) live += 1;
    }
    let size = this.#slots.length;
    while ((live + 1) * 2 > size) size *= 2;
    const slots = new Int32Array(size).fill(NONE);
    const mask = size - 1;
    for (let id = 1; id < this.#rows; id++) {
      if ((this.#meta.get(id) & DEAD) !== 0 && !stashed.has(id)) continue;
      let s = hashName(this.#parent.get(id), this.#names, this.#nameStart.get(id) >>> 0, this.#nameLength(id)) & mask;
      while (slots[s] !== NONE) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.#slots = slots;
    this.#slotsUsed = live;
  }

  /**
   * Deletes the directories whited out by layers before `layer`. Every change settles first, so the
   * pending ones are all of one layer: a check per change, not a scan.
   */
  #settleWhiteouts(layer: number): void {
    if (this.#headerTimes.length > 0 && this.#headerTimesLayer < layer) this.#applyHeaderTimes();
    if (this.#stashByName.size > 0 && this.#stashLayer < layer) {
      this.#stashByName.clear();
      this.#stashedRows.clear();
    }
    if (this.#pendingWhiteouts.size === 0 || this.#pendingLayer >= layer) return;
    for (const id of this.#pendingWhiteouts.keys()) this.#kill(id);
    this.#pendingWhiteouts.clear();
  }

  #kill(id: number): void {
    this.#meta.set(id, this.#meta.get(id) | DEAD);
  }

  /**
   * Before `existing` (at `name` in `parent`) goes: when it is a directory whose header came in
   * this layer, that header's mtime is to be set again at the end of the layer.
   */
  #noteHeaderTime(existing: number, parent: number, name: string, layer: number): void {
    const meta = this.#meta.get(existing);
    if ((meta & KIND_MASK) !== DIR || (meta & HEADER) === 0 || this.#layer.get(existing) !== layer) return;
    if (this.#headerTimesLayer !== layer) this.#headerTimes = [];
    this.#headerTimesLayer = layer;
    this.#headerTimes.push({ parent, name, mtime: this.#mtime.get(existing) });
  }

  /**
   * The end of the layer of #headerTimes: each noted mtime goes to what is now at its name (through
   * a symlink, to what it leads to within the layer), unless a later header of the layer made a
   * directory there again. Where nothing is, docker's applier fails; we leave it.
   */
  #applyHeaderTimes(): void {
    const layer = this.#headerTimesLayer;
    const times = this.#headerTimes;
    this.#headerTimes = [];
    for (const { parent, name, mtime } of times) {
      if ((this.#meta.get(parent) & DEAD) !== 0) continue;
      let id = this.childOf(parent, name);
      if (id === NONE) continue;
      const meta = this.#meta.get(id);
      if ((meta & KIND_MASK) === DIR && (meta & HEADER) !== 0 && this.#layer.get(id) === layer) continue;
      if ((meta & KIND_MASK) === SYMLINK_BITS) {
        id = this.#resolve(id);
        if (id === NONE || this.#layer.get(this.inodeOf(id)) < layer) continue;
      }
      this.#mtime.set(this.inodeOf(id), mtime);
    }
  }

  /**
   * A directory that a non-directory replaces, above the first layer, when this layer wrote nothing
   * in it (a header of its own changes nothing below it).
   */
  #stashLowerDir(existing: number, parent: number, name: string, layer: number): void {
    if (layer === 0 || !this.isDir(existing)) return;
    if (this.#layer.get(existing) >= layer && (this.#meta.get(existing) & WALKED) !== 0) return;
    this.#pendingWhiteouts.delete(existing);
    if (this.#stashLayer !== layer) this.#unstash();
    this.#stashLayer = layer;
    const key = `${parent}\0${name}`;
    this.#stashByName.set(key, existing);
    this.#stashedRows.set(existing, key);
  }

  /** Forgets one stashed directory, or all. */
  #unstash(id?: number): void {
    if (id === undefined) {
      this.#stashByName.clear();
      this.#stashedRows.clear();
      return;
    }
    const key = this.#stashedRows.get(id);
    this.#stashedRows.delete(id);
    if (key !== undefined && this.#stashByName.get(key) === id) this.#stashByName.delete(key);
  }

  /**
   * `parts` with the symlinks the layer wrote followed (relative ones from their directory, `..`
   * stopping at the root), other names as they are; undefined when the links loop.
   */
  #resolveInLayer(parts: readonly string[], layer: number): string[] | undefined {
    const pending = [...parts];
    const names: string[] = [];
    const rows: number[] = [ROOT];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (names.length > 0) {
          names.pop();
          rows.pop();
        }
        continue;
      }
      const top = rows[rows.length - 1]!;
      const next = top === NONE || !this.isDir(top) ? NONE : this.childOf(top, part);
      if (next !== NONE && (this.#meta.get(next) & KIND_MASK) === SYMLINK_BITS && (layer === 0 || this.#layer.get(next) >= layer)) {
        if (++hops > MAX_SYMLINK_HOPS) return undefined;
        const link = this.#linkname.get(this.inodeOf(next)) ?? '';
        if (link.startsWith('/')) {
          names.length = 0;
          rows.length = 1;
        }
        pending.unshift(...link.split('/'));
        continue;
      }
      names.push(part);
      rows.push(next);
    }
    return names;
  }

  /** Names from the root to `id`. */
  #pathOf(id: number): string[] {
    const parts: string[] = [];
    for (let at = id; at !== ROOT && at !== NONE; at = this.#parent.get(at)) parts.push(this.nameOf(at));
    return parts.reverse();
  }

  /**
   * What the symlink `id` leads to, symlinks followed within the root (`..` stops at the root, as
   * containerd's RootPath), or NONE when nothing is there or the links loop.
   */
  #resolve(id: number): number {
    const link = this.#linkname.get(this.inodeOf(id)) ?? '';
    const pending = [...(link.startsWith('/') ? [] : this.#pathOf(id).slice(0, -1)), ...link.split('/')];
    const resolved: string[] = [];
    let hops = 1;
    while (pending.length > 0) {
      const part = pending.shift()!;
      if (part === '' || part === '.') continue;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      const node = this.find([...resolved, part]);
      if (node !== NONE && this.kindOf(node) === 'symlink') {
        if (++hops > MAX_SYMLINK_HOPS) return NONE;
        const target = this.#linkname.get(this.inodeOf(node)) ?? '';
        if (target.startsWith('/')) resolved.length = 0;
        pending.unshift(...target.split('/'));
        continue;
      }
      resolved.push(part);
    }
    return this.find(resolved);
  }

  /** First layer's opaque marker: removes the directories under `dir` that had no header of their own. */
  #pruneImplied(dir: number): void {
    const pending = [dir];
    while (pending.length > 0) {
      const d = pending.pop()!;
      for (let c = this.#firstChild.get(d); c !== NONE; c = this.#nextSibling.get(c)) {
        const meta = this.#meta.get(c);
        if ((meta & DEAD) !== 0 || (meta & KIND_MASK) !== DIR) continue;
        if ((meta & HEADER) === 0) this.#kill(c);
        else pending.push(c);
      }
    }
  }

  /** Removes what layers below `layer` put under `dir`, keeping this layer's own entries. */
  #pruneLower(dir: number, layer: number): void {
    const pending = [dir];
    while (pending.length > 0) {
      const d = pending.pop()!;
      // Dead rows are unlinked from the chain on the way, so repeated prunes stay linear.
      let previous = NONE;
      for (let c = this.#firstChild.get(d); c !== NONE; c = this.#nextSibling.get(c)) {
        if ((this.#meta.get(c) & DEAD) === 0 && this.#layer.get(c) < layer) this.#kill(c);
        if ((this.#meta.get(c) & DEAD) !== 0) {
          if (this.#stashedRows.size > 0 && this.#stashedRows.has(c)) this.#unstash(c);
          if (previous === NONE) this.#firstChild.set(d, this.#nextSibling.get(c));
          else this.#nextSibling.set(previous, this.#nextSibling.get(c));
          continue;
        }
        if (this.isDir(c)) pending.push(c);
        previous = c;
      }
    }
  }
}

/** FNV-1a over a name's bytes, seeded with its parent's row. */
function hashName(parent: number, bytes: Uint8Array, start: number, length: number): number {
  let h = Math.imul(parent ^ 0x811c9dc5, 0x01000193);
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h ^ (h >>> 15);
}
