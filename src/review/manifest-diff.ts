import { FormatError } from '../errors.js';
import { isRecord } from './facts.js';

// Compares two filesystem manifests (the list of what went into the customer ramdisk, one record per
// path) and says which paths were added, removed, or changed in contents or metadata. The record
// fields are compared generically, so the diff follows whatever the manifest records.

/** One file record: `path` plus any attributes (type, mode, uid, gid, mtime, size, sha256, linkname…). */
export type ManifestEntry = Readonly<Record<string, unknown>> & { readonly path: string };

export interface FileChange {
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'contents' | 'metadata';
  /** The attributes that differ (for contents/metadata), e.g. `sha256`, `mode`. */
  readonly fields: readonly string[];
}

/** Fields that describe a file's data rather than its metadata. */
const CONTENT_FIELDS = new Set(['sha256', 'sha384', 'digest', 'size', 'linkname', 'target', 'contents']);

/** Reads the entries of a parsed manifest: `{entries: [...]}`, `{files: [...]}` or a bare array. */
export function manifestEntries(value: unknown, file: string): ManifestEntry[] {
  const list = Array.isArray(value) ? value : isRecord(value) ? (value['entries'] ?? value['files']) : undefined;
  if (!Array.isArray(list)) throw new FormatError(`${file}: not a manifest (expected an "entries" array)`);
  return list.map((entry, index) => {
    if (!isRecord(entry) || typeof entry['path'] !== 'string') throw new FormatError(`${file}: entry ${index} has no "path"`);
    return entry as ManifestEntry;
  });
}

/** Whether a parsed JSON value looks like a manifest. */
export function isManifest(value: unknown): boolean {
  const list = Array.isArray(value) ? value : isRecord(value) ? (value['entries'] ?? value['files']) : undefined;
  return Array.isArray(list) && list.every((e) => isRecord(e) && typeof e['path'] === 'string');
}

/** The differences from `before` to `after`, sorted by path. */
export function diffManifests(before: readonly ManifestEntry[], after: readonly ManifestEntry[]): FileChange[] {
  const old = new Map(before.map((e) => [e.path, e]));
  const now = new Map(after.map((e) => [e.path, e]));
  const changes: FileChange[] = [];
  for (const [path, entry] of now) {
    const prev = old.get(path);
    if (!prev) {
      changes.push({ path, kind: 'added', fields: [] });
      continue;
    }
    const fields = differingFields(prev, entry);
    if (fields.length === 0) continue;
    const kind = fields.some((f) => CONTENT_FIELDS.has(f)) ? 'contents' : 'metadata';
    changes.push({ path, kind, fields });
  }
  for (const path of old.keys()) if (!now.has(path)) changes.push({ path, kind: 'removed', fields: [] });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function differingFields(a: ManifestEntry, b: ManifestEntry): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('path');
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
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
