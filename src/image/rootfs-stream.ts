// A root filesystem read as one tar stream (BuildKit's `type=tar` output, read while the build
// still writes the image) merged into the same tree, init layer and export walk as layers are
// (merge.ts), every mtime after SOURCE_DATE_EPOCH clamped as it is read. The flattened layer
// (flat-image.ts) is hashed on the way; merge.ts uses that hash only when the stream proves to
// hold the walk's entries in the walk's order.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { decodeName } from '../io/byte-names.js';
import { WorkerHash } from '../io/worker-hash.js';
import { FlatTar } from './flat-image.js';
import { applyEntry, boundMtime, splitName, type LayerContext } from './layer-apply.js';
import { readTarStream } from './layer-reader.js';
import { mergeTree, type StreamFlatLayer } from './merge.js';
import type { TarEntry } from './tar-check.js';
import type { MergedFilesystem, MergeOptions, TreeEntry } from './types.js';

/** Nothing to read: a directory's entry. */
const NO_BODY: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: async function* () {} };

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
  return mergeTree(options, layers, async (tree, spool) => {
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
      }, (bytes) => options.onProgress?.({ layer: 0, layerCount: layers, digest: stream.what, bytes, stream: true }), { maxFileSize: options.maxFileSize });
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
 * exactly the walk's entries in its order and the layer digest is the flattened image's. An entry
 * the walk could not match (a whiteout) gives up early; the root's own entry is left out, as the
 * walk leaves it out.
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

/** A tar header's name for a path given as text: its UTF-8 bytes as a latin1 byte string. */
function byteString(path: string): string {
  return Buffer.from(path, 'utf8').toString('latin1');
}
