import type { ManifestEntry } from '../build/manifest.js';
import { FormatError } from '../errors.js';
import { nameBytes } from '../io/byte-names.js';

// Compares two ramdisk manifests (build/manifest.ts: every customer-ramdisk entry, in archive order)
// and says which paths were added, removed, or changed in contents or metadata, in memory that does
// not grow with the number of entries: a manifest may have millions.
//
// A merge-join. The archive's order is `rootfs`, then `docker export`'s walk (depth-first, each
// directory's names in byte order: archiveOrder below sorts the paths so), then a few entries
// linuxkit adds after it (mount points, `rootfs` again, `cmd`, `env`). Each file is read twice:
// first to set apart the entries that break the order (those few; at most MAX_OUT_OF_ORDER, or
// the file is refused), then to walk both files' ordered entries side by side. As before, a path
// that appears twice counts with its last entry. Only the changes reported are kept, and counts.

export type { ManifestEntry };

export interface FileChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'contents' | 'metadata';
  /** The attributes that differ (for contents/metadata), e.g. `sha256`, `mode`. */
  readonly fields: readonly string[];
}

export interface FileDiff {
  /** The first changes by path (at most the `listed` asked for), sorted by path. */
  readonly changes: readonly FileChange[];
  /** Every change, listed or not. */
  readonly total: number;
  readonly counts: Readonly<Record<FileChange['kind'], number>>;
}

/** A manifest to compare: `entries()` reads it from the start each time it is called. */
export interface EntrySource {
  /** How errors name it (the file). */
  readonly label: string;
  entries(): AsyncIterable<ManifestEntry>;
}

/** Changes listed by default (`nitro-eif diff`); the counts cover all of them. */
export const MAX_LISTED_CHANGES = 1000;
/** Entries out of archive order a manifest may have (linuxkit's additions: about twenty). */
export const MAX_OUT_OF_ORDER = 1024;

/** Fields that describe a file's data rather than its metadata. */
const CONTENT_FIELDS = new Set(['sha256', 'sha384', 'digest', 'size', 'linkname', 'target', 'contents']);

/** Entries of an in-memory list as a source (small manifests, tests). */
export function entrySource(label: string, entries: readonly ManifestEntry[]): EntrySource {
  return { label, entries: async function* () { yield* entries; } };
}

/** The differences from `before` to `after`: the first `listed` by path, and how many in all. */
export async function diffManifests(before: EntrySource, after: EntrySource, options: { listed?: number } = {}): Promise<FileDiff> {
  const [early, late] = [await outOfOrder(before), await outOfOrder(after)];
  const list = new ChangeList(options.listed ?? MAX_LISTED_CHANGES);
  const settled = new Set<string>();
  const compare = (path: string, a: ManifestEntry | undefined, b: ManifestEntry | undefined): void => {
    if (early.has(path) || late.has(path)) settled.add(path);
    const prev = early.get(path) ?? a;
    const now = late.get(path) ?? b;
    if (!prev) list.add({ path, kind: 'added', fields: [] });
    else if (!now) list.add({ path, kind: 'removed', fields: [] });
    else {
      const fields = differingFields(prev, now);
      if (fields.length > 0) list.add({ path, kind: fields.some((f) => CONTENT_FIELDS.has(f)) ? 'contents' : 'metadata', fields });
    }
  };
  const left = ordered(before)[Symbol.asyncIterator]();
  const right = ordered(after)[Symbol.asyncIterator]();
  try {
    let [a, b] = await Promise.all([left.next(), right.next()]);
    while (!a.done || !b.done) {
      const order = a.done ? 1 : b.done ? -1 : archiveOrder(a.value.path, b.value.path);
      if (order < 0) {
        compare(a.value!.path, a.value!, undefined);
        a = await left.next();
      } else if (order > 0) {
        compare(b.value!.path, undefined, b.value!);
        b = await right.next();
      } else {
        compare(a.value!.path, a.value!, b.value!);
        [a, b] = await Promise.all([left.next(), right.next()]);
      }
    }
  } finally {
    await Promise.all([left.return(undefined), right.return(undefined)]);
  }
  for (const path of new Set([...early.keys(), ...late.keys()])) if (!settled.has(path)) compare(path, undefined, undefined);
  return list.result();
}

