import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-file.js';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { FormatError, UserError } from '../errors.js';

// Adds one file as a final, uncompressed layer to an OCI image, either an archive (a `docker buildx
// --output type=oci` tar, rewritten to a new file) or a layout directory (`type=oci,tar=false`,
// changed in place: new blobs, then index.json replaced atomically): a new layer blob, config
// (diff_ids, history), manifest and index. Used to put the pinned dstack-util into an image whose
// Dockerfile does not copy it. Timestamps are SOURCE_DATE_EPOCH, owner root, so the result is as
// reproducible as the input.

export interface AppendFileOptions {
  /** The OCI archive to read. */
  readonly archivePath: string;
  /** Where to write the new archive (must differ from archivePath). */
  readonly outputPath: string;
  /** The file on disk to add. */
  readonly sourcePath: string;
  /** Absolute path inside the image, e.g. `/app/dstack-util`. */
  readonly targetPath: string;
  /** Seconds since the epoch for the entries and the history record. */
  readonly mtime: number;
  /** Permission bits of the file (default 0o755). */
  readonly mode?: number;
}

export interface AppendFileResult {
  /** `sha256:…` of the new manifest (the image digest). */
  readonly manifestDigest: string;
  /** `sha256:…` of the new layer (uncompressed, so also its diff_id). */
  readonly layerDigest: string;
}

export interface Descriptor { mediaType?: string; digest: string; size: number; [key: string]: unknown }
interface Blob { readonly name: string; readonly data: Buffer }

const JSON_LIMIT = 4 * 1024 * 1024;
const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const LAYER_TYPE: Record<string, string> = {
  'application/vnd.docker.distribution.manifest.v2+json': 'application/vnd.docker.image.rootfs.diff.tar',
};

/** Writes `outputPath`: the image of `archivePath` with `sourcePath` added at `targetPath`. */
export async function appendFileLayer(options: AppendFileOptions): Promise<AppendFileResult> {
  const small = await readSmallEntries(options.archivePath);
  const work = await makeTempDir(tmpdir(), 'nitro-eif-layer-');
  try {
    const layerPath = join(work, 'layer.tar');
    const layer = await writeLayer(options, layerPath);
    const plan = planRewrite(small, options, layer);
    await writeArchive(options, plan, layerPath);
    return { manifestDigest: plan.manifestDigest, layerDigest: layer.digest };
  } finally {
    await removeTempDir(work);
  }
}

type LayerFile = Pick<AppendFileOptions, 'sourcePath' | 'targetPath' | 'mtime' | 'mode'>;

export type AppendInLayoutOptions = LayerFile & {
  /** The OCI layout directory, changed in place. */
  readonly layoutDir: string;
};

/** Adds the file as a final layer to the image of an OCI layout directory, in place. */
export async function appendFileLayerInLayout(options: AppendInLayoutOptions): Promise<AppendFileResult> {
  const small = await readLayoutDocuments(options.layoutDir);
  const blobs = join(options.layoutDir, 'blobs', 'sha256');
  const layerTemp = join(blobs, '.nitro-eif-layer.tmp');
  try {
    const layer = await writeLayer(options, layerTemp);
    const plan = planRewrite(small, { ...options, archivePath: options.layoutDir }, layer);
    await rename(layerTemp, join(options.layoutDir, blobName(layer.digest)));
    await writeLayoutEdit(options.layoutDir, plan);
    return { manifestDigest: plan.manifestDigest, layerDigest: layer.digest };
  } finally {
    await rm(layerTemp, { force: true });
  }
}

/** The digest (`sha256:…`) of the single image manifest of an OCI archive or layout directory. */
export async function readImageDigest(archivePath: string): Promise<string> {
  const small = (await stat(archivePath)).isDirectory() ? await readLayoutDocuments(archivePath) : await readSmallEntries(archivePath);
  const index = parseJson(small, 'index.json', archivePath) as { manifests?: Descriptor[] };
  const top = single(index.manifests, archivePath, 'index.json');
  if (!INDEX_TYPES.has(top.mediaType ?? '')) return top.digest;
  const nested = parseJson(small, blobName(top.digest), archivePath) as { manifests?: Descriptor[] };
  return single(nested.manifests, archivePath, blobName(top.digest)).digest;
}

async function readSmallEntries(archivePath: string): Promise<Map<string, Buffer>> {
  const small = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = pipeline(createReadStream(archivePath), extract);
  for await (const entry of extract) {
    const name = normalize(entry.header.name);
    if (entry.header.type === 'file' && (entry.header.size ?? 0) <= JSON_LIMIT) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      small.set(name, Buffer.concat(chunks));
    } else {
      entry.resume();
    }
  }
  await done;
  return small;
}

