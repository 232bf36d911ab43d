// The merged filesystem of an opened image, as `docker export` of a created container streams
// it: layers applied bottom-up (tree.ts), then what `docker create` adds (init-layer.ts), then the
// export walk (export-walk.ts). File data is spooled to temp files while the layers stream; with
// `layersSideBySide: 2`, two layers are expanded at once (layer-expansion.ts), their entries applied
// in layer order.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { WorkerHash } from '../io/worker-hash.js';
import { ENTRIES_PER_TURN, eventLoopTurn } from '../io/yield.js';
import { exportEntries, walkData } from './export-walk.js';
import { applyInitLayer, applyWorkingDir } from './init-layer.js';
import { applyEntry, boundMtime, splitName, type LayerContext } from './layer-apply.js';
import { FlatTar, type FlatLayer } from './flat-image.js';
import type { TarEntry } from './tar-check.js';
import { decodeName } from '../io/byte-names.js';
import { createHash } from 'node:crypto';
import { LayerExpansion, RootfsGate } from './layer-expansion.js';
import { LayerDigests, readTarStream } from './layer-reader.js';
import { Spool } from './spool.js';
import { Tree } from './tree.js';
import type { MergedFilesystem, MergeOptions, OpenedImage, TreeEntry } from './types.js';


/** Nothing to read: an expansion already spooled the file's data. */
const NO_BODY: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: async function* () {} };

export async function mergeFilesystem(image: OpenedImage, options: MergeOptions): Promise<MergedFilesystem> {
  return merge(options, image.layers.length, (tree, spool) => applyLayers(image, tree, spool, options), async () => image.workingDir);
}

/** A root filesystem streamed as one tar (no whiteouts to expect), and what goes on top of it. */
export interface RootfsStream {
  /** Names the stream in messages. */
  readonly what: string;
  readonly source: Readable;
  /** Every later mtime is clamped to this one (SOURCE_DATE_EPOCH), as the layers of the other path are. */
  readonly clampMtimesTo: number;
  /** Applied after the stream, as a layer of its own (the pinned dstack-util binary). */
  readonly extraFile?: { readonly sourcePath: string; readonly targetPath: string; readonly mode: number; readonly mtime: number };
  /** The config's WorkingDir, known once the build that streams has finished. */
  readonly workingDir: () => Promise<string | undefined>;
}

/**
 * The merged filesystem of a root filesystem tar stream (BuildKit's `type=tar` output, read while
 * the build still writes it): the same tree, init layer and export walk as mergeFilesystem.
 */
export async function mergeRootfsStream(stream: RootfsStream, options: MergeOptions): Promise<MergedFilesystem> {
  const layers = stream.extraFile ? 2 : 1;
  return merge(options, layers, async (tree, spool) => {
    const rootfs = { used: 0, limit: options.maxRootfsSize };
    const ctx: LayerContext = { tree, spool, index: 0, what: stream.what, rootfs };
    const epoch = stream.clampMtimesTo;
    // The flattened layer is hashed as the stream comes (no second read of the data) when the
    // stream turns out to hold the tree's entries in walk order (checked after the merge).
    const flat = options.flatten && !stream.extraFile ? new FlatteningStream(ctx) : undefined;
    try {
      await readTarStream(stream.what, stream.source, async (header, body) => {
        const clamped = header.mtime > epoch ? { ...header, mtime: epoch } : header;
        await applyEntry(ctx, clamped, flat ? await flat.entry(clamped, body) : body);
        await flat?.endEntry();
      }, (bytes) => options.onProgress?.({ layer: 0, layerCount: layers, digest: stream.what, bytes }), { maxFileSize: options.maxFileSize });
      if (stream.extraFile) await applyFile({ ...ctx, index: 1, what: `the layer adding ${stream.extraFile.targetPath}` }, stream.extraFile);
      return await flat?.result();
    } finally {
      await flat?.close();
    }
  }, stream.workingDir);
}

/** The entries `appendFileLayer` writes for one file (its parent directories, then the file) applied as its layer would be. */
async function applyFile(ctx: LayerContext, file: NonNullable<RootfsStream['extraFile']>): Promise<void> {
  const { size } = await stat(file.sourcePath);
  const parts = file.targetPath.replace(/^\/+/, '').split('/');
  const owner = { uid: 0, gid: 0, mtime: file.mtime, linkname: '', devmajor: 0, devminor: 0 };
  for (let i = 1; i < parts.length; i++) {
    await applyEntry(ctx, { ...owner, name: byteString(`${parts.slice(0, i).join('/')}/`), type: 'dir', size: 0, mode: 0o755 }, NO_BODY);
  }
  await applyEntry(ctx, { ...owner, name: byteString(parts.join('/')), type: 'file', size, mode: file.mode }, createReadStream(file.sourcePath, { highWaterMark: 1 << 20 }));
}

