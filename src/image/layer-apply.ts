// Applies one layer's tar entries to the merged tree: names normalised and checked (nothing may
// escape the root), whiteouts and opaque markers interpreted, regular file data spooled.

import { FormatError } from '../errors.js';
import { decodeName } from '../io/byte-names.js';
import type { Spool } from './spool.js';
import { showName, type TarEntry } from './tar-check.js';
import { NONE, NotADirectoryError, TooManyEntriesError, type Attrs, type Inode, type LeafKind, type Tree } from './tree.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
/** aufs bookkeeping (`.wh..wh.plnk`, `.wh..wh.aufs`): never part of the filesystem. */
const WHITEOUT_META_PREFIX = '.wh..wh.';

const SYMLINK_MODE = 0o777;

const LEAF_TYPES: Readonly<Partial<Record<TarEntry['type'], LeafKind>>> = {
  file: 'file',
  symlink: 'symlink',
  char: 'char',
  block: 'block',
  fifo: 'fifo',
};

export interface LayerContext {
  readonly tree: Tree;
  /** Where a file's data goes: the spool, or what stands for a region an expansion already filled. */
  readonly spool: Pick<Spool, 'append'>;
  readonly index: number;
  /** Names the layer in messages: `layer sha256:…` (or the stream the entries came from). */
  readonly what: string;
  /** File data spooled so far, all layers (shared by the layers of one merge), and its limit. */
  readonly rootfs: { used: number; readonly limit?: number };
}

/**
 * A tar name's bytes (latin1 byte string) as a name string: UTF-8 as text, other bytes kept as they
 * are (io/byte-names.ts), as Docker and linuxkit keep them.
 */
function textName(name: string): string {
  return decodeName(name);
}

/** Splits a tar name into components: `./a//b/` → [a, b]; refuses `..` and absolute names. */
export function splitName(raw: string, ctx: Pick<LayerContext, 'what'>): string[] {
  const name = textName(raw);
  if (name.includes('\0')) throw new FormatError(`${ctx.what}: path ${JSON.stringify(name)} contains NUL`);
  if (name.startsWith('/')) throw new FormatError(`${ctx.what}: absolute path ${JSON.stringify(name)} escapes the image root`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new FormatError(`${ctx.what}: path ${JSON.stringify(name)} escapes the image root`);
  return parts;
}

export async function applyEntry(ctx: LayerContext, header: TarEntry, body: AsyncIterable<Uint8Array>): Promise<void> {
  const parts = splitName(header.name, ctx);
  const base = parts[parts.length - 1] ?? '';
  const shown = (): string => showName(header.name);
  try {
    if (base.startsWith(WHITEOUT_PREFIX)) return applyWhiteout(ctx, parts, base);
    if (header.type === 'dir') return ctx.tree.setDir(parts, attrsOf(header), ctx.index);
    if (parts.length === 0) throw new FormatError(`${ctx.what}: non-directory entry ${shown()} at the root`);
    if (header.type === 'link') return applyHardLink(ctx, parts, header);
    // overlayfs reads a 0:0 character device as a whiteout, and docker's applier writes the device as
    // it is: the name vanishes from the merged view, with what lower layers or this one put there.
    if (header.type === 'char' && header.devmajor === 0 && header.devminor === 0) return ctx.tree.whiteout(parts, ctx.index, true);
    const kind = LEAF_TYPES[header.type];
    if (kind === undefined) {
      throw new FormatError(`${ctx.what}: path ${shown()}: unsupported tar entry type ${String(header.type)}`);
    }
    // TarCheck refused a file over the size limit from its header.
    const size = kind === 'file' ? header.size : 0;
    const { rootfs } = ctx;
    if (rootfs.limit !== undefined && rootfs.used + size > rootfs.limit) {
      throw new FormatError(
        `${ctx.what}: entry ${shown()}: the image's files reach ${rootfs.used + size} bytes, ` +
          `over the limit of ${rootfs.limit} bytes on the root filesystem (max-rootfs-size)`,
      );
    }
    rootfs.used += size;
    const { offset: dataOffset, crc32 } = size > 0 ? await ctx.spool.append(body, size) : { offset: 0, crc32: 0 };
    const inode: Inode = {
      kind,
      ...attrsOf(header),
      // Linux symlinks are always 0777 (the applier's lchmod skips them).
      ...(kind === 'symlink' ? { mode: SYMLINK_MODE } : {}),
      size,
      dataOffset,
      ...(kind === 'file' ? { crc32 } : {}),
      ...(kind === 'symlink' ? { linkname: textName(header.linkname) } : {}),
      ...(kind === 'char' || kind === 'block' ? { devmajor: header.devmajor, devminor: header.devminor } : {}),
    };
    ctx.tree.setLeaf(parts, inode, ctx.index);
  } catch (error) {
    if (error instanceof NotADirectoryError) {
      throw new FormatError(`${ctx.what}: path ${shown()}: parent ${error.at} is not a directory`);
    }
    if (error instanceof TooManyEntriesError) throw new FormatError(`${ctx.what}: entry ${shown()}: ${error.message}`);
    throw error;
  }
}

function applyWhiteout(ctx: LayerContext, parts: string[], base: string): void {
  const dir = parts.slice(0, -1);
  if (base === OPAQUE_MARKER) return ctx.tree.opaque(dir, ctx.index);
  if (base.startsWith(WHITEOUT_META_PREFIX)) return;
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === '' || target === '.' || target === '..') {
    throw new FormatError(`${ctx.what}: invalid whiteout ${parts.join('/')}`);
  }
  ctx.tree.whiteout([...dir, target], ctx.index);
}

/**
 * A hard link joins the group of the entry it names, which must already exist and not be a
 * directory. Like containerd's applier (link, then Lchown, lchmod, chtimes on the new name), the
 * link's own header then sets the shared inode's owner, mode (not a symlink's) and mtime.
 */
function applyHardLink(ctx: LayerContext, parts: string[], header: TarEntry): void {
  const linkname = header.linkname;
  const targetParts = splitName(linkname, ctx);
  const target = targetParts.length === 0 ? NONE : ctx.tree.findInLayer(targetParts, ctx.index);
  if (target === NONE) {
    throw new FormatError(`${ctx.what}: path ${showName(header.name)}: hard link to nothing (${showName(linkname)})`);
  }
  if (ctx.tree.isDir(target)) {
    throw new FormatError(`${ctx.what}: path ${showName(header.name)}: hard link to a directory (${showName(linkname)})`);
  }
  ctx.tree.hardLink(parts, target, attrsOf(header), ctx.index);
}

/** Mode bits, owner and whole-second mtime (TarCheck applied the PAX records). */
function attrsOf(header: TarEntry): Attrs {
  return { mode: header.mode, uid: header.uid, gid: header.gid, mtime: boundMtime(header.mtime) };
}

/** The last whole second a Go time.Duration from the epoch reaches ((2^63 - 1) ns: 2262-04-11). */
export const LATEST_APPLIED_MTIME = 9223372036;

/**
 * The layer applier's bound on times (containerd's and moby's archive `boundTime`): an mtime before
 * the epoch or past LATEST_APPLIED_MTIME is set as the epoch, so docker export shows 0. (A time in
 * the last second with a fraction over .854775807 is bounded too; whole seconds cannot tell it, and
 * that mtime does not fit a newc header either way.)
 */
export function boundMtime(mtime: number): number {
  return mtime < 0 || mtime > LATEST_APPLIED_MTIME ? 0 : mtime;
}
