// Runs the image merge on a hostile layer and reports what happened: the refusal (or the rows), and
// what was left in the temporary directory.

import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeFilesystem, openImage } from '../../src/image/index.js';
import type { MergeOptions } from '../../src/image/types.js';
import { listMerged, type EntryRow } from './merge-listing.js';
import { buildOciArchive, type Compress } from './oci-builder.js';
import { withTempDir } from './temp-dir.js';

export interface MergeOutcome {
  readonly error?: Error;
  readonly rows?: EntryRow[];
  /** What the merge left in its temporary directory (it must leave nothing). */
  readonly left: string[];
}

/** Builds an OCI archive whose layers are these raw tars, merges it, and says how it went. */
export async function mergeRawLayers(
  layers: readonly Buffer[],
  options: { compress?: Compress; merge?: Partial<MergeOptions> } = {},
): Promise<MergeOutcome> {
  return withTempDir(async (dir) => {
    const archive = join(dir, 'image.tar');
    await buildOciArchive({ dest: archive, format: 'oci-archive', compress: options.compress ?? 'gzip', layers });
    const temp = join(dir, 'tmp');
    await mkdir(temp);
    try {
      const fs = await mergeFilesystem(await openImage({ ociArchive: archive }), { tempDir: temp, ...options.merge });
      try {
        return { rows: await listMerged(fs), left: [] };
      } finally {
        await fs.close();
      }
    } catch (error) {
      return { error: error as Error, left: await readdir(temp) };
    }
  });
}

/** The one-line refusal every hostile image case must give: the layer, then the entry, then what. */
export const LAYER_ENTRY_REFUSAL = /^layer sha256:[0-9a-f]{64}: (entry "[^\n]*"( \(\d+ bytes\))?|tar header at byte \d+): [^\n]+$/;
