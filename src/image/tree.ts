// The in-memory merged tree: metadata only (file data lives in the spool file). Layers are applied
// bottom-up in tar order with overlayfs semantics: a later entry replaces an earlier one (a
// directory over a directory only updates its header), whiteouts and opaque markers hide what lower
// layers put there, and hard links share one inode object so the export can group them.

export type LeafKind = 'file' | 'symlink' | 'char' | 'block' | 'fifo';

export interface Attrs {
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

/** What all names of a hard-link group share. */
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
  /** Set when a hard link gave the inode a second name (the export walk then remembers its first). */
  shared?: boolean;
}

export interface DirNode extends Attrs {
  readonly kind: 'dir';
  /** Index of the layer that last set or walked through this directory. */
  layer: number;
  readonly children: Map<string, Node>;
}

export interface LeafNode {
  readonly kind: 'leaf';
  readonly layer: number;
  readonly inode: Inode;
}

export type Node = DirNode | LeafNode;

export class NotADirectoryError extends Error {
  constructor(readonly at: string) {
    super(`${at} is not a directory`);
  }
}

export function newDir(attrs: Attrs, layer: number): DirNode {
  return { kind: 'dir', ...attrs, layer, children: new Map() };
}

export class Tree {
  readonly root: DirNode = newDir({ mode: 0o755, uid: 0, gid: 0, mtime: 0 }, -1);
  /** Attributes of directories a layer implies without a header of their own. */
  readonly #implied: Attrs;

  constructor(implied: Attrs) {
    this.#implied = implied;
  }

  get(parts: readonly string[]): Node | undefined {
    let node: Node | undefined = this.root;
    for (const part of parts) {
      if (node?.kind !== 'dir') return undefined;
      node = node.children.get(part);
    }
    return node;
  }

  /** The directory holding `parts`' last name, creating missing parents (marked with `layer`). */
  parentOf(parts: readonly string[], layer: number): DirNode {
    let dir = this.root;
    for (const [i, part] of parts.slice(0, -1).entries()) {
      let next = dir.children.get(part);
      if (next === undefined) {
        next = newDir({ ...this.#implied }, layer);
        dir.children.set(part, next);
      } else if (next.kind !== 'dir') {
        throw new NotADirectoryError(parts.slice(0, i + 1).join('/'));
      }
      next.layer = Math.max(next.layer, layer);
      dir = next;
    }
    return dir;
  }

  /** A directory entry: updates an existing directory's header, or replaces a non-directory. */
  setDir(parts: readonly string[], attrs: Attrs, layer: number): void {
    if (parts.length === 0) return; // the root's own header is not exported
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1] as string;
    const existing = parent.children.get(name);
    if (existing?.kind === 'dir') {
      Object.assign(existing, attrs);
      existing.layer = layer;
    } else {
      parent.children.set(name, newDir(attrs, layer));
    }
  }

  /** A non-directory entry: replaces whatever was there (a directory with all it holds). */
  setLeaf(parts: readonly string[], inode: Inode, layer: number): void {
    const parent = this.parentOf(parts, layer);
    parent.children.set(parts[parts.length - 1] as string, { kind: 'leaf', layer, inode });
  }

  /** `.wh.NAME`: removes what lower layers put at `parts` (never what this layer added). */
  whiteout(parts: readonly string[], layer: number): void {
    const parent = this.get(parts.slice(0, -1));
    if (parent?.kind !== 'dir') return;
    const name = parts[parts.length - 1] as string;
    const node = parent.children.get(name);
    if (node === undefined) return;
    if (node.layer < layer) parent.children.delete(name);
    else if (node.kind === 'dir') pruneLower(node, layer);
  }

  /** `.wh..wh..opq`: hides everything lower layers put under the directory `parts`. */
  opaque(parts: readonly string[], layer: number): void {
    const dir = parts.length === 0 ? this.root : this.get(parts);
    if (dir?.kind === 'dir') pruneLower(dir, layer);
  }
}

function pruneLower(dir: DirNode, layer: number): void {
  for (const [name, child] of dir.children) {
    if (child.layer < layer) dir.children.delete(name);
    else if (child.kind === 'dir') pruneLower(child, layer);
  }
}
