import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../errors.js';

// A digest of the build context as it was on disk: every path (sorted), its type, whether it is
// executable, and its contents (SHA-256) or link target. A file that an earlier workflow step wrote
// into the context, or an edit that was never committed, changes the digest, so a rebuild from the
// commit alone can tell that it cannot match. `.git` and the output directory are left out.

export const CONTEXT_DIGEST_ALGORITHM = 'nitro-eif-build/context-digest@1';
const MAX_ENTRIES = 1_000_000;
const MAX_DEPTH = 256;

export interface ContextDigest {
  /** Lowercase hex SHA-256 over the listing. */
  readonly sha256: string;
  readonly entries: number;
}

/** Digests `dir`, skipping `.git` anywhere and each directory of `exclude` (absolute or relative to the cwd). */
export async function digestContext(dir: string, exclude: readonly string[] = []): Promise<ContextDigest> {
  const root = resolve(dir);
  const skipped = new Set(exclude.map((p) => resolve(p)));
  const lines: string[] = [];
  await walk(root, root, skipped, lines, 0);
  lines.sort();
  const hash = createHash('sha256').update(`${CONTEXT_DIGEST_ALGORITHM}\n`);
  for (const line of lines) hash.update(`${line}\n`);
  return { sha256: hash.digest('hex'), entries: lines.length };
}

async function walk(root: string, dir: string, skipped: ReadonlySet<string>, lines: string[], depth: number): Promise<void> {
  if (depth > MAX_DEPTH) throw new UserError(`build context ${root}: deeper than ${MAX_DEPTH} directories`);
  const names = await readdir(dir);
  for (const name of names) {
    const path = join(dir, name);
    if (name === '.git' || skipped.has(path)) continue;
    if (lines.length >= MAX_ENTRIES) throw new UserError(`build context ${root}: more than ${MAX_ENTRIES} entries`);
    const rel = relative(root, path).split(sep).join('/');
    const info = await lstat(path);
    if (info.isDirectory()) {
      lines.push(JSON.stringify([rel, 'dir']));
      await walk(root, path, skipped, lines, depth + 1);
    } else if (info.isSymbolicLink()) {
      lines.push(JSON.stringify([rel, 'symlink', await readlink(path)]));
    } else if (info.isFile()) {
      lines.push(JSON.stringify([rel, (info.mode & 0o111) !== 0 ? 'exec' : 'file', await sha256File(path)]));
    } else {
      // Docker sends no device or FIFO content either; its presence still counts.
      lines.push(JSON.stringify([rel, 'special']));
    }
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}
