// The in-memory merged tree: metadata only (file data lives in the spool file). Layers are applied
// bottom-up in tar order with overlayfs semantics: a later entry replaces an earlier one (a
// directory over a directory only updates its header), whiteouts and opaque markers hide what lower
// layers put there, and hard links share one inode so the export can group them.
//
// Images hold hundreds of thousands of entries, so the tree is packed: one row per entry in typed
// array columns grown by doubling, names as raw bytes in one growable buffer, children found by an
// open-addressing hash table keyed on (parent, name bytes) and listed by a per-directory chain.
// About 90 bytes per entry, and almost nothing for the garbage collector to trace. A deleted entry
// is marked dead and never reused; a dead directory's descendants are unreachable (every lookup
// starts at the root, and a dead row is never returned), and the hash table's rebuild drops them.

import { decodeName, nameBytes } from '../io/byte-names.js';

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

const DIR = 0;
const KINDS: readonly LeafKind[] = ['file', 'symlink', 'char', 'block', 'fifo'];
const KIND_CODE: Readonly<Record<LeafKind, number>> = { file: 1, symlink: 2, char: 3, block: 4, fifo: 5 };
const SYMLINK = KIND_CODE.symlink;

// Row flags: DEAD is the entry's (the name is gone); SHARED and HAS_CRC are the inode's.
const DEAD = 1;
const SHARED = 2;
const HAS_CRC = 4;

const INITIAL_ROWS = 1024;
const INITIAL_SLOTS = 2048;
const INITIAL_NAME_BYTES = 16 * 1024;
/** The names buffer is addressed by 32-bit offsets. */
const MAX_NAME_BYTES = 0xffffffff;

/** Surrogate halves: a name holding one is not plain UTF-8 text (io/byte-names.ts). */
const SURROGATE = /[\uD800-\uDFFF]/;

type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

function grown<T extends Column>(column: T, length: number): T {
  const next = new (column.constructor as new (n: number) => T)(length);
  next.set(column);
  return next;
}

export class Tree {
  readonly root: TreeDir = { tree: this, id: ROOT };
  /** Attributes of directories a layer implies without a header of their own. */
  readonly #implied: Attrs;

  #rows = 0;
  // Entry columns (one row per name ever added).
  #parent = new Int32Array(INITIAL_ROWS);
  #nameStart = new Uint32Array(INITIAL_ROWS);
  #nameLength = new Uint32Array(INITIAL_ROWS);
  /** Index of the layer that last set (or, for a directory, walked through) the entry. */
  #layer = new Int32Array(INITIAL_ROWS);
  /** The row holding the entry's inode columns: its own, or a hard link's target's. */
  #inode = new Int32Array(INITIAL_ROWS);
  #firstChild = new Int32Array(INITIAL_ROWS);
  #nextSibling = new Int32Array(INITIAL_ROWS);
  #flags = new Uint8Array(INITIAL_ROWS);
  // Inode columns (meaningful on the rows `#inode` points to).
  #kind = new Uint8Array(INITIAL_ROWS);
  #mode = new Uint16Array(INITIAL_ROWS);
  #uid = new Uint32Array(INITIAL_ROWS);
  #gid = new Uint32Array(INITIAL_ROWS);
  #mtime = new Float64Array(INITIAL_ROWS);
  #size = new Float64Array(INITIAL_ROWS);
  #dataOffset = new Float64Array(INITIAL_ROWS);
  #crc32 = new Uint32Array(INITIAL_ROWS);
  // Rare inode fields, by inode row.
  readonly #linkname = new Map<number, string>();
  readonly #device = new Map<number, readonly [number, number]>();

  #names = Buffer.alloc(INITIAL_NAME_BYTES);
  #nameBytesUsed = 0;
  /** A name being looked up, as bytes. */
  #scratch = Buffer.alloc(256);

  /** Open addressing with linear probing: row ids, NONE where empty; dead rows stay until a rebuild. */
  #slots = new Int32Array(INITIAL_SLOTS).fill(NONE);
  #slotsUsed = 0;

