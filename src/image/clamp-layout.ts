// Clamps every timestamp of an OCI layout's image to SOURCE_DATE_EPOCH, in place: the job
// BuildKit's `rewrite-timestamp=true` does, at a fraction of its cost (BuildKit re-serializes every
// layer through its content store; this patches the headers that need it and hashes once).
//
// Uncompressed layers (what `docker buildx build --output type=oci,compression=uncompressed` writes)
// are patched where they lie: only header blocks change, so the blob is read once, the changed 1 MiB
// chunks written back, and both its old digest (checked: a blob that does not match its name is
// refused, not relabelled) and its new one hashed on workers while it is read. A compressed layer
// is scanned first; only if a timestamp needs clamping is it written out uncompressed with the
// clamped headers. Layers with nothing to clamp keep their blob. Then the config (diff_ids), the
// manifest and index.json are rewritten (index.json last, atomically), and the old blobs removed.
//
// A layer BuildKit wrote is patched into the very bytes BuildKit's rewrite gives (both write the
// headers as Go's archive/tar does), and the documents are written as Go writes them: for an image
// whose base layers hold nothing after the epoch, the config and manifest digests are the ones
// `rewrite-timestamp=true` gives (BuildKit also re-annotates a layer that needed no change).
//
// Every layer is clamped, base image layers included: BuildKit leaves the layers it took unchanged
// from the base image as they are. The two agree whenever the base image's files are not newer
// than the epoch (a base pinned before the commit whose time is the epoch); docs/build.md says more.