/**
 * The order of the archive's walk: paths compared name by name, each name by its bytes, a directory
 * before what it holds (`a`, `a/`, `a/b`, `a-c`). A total order: equal only for equal paths.
 */
export function archiveOrder(a: string, b: string): number {
  if (SURROGATE.test(a) || SURROGATE.test(b)) {
    // Raw bytes kept as lone surrogates (io/byte-names.ts): compare the bytes, `/` below every byte.
    const order = Buffer.compare(nameBytesOf(a), nameBytesOf(b));
    return order !== 0 ? order : a < b ? -1 : a > b ? 1 : 0;
  }
  // Without surrogates, UTF-16 order is code point order, which is UTF-8 byte order.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return (x === SLASH ? -1 : x) - (y === SLASH ? -1 : y);
  }
  return a.length - b.length;
}

const SLASH = 0x2f;
const SURROGATE = /[\uD800-\uDFFF]/;

function nameBytesOf(path: string): Buffer {
  // A name never holds NUL: as the separator it sorts `/` below every byte of a name.
  const parts: Buffer[] = [];
  for (const name of path.split('/')) {
    if (parts.length > 0) parts.push(Buffer.of(0));
    parts.push(nameBytes(name));
  }
  return Buffer.concat(parts);
}

/** The entries that break the archive order (the last of each path), read in a first pass. */
async function outOfOrder(source: EntrySource): Promise<Map<string, ManifestEntry>> {
  const found = new Map<string, ManifestEntry>();
  let last: string | undefined;
  for await (const entry of source.entries()) {
    if (last === undefined || archiveOrder(entry.path, last) > 0) {
      last = entry.path;
      continue;
    }
    found.delete(entry.path);
    found.set(entry.path, entry);
    if (found.size > MAX_OUT_OF_ORDER) {
      throw new FormatError(`${source.label}: more than ${MAX_OUT_OF_ORDER} entries out of archive order (not a manifest nitro-eif wrote)`);
    }
  }
  return found;
}

/** The entries in archive order, as outOfOrder found them (the same pass, made again). */
async function* ordered(source: EntrySource): AsyncGenerator<ManifestEntry> {
  let last: string | undefined;
  for await (const entry of source.entries()) {
    if (last !== undefined && archiveOrder(entry.path, last) <= 0) continue;
    last = entry.path;
    yield entry;
  }
}

function differingFields(a: ManifestEntry, b: ManifestEntry): string[] {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const fields: string[] = [];
  for (const key of Object.keys(x)) if (key !== 'path' && !sameValue(x[key], y[key])) fields.push(key);
  for (const key of Object.keys(y)) if (key !== 'path' && !(key in x)) fields.push(key);
  return fields.sort();
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}

/** Keeps the first `limit` changes by path (trimmed as it goes) and counts them all. */
class ChangeList {
  readonly #limit: number;
  #kept: FileChange[] = [];
  #total = 0;
  readonly #counts = { added: 0, removed: 0, contents: 0, metadata: 0 };

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(change: FileChange): void {
    this.#total += 1;
    this.#counts[change.kind] += 1;
    if (this.#limit <= 0) return;
    this.#kept.push(change);
    if (this.#kept.length >= 2 * this.#limit) this.#trim();
  }

  #trim(): void {
    this.#kept.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.#kept.length = Math.min(this.#kept.length, this.#limit);
  }

  result(): FileDiff {
    this.#trim();
    return { changes: this.#kept, total: this.#total, counts: { ...this.#counts } };
  }
}

/** One line per change, e.g. `~ app/run.sh (contents: sha256, size)`. */
export function describeChange(change: FileChange): string {
  switch (change.kind) {
    case 'added':
      return `+ ${change.path} (added)`;
    case 'removed':
      return `- ${change.path} (removed)`;
    default:
      return `~ ${change.path} (${change.kind}: ${change.fields.join(', ')})`;
  }
}

/** The listed changes one per line, then how many more there are. */
export function describeChanges(diff: FileDiff): string[] {
  const lines = diff.changes.map(describeChange);
  if (diff.total > diff.changes.length) lines.push(`… and ${diff.total - diff.changes.length} more (${countsText(diff)} in all)`);
  return lines;
}

function countsText(diff: FileDiff): string {
  const { added, removed, contents, metadata } = diff.counts;
  return `${added} added, ${removed} removed, ${contents} changed in contents, ${metadata} in metadata`;
}
