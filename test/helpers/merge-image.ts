// Builds a synthetic image from layer entry lists and returns its merged stream as rows.

import { join } from 'node:path';
import { expect } from 'vitest';
import { mergeFilesystem, openImage } from '../../src/image/index.js';
import { buildOciArchive, type BuildOptions, type ImageConfigSpec, type LayerEntry } from './oci-builder.js';
import { listMerged, type EntryRow } from './merge-listing.js';
import { withTempDir } from './temp-dir.js';

/** The `createdAt` tests pass: init-layer entries and the directories they touch carry it. */
export const CREATED_AT = 777_777;

export { withTempDir } from './temp-dir.js';

/**
 * The merged stream's rows. The image is merged twice, one layer at a time and two side by side
 * (MergeOptions.layersSideBySide): both must give the same rows, or fail with the same error.
 */
export async function mergeRows(
  layers: LayerEntry[][],
  extra: Partial<BuildOptions> & { config?: ImageConfigSpec; readOnce?: boolean } = {},
): Promise<EntryRow[]> {
  const [one, two] = [await settle(mergeRowsWith(layers, extra, 1)), await settle(mergeRowsWith(layers, extra, 2))];
  if (!one.ok) {
    expect(two.ok ? 'merged' : String(two.error), 'two layers at once fail as one at a time does').toBe(String(one.error));
    throw one.error;
  }
  expect(two.ok ? two.value : two.error, 'two layers at once merge as one at a time does').toEqual(one.value);
  return one.value;
}

async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

async function mergeRowsWith(
  layers: LayerEntry[][],
  extra: Partial<BuildOptions> & { config?: ImageConfigSpec; readOnce?: boolean },
  layersSideBySide: 1 | 2,
): Promise<EntryRow[]> {
  return withTempDir(async (dir) => {
    const format = extra.format ?? 'oci-archive';
    const dest = join(dir, format === 'oci-layout' ? 'layout' : 'image.tar');
    await buildOciArchive({ dest, format, layers, ...extra });
    const source = format === 'oci-layout' ? { ociLayout: dest } : format === 'docker-archive' ? { dockerArchive: dest } : { ociArchive: dest };
    const fs = await mergeFilesystem(await openImage(source), { tempDir: dir, createdAt: CREATED_AT, readOnce: extra.readOnce, layersSideBySide });
    try {
      return await listMerged(fs);
    } finally {
      await fs.close();
    }
  });
}

/** Rows without what `docker create` added (entries stamped CREATED_AT). */
export function imageOnly(rows: EntryRow[]): EntryRow[] {
  return rows.filter((r) => r.mtime !== CREATED_AT);
}

export const paths = (rows: EntryRow[]): string[] => rows.map((r) => r.path);
