import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { EIF_MAGIC } from '../eif/constants.js';
import { FormatError, UserError } from '../errors.js';
import { MAX_MANIFEST_BYTES, openRegularFile, parseJsonBounded, readRegularFile } from '../io/regular-file.js';
import { explainChanges, type Review } from './explain.js';
import { type BuildFacts, factsFromJson, isRecord } from './facts.js';
import { LOCK_VERSION, parseLock } from './lock.js';
import { diffManifests, isManifest, type ManifestEntry, manifestEntries } from './manifest-diff.js';

// Reads one side of a review from disk: an EIF (PCRs only), a measurements file, a lock file (with the
// manifest committed beside it) or a manifest (files only). The only file I/O of review/.

export interface ReviewSide {
  readonly file: string;
  readonly facts?: BuildFacts;
  readonly entries?: readonly ManifestEntry[];
  /** Why the side has no manifest, when it has none (for the report). */
  readonly manifestNote?: string;
}

/** Reads PCRs from an EIF (injected: the EIF reader lives in eif/). */
export type EifPcrReader = (path: string) => Promise<BuildFacts['pcrs']>;


/** Loads `file`, whichever of the four kinds it is. */
export async function loadReviewSide(file: string, readEifPcrs?: EifPcrReader): Promise<ReviewSide> {
  if (await startsWith(file, Buffer.from(EIF_MAGIC))) {
    if (!readEifPcrs) throw new UserError(`${file}: reading PCRs from an EIF is not available in this build`, { code: 'unsupported' });
    return { file, facts: { pcrs: await readEifPcrs(file) }, manifestNote: 'an EIF carries no manifest' };
  }
  const value = await readJson(file);
  if (isManifest(value)) return { file, entries: manifestEntries(value, file) };
  if (isRecord(value) && value['version'] === LOCK_VERSION && isRecord(value['pcrs'])) {
    const { lock, facts } = parseLock(JSON.stringify(value), file);
    return { file, facts, ...(await loadManifestBeside(file, lock.manifest)) };
  }
  const facts = factsFromJson(value, file);
  const ref = isRecord(value) && isRecord(value['manifest']) ? value['manifest'] : undefined;
  const manifest = typeof ref?.['path'] === 'string' ? { path: ref['path'], sha256: String(ref['sha256'] ?? '') } : undefined;
  if (manifest && !staysBeside(manifest.path)) throw new FormatError(`${file}: manifest path ${JSON.stringify(manifest.path)} must stay beside the measurements file`);
  return { file, facts, ...(await loadManifestBeside(file, manifest)) };
}

/** Loads the manifest a lock or measurements file points to, checking its SHA-256 when recorded. */
async function loadManifestBeside(file: string, ref: { path: string; sha256: string } | undefined): Promise<Pick<ReviewSide, 'entries' | 'manifestNote'>> {
  if (!ref) return { manifestNote: `${file} names no manifest` };
  // A path read from a file names a file beside it, never an arbitrary one (a device, a secret).
  if (!staysBeside(ref.path)) throw new FormatError(`${file}: manifest path ${JSON.stringify(ref.path)} must stay beside the file`);
  const path = join(dirname(file), ref.path);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, { label: `manifest ${path} (named by ${file})`, maxBytes: MAX_MANIFEST_BYTES });
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code !== 'ENOENT') throw error;
    return { manifestNote: `manifest ${ref.path} (named by ${file}) is not present` };
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (ref.sha256 && digest !== ref.sha256.replace(/^sha256:/, '').toLowerCase()) {
    return { manifestNote: `manifest ${ref.path} does not match the SHA-256 recorded in ${file}` };
  }
  return { entries: manifestEntries(parse(bytes, path), path) };
}

/** Compares two sides: a review when both have PCRs, with the file diff when both have manifests. */
export function compareSides(before: ReviewSide, after: ReviewSide): { review?: Review; files?: ReturnType<typeof diffManifests> } {
  const files = before.entries && after.entries ? diffManifests(before.entries, after.entries) : undefined;
  if (before.facts && after.facts) return { review: explainChanges(before.facts, after.facts, files), files };
  if (files) return { files };
  throw new UserError(`cannot compare ${before.file} with ${after.file}: give two EIFs/measurement/lock files, or two manifests`);
}

/** A relative path without `..`: the file it names sits in the folder of the file that names it (or below). */
function staysBeside(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !path.split(/[\\/]/).includes('..');
}

async function startsWith(file: string, magic: Buffer): Promise<boolean> {
  const { handle } = await openRegularFile(file);
  try {
    const buffer = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(buffer, 0, magic.length, 0);
    return bytesRead === magic.length && buffer.equals(magic);
  } finally {
    await handle.close();
  }
}

async function readJson(file: string): Promise<unknown> {
  return parse(await readRegularFile(file, { maxBytes: MAX_MANIFEST_BYTES }), file);
}

function parse(bytes: Buffer, file: string): unknown {
  return parseJsonBounded(bytes, file, 'not an EIF and not valid JSON');
}
