// The merged filesystem of an opened image, as `docker export` of a created container streams
// it: layers applied bottom-up (tree.ts; or a root filesystem stream, rootfs-stream.ts), then what
// `docker create` adds (init-layer.ts), then the export walk (export-walk.ts). File data is spooled to temp files while the layers stream; with
// `layersSideBySide: 2`, two layers are expanded at once (layer-expansion.ts), their entries applied
// in layer order.

import { UserError } from '../errors.js';
import { ENTRIES_PER_TURN, eventLoopTurn } from '../io/yield.js';
import { exportEntries, walkData } from './export-walk.js';
import { flatHeadersDigest, type FlatLayer } from './flat-image.js';
import { applyInitLayer, applyWorkingDir } from './init-layer.js';
import { applyEntry, type LayerContext } from './layer-apply.js';
import { LayerExpansion, RootfsGate } from './layer-expansion.js';
import { LayerDigests } from './layer-reader.js';
import { Spool } from './spool.js';
import { Tree } from './tree.js';
import type { MergedFilesystem, MergeOptions, OpenedImage, TreeEntry } from './types.js';


/** Nothing to read: an expansion already spooled the file's data. */
const NO_BODY: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: async function* () {} };

export async function mergeFilesystem(image: OpenedImage, options: MergeOptions): Promise<MergedFilesystem> {
  return mergeTree(options, image.layers.length, (tree, spool) => applyLayers(image, tree, spool, options), async () => image.workingDir);
}

/** A flattened layer hashed from a stream (rootfs-stream.ts), and the digest of its entries' metadata (flatHeadersDigest). */
export interface StreamFlatLayer {
  readonly layer: FlatLayer;
  readonly headers: string;
}

/**
 * Layers (or a stream, rootfs-stream.ts) applied by `apply`, then the init layer and the export walk, with the
 * flattened layer's digest when asked. `workingDir` is asked for only after the flattened layer is
 * made: a streamed build's config comes when the engine has written its image, and the flattened
 * layer needs none of it.
 */
export async function mergeTree(
  options: MergeOptions, layerCount: number, apply: (tree: Tree, spool: Spool) => Promise<StreamFlatLayer | undefined | void>,
  workingDir: () => Promise<string | undefined>,
): Promise<MergedFilesystem> {
  const spool = await Spool.create(options.tempDir).catch((error: unknown) => {
    throw new UserError(`${options.tempDir}: cannot create a temporary directory: ${(error as Error).message}`, { cause: error });
  });
  try {
    const tree = new Tree({ mode: 0o755, uid: 0, gid: 0, mtime: options.impliedDirMtime ?? 0 }, options.maxEntries);
    const streamed = await apply(tree, spool);
    tree.endLimit();
    await spool.seal();
    // The image as built, before what `docker create` adds: what the flattened image holds.
    const walk = () => entriesWithTurns(exportEntries(tree.root, spool));
    const known = streamed && options.flatten && streamed.headers === await flatHeadersDigest(walk()) ? streamed.layer : undefined;
    const flatLayer = options.flatten ? await options.flatten(walk, known) : undefined;
    const createdAt = options.createdAt ?? 0;
    applyInitLayer(tree, createdAt, layerCount);
    applyWorkingDir(tree, await workingDir(), createdAt, layerCount + 1);
    if (options.readOnce) {
      const reads: Array<[number, number]> = [];
      await walkData(tree.root, spool, (offset, size) => reads.push([offset, size]));
      spool.expectReads(reads);
    }
    // The entries are made again on each pass from the tree: an array of them cost ~400 bytes per entry.
    return { entries: () => exportEntries(tree.root, spool), close: () => spool.dispose(), ...(flatLayer ? { flatLayer } : {}) };
  } catch (error) {
    await spool.dispose();
    throw error;
  }
}

/** The entries, giving the event loop a turn every ENTRIES_PER_TURN (a signal must not wait for a long walk). */
async function* entriesWithTurns(entries: Iterable<TreeEntry>): AsyncGenerator<TreeEntry> {
  let count = 0;
  for (const entry of entries) {
    yield entry;
    if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
  }
}

/**
 * Expands the layers (one at a time, or two side by side) and applies their entries to `tree` in layer order. Its own
 * function: nothing of the expansions (workers, queues) stays reachable from the merged filesystem.
 */
async function applyLayers(image: OpenedImage, tree: Tree, spool: Spool, options: MergeOptions): Promise<void> {
  // One set of digest workers for all the layers. Every blob's check is queued now: each runs on
  // its worker while the layers before it are expanded.
  const digests = new LayerDigests();
  const sideBySide = options.layersSideBySide ?? 1;
  if (sideBySide !== 1 && sideBySide !== 2) throw new RangeError(`layersSideBySide is 1 or 2, not ${sideBySide}`);
  for (const layer of image.layers) digests.verifyAhead(image.store, layer);
  const rootfs = { used: 0, limit: options.maxRootfsSize };
  const gate = new RootfsGate(options.maxRootfsSize);
  const expansions: LayerExpansion[] = [];
  const expand = (index: number): void => {
    const layer = image.layers[index];
    if (layer === undefined || expansions[index]) return;
    const onBytes = (bytes: number): void =>
      options.onProgress?.({
        layer: index, layerCount: image.layers.length, digest: layer.digest, bytes,
        ...(layer.size === undefined ? {} : { size: layer.size }),
      });
    expansions[index] = new LayerExpansion(spool, image.store, layer, index, { digests, gate, maxFileSize: options.maxFileSize, onBytes });
  };
  try {
    for (const [index, layer] of image.layers.entries()) {
      for (let ahead = index; ahead < index + sideBySide; ahead++) expand(ahead);
      const expansion = expansions[index]!;
      // The layer before is complete (its entries all came): this one's region follows it in the spool.
      const base = spool.place(expansion.region);
      let data: { offset: number; crc32: number } | undefined;
      const placed = {
        append: async () => {
          if (!data) throw new Error('internal: a file entry without spooled data');
          return { offset: base + data.offset, crc32: data.crc32 };
        },
      };
      const ctx: LayerContext = { tree, spool: placed, index, what: `layer ${layer.digest}`, rootfs };
      for await (const entry of expansion.entries()) {
        data = entry.data;
        await applyEntry(ctx, entry.header, NO_BODY);
      }
    }
  } finally {
    await Promise.all(expansions.map((expansion) => expansion.stop(gate)));
    await digests.close();
  }
}
