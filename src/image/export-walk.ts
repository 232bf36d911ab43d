// The order and shape of `docker export` (moby go-archive TarWithOptions over the container's
// root): filepath.WalkDir, so depth-first with each directory's names in byte order; the root
// itself omitted; directory names end with `/`; the first name of a hard-link group met in that
// walk carries the entry, later names become hard links to it (SeenFiles by inode).

import { nameBytes } from '../io/byte-names.js';
import { ENTRIES_PER_TURN, eventLoopTurn } from '../io/yield.js';
import type { TreeEntry } from './types.js';
import type { Spool } from './spool.js';
import type { DirNode, Inode } from './tree.js';

/** Byte order of the names' bytes: the order of sibling names in the export walk. */
export function compareNames(a: string, b: string): number {
  return Buffer.compare(nameBytes(a), nameBytes(b));
}

/** Surrogate halves: the only UTF-16 code units whose order differs from their bytes' (pairs, and raw bytes kept as lone surrogates). */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A directory's names in UTF-8 byte order. Without surrogate pairs, JavaScript's string order
 * (UTF-16 code units) is code point order, which is UTF-8 byte order: no buffer per name.
 */
function sortedNames(dir: DirNode): string[] {
  const names = [...dir.children.keys()];
  if (!names.some((name) => SURROGATE.test(name))) return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.sort(compareNames);
}

/**
 * The export's entries in order, made as they are asked for (nothing per entry is kept: the tree is
 * walked again for each pass). `onData` is told the spool range of every regular file entry (each
 * is read at most once per walk of the data).
 */
export function* exportEntries(root: DirNode, spool: Spool, onData?: (offset: number, size: number) => void): Generator<TreeEntry> {
  // Names of hard-link groups met so far: only inodes with more than one name are remembered.
  const seen = new Map<Inode, string>();
  // Depth-first without recursion: a stack of directories with their sorted names and a cursor.
  const stack: Array<{ dir: DirNode; prefix: string; names: string[]; next: number }> = [{ dir: root, prefix: '', names: sortedNames(root), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.names.length) {
      stack.pop();
      continue;
    }
    const name = top.names[top.next++]!;
    const node = top.dir.children.get(name);
    if (node === undefined) continue;
    const path = top.prefix + name;
    if (node.kind === 'dir') {
      yield { path: `${path}/`, type: 'dir', mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime, size: 0 };
      stack.push({ dir: node, prefix: `${path}/`, names: sortedNames(node), next: 0 });
      continue;
    }
    const first = node.inode.shared ? seen.get(node.inode) : undefined;
    if (node.inode.shared && first === undefined) seen.set(node.inode, path);
    const entry = leafEntry(path, node.inode, first, spool);
    if (entry.type === 'file' && entry.size > 0 && node.inode.kind === 'file') onData?.(node.inode.dataOffset, entry.size);
    yield entry;
  }
}

/**
 * Every entry of `exportEntries` (for tests and small trees), giving the event loop a turn every
 * ENTRIES_PER_TURN entries: a walk of a million entries takes seconds, and a signal must not wait.
 */
export async function walkTree(root: DirNode, spool: Spool, onData?: (offset: number, size: number) => void): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  for (const entry of exportEntries(root, spool, onData)) {
    out.push(entry);
    if (out.length % ENTRIES_PER_TURN === 0) await eventLoopTurn();
  }
  return out;
}

/** Walks the tree for `onData` alone, with the event loop's turns. */
export async function walkData(root: DirNode, spool: Spool, onData: (offset: number, size: number) => void): Promise<void> {
  let count = 0;
  for (const _entry of exportEntries(root, spool, onData)) if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
}

function leafEntry(path: string, inode: Inode, linkTo: string | undefined, spool: Spool): TreeEntry {
  const base = { path, mode: inode.mode, uid: inode.uid, gid: inode.gid, mtime: inode.mtime };
  if (linkTo !== undefined) return { ...base, type: 'hardlink', size: 0, linkname: linkTo };
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