/** index.json and the documents it leads to (nested index, manifest, config) of a layout directory. */
export async function readLayoutDocuments(dir: string): Promise<Map<string, Buffer>> {
  const small = new Map<string, Buffer>();
  const load = async (name: string): Promise<unknown> => {
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info) throw new FormatError(`${dir}: ${name} is missing`);
    if (!info.isFile() || info.size > JSON_LIMIT) throw new FormatError(`${dir}: ${name} is not a regular file of at most ${JSON_LIMIT} bytes`);
    const data = await readFile(path);
    small.set(name, data);
    return parseJson(small, name, dir);
  };
  const index = await load('index.json') as { manifests?: Descriptor[] };
  const top = single(index.manifests, dir, 'index.json');
  const document = await load(blobName(top.digest)) as { manifests?: Descriptor[]; config?: Descriptor };
  const manifest = INDEX_TYPES.has(top.mediaType ?? '')
    ? await load(blobName(single(document.manifests, dir, blobName(top.digest)).digest)) as { config?: Descriptor }
    : document;
  if (manifest.config?.digest) await load(blobName(manifest.config.digest));
  return small;
}

function normalize(name: string): string {
  return name.replace(/^\.\//, '');
}

async function writeLayer(options: LayerFile, layerPath: string): Promise<{ digest: string; size: number }> {
  if (!options.targetPath.startsWith('/') || options.targetPath.split('/').some((p) => p === '..' || p === '.')) {
    throw new UserError(`target path ${JSON.stringify(options.targetPath)} must be absolute, without . or ..`);
  }
  const { size } = await stat(options.sourcePath);
  const mtime = new Date(options.mtime * 1000);
  const owner = { uid: 0, gid: 0, uname: '', gname: '', mtime };
  const pack = tar.pack();
  const hash = createHash('sha256');
  let written = 0;
  const meter = new PassThrough().on('data', (chunk: Buffer) => { hash.update(chunk); written += chunk.length; });
  const done = pipeline(pack, meter, createWriteStream(layerPath));
  const parts = options.targetPath.slice(1).split('/');
  for (let i = 1; i < parts.length; i++) {
    pack.entry({ ...owner, name: `${parts.slice(0, i).join('/')}/`, type: 'directory', mode: 0o755 });
  }
  const sink = pack.entry({ ...owner, name: parts.join('/'), type: 'file', size, mode: options.mode ?? 0o755 });
  await pipeline(createReadStream(options.sourcePath), sink);
  pack.finalize();
  await done;
  return { digest: `sha256:${hash.digest('hex')}`, size: written };
}

interface RewritePlan {
  readonly manifestDigest: string;
  readonly index: Buffer;
  /** Blob names of the old manifest chain, left out of the new archive. */
  readonly drop: Set<string>;
  readonly blobs: Blob[];
  readonly layer: Descriptor;
}

function planRewrite(small: Map<string, Buffer>, options: LayerFile & { readonly archivePath: string }, layer: { digest: string; size: number }): RewritePlan {
  let layerDesc: Descriptor | undefined;
  const plan = planImageEdit(small, options.archivePath, (manifest, config) => {
    config.rootfs.diff_ids.push(layer.digest);
    config.history = [...(config.history ?? []), {
      created: new Date(options.mtime * 1000).toISOString().replace('.000Z', 'Z'),
      created_by: `nitro-eif-build: add ${options.targetPath}`,
    }];
    layerDesc = { mediaType: LAYER_TYPE[manifest.mediaType ?? ''] ?? 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size };
    manifest.layers = [...manifest.layers, layerDesc];
  });
  return { ...plan, layer: layerDesc! };
}

/** The image's manifest and config as an edit sees them (mutable). */
export interface EditableImage {
  readonly manifest: { mediaType?: string; config: Descriptor; layers: Descriptor[] };
  readonly config: { rootfs: { diff_ids: string[] }; history?: Record<string, unknown>[] };
}

/** The single image's manifest and config in `small` (index.json and the documents it leads to). */
export function imageDocuments(small: Map<string, Buffer>, archive: string): EditableImage {
  const index = parseJson(small, 'index.json', archive) as { manifests?: Descriptor[] };
  const top = single(index.manifests, archive, 'index.json');
  const nested = INDEX_TYPES.has(top.mediaType ?? '') ? parseJson(small, blobName(top.digest), archive) as { manifests?: Descriptor[] } : undefined;
  const manifestDesc = nested ? single(nested.manifests, archive, blobName(top.digest)) : top;
  const manifest = parseJson(small, blobName(manifestDesc.digest), archive) as EditableImage['manifest'];
  const config = parseJson(small, blobName(manifest.config.digest), archive) as { rootfs?: { diff_ids?: string[] }; history?: Record<string, unknown>[] };
  if (!Array.isArray(config.rootfs?.diff_ids) || !Array.isArray(manifest.layers)) throw new FormatError(`${archive}: image config has no rootfs.diff_ids`);
  return { manifest, config: config as EditableImage['config'] };
}

/**
 * New config, manifest, (nested index) and index.json after `edit` changed the manifest's layers and
 * the config: what to write, and the blobs of the old chain to drop.
 */
export function planImageEdit(small: Map<string, Buffer>, archive: string, edit: (manifest: EditableImage['manifest'], config: EditableImage['config']) => void): Omit<RewritePlan, 'layer'> {
  const index = parseJson(small, 'index.json', archive) as { manifests?: Descriptor[] };
  const top = single(index.manifests, archive, 'index.json');
  const drop = new Set<string>();
  const blobs: Blob[] = [];
  // A nested index (multi-platform form) must itself hold exactly one image manifest.
  const nested = INDEX_TYPES.has(top.mediaType ?? '') ? parseJson(small, blobName(top.digest), archive) as { manifests?: Descriptor[] } : undefined;
  const manifestDesc = nested ? single(nested.manifests, archive, blobName(top.digest)) : top;
  const { manifest, config } = imageDocuments(small, archive);
  const originalConfig = small.get(blobName(manifest.config.digest));
  drop.add(blobName(manifestDesc.digest)).add(blobName(manifest.config.digest));
  edit(manifest, config);
  // Written as the engine wrote them (Go's encoding/json), so an edit that changes nothing else
  // gives the documents, and the digests, the engine would have given.
  const configBlob = blob(goJson(config, originalConfig));
  manifest.config = { ...manifest.config, digest: configBlob.digest, size: configBlob.size };
  const manifestBlob = blob(goJson(manifest, small.get(blobName(manifestDesc.digest))));
  blobs.push(configBlob.entry, manifestBlob.entry);
  const replaced = { ...manifestDesc, digest: manifestBlob.digest, size: manifestBlob.size };
  if (nested) {
    nested.manifests = [replaced];
    const nestedBlob = blob(goJson(nested, small.get(blobName(top.digest))));
    drop.add(blobName(top.digest));
    blobs.push(nestedBlob.entry);
    index.manifests = [{ ...top, digest: nestedBlob.digest, size: nestedBlob.size }];
  } else {
    index.manifests = [replaced];
  }
  for (const b of blobs) drop.delete(b.name);
  return { manifestDigest: manifestBlob.digest, index: goJson(index, small.get('index.json')), drop, blobs };
}

/** Writes a planned edit into a layout directory: new documents, index.json atomically, the old chain removed. */
export async function writeLayoutEdit(layoutDir: string, plan: Omit<RewritePlan, 'layer'>): Promise<void> {
  for (const b of plan.blobs) await writeFile(join(layoutDir, b.name), b.data);
  await writeFileAtomic(join(layoutDir, 'index.json'), plan.index);
  // The replaced manifest chain goes, so the layout holds one image (and `docker load` sees only it).
  for (const name of plan.drop) await rm(join(layoutDir, name), { force: true });
}

/**
 * JSON as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped (they only occur
 * inside strings), indented like `original` when that was indented (json.MarshalIndent), else compact.
 */
export function goJson(value: unknown, original?: Buffer): Buffer {
  const indent = original ? /^\{\n( +)"/.exec(original.toString('latin1', 0, 64))?.[1] : undefined;
  const text = JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(text);
}

function blob(data: Buffer): { digest: string; size: number; entry: Blob } {
  const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
  return { digest, size: data.length, entry: { name: blobName(digest), data } };
}

export function blobName(digest: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!m) throw new FormatError(`unsupported digest ${JSON.stringify(digest)} (only sha256)`);
  return `blobs/sha256/${m[1]}`;
}

function single(list: Descriptor[] | undefined, archive: string, where: string): Descriptor {
  if (!Array.isArray(list) || list.length !== 1) {
    throw new UserError(`${archive}: ${where} must list exactly one image (got ${list?.length ?? 0}); build a single platform`);
  }
  return list[0]!;
}

function parseJson(small: Map<string, Buffer>, name: string, archive: string): unknown {
  const data = small.get(name);
  if (!data) throw new FormatError(`${archive}: ${name} is missing`);
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new FormatError(`${archive}: ${name} is not valid JSON`, { cause: error });
  }
}

async function writeArchive(options: AppendFileOptions, plan: RewritePlan, layerPath: string): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  await mkdir(dirname(options.outputPath), { recursive: true });
  const written = pipeline(pack, createWriteStream(options.outputPath));
  const read = pipeline(createReadStream(options.archivePath), extract);
  let sawLayer = false;
  for await (const entry of extract) {
    const name = normalize(entry.header.name);
    if (name === 'index.json' || plan.drop.has(name)) { entry.resume(); continue; }
    if (name === blobName(plan.layer.digest)) sawLayer = true;
    if (entry.header.type === 'file') {
      await pipeline(entry, pack.entry({ ...entry.header }));
    } else {
      entry.resume();
      pack.entry({ ...entry.header });
    }
  }
  await read;
  const header = { mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(options.mtime * 1000) };
  if (!sawLayer) await pipeline(createReadStream(layerPath) as Readable, pack.entry({ ...header, name: blobName(plan.layer.digest), size: plan.layer.size }));
  for (const b of plan.blobs) pack.entry({ ...header, name: b.name }, b.data);
  pack.entry({ ...header, name: 'index.json' }, plan.index);
  pack.finalize();
  await written;
}
