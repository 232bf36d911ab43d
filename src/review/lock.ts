import { FormatError } from '../errors.js';
import { type BuildFacts, factsFromJson, isRecord } from './facts.js';

// The PCR lock file: committed next to the Dockerfile, it records what a reviewed build measured
// (PCRs, OS_IMAGE_HASH, blob and dstack-util hashes) and where the manifest of that build is
// committed (beside it), so the next build can say which register changed and, file by file, why.

export const LOCK_VERSION = 1;
/** Default file names: the lock and its manifest, side by side. */
export const DEFAULT_LOCK_NAME = 'nitro-eif.lock.json';

export interface LockFile {
  readonly version: typeof LOCK_VERSION;
  readonly pcrs: BuildFacts['pcrs'];
  readonly os_image_hash?: string;
  readonly blobs?: Readonly<Record<string, string>>;
  readonly dstack_util?: { readonly sha256: string };
  readonly base_images?: readonly string[];
  /** The manifest of the locked build: a path relative to the lock file's folder, and its SHA-256. */
  readonly manifest?: { readonly path: string; readonly sha256: string };
}

/** The manifest file name committed beside a lock file: `x.lock.json` → `x.lock.manifest.json`. */
export function manifestNameFor(lockName: string): string {
  return lockName.endsWith('.json') ? `${lockName.slice(0, -5)}.manifest.json` : `${lockName}.manifest.json`;
}

/** Builds a lock from a build's facts; `manifestPath` is relative to the lock's folder. */
export function createLock(facts: BuildFacts, manifest?: { path: string; sha256: string }): LockFile {
  return {
    version: LOCK_VERSION,
    pcrs: sortedPcrs(facts.pcrs),
    ...(facts.osImageHash ? { os_image_hash: facts.osImageHash } : {}),
    ...(facts.blobs ? { blobs: sortKeys(facts.blobs) } : {}),
    ...(facts.dstackUtil ? { dstack_util: { sha256: facts.dstackUtil } } : {}),
    ...(facts.baseImages ? { base_images: [...facts.baseImages] } : {}),
    ...(manifest ? { manifest } : {}),
  };
}

/** Stable text: 2-space JSON, keys in a fixed order, trailing newline (diffs well in a PR). */
export function serializeLock(lock: LockFile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/** Parses and checks a lock file's text; `file` names it in errors. */
export function parseLock(text: string, file: string): { lock: LockFile; facts: BuildFacts } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${file}: not valid JSON`, { cause: error });
  }
  if (!isRecord(value) || value['version'] !== LOCK_VERSION) throw new FormatError(`${file}: not a nitro-eif lock file (version ${LOCK_VERSION})`);
  const manifest = value['manifest'];
  if (manifest !== undefined && !(isRecord(manifest) && typeof manifest['path'] === 'string' && typeof manifest['sha256'] === 'string')) {
    throw new FormatError(`${file}: "manifest" must be {"path", "sha256"}`);
  }
  if (isRecord(manifest) && (String(manifest['path']).startsWith('/') || String(manifest['path']).split(/[\\/]/).includes('..'))) {
    throw new FormatError(`${file}: manifest path must stay beside the lock file`);
  }
  return { lock: value as unknown as LockFile, facts: factsFromJson(value, file) };
}

function sortedPcrs(pcrs: BuildFacts['pcrs']): BuildFacts['pcrs'] {
  const out: BuildFacts['pcrs'] = {};
  for (const name of ['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const) if (pcrs[name]) out[name] = pcrs[name];
  return out;
}

function sortKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
