// Streams one layer's tar entries. The blob's size and digest are checked against the manifest
// first, over the compressed bytes alone, so nothing is expanded from a blob that is not the one
// named; the uncompressed digest is checked against the config's diff_id in the expanding pass
// (a mismatch fails the whole read after the last byte). An uncompressed blob, whose digest is its
// diff_id, is hashed once, in the expanding pass: hashing it first too would read and hash the
// same bytes twice, and a blob that is not compressed cannot be a decompression bomb. Every tar
// header is checked by TarCheck before tar-stream parses it. Nothing is buffered beyond the
// stream's chunks.

import { createHash, type Hash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { extract as tarExtract, type Extract } from 'tar-stream';
import { FormatError, UserError, VerificationError } from '../errors.js';
import { RangeDigester } from '../io/range-digest.js';
import { WorkerHash } from '../io/worker-hash.js';
import type { BlobStore } from './blob-store.js';
import { TarCheck, type TarEntry } from './tar-check.js';

/** Node's default 16 KiB output chunks halve gunzip throughput; 1 MiB measured twice as fast. */
const INFLATE_CHUNK = 1 << 20;
/** Below this blob size the worker thread's start-up costs more than hashing on this thread. */
const WORKER_FROM = 8 << 20;

export type Compression = 'none' | 'gzip' | 'zstd';

export interface LayerRef {
  /** Blob digest from the manifest, or the diff_id for legacy docker-save layers. */
  readonly digest: string;
  /** Member path in the store. */
  readonly path: string;
  /** Blob size from the manifest, when known. */
  readonly size?: number;
  /** Expected blob digest (undefined for legacy docker-save layers, checked by diff_id only). */
  readonly blobDigest?: string;
  /** Expected sha256 of the uncompressed tar (config rootfs.diff_ids). */
  readonly diffId: string;
  /** Declared compression; undefined means sniff the magic bytes. */
  readonly compression?: Compression;
}

/** `entry`: the header as checked by TarCheck (names as latin1 byte strings). */
export type EntryHandler = (entry: TarEntry, body: AsyncIterable<Uint8Array>) => Promise<void>;

/**
 * The digest workers for the layers of one image: one checks blobs (compressed bytes, read on the
 * worker), and one per layer being expanded hashes a large layer's uncompressed tar. Started on
 * first use and reused by the next layers (a thread start costs ≈ 35 ms of CPU).
 */
export class LayerDigests {
  readonly #diffs: WorkerHash[] = [];
  readonly #idleDiffs: WorkerHash[] = [];
  readonly #blobs = new RangeDigester();
  readonly #verifications = new Map<LayerRef, Promise<void>>();

  /** A diff worker for one layer: an idle one, or a new one. */
  takeDiff(): WorkerHash {
    const idle = this.#idleDiffs.pop();
    if (idle) return idle;
    const worker = new WorkerHash('sha256');
    this.#diffs.push(worker);
    return worker;
  }

  /** A diff worker whose digest was taken (it starts afresh) is reused; after a failure it is stopped. */
  giveBackDiff(worker: WorkerHash, clean: boolean): void {
    if (clean) this.#idleDiffs.push(worker);
    else void worker.close();
  }

  /**
   * Queues the check of `layer`'s blob now, to run while earlier layers are expanded; the
   * readLayer of `layer` waits for its result before it expands anything.
   */
  verifyAhead(store: BlobStore, layer: LayerRef): void {
    this.#verification(store, layer);
  }

  /** The check of `layer`'s blob: the one started ahead, or a new one. */
  verified(store: BlobStore, layer: LayerRef): Promise<void> {
    const verification = this.#verification(store, layer);
    this.#verifications.delete(layer);
    return verification;
  }

  #verification(store: BlobStore, layer: LayerRef): Promise<void> {
    let verification = this.#verifications.get(layer);
    if (verification === undefined) {
      verification = verifyBlob(store, layer, this.#blobs);
      // A check started ahead may never be awaited (an earlier layer failed): not an unhandled rejection.
      verification.catch(() => undefined);
      this.#verifications.set(layer, verification);
    }
    return verification;
  }

  /** Stops the workers; never throws. */
  async close(): Promise<void> {
    await Promise.all([...this.#diffs.map((worker) => worker.close()), this.#blobs.close()]);
  }
}

/**
 * Calls `onEntry` for each tar entry in order; the handler must consume or drain `body`. The blob's
 * size and digest are checked first, over the compressed bytes alone: nothing is expanded from a
 * blob that is not the one the manifest names (a gzip bomb with a wrong digest costs one read of
 * its compressed bytes). The uncompressed digest (diff_id) is checked while the entries stream.
 * `digests`: workers to reuse (layers may be read side by side with them); without, the layer starts its own.
 */
export async function readLayer(
  store: BlobStore,
  layer: LayerRef,
  onEntry: EntryHandler,
  onBytes: (bytes: number) => void = () => {},
  digests?: LayerDigests,
  limits: { readonly maxFileSize?: number } = {},
): Promise<void> {
  const own = digests ? undefined : new LayerDigests();
  const workers = (digests ?? own)!;
  try {
    const compression = await detectCompression(store, layer);
    await workers.verified(store, layer);
    // A large layer's uncompressed digest is computed on a worker thread, off the thread that parses the tar.
    const threaded = layer.size === undefined || layer.size >= WORKER_FROM;
    const worker = threaded ? workers.takeDiff() : undefined;
    let clean = false;
    try {
      await expandLayer(store, layer, compression, { onEntry, onBytes, maxFileSize: limits.maxFileSize }, worker);
      clean = true;
    } finally {
      if (worker) workers.giveBackDiff(worker, clean);
    }
  } finally {
    await own?.close();
  }
}

async function expandLayer(
  store: BlobStore, layer: LayerRef, compression: Compression,
  to: { onEntry: EntryHandler; onBytes: (bytes: number) => void; maxFileSize: number | undefined }, worker: WorkerHash | undefined,
): Promise<void> {
  const blobCount = new Counter(to.onBytes);
  const diffHash = new HashCounter(worker);
  await streamEntries(store, layer, compression, { blobCount, diffHash }, to.onEntry, to.maxFileSize);
  await checkDigests(layer, blobCount, diffHash);
}

/**
 * The blob's size and digest against the manifest, before anything is decompressed: read and
 * hashed on the digest worker, so that this thread can expand an earlier layer meanwhile.
 */
async function verifyBlob(store: BlobStore, layer: LayerRef, digester: RangeDigester): Promise<void> {
  // Without a blob digest (legacy docker save), or when it is the diff_id, the expanding pass checks it.
  if (layer.blobDigest === undefined || layer.blobDigest === layer.diffId) return;
  const { file, offset, size } = await store.locate(layer.path);
  // One byte past the declared size is enough to say that it is not the blob.
  const length = layer.size === undefined ? size : Math.min(size, layer.size + 1);
  const { bytes, digest } = await digester.digest(file, offset, length, 'sha256').catch((error: unknown) => {
    if (error instanceof UserError) throw error;
    throw new FormatError(`layer ${layer.digest}: cannot read the blob (${(error as Error).message})`, { cause: error });
  });
  if (layer.size !== undefined && bytes !== layer.size) {
    throw new VerificationError(`layer ${layer.digest}: blob is ${bytes > layer.size ? 'more than ' : ''}${Math.min(bytes, layer.size)} bytes, the manifest says ${layer.size}`);
  }
  const actual = `sha256:${digest}`;
  if (actual !== layer.blobDigest) {
    throw new VerificationError(`layer ${layer.digest}: blob digest is ${actual}, the manifest says ${layer.blobDigest}`);
  }
}

async function streamEntries(
  store: BlobStore, layer: LayerRef, compression: Compression, h: { blobCount: Counter; diffHash: HashCounter }, onEntry: EntryHandler,
  maxFileSize: number | undefined,
): Promise<void> {
  const source = store.open(layer.path);
  const check = new TarCheck(`layer ${layer.digest}`, maxFileSize);
  await drainEntries(`layer ${layer.digest}`, source, check, (extract) => pipeline(source, h.blobCount, decompressor(compression, layer), h.diffHash, check, (tar) => feed(tar, extract)), onEntry);
}

/**
 * Calls `onEntry` for each entry of an uncompressed tar stream that has no digest to check against
 * (the builder's root filesystem stream, read as it is made). Headers are checked as a layer's are.
 * `what` names the stream in messages, e.g. `the image's root filesystem stream`.
 */
export async function readTarStream(
  what: string, source: Readable, onEntry: EntryHandler, onBytes: (bytes: number) => void = () => {}, limits: { readonly maxFileSize?: number } = {},
): Promise<void> {
  const check = new TarCheck(what, limits.maxFileSize);
  const count = new Counter(onBytes);
  await drainEntries(what, source, check, (extract) => pipeline(source, count, check, (tar) => feed(tar, extract)), onEntry);
}

async function drainEntries(
  what: string, source: Readable, check: TarCheck, feeding: (extract: Extract) => Promise<void>, onEntry: EntryHandler,
): Promise<void> {
  const extract = tarExtract();
  const fed = feeding(extract);
  fed.catch((error: unknown) => extract.destroy(error as Error));
  try {
    for await (const entry of extract) {
      // TarCheck saw every header first: its entries and tar-stream's come in the same order.
      const checked = check.next();
      if (checked === undefined || (checked.type === 'file' && checked.size !== entry.header.size)) {
        throw new Error(`internal: tar entry ${entry.header.name} out of step with the header check`);
      }
      await onEntry(checked, entry as AsyncIterable<Uint8Array>);
      entry.resume();
    }
    await fed;
  } catch (error) {
    source.destroy();
    if (error instanceof UserError) throw error;
    throw new FormatError(`${what}: cannot read (${(error as Error).message})`, { cause: error });
  }
}

/** Writes into tar-stream's (streamx) extractor with back-pressure. */
async function feed(tar: AsyncIterable<Buffer>, extract: Extract): Promise<void> {
  for await (const chunk of tar) {
    if (!extract.write(chunk)) {
      // Both listeners go once either fires: a 'close' listener left per wait leaked (MaxListenersExceededWarning).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          extract.off('drain', done).off('close', done);
          resolve();
        };
        extract.on('drain', done).on('close', done);
      });
    }
  }
  extract.end(undefined);
}