/**
 * The canonical tar of a root filesystem stream's entries, hashed as they come, with a digest of
 * their metadata alone: if the merged tree's walk has the same metadata digest, the stream held
 * exactly the walk's entries in its order and the layer digest is the flattened image's. Anything
 * the walk could not match (a whiteout, the root itself) gives up early.
 */
class FlatteningStream {
  // On a worker: this thread has the stream to parse and spool.
  readonly #layerHash = new WorkerHash('sha256');
  readonly #headerHash = createHash('sha256');
  readonly #layer = new FlatTar((chunk) => this.#layerHash.update(chunk));
  readonly #headers = new FlatTar((chunk) => void this.#headerHash.update(chunk), { headersOnly: true });
  #usable = true;
  #begun = false;

  constructor(readonly ctx: Pick<LayerContext, 'what'>) {}

  /** Begins the entry; returns the body to merge (its chunks also hashed). */
  async entry(header: TarEntry, body: AsyncIterable<Uint8Array>): Promise<AsyncIterable<Uint8Array>> {
    const entry = this.#usable ? walkEntryOf(header, this.ctx) : undefined;
    // The root's own entry is not in the walk (it sets the root's attributes, which no entry shows).
    if (entry === 'root') return body;
    if (!entry) {
      this.#usable = false;
      return body;
    }
    await this.#layer.begin(entry);
    await this.#headers.begin(entry);
    this.#begun = true;
    const layer = this.#layer;
    const headers = this.#headers;
    return {
      [Symbol.asyncIterator]: async function* () {
        for await (const chunk of body) {
          await layer.data(chunk);
          await headers.data(chunk);
          yield chunk;
        }
      },
    };
  }

  async endEntry(): Promise<void> {
    if (!this.#begun) return;
    this.#begun = false;
    await this.#layer.endEntry();
    await this.#headers.endEntry();
  }

  async result(): Promise<StreamFlatLayer | undefined> {
    if (!this.#usable) return undefined;
    const size = await this.#layer.end();
    await this.#headers.end();
    return { layer: { diffId: `sha256:${await this.#layerHash.digest()}`, size }, headers: this.#headerHash.digest('hex') };
  }

  /** Stops the hash worker; never throws. */
  close(): Promise<void> {
    return this.#layerHash.close();
  }
}

/** A flattened layer hashed from a stream, and the digest of its entries' metadata (FlatTar headersOnly). */
interface StreamFlatLayer {
  readonly layer: FlatLayer;
  readonly headers: string;
}

/** The tree entry a stream's header stands for, as the export walk would give it; undefined when the walk could not match it. */
function walkEntryOf(header: TarEntry, ctx: Pick<LayerContext, 'what'>): TreeEntry | 'root' | undefined {
  const parts = splitName(header.name, ctx);
  const base = parts[parts.length - 1];
  if (base === undefined) return header.type === 'dir' ? 'root' : undefined;
  if (base.startsWith('.wh.')) return undefined;
  const attrs = { mode: header.mode, uid: header.uid, gid: header.gid, mtime: boundMtime(header.mtime) };
  const path = parts.join('/');
  switch (header.type) {
    case 'dir':
      return { path: `${path}/`, type: 'dir', ...attrs, size: 0 };
    case 'file':
      return { path, type: 'file', ...attrs, size: header.size };
    case 'symlink':
      return { path, type: 'symlink', ...attrs, mode: 0o777, size: 0, linkname: decodeName(header.linkname) };
    case 'link':
      return { path, type: 'hardlink', ...attrs, size: 0, linkname: splitName(header.linkname, ctx).join('/') };
    case 'char':
    case 'block':
      if (header.devmajor === 0 && header.devminor === 0) return undefined;
      return { path, type: header.type, ...attrs, size: 0, devmajor: header.devmajor, devminor: header.devminor };
    case 'fifo':
      return { path, type: 'fifo', ...attrs, size: 0 };
  }
}

/** sha256 hex of the metadata of `entries` (FlatTar headersOnly): compared with a stream's. */
async function headersDigest(entries: AsyncIterable<TreeEntry>): Promise<string> {
  const hash = createHash('sha256');
  const tar = new FlatTar((chunk) => void hash.update(chunk), { headersOnly: true });
  for await (const entry of entries) await tar.add(entry);
  await tar.end();
  return hash.digest('hex');
}

/** A tar header's name for a path given as text: its UTF-8 bytes as a latin1 byte string. */
function byteString(path: string): string {
  return Buffer.from(path, 'utf8').toString('latin1');
}

/**
 * Layers (or a stream) applied by `apply`, then the init layer and the export walk, with the
 * flattened layer's digest when asked. `workingDir` is asked for only after the flattened layer is
 * made: a streamed build's config comes when the engine has written its image, and the flattened
 * layer needs none of it.
 */
async function merge(
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
    const known = streamed && options.flatten && streamed.headers === await headersDigest(walk()) ? streamed.layer : undefined;
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