import { constants, createReadStream } from 'node:fs';
import { chmod, copyFile, lstat, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { FormatError, quoted, UserError } from '../errors.js';
import { RangeDigester } from '../io/range-digest.js';
import { WorkerHash } from '../io/worker-hash.js';
import { blobName, imageDocuments, planImageEdit, readLayoutDocuments, readImageDigest, writeLayoutEdit, type Descriptor } from './append-layer.js';
import { MtimeClamp, type ArchivePatch } from './mtime-clamp.js';
import { LAYER_MEDIA_TYPES } from './oci-schema.js';

export interface ClampLayoutOptions {
  /** The OCI layout directory (one image), changed in place. */
  readonly layoutDir: string;
  /** SOURCE_DATE_EPOCH, seconds. */
  readonly epoch: number;
  /** Refuse a compressed layer that expands to more bytes than this (a decompression bomb). */
  readonly maxLayerBytes: number;
}

export interface ClampLayoutResult {
  /** `sha256:…` of the image manifest afterwards (unchanged when nothing needed clamping). */
  readonly manifestDigest: string;
  readonly layersRewritten: number;
  /** Tar headers and PAX records whose timestamp was clamped. */
  readonly timestampsClamped: number;
}

const CHUNK = 1 << 20;
/**
 * The annotation BuildKit puts on a layer descriptor it rewrote with rewrite-timestamp: put on the
 * layers rewritten here too, so the manifest is the one BuildKit writes for the same layers.
 */
const REWRITTEN_ANNOTATION = 'buildkit/rewritten-timestamp';

/** The uncompressed media type a compressed layer becomes when it is rewritten. */
const UNCOMPRESSED: Readonly<Record<string, string>> = {
  'application/vnd.oci.image.layer.v1.tar+gzip': 'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.v1.tar+zstd': 'application/vnd.oci.image.layer.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip': 'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd': 'application/vnd.oci.image.layer.nondistributable.v1.tar',
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'application/vnd.docker.image.rootfs.diff.tar',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': 'application/vnd.docker.image.rootfs.foreign.diff.tar',
};

interface LayerOutcome {
  readonly clamped: number;
  /** The new descriptor when the layer changed. */
  readonly replacement?: Descriptor;
}

export async function clampLayoutMtimes(options: ClampLayoutOptions): Promise<ClampLayoutResult> {
  const { layoutDir } = options;
  const small = await readLayoutDocuments(layoutDir);
  const { manifest, config } = imageDocuments(small, layoutDir);
  if (manifest.layers.length !== config.rootfs.diff_ids.length) {
    throw new FormatError(`${layoutDir}: the manifest lists ${manifest.layers.length} layers, the config ${config.rootfs.diff_ids.length} diff_ids`);
  }
  // A blob listed twice is clamped once.
  const outcomes = new Map<string, LayerOutcome>();
  let timestampsClamped = 0;
  for (const [i, layer] of manifest.layers.entries()) {
    if (outcomes.has(layer.digest)) continue;
    const outcome = await clampLayer(layoutDir, layer, config.rootfs.diff_ids[i]!, options);
    outcomes.set(layer.digest, outcome);
    timestampsClamped += outcome.clamped;
  }
  const changed = [...outcomes.values()].filter((o) => o.replacement).length;
  if (changed === 0) return { manifestDigest: await readImageDigest(layoutDir), layersRewritten: 0, timestampsClamped };
  const plan = planImageEdit(small, layoutDir, (m, c) => {
    m.layers = m.layers.map((layer, i) => {
      const replacement = outcomes.get(layer.digest)?.replacement;
      if (!replacement) return layer;
      c.rootfs.diff_ids[i] = replacement.digest;
      const annotations = { ...(replacement.annotations as Record<string, string> | undefined), [REWRITTEN_ANNOTATION]: String(options.epoch) };
      return { ...replacement, annotations };
    });
  });
  await writeLayoutEdit(layoutDir, plan);
  // An old blob whose digest some layer now has (the same bytes) stays.
  const kept = new Set(manifest.layers.map((layer) => outcomes.get(layer.digest)?.replacement?.digest ?? layer.digest));
  for (const [digest, outcome] of outcomes) {
    if (outcome.replacement && !kept.has(digest)) await rm(join(layoutDir, blobName(digest)), { force: true });
  }
  return { manifestDigest: plan.manifestDigest, layersRewritten: changed, timestampsClamped };
}

async function clampLayer(layoutDir: string, layer: Descriptor, diffId: string, options: ClampLayoutOptions): Promise<LayerOutcome> {
  const compression = LAYER_MEDIA_TYPES[layer.mediaType ?? ''];
  if (compression === undefined) throw new FormatError(`${layoutDir}: layer ${layer.digest}: unsupported layer mediaType ${quoted(layer.mediaType)}`);
  const path = join(layoutDir, blobName(layer.digest));
  if (compression === 'none') {
    if (diffId !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest} is uncompressed, but the config's diff_id says ${diffId}`);
    return clampInPlace(layoutDir, path, layer, options.epoch);
  }
  return clampCompressed(layoutDir, path, layer, diffId, compression, options);
}

/** Opens a blob of the layout for reading and writing: its own regular file (a hard link is copied first). */
async function openForPatching(path: string, layer: Descriptor): Promise<FileHandle> {
  const info = await lstat(path).catch((error: Error) => {
    throw new FormatError(`layer ${layer.digest}: blob missing from the layout (${error.message})`, { cause: error });
  });
  if (!info.isFile()) throw new FormatError(`layer ${layer.digest}: the blob is not a regular file`);
  if (info.nlink > 1) {
    // Patching in place would change the other names too.
    const copy = `${path}.nitro-eif-copy`;
    await copyFile(path, copy);
    await rename(copy, path);
  }
  // BuildKit writes blobs read-only.
  await chmod(path, 0o644);
  const handle = await open(path, constants.O_RDWR | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const stats = await handle.stat();
  if (!stats.isFile() || stats.size !== layer.size) {
    await handle.close();
    throw new FormatError(`layer ${layer.digest}: the blob holds ${stats.size} bytes, the manifest says ${layer.size}`);
  }
  return handle;
}

async function readFully(handle: FileHandle, buffer: Buffer, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Applies the PAX patches that fall inside `chunk` (at `position`); returns those that do not. */
function patchChunk(chunk: Buffer, position: number, patches: readonly ArchivePatch[]): { inside: number; outside: ArchivePatch[] } {
  let inside = 0;
  const outside: ArchivePatch[] = [];
  for (const patch of patches) {
    if (patch.offset >= position && patch.offset + patch.bytes.length <= position + chunk.length) {
      patch.bytes.copy(chunk, patch.offset - position);
      inside += 1;
    } else {
      outside.push(patch);
    }
  }
  return { inside, outside };
}

async function clampInPlace(layoutDir: string, path: string, layer: Descriptor, epoch: number): Promise<LayerOutcome> {
  const handle = await openForPatching(path, layer);
  const before = new WorkerHash('sha256');
  const after = new WorkerHash('sha256');
  try {
    const clamp = new MtimeClamp(layer.digest, epoch);
    const buffer = Buffer.allocUnsafe(CHUNK);
    let lateWrites = false;
    for (let position = 0; position < layer.size;) {
      const n = await readFully(handle, buffer, Math.min(CHUNK, layer.size - position), position);
      if (n === 0) throw new FormatError(`layer ${layer.digest}: the blob ends at byte ${position} of ${layer.size}`);
      const chunk = buffer.subarray(0, n);
      await before.update(chunk);
      if (!clamp.ended) {
        const { changed, patches } = clamp.push(chunk);
        const { inside, outside } = patchChunk(chunk, position, patches);
        if (changed || inside > 0) await handle.write(chunk, 0, n, position);
        // A PAX value that began in an earlier chunk (already hashed): written now, hashed again below.
        for (const patch of outside) await handle.write(patch.bytes, 0, patch.bytes.length, patch.offset);
        if (outside.length > 0) lateWrites = true;
      }
      await after.update(chunk);
      position += n;
    }
    clamp.finish();
    const original = `sha256:${await before.digest()}`;
    if (original !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest}: the blob's sha256 is ${original}`);
    if (clamp.clamped === 0) return { clamped: 0 };
    let digest = `sha256:${await after.digest()}`;
    if (lateWrites) digest = await rehash(path, layer.size);
    await handle.close();
    const target = join(layoutDir, blobName(digest));
    await rename(path, target);
    return { clamped: clamp.clamped, replacement: { ...layer, digest } };
  } finally {
    await handle.close().catch(() => undefined);
    await Promise.all([before.close(), after.close()]);
  }
}

/** The SHA-256 of a whole file, read again (a patch landed in bytes already hashed). */
async function rehash(path: string, size: number): Promise<string> {
  const digester = new RangeDigester();
  try {
    return `sha256:${(await digester.digest(path, 0, size, 'sha256')).digest}`;
  } finally {
    await digester.close();
  }
}

type ChunkSink = (chunk: Buffer, position: number) => Promise<void>;

/** Decompresses a layer blob into block-aligned chunks of CHUNK bytes (the last one shorter), each given to `sink`. */
async function decompressedChunks(path: string, layer: Descriptor, compression: 'gzip' | 'zstd', maxBytes: number, sink: ChunkSink, blobHash?: WorkerHash): Promise<void> {
  const inflate = compression === 'gzip' ? zlib.createGunzip({ chunkSize: 256 * 1024 }) : zstdDecompressor(layer);
  const pending = Buffer.allocUnsafe(CHUNK);
  let filled = 0;
  let position = 0;
  const flushChunk = async (): Promise<void> => {
    const chunk = pending.subarray(0, filled);
    await sink(chunk, position);
    position += filled;
    filled = 0;
  };
  const collect = new Writable({
    write(data: Buffer, _enc, cb) {
      void (async () => {
        let pos = 0;
        while (pos < data.length) {
          const n = Math.min(CHUNK - filled, data.length - pos);
          data.copy(pending, filled, pos, pos + n);
          filled += n;
          pos += n;
          if (position + filled > maxBytes) throw new UserError(`layer ${layer.digest}: expands to more than ${maxBytes} bytes`, { code: 'input' });
          if (filled === CHUNK) await flushChunk();
        }
      })().then(() => cb(), cb);
    },
    final(cb) {
      (filled > 0 ? flushChunk() : Promise.resolve()).then(() => cb(), cb);
    },
  });
  const source = createReadStream(path);
  const hashed = blobHash
    ? new Transform({ transform(chunk: Buffer, _enc, cb) { blobHash.update(chunk).then(() => cb(null, chunk), cb); } })
    : new PassThrough();
  await pipeline(source, hashed, inflate, collect).catch((error: unknown) => {
    if (error instanceof UserError || error instanceof FormatError) throw error;
    throw new FormatError(`layer ${layer.digest}: cannot decompress (${(error as Error).message})`, { cause: error });
  });
}

function zstdDecompressor(layer: Descriptor): NodeJS.ReadWriteStream {
  const factory = (zlib as unknown as { createZstdDecompress?: () => NodeJS.ReadWriteStream }).createZstdDecompress;
  if (typeof factory !== 'function') {
    throw new UserError(`layer ${layer.digest} is zstd-compressed, and this Node (${process.version}) has no zstd decompressor (Node >= 22.15)`, { code: 'unsupported' });
  }
  return factory();
}

async function clampCompressed(layoutDir: string, path: string, layer: Descriptor, diffId: string, compression: 'gzip' | 'zstd', options: ClampLayoutOptions): Promise<LayerOutcome> {
  // First a scan: a base layer with nothing to clamp keeps its blob.
  const scan = new MtimeClamp(layer.digest, options.epoch);
  await decompressedChunks(path, layer, compression, options.maxLayerBytes, async (chunk) => {
    if (!scan.ended) scan.push(chunk);
  });
  scan.finish();
  if (scan.clamped === 0) return { clamped: 0 };
  const temp = join(layoutDir, 'blobs', 'sha256', '.nitro-eif-clamp.tmp');
  const out = await open(temp, 'w', 0o644);
  const hash = new WorkerHash('sha256');
  // The blob and its uncompressed bytes are checked against the manifest and config here: the
  // layer that replaces them is only checked against its own new digest.
  const blobHash = new WorkerHash('sha256');
  const originalHash = new WorkerHash('sha256');
  try {
    const clamp = new MtimeClamp(layer.digest, options.epoch);
    let size = 0;
    let lateWrites = false;
    await decompressedChunks(path, layer, compression, options.maxLayerBytes, async (chunk, position) => {
      await originalHash.update(chunk);
      if (!clamp.ended) {
        const { patches } = clamp.push(chunk);
        const { outside } = patchChunk(chunk, position, patches);
        for (const patch of outside) await out.write(patch.bytes, 0, patch.bytes.length, patch.offset);
        if (outside.length > 0) lateWrites = true;
      }
      await out.write(chunk, 0, chunk.length, position);
      await hash.update(chunk);
      size = position + chunk.length;
    }, blobHash);
    clamp.finish();
    const blobDigest = `sha256:${await blobHash.digest()}`;
    if (blobDigest !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest}: the blob's sha256 is ${blobDigest}`);
    const uncompressed = `sha256:${await originalHash.digest()}`;
    if (uncompressed !== diffId) throw new FormatError(`${layoutDir}: layer ${layer.digest}: uncompressed digest is ${uncompressed}, the config's diff_id says ${diffId}`);
    let digest = `sha256:${await hash.digest()}`;
    await out.close();
    if (lateWrites) digest = await rehash(temp, size);
    await rename(temp, join(layoutDir, blobName(digest)));
    return { clamped: clamp.clamped, replacement: { ...layer, mediaType: UNCOMPRESSED[layer.mediaType ?? ''], digest, size } };
  } finally {
    await out.close().catch(() => undefined);
    await Promise.all([hash.close(), blobHash.close(), originalHash.close()]);
    await rm(temp, { force: true });
  }
}