async function checkDigests(layer: LayerRef, blob: Counter, diff: HashCounter): Promise<void> {
  if (layer.size !== undefined && blob.bytes !== layer.size) {
    throw new VerificationError(`layer ${layer.digest}: blob is ${blob.bytes} bytes, the manifest says ${layer.size}`);
  }
  const diffId = await diff.digest();
  if (diffId !== layer.diffId) {
    // An uncompressed blob is checked here only (see verifyBlob): its digest is the one the manifest names.
    throw new VerificationError(layer.blobDigest === layer.diffId
      ? `layer ${layer.digest}: blob digest is ${diffId}, the manifest says ${layer.blobDigest}`
      : `layer ${layer.digest}: uncompressed digest is ${diffId}, the config's diff_id says ${layer.diffId}`);
  }
}

async function detectCompression(store: BlobStore, layer: LayerRef): Promise<Compression> {
  const magic = await store.peek(layer.path, 4);
  const sniffed: Compression =
    magic[0] === 0x1f && magic[1] === 0x8b
      ? 'gzip'
      : magic.length === 4 && magic.readUInt32LE(0) === 0xfd2fb528 // a blob may be shorter than the magic
        ? 'zstd'
        : 'none';
  if (layer.compression !== undefined && layer.compression !== sniffed) {
    throw new FormatError(`layer ${layer.digest}: declared ${layer.compression} but the data looks like ${sniffed}`);
  }
  return sniffed;
}

