// Applies one layer's tar entries to the merged tree: names normalised and checked (nothing may
// escape the root), whiteouts and opaque markers interpreted, regular file data spooled.

import type { Header } from 'tar-stream';
import { FormatError } from '../errors.js';
import type { Spool } from './spool.js';
import { NotADirectoryError, type Attrs, type Inode, type LeafKind, type Tree } from './tree.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';
/** aufs bookkeeping (`.wh..wh.plnk`, `.wh..wh.aufs`): never part of the filesystem. */
const WHITEOUT_META_PREFIX = '.wh..wh.';

const SYMLINK_MODE = 0o777;

const LEAF_TYPES: Readonly<Record<string, LeafKind>> = {
  file: 'file',
  'contiguous-file': 'file',
  symlink: 'symlink',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

export interface LayerContext {
  readonly tree: Tree;
  readonly spool: Spool;
  readonly index: number;
  readonly digest: string;
  readonly maxFileSize?: number;
}

/** Splits a tar name into components: `./a//b/` → [a, b]; refuses `..` and absolute names. */
export function splitName(name: string, ctx: Pick<LayerContext, 'digest'>): string[] {
  if (name.includes('\uFFFD')) throw new FormatError(`layer ${ctx.digest}: path ${JSON.stringify(name)} is not valid UTF-8`);
  if (name.includes('\0')) throw new FormatError(`layer ${ctx.digest}: path ${JSON.stringify(name)} contains NUL`);
  if (name.startsWith('/')) throw new FormatError(`layer ${ctx.digest}: absolute path ${JSON.stringify(name)} escapes the image root`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new FormatError(`layer ${ctx.digest}: path ${JSON.stringify(name)} escapes the image root`);
  return parts;
}

export async function applyEntry(ctx: LayerContext, header: Header, body: AsyncIterable<Uint8Array>): Promise<void> {
  const parts = splitName(header.name, ctx);
  const base = parts[parts.length - 1] ?? '';
  try {
    if (base.startsWith(WHITEOUT_PREFIX)) return applyWhiteout(ctx, parts, base);
    if (header.type === 'directory') return ctx.tree.setDir(parts, attrsOf(header), ctx.index);
    if (parts.length === 0) throw new FormatError(`layer ${ctx.digest}: non-directory entry ${JSON.stringify(header.name)} at the root`);
    if (header.type === 'link') return applyHardLink(ctx, parts, header);
    const kind = LEAF_TYPES[header.type ?? ''];
    if (kind === undefined) {
      throw new FormatError(`layer ${ctx.digest}: path ${header.name}: unsupported tar entry type ${String(header.type)}`);
    }
    const size = kind === 'file' ? (header.size ?? 0) : 0;
    if (ctx.maxFileSize !== undefined && size > ctx.maxFileSize) {
      throw new FormatError(
        `layer ${ctx.digest}: path ${header.name} is ${size} bytes; an enclave ramdisk cannot hold a file over ${ctx.maxFileSize} bytes`,
      );
    }
    const { offset: dataOffset, crc32 } = size > 0 ? await ctx.spool.append(body, size) : { offset: 0, crc32: 0 };
    const inode: Inode = {
      kind,
      ...attrsOf(header),
      // Linux symlinks are always 0777 (the applier's lchmod skips them).
      ...(kind === 'symlink' ? { mode: SYMLINK_MODE } : {}),
      size,
      dataOffset,
      ...(kind === 'file' ? { crc32 } : {}),
      ...(kind === 'symlink' ? { linkname: header.linkname ?? '' } : {}),
      ...(kind === 'char' || kind === 'block' ? { devmajor: header.devmajor ?? 0, devminor: header.devminor ?? 0 } : {}),
    };
    ctx.tree.setLeaf(parts, inode, ctx.index);
  } catch (error) {
    if (error instanceof NotADirectoryError) {
      throw new FormatError(`layer ${ctx.digest}: path ${header.name}: parent ${error.at} is not a directory`);
    }
    throw error;
  }
}

function applyWhiteout(ctx: LayerContext, parts: string[], base: string): void {
  const dir = parts.slice(0, -1);
  if (base === OPAQUE_MARKER) return ctx.tree.opaque(dir, ctx.index);
  if (base.startsWith(WHITEOUT_META_PREFIX)) return;
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === '' || target === '.' || target === '..') {
    throw new FormatError(`layer ${ctx.digest}: invalid whiteout ${parts.join('/')}`);
  }
  ctx.tree.whiteout([...dir, target], ctx.index);
}

/**
 * A hard link joins the group of the entry it names, which must already exist and not be a
 * directory. Like containerd's applier (link, then Lchown, lchmod, chtimes on the new name), the
 * link's own header then sets the shared inode's owner, mode (not a symlink's) and mtime.
 */
function applyHardLink(ctx: LayerContext, parts: string[], header: Header): void {
  const linkname = header.linkname ?? '';
  const targetParts = splitName(linkname, ctx);
  const target = targetParts.length === 0 ? undefined : ctx.tree.get(targetParts);
  if (target === undefined) {
    throw new FormatError(`layer ${ctx.digest}: path ${header.name}: hard link to nothing (${JSON.stringify(linkname)})`);
  }
  if (target.kind === 'dir') {
    throw new FormatError(`layer ${ctx.digest}: path ${header.name}: hard link to a directory (${JSON.stringify(linkname)})`);
  }
  const { mode, ...rest } = attrsOf(header);
  Object.assign(target.inode, rest, target.inode.kind === 'symlink' ? {} : { mode });
  ctx.tree.setLeaf(parts, target.inode, ctx.index);
}

/** Mode bits, owner and whole-second mtime; PAX records win over the ustar fields. */
function attrsOf(header: Header): Attrs {
  const pax = (header.pax ?? {}) as Record<string, string | undefined>;
  // Parsed as text: 1600000000.999999999 as a float would round up to the next second.
  const paxInt = (key: string): number | undefined => {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(pax[key] ?? '');
    if (!match) return undefined;
    const whole = Number(match[2]);
    const fraction = /[1-9]/.test(match[3] ?? '');
    return match[1] ? -whole - (fraction ? 1 : 0) : whole;
  };
  const mtime = paxInt('mtime') ?? Math.floor((header.mtime?.getTime() ?? 0) / 1000);
  return {
    mode: (header.mode ?? 0) & 0o7777,
    uid: paxInt('uid') ?? header.uid ?? 0,
    gid: paxInt('gid') ?? header.gid ?? 0,
    mtime,
  };
}
