import { dirname, isAbsolute, join } from 'node:path';
import { fileSha256, looksLikeManifest, openManifest, readStart } from '../build/manifest-reader.js';
import { EIF_MAGIC } from '../eif/constants.js';
import { FormatError, quoted, UserError } from '../errors.js';
import { MAX_JSON_BYTES, parseJsonBounded, readRegularFile } from '../io/regular-file.js';
import { explainChanges, type Review } from './explain.js';
import { type BuildFacts, factsFromJson, isRecord } from './facts.js';
import { LOCK_VERSION, parseLock } from './lock.js';
import { diffManifests, type EntrySource, type FileDiff } from './manifest-diff.js';

// Reads one side of a review from disk: an EIF (PCRs only), a measurements file, a lock file (with the
// manifest committed beside it) or a manifest (files only). The only file I/O of review/ besides the
// manifests themselves, which are read as streams (build/manifest-reader.ts) when they are compared.

export interface ReviewSide {
  readonly file: string;
  readonly facts?: BuildFacts;
  /** The manifest (its head checked), read again when compared. */
  readonly manifest?: EntrySource;
  /** Why the side has no manifest, when it has none (for the report). */
  readonly manifestNote?: string;
}

/** Reads PCRs from an EIF (injected: the EIF reader lives in eif/). */
export type EifPcrReader = (path: string) => Promise<BuildFacts['pcrs']>;

/** Enough of a file to tell an EIF and a manifest from a JSON document. */
const SNIFF_BYTES = 256;

/** Loads `file`, whichever of the four kinds it is. */
export async function loadReviewSide(file: string, readEifPcrs?: EifPcrReader): Promise<ReviewSide> {
  const start = await readStart(file, SNIFF_BYTES);
  if (start.subarray(0, EIF_MAGIC.length).equals(Buffer.from(EIF_MAGIC))) {
    if (!readEifPcrs) throw new UserError(`${file}: reading PCRs from an EIF is not available in this build`, { code: 'unsupported' });
    return { file, facts: { pcrs: await readEifPcrs(file) }, manifestNote: 'an EIF carries no manifest' };
  }
  if (looksLikeManifest(start)) return { file, manifest: await openManifest(file) };
  const value = parse(await readRegularFile(file, { maxBytes: MAX_JSON_BYTES }), file);
  if (isRecord(value) && value['version'] === LOCK_VERSION && isRecord(value['pcrs'])) {
    const { lock, facts } = parseLock(JSON.stringify(value), file);
    return { file, facts, ...(await loadManifestBeside(file, lock.manifest)) };
  }
  const facts = factsFromJson(value, file);
  const ref = isRecord(value) && isRecord(value['manifest']) ? value['manifest'] : undefined;
  const manifest = typeof ref?.['path'] === 'string' ? { path: ref['path'], sha256: String(ref['sha256'] ?? '') } : undefined;
  if (manifest && !staysBeside(manifest.path)) throw new FormatError(`${file}: manifest path ${quoted(manifest.path)} must stay beside the measurements file`);
  return { file, facts, ...(await loadManifestBeside(file, manifest)) };
}

/** Opens the manifest a lock or measurements file points to, checking its SHA-256 when recorded. */
async function loadManifestBeside(file: string, ref: { path: string; sha256: string } | undefined): Promise<Pick<ReviewSide, 'manifest' | 'manifestNote'>> {
  if (!ref) return { manifestNote: `${file} names no manifest` };
  // A path read from a file names a file beside it, never an arbitrary one (a device, a secret).
  if (!staysBeside(ref.path)) throw new FormatError(`${file}: manifest path ${quoted(ref.path)} must stay beside the file`);
  const path = join(dirname(file), ref.path);
  const label = `manifest ${path} (named by ${file})`;
  let digest: string;
  try {
    digest = await fileSha256(path, label);
  } catch (error) {
    if ((error as { cause?: NodeJS.ErrnoException }).cause?.code !== 'ENOENT') throw error;
    return { manifestNote: `manifest ${ref.path} (named by ${file}) is not present` };
  }
  if (ref.sha256 && digest !== ref.sha256.replace(/^sha256:/, '').toLowerCase()) {
    return { manifestNote: `manifest ${ref.path} does not match the SHA-256 recorded in ${file}` };
  }
  return { manifest: await openManifest(path, { label }) };
}

/**
 * Compares two sides: a review when both have PCRs, with the file diff when both have manifests
 * (the first `listed` changes by path, and counts).
 */
export async function compareSides(before: ReviewSide, after: ReviewSide, options: { listed?: number } = {}): Promise<{ review?: Review; files?: FileDiff }> {
  if (!(before.facts && after.facts) && !(before.manifest && after.manifest)) {
    throw new UserError(`cannot compare ${before.file} with ${after.file}: give two EIFs/measurement/lock files, or two manifests`);
  }
  const files = before.manifest && after.manifest ? await diffManifests(before.manifest, after.manifest, options) : undefined;
  if (before.facts && after.facts) return { review: explainChanges(before.facts, after.facts, files), files };
  return { files };
}

/** A relative path without `..`: the file it names sits in the folder of the file that names it (or below). */
function staysBeside(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !path.split(/[\\/]/).includes('..');
}

function parse(bytes: Buffer, file: string): unknown {
  return parseJsonBounded(bytes, file, 'not an EIF and not valid JSON');
}
