// What `docker create` adds on top of the image before `docker export` reads it (moby
// daemon/initlayer/setup_unix.go, container.SetupWorkingDirectory):
// - for each init path, every prefix that is not a directory is unlinked (so the image's own
//   etc/hosts, etc/hostname, etc/resolv.conf, etc/mtab, .dockerenv, dev/console — and a
//   symlinked /etc or /dev — never survive); then, unless a directory is already there, missing
//   parents are created (0755, root) and the path is created: dirs 0755, empty files 0755,
//   etc/mtab a symlink to /proc/mounts (0777);
// - the config's WorkingDir is created (0755, root) when missing, symlinks followed in the root.
// Every entry created, and every directory whose contents change (always etc/ and dev/), gets the
// container's creation time as mtime: `createdAt` here (the caller chooses; linuxkit overrides
// all of these mtimes anyway). Owner is root (no user-namespace remapping), except that Linux
// gives what is made in a setgid directory its group (directories are chowned back to root, the
// etc/mtab symlink is not) and a directory the setgid bit too.

import { UserError } from '../errors.js';
import { NONE, ROOT, type Attrs, type Inode, type Tree } from './tree.js';

/** moby's initlayer map: path → "dir", "file" or a symlink target. */
export const INIT_LAYER_PATHS: ReadonlyArray<readonly [string, string]> = [
  ['dev/pts', 'dir'],
  ['dev/shm', 'dir'],
  ['proc', 'dir'],
  ['sys', 'dir'],
  ['.dockerenv', 'file'],
  ['etc/resolv.conf', 'file'],
  ['etc/hosts', 'file'],
  ['etc/hostname', 'file'],
  ['dev/console', 'file'],
  ['etc/mtab', '/proc/mounts'],
];

const INIT_MODE = 0o755;
const MAX_SYMLINK_HOPS = 255;

export function applyInitLayer(tree: Tree, createdAt: number, layer: number): void {
  for (const [path, type] of INIT_LAYER_PATHS) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) unlinkNonDir(tree, parts.slice(0, i), createdAt);
    if (tree.find(parts) !== NONE) continue; // only a directory can still be there
    const parent = mkdirAll(tree, parts.slice(0, -1), createdAt, layer);
    const name = parts[parts.length - 1] as string;
    if (type === 'dir') tree.addDir(parent, name, dirAttrs(tree, parent, createdAt), layer);
    else tree.addLeaf(parent, name, leaf(type, createdAt, tree.attrsOf(parent)), layer);
    tree.setMtime(parent, createdAt);
  }
}

const SETGID = 0o2000;

/** A directory docker makes in `parent` (MkdirAllAndChownNew: 0755, then chowned to root). */
function dirAttrs(tree: Tree, parent: number, createdAt: number): Attrs {
  return { mode: INIT_MODE | (tree.attrsOf(parent).mode & SETGID), uid: 0, gid: 0, mtime: createdAt };
}

/** A file (chowned to root) or a symlink (not chowned: a setgid parent's group) docker makes. */
function leaf(type: string, createdAt: number, parent: Attrs): Inode {
  const common = { uid: 0, gid: 0, mtime: createdAt, size: 0, dataOffset: 0 };
  if (type === 'file') return { kind: 'file', mode: INIT_MODE, ...common };
  return { kind: 'symlink', mode: 0o777, linkname: type, ...common, gid: parent.mode & SETGID ? parent.gid : 0 };
}

function unlinkNonDir(tree: Tree, parts: string[], createdAt: number): void {
  const parent = tree.find(parts.slice(0, -1));
  if (parent === NONE || !tree.isDir(parent)) return;
  const node = tree.childOf(parent, parts[parts.length - 1] as string);
  if (node !== NONE && !tree.isDir(node)) {
    tree.remove(node);
    tree.setMtime(parent, createdAt);
  }
}

/** MkdirAll: the directory at `parts` (which must resolve through directories only). */
function mkdirAll(tree: Tree, parts: readonly string[], createdAt: number, layer: number): number {
  let dir = ROOT;
  for (const [i, part] of parts.entries()) {
    let next = tree.childOf(dir, part);
    if (next === NONE) {
      next = tree.addDir(dir, part, dirAttrs(tree, dir, createdAt), layer);
      tree.setMtime(dir, createdAt);
    } else if (!tree.isDir(next)) {
      throw new UserError(`image WorkingDir: /${parts.slice(0, i + 1).join('/')} is not a directory`);
    }
    dir = next;
  }
  return dir;
}

/** container.SetupWorkingDirectory: MkdirAll of WorkingDir resolved inside the root. */
export function applyWorkingDir(tree: Tree, workingDir: string | undefined, createdAt: number, layer: number): void {
  if (!workingDir) return;
  mkdirAll(tree, resolveInRoot(tree, workingDir), createdAt, layer);
}

/** Follows symlinks as if the image root were `/` (`..` stops at the root). */
export function resolveInRoot(tree: Tree, path: string): string[] {
  const pending = path.split('/');
  const resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const node = tree.find([...resolved, part]);
    if (node !== NONE && tree.kindOf(node) === 'symlink') {
      if (++hops > MAX_SYMLINK_HOPS) throw new UserError(`image WorkingDir ${path}: too many levels of symbolic links`);
      const target = tree.inodeAttrs(node).linkname ?? '';
      if (target.startsWith('/')) resolved.length = 0;
      pending.unshift(...target.split('/'));
      continue;
    }
    resolved.push(part);
  }
  return resolved;
}
