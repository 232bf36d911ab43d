// Builds a synthetic image from layer entry lists and returns its merged stream as rows.

import { join } from 'node:path';
import { mergeFilesystem, openImage } from '../../src/image/index.js';
import { buildOciArchive, type BuildOptions, type ImageConfigSpec, type LayerEntry } from './oci-builder.js';
import { listMerged, type EntryRow } from './merge-listing.js';
import { withTempDir } from './temp-dir.js';

/** The `createdAt` tests pass: init-layer entries and the directories they touch carry it. */
export const CREATED_AT = 777_777;

export { withTempDir } from './temp-dir.js';

export async function mergeRows(
  layers: LayerEntry[][],
  extra: Partial<BuildOptions> & { config?: ImageConfigSpec; readOnce?: boolean } = {},
): Promise<EntryRow[]> {
  return withTempDir(async (dir) => {
    const format = extra.format ?? 'oci-archive';
    const dest = join(dir, format === 'oci-layout' ? 'layout' : 'image.tar');
    await buildOciArchive({ dest, format, layers, ...extra });
    const source = format === 'oci-layout' ? { ociLayout: dest } : format === 'docker-archive' ? { dockerArchive: dest } : { ociArchive: dest };
    const fs = await mergeFilesystem(await openImage(source), { tempDir: dir, createdAt: CREATED_AT, readOnce: extra.readOnce });
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