  constructor(implied: Attrs) {
    this.#implied = implied;
    const root = this.#newRow(NONE, 0, 0, -1);
    this.#inode[root] = root;
    this.#setAttrs(root, { mode: 0o755, uid: 0, gid: 0, mtime: 0 });
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

  /** The live entry named `name` in the directory `dir`, or NONE. */
  childOf(dir: number, name: string): number {
    const length = this.#encode(name);
    this.#scratchHash = hashName(dir, this.#scratch, 0, length);
    return this.#lookup(dir, length, this.#scratchHash);
  }

  isDir(id: number): boolean {
    return this.#kind[this.#inode[id]!] === DIR;
  }

  kindOf(id: number): 'dir' | LeafKind {
    const code = this.#kind[this.#inode[id]!]!;
    return code === DIR ? 'dir' : KINDS[code - 1]!;
  }

  /** The inode row an entry shares with its hard links (its own row when it has none). */
  inodeOf(id: number): number {
    return this.#inode[id]!;
  }

  /** The entry's name as a string (io/byte-names.ts: raw bytes that are not UTF-8 kept as lone surrogates). */
  nameOf(id: number): string {
    const start = this.#nameStart[id]!;
    return decodeName(this.#names.toString('latin1', start, start + this.#nameLength[id]!));
  }

  attrsOf(id: number): Attrs {
    const ino = this.#inode[id]!;
    return { mode: this.#mode[ino]!, uid: this.#uid[ino]!, gid: this.#gid[ino]!, mtime: this.#mtime[ino]! };
  }

  /** A non-directory's inode as it stands (hard links: the group's). */
  inodeAttrs(id: number): Inode & { readonly shared: boolean } {
    const ino = this.#inode[id]!;
    const kind = this.kindOf(id) as LeafKind;
    const flags = this.#flags[ino]!;
    const device = this.#device.get(ino);
    const linkname = this.#linkname.get(ino);
    return {
      kind, ...this.attrsOf(id), size: this.#size[ino]!, dataOffset: this.#dataOffset[ino]!, shared: (flags & SHARED) !== 0,
      ...((flags & HAS_CRC) !== 0 ? { crc32: this.#crc32[ino]! } : {}),
      ...(linkname !== undefined ? { linkname } : {}),
      ...(device !== undefined ? { devmajor: device[0], devminor: device[1] } : {}),
    };
  }

  /** A directory's live entries, names in byte order (the export walk's order). */
  sortedChildren(dir: number): number[] {
    const children: number[] = [];
    for (let c = this.#firstChild[dir]!; c !== NONE; c = this.#nextSibling[c]!) {
      if ((this.#flags[c]! & DEAD) === 0) children.push(c);
    }
    const names = this.#names;
    const start = this.#nameStart;
    const length = this.#nameLength;
    return children.sort((a, b) => {
      const as = start[a]!;
      const bs = start[b]!;
      const al = length[a]!;
      const bl = length[b]!;
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
  parentOf(parts: readonly string[], layer: number): number {
    let dir = ROOT;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = this.childOf(dir, parts[i]!);
      if (next === NONE) {
        next = this.#add(dir, this.#scratchLength, this.#scratchHash, layer);
        this.#inode[next] = next;
        this.#setAttrs(next, this.#implied);
      } else if (!this.isDir(next)) {
        throw new NotADirectoryError(parts.slice(0, i + 1).join('/'));
      }
      if (this.#layer[next]! < layer) this.#layer[next] = layer;
      dir = next;
    }
    return dir;
  }

  /** A directory entry: updates an existing directory's header, or replaces a non-directory. */
  setDir(parts: readonly string[], attrs: Attrs, layer: number): void {
    if (parts.length === 0) return; // the root's own header is not exported
    const parent = this.parentOf(parts, layer);
    const existing = this.childOf(parent, parts[parts.length - 1]!);
    if (existing !== NONE && this.isDir(existing)) {
      this.#setAttrs(existing, attrs);
      this.#layer[existing] = layer;
    } else {
      this.#addDirAfterLookup(parent, existing, attrs, layer);
    }
  }

  /** A non-directory entry: replaces whatever was there (a directory with all it holds). */
  setLeaf(parts: readonly string[], inode: Inode, layer: number): void {
    const parent = this.parentOf(parts, layer);
    const existing = this.childOf(parent, parts[parts.length - 1]!);
    this.#addLeafAfterLookup(parent, existing, inode, layer);
  }

  /**
   * A hard link at `parts` to the non-directory `target`: joins its inode, and (as containerd's
   * applier does: link, then Lchown, lchmod, chtimes) the link's header sets the group's owner,
   * mtime and mode (not a symlink's).
   */
  hardLink(parts: readonly string[], target: number, attrs: Attrs, layer: number): void {
    const ino = this.#inode[target]!;
    this.#uid[ino] = attrs.uid;
    this.#gid[ino] = attrs.gid;
    this.#mtime[ino] = attrs.mtime;
    if (this.#kind[ino] !== SYMLINK) this.#mode[ino] = attrs.mode;
    this.#flags[ino]! |= SHARED;
    const parent = this.parentOf(parts, layer);
    const existing = this.childOf(parent, parts[parts.length - 1]!);
    if (existing !== NONE) this.#kill(existing);
    const id = this.#add(parent, this.#scratchLength, this.#scratchHash, layer);
    this.#inode[id] = ino;
  }

  /** `.wh.NAME`: removes what lower layers put at `parts` (never what this layer added). */
  whiteout(parts: readonly string[], layer: number): void {
    const parent = this.find(parts.slice(0, -1));
    if (parent === NONE || !this.isDir(parent)) return;
    const node = this.childOf(parent, parts[parts.length - 1]!);
    if (node === NONE) return;
    if (this.#layer[node]! < layer) this.#kill(node);
    else if (this.isDir(node)) this.#pruneLower(node, layer);
  }

  /** `.wh..wh..opq`: hides everything lower layers put under the directory `parts`. */
  opaque(parts: readonly string[], layer: number): void {
    const dir = this.find(parts);
    if (dir !== NONE && this.isDir(dir)) this.#pruneLower(dir, layer);
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
    this.#mtime[this.#inode[id]!] = mtime;
  }

  // ---- Internals ----

  /** Byte length and hash of the name last encoded into the scratch buffer (set by childOf). */
  #scratchLength = 0;
  #scratchHash = 0;

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
      if (this.#parent[id] !== parent || this.#nameLength[id] !== length || (this.#flags[id]! & DEAD) !== 0) continue;
      const start = this.#nameStart[id]!;
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
    const id = this.#add(dir, this.#scratchLength, this.#scratchHash, layer);
    this.#inode[id] = id;
    this.#setAttrs(id, attrs);
    return id;
  }

  #addLeafAfterLookup(dir: number, existing: number, inode: Inode, layer: number): number {
    if (existing !== NONE) this.#kill(existing);
    const id = this.#add(dir, this.#scratchLength, this.#scratchHash, layer);
    this.#inode[id] = id;
    this.#setAttrs(id, inode);
    this.#kind[id] = KIND_CODE[inode.kind];
    this.#size[id] = inode.size;
    this.#dataOffset[id] = inode.dataOffset;
    if (inode.crc32 !== undefined) {
      this.#crc32[id] = inode.crc32;
      this.#flags[id]! |= HAS_CRC;
    }
    if (inode.linkname !== undefined) this.#linkname.set(id, inode.linkname);
    if (inode.devmajor !== undefined || inode.devminor !== undefined) this.#device.set(id, [inode.devmajor ?? 0, inode.devminor ?? 0]);
    return id;
  }

  #setAttrs(id: number, attrs: Attrs): void {
    this.#mode[id] = attrs.mode;
    this.#uid[id] = attrs.uid;
    this.#gid[id] = attrs.gid;
    this.#mtime[id] = attrs.mtime;
  }

  /** A new row named by the scratch buffer in `parent` (a directory row until its kind is set). */
  #add(parent: number, length: number, hash: number, layer: number): number {
    if (this.#nameBytesUsed + length > this.#names.length) {
      let size = this.#names.length * 2;
      while (size < this.#nameBytesUsed + length) size *= 2;
      if (this.#nameBytesUsed + length > MAX_NAME_BYTES) throw new RangeError('the image holds more than 4 GiB of names');
      const names = Buffer.alloc(Math.min(size, MAX_NAME_BYTES));
      this.#names.copy(names, 0, 0, this.#nameBytesUsed);
      this.#names = names;
    }
    const id = this.#newRow(parent, this.#nameBytesUsed, length, layer);
    this.#scratch.copy(this.#names, this.#nameBytesUsed, 0, length);
    this.#nameBytesUsed += length;
    this.#nextSibling[id] = this.#firstChild[parent]!;
    this.#firstChild[parent] = id;
    this.#insertSlot(id, hash);
    return id;
  }

  #newRow(parent: number, nameStart: number, nameLength: number, layer: number): number {
    if (this.#rows === this.#parent.length) this.#growRows(this.#rows * 2);
    const id = this.#rows++;
    this.#parent[id] = parent;
    this.#nameStart[id] = nameStart;
    this.#nameLength[id] = nameLength;
    this.#layer[id] = layer;
    this.#firstChild[id] = NONE;
    this.#nextSibling[id] = NONE;
    this.#flags[id] = 0;
    this.#kind[id] = DIR;
    return id;
  }

  #growRows(rows: number): void {
    this.#parent = grown(this.#parent, rows);
    this.#nameStart = grown(this.#nameStart, rows);
    this.#nameLength = grown(this.#nameLength, rows);
    this.#layer = grown(this.#layer, rows);
    this.#inode = grown(this.#inode, rows);
    this.#firstChild = grown(this.#firstChild, rows);
    this.#nextSibling = grown(this.#nextSibling, rows);
    this.#flags = grown(this.#flags, rows);
    this.#kind = grown(this.#kind, rows);
    this.#mode = grown(this.#mode, rows);
    this.#uid = grown(this.#uid, rows);
    this.#gid = grown(this.#gid, rows);
    this.#mtime = grown(this.#mtime, rows);
    this.#size = grown(this.#size, rows);
    this.#dataOffset = grown(this.#dataOffset, rows);
    this.#crc32 = grown(this.#crc32, rows);
  }

  #insertSlot(id: number, hash: number): void {
    if ((this.#slotsUsed + 1) * 2 > this.#slots.length) {
      this.#rebuildSlots();
      // The rebuild may have found the new row's parent unreachable: then it is not looked up again.
      if ((this.#flags[id]! & DEAD) !== 0) return;
    }
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = hash & mask;
    while (slots[s] !== NONE) s = (s + 1) & mask;
    slots[s] = id;
    this.#slotsUsed += 1;
  }

  /**
   * Drops dead rows from the hash table, growing it while live rows fill more than a quarter. A
   * row whose parent is dead dies here too (a parent's row always comes before its children's).
   */
  #rebuildSlots(): void {
    let live = 0;
    for (let id = 1; id < this.#rows; id++) {
      if ((this.#flags[this.#parent[id]!]! & DEAD) !== 0) this.#flags[id]! |= DEAD;
      if ((this.#flags[id]! & DEAD) === 0) live += 1;
    }
    let size = this.#slots.length;
    while ((live + 1) * 4 > size) size *= 2;
    const slots = new Int32Array(size).fill(NONE);
    const mask = size - 1;
    for (let id = 1; id < this.#rows; id++) {
      if ((this.#flags[id]! & DEAD) !== 0) continue;
      let s = hashName(this.#parent[id]!, this.#names, this.#nameStart[id]!, this.#nameLength[id]!) & mask;
      while (slots[s] !== NONE) s = (s + 1) & mask;
      slots[s] = id;
    }
    this.#slots = slots;
    this.#slotsUsed = live;
  }

  #kill(id: number): void {
    this.#flags[id]! |= DEAD;
  }

  /** Removes what layers below `layer` put under `dir`, keeping this layer's own entries. */
  #pruneLower(dir: number, layer: number): void {
    const pending = [dir];
    while (pending.length > 0) {
      const d = pending.pop()!;
      // Dead rows are unlinked from the chain on the way, so repeated prunes stay linear.
      let previous = NONE;
      for (let c = this.#firstChild[d]!; c !== NONE; c = this.#nextSibling[c]!) {
        if ((this.#flags[c]! & DEAD) === 0 && this.#layer[c]! < layer) this.#kill(c);
        if ((this.#flags[c]! & DEAD) !== 0) {
          if (previous === NONE) this.#firstChild[d] = this.#nextSibling[c]!;
          else this.#nextSibling[previous] = this.#nextSibling[c]!;
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
