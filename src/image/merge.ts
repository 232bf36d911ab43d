// The merged filesystem of an opened image, as `docker export` of a created container streams
// it: layers applied bottom-up (tree.ts), then what `docker create` adds (init-layer.ts), then the
// export walk (export-walk.ts). File data is spooled to one temp file while the layers stream.

import { UserError } from '../errors.js';
import { exportEntries, walkData } from './export-walk.js';
import { applyInitLayer, applyWorkingDir } from './init-layer.js';
import { applyEntry, type LayerContext } from './layer-apply.js';
import { LayerDigests, readLayer } from './layer-reader.js';
import { Spool } from './spool.js';
import { Tree } from './tree.js';
import type { MergedFilesystem, MergeOptions, OpenedImage } from './types.js';

export async function mergeFilesystem(image: OpenedImage, options: MergeOptions): Promise<MergedFilesystem> {
  const spool = await Spool.create(options.tempDir).catch((error: unknown) => {
    throw new UserError(`${options.tempDir}: cannot create a temporary directory: ${(error as Error).message}`, { cause: error });
  });
  try {
    const tree = new Tree({ mode: 0o755, uid: 0, gid: 0, mtime: options.impliedDirMtime ?? 0 });
    // One set of digest workers for all the layers (read one after the other). Every blob's check
    // is queued now: each runs on its worker while the layers before it are expanded.
    const digests = new LayerDigests();
    const rootfs = { used: 0, limit: options.maxRootfsSize };
    try {
      for (const layer of image.layers) digests.verifyAhead(image.store, layer);
      for (const [index, layer] of image.layers.entries()) {
        const ctx: LayerContext = { tree, spool, index, digest: layer.digest, rootfs };
        const report = (bytes: number): void =>
          options.onProgress?.({
            layer: index, layerCount: image.layers.length, digest: layer.digest, bytes,
            ...(layer.size === undefined ? {} : { size: layer.size }),
          });
        await readLayer(image.store, layer, (entry, body) => applyEntry(ctx, entry, body), report, digests, { maxFileSize: options.maxFileSize });
      }
    } finally {
      await digests.close();
    }
    const createdAt = options.createdAt ?? 0;
    applyInitLayer(tree, createdAt, image.layers.length);
    applyWorkingDir(tree, image.workingDir, createdAt, image.layers.length + 1);
    await spool.seal();
    if (options.readOnce) {
      const reads: Array<[number, number]> = [];
      await walkData(tree.root, spool, (offset, size) => reads.push([offset, size]));
      spool.expectReads(reads);
    }
    // The entries are made again on each pass from the tree: an array of them cost ~400 bytes per entry.
    return { entries: () => exportEntries(tree.root, spool), close: () => spool.dispose() };
  } catch (error) {
    await spool.dispose();
    throw error;
  }
}
