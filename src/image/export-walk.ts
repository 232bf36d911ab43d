// The order and shape of `docker export` (moby go-archive TarWithOptions over the container's
// root): filepath.WalkDir, so depth-first with each directory's names in byte order; the root
// itself omitted; directory names end with `/`; the first name of a hard-link group met in that
// walk carries the entry, later names become hard links to it (SeenFiles by inode).

import { nameBytes } from '../io/byte-names.js';
import { ENTRIES_PER_TURN, eventLoopTurn } from '../io/yield.js';
import type { TreeEntry } from './types.js';
import type { Spool } from './spool.js';
import type { Inode, TreeDir } from './tree.js';

/** Byte order of the names' bytes: the order of sibling names in the export walk. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(nameBytes(a), nameBytes(b));
}

/**
 * The export's entries in order, made as they are asked for (nothing per entry is kept: the tree is
 * walked again for each pass). `onData` is told the spool range of every regular file entry (each
 * is read at most once per walk of the data).
 */
export function* exportEntries(root: TreeDir, spool: Spool, onData?: (offset: number, size: number) => void): Generator<TreeEntry> {
  const { tree } = root;
  // Names of hard-link groups met so far (by inode row): only inodes with more than one name.
  const seen = new Map<number, string>();
  // Depth-first without recursion: a stack of directories with their sorted children and a cursor.
  const stack: Array<{ prefix: string; children: number[]; next: number }> = [{ prefix: '', children: tree.sortedChildren(root.id), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.children.length) {
      stack.pop();
      continue;
    }
    const id = top.children[top.next++]!;
    const path = top.prefix + tree.nameOf(id);
    if (tree.isDir(id)) {
      const { mode, uid, gid, mtime } = tree.attrsOf(id);
      yield { path: `${path}/`, type: 'dir', mode, uid, gid, mtime, size: 0 };
      stack.push({ prefix: `${path}/`, children: tree.sortedChildren(id), next: 0 });
      continue;
    }
    const inode = tree.inodeAttrs(id);
    const first = inode.shared ? seen.get(tree.inodeOf(id)) : undefined;
    if (inode.shared && first === undefined) seen.set(tree.inodeOf(id), path);
    const entry = leafEntry(path, inode, first, spool);
    if (entry.type === 'file' && entry.size > 0 && inode.kind === 'file') onData?.(inode.dataOffset, entry.size);
    yield entry;
  }
}

/**
 * Every entry of `exportEntries` (for tests and small trees), giving the event loop a turn every
 * ENTRIES_PER_TURN entries: a walk of a million entries takes seconds, and a signal must not wait.
 */
export async function walkTree(root: TreeDir, spool: Spool, onData?: (offset: number, size: number) => void): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  for (const entry of exportEntries(root, spool, onData)) {
    out.push(entry);
    if (out.length % ENTRIES_PER_TURN === 0) await eventLoopTurn();
  }
  return out;
}

/** Walks the tree for `onData` alone, with the event loop's turns. */
export async function walkData(root: TreeDir, spool: Spool, onData: (offset: number, size: number) => void): Promise<void> {
  let count = 0;
  for (const _entry of exportEntries(root, spool, onData)) if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
}

function leafEntry(path: string, inode: Inode, linkTo: string | undefined, spool: Spool): TreeEntry {
  const base = { path, mode: inode.mode, uid: inode.uid, gid: inode.gid, mtime: inode.mtime };
  if (linkTo !== undefined) {
    // Docker's header for a later name of a device keeps the device numbers, and linuxkit writes
    // them into its symlink's rdev.
    const device = inode.kind === 'char' || inode.kind === 'block' ? { devmajor: inode.devmajor ?? 0, devminor: inode.devminor ?? 0 } : {};
    return { ...base, type: 'hardlink', size: 0, linkname: linkTo, ...device };
  }
  switch (inode.kind) {
    case 'file': {
      const { dataOffset, size } = inode;
      const crc32 = inode.crc32 ?? (size === 0 ? 0 : undefined);
      return { ...base, type: 'file', size, ...(crc32 !== undefined ? { crc32 } : {}), open: () => spool.read(dataOffset, size) };
    }
    case 'symlink':
      return { ...base, type: 'symlink', size: 0, linkname: inode.linkname ?? '' };
    case 'char':
    case 'block':
      return { ...base, type: inode.kind, size: 0, devmajor: inode.devmajor ?? 0, devminor: inode.devminor ?? 0 };
    case 'fifo':
      return { ...base, type: 'fifo', size: 0 };
  }
}