type ZstdFactory = (options?: { chunkSize?: number }) => Transform;

/** Whether this Node has a zstd decompressor (zlib.createZstdDecompress: Node ≥ 22.15 / 23.8). */
export function zstdAvailable(): boolean {
  return typeof (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress === 'function';
}

function decompressor(compression: Compression, layer: LayerRef): Transform {
  if (compression === 'gzip') return zlib.createGunzip({ chunkSize: INFLATE_CHUNK });
  if (compression === 'none') return new Transform({ transform: (chunk, _enc, cb) => cb(null, chunk) });
  const factory = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  if (typeof factory !== 'function') {
    throw new UserError(
      `layer ${layer.digest} is zstd-compressed, and this Node (${process.version}) has no zstd decompressor ` +
        '(zlib.createZstdDecompress needs Node >= 22.15); rebuild the image with gzip layers ' +
        '(docker buildx build --output type=oci,compression=gzip,force-compression=true)',
      { code: 'unsupported' },
    );
  }
  return factory({ chunkSize: INFLATE_CHUNK });
}

/** A pass-through that counts what flows through it. */
class Counter extends Transform {
  bytes = 0;

  constructor(readonly onBytes: (bytes: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    cb(null, chunk);
  }
}

/** A pass-through that hashes (sha256) and counts what flows through it. */
class HashCounter extends Transform {
  readonly #local: Hash | undefined;
  readonly #worker: WorkerHash | undefined;
  bytes = 0;

  /** `worker`: hash on it (worth a thread for large streams only), else on this thread. */
  constructor(worker: WorkerHash | undefined) {
    super();
    if (worker) this.#worker = worker;
    else this.#local = createHash('sha256');
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.#local) {
      this.#local.update(chunk);
      cb(null, chunk);
      return;
    }
    // Waits only while the worker has too many chunks queued (bounded memory).
    this.#worker!.update(chunk).then(() => cb(null, chunk), cb);
  }

  async digest(): Promise<string> {
    return `sha256:${this.#local ? this.#local.digest('hex') : await this.#worker!.digest()}`;
  }
}
