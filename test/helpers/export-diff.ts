// Differential check of the merge against a real engine: the same OCI archive merged by us and
// loaded, created and exported by docker, compared entry by entry. Times docker takes from its
// clock are matched by window: what `docker create` adds (we stamp it CREATED) must carry a time
// of the create call, and a directory the layer applier touched without a header of the layer
// (an implied parent, or a lower directory a new entry went into) carries the time it was applied.

import { join } from 'node:path';
import { mergeFilesystem, openImage } from '../../src/image/index.js';
import { docker, exportImage, loadOci } from './docker.js';
import { readExportTar } from './export-tar.js';
import { listMerged, type EntryRow } from './merge-listing.js';

/** Our createdAt: docker stamps these entries with the time of `docker create`. */
export const CREATED = 1;
/** Our impliedDirMtime: docker stamps such directories with the time of applying the layer. */
export const IMPLIED = 2;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export async function ourRows(archive: string, tempDir: string): Promise<Outcome<EntryRow[]>> {
  try {
    const fs = await mergeFilesystem(await openImage({ ociArchive: archive }), { tempDir, createdAt: CREATED, impliedDirMtime: IMPLIED });
    try {
      return { ok: true, value: await listMerged(fs) };
    } finally {
      await fs.close();
    }
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export interface DockerRows {
  readonly rows: EntryRow[];
  /** Seconds: from before the load to after the export (widened by 1 s each side). */
  readonly from: number;
  readonly to: number;
}

/** docker load, create, export, then the image removed again (whatever happened). */
export async function dockerRows(archive: string, ref: string, dir: string): Promise<Outcome<DockerRows>> {
  const from = Math.floor(Date.now() / 1000) - 1;
  try {
    const loaded = await loadOci(archive);
    const out = join(dir, 'export.tar');
    await exportImage(loaded, out);
    const to = Math.ceil(Date.now() / 1000) + 1;
    return { ok: true, value: { rows: await readExportTar(out), from, to } };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    await docker(['rmi', '-f', ref]).catch(() => undefined);
  }
}

/**
 * The differences between our rows and docker's (empty when they match): a name only one side
 * has, names in another order, or a field that differs.
 */
export function exportDiff(ours: readonly EntryRow[], theirs: DockerRows): string[] {
  const out: string[] = [];
  const mine = new Map(ours.map((r) => [r.path, r]));
  const docker = new Map(theirs.rows.map((r) => [r.path, r]));
  for (const r of ours) if (!docker.has(r.path)) out.push(`only ours: ${JSON.stringify(r)}`);
  for (const r of theirs.rows) if (!mine.has(r.path)) out.push(`only docker's: ${JSON.stringify(r)}`);
  const common = (rows: readonly EntryRow[], other: Map<string, EntryRow>): string[] => rows.filter((r) => other.has(r.path)).map((r) => r.path);
  const a = common(ours, docker);
  const b = common(theirs.rows, mine);
  if (a.join('\0') !== b.join('\0')) out.push(`order differs: ours ${JSON.stringify(a)}, docker's ${JSON.stringify(b)}`);
  const clock = (t: number): boolean => t >= theirs.from && t <= theirs.to;
  for (const r of ours) {
    const d = docker.get(r.path);
    if (!d) continue;
    const fields = new Set([...Object.keys(r), ...Object.keys(d)]);
    for (const key of fields) {
      const x = r[key as keyof EntryRow];
      const y = d[key as keyof EntryRow];
      if (x === y) continue;
      if (key === 'mtime' && clock(y as number) && (x === CREATED || r.type === 'dir')) continue;
      out.push(`${r.path}: ${key} ours ${JSON.stringify(x)}, docker's ${JSON.stringify(y)}`);
    }
  }
  return out;
}
