// Builds synthetic images for tests: OCI archives, OCI layout directories and docker-save archives,
// single- or multi-platform, with layers given as entry lists. Everything is made in memory (test
// images are small) and written at the end; `tamper` can edit the files first (corrupt a blob,
// drop one) to test the reader's checks.

import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as zlib from 'node:zlib';
import { pack, type Header } from 'tar-stream';

export type EntryType = 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';

/** One layer tar entry. Defaults: type file, mode 0644 (dirs 0755), uid/gid 0, mtime 0. */
export interface LayerEntry {
  readonly name: string;
  readonly type?: EntryType;
  readonly data?: string | Uint8Array;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  /** Seconds since the epoch. */
  readonly mtime?: number;
  readonly linkname?: string;
  readonly devmajor?: number;
  readonly devminor?: number;
  readonly pax?: Record<string, string>;
}

export interface ImageConfigSpec {
  readonly Cmd?: string[];
  readonly Entrypoint?: string[];
  readonly Env?: string[];
  readonly WorkingDir?: string;
}

export interface PlatformImage {
  /** `os/arch[/variant]`, default linux/amd64. */
  readonly platform?: string;
  readonly layers: readonly (readonly LayerEntry[] | Uint8Array)[];
  readonly config?: ImageConfigSpec;
}

export type Compress = 'gzip' | 'none' | 'zstd';

export interface BuildOptions {
  readonly dest: string;
  readonly format: 'oci-archive' | 'oci-layout' | 'docker-archive';
  /** One image… */
  readonly layers?: readonly (readonly LayerEntry[] | Uint8Array)[];
  readonly config?: ImageConfigSpec;
  readonly platform?: string;
  /** …or several (a multi-platform index). */
  readonly platforms?: readonly PlatformImage[];
  /** Layer compression (default gzip for OCI, none for docker-archive). */
  readonly compress?: Compress;
  /** Put the platform manifests in a nested index, as BuildKit does (default false). */
  readonly nestedIndex?: boolean;
  /** Omit `platform` from index descriptors (readers must then read the configs). */
  readonly omitDescriptorPlatform?: boolean;
  /** docker-archive only: `<hex>.json` + `<id>/layer.tar` (Docker < 25) instead of blobs/sha256. */
  readonly legacyDockerLayout?: boolean;
  /** Image name recorded in index.json (`docker load` then tags it), e.g. `nitro-test/x:1`. */
  readonly refName?: string;
  /** Edit the files (path → bytes) before they are written. */
  readonly tamper?: (files: Map<string, Buffer>) => void;
}

export interface BuiltImage {
  readonly path: string;
  readonly manifestDigests: string[];
  readonly configDigests: string[];
  /** Per platform: layer blob digests and diff_ids. */
  readonly layerDigests: string[][];
  readonly diffIds: string[][];
}

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const blobPath = (digest: string): string => `blobs/sha256/${digest.slice(7)}`;

/** A tar (uncompressed) of the entries, in the given order. */
export async function buildLayerTar(entries: readonly LayerEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of p) chunks.push(Buffer.from(chunk as Uint8Array));
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const data = typeof e.data === 'string' ? Buffer.from(e.data) : Buffer.from(e.data ?? new Uint8Array());
    const header: Partial<Header> & { name: string; pax?: Record<string, string> } = {
      name: e.name, type, mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: e.uid ?? 0, gid: e.gid ?? 0, mtime: new Date((e.mtime ?? 0) * 1000),
      size: type === 'file' ? data.length : 0,
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      ...(e.devmajor !== undefined ? { devmajor: e.devmajor, devminor: e.devminor ?? 0 } : {}),
      ...(e.pax ? { pax: e.pax } : {}),
    };
    await new Promise<void>((resolve, reject) =>
      type === 'file'
        ? p.entry(header, data, (err) => (err ? reject(err) : resolve()))
        : p.entry(header, (err) => (err ? reject(err) : resolve())),
    );
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A zstd frame of raw (stored) blocks: valid zstd without needing a compressor. */
export function zstdStored(data: Buffer): Buffer {
  const factory = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
  if (typeof factory === 'function') return Buffer.from(factory(data));
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38])]; // magic, FHD, window 128 KiB
  const max = 128 * 1024;
  for (let off = 0; off === 0 || off < data.length; off += max) {
    const block = data.subarray(off, off + max);
    const last = off + max >= data.length ? 1 : 0;
    const h = (block.length << 3) | last; // block type 0 = raw
    parts.push(Buffer.from([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]), block);
  }
  return Buffer.concat(parts);
}

function compressLayer(tar: Buffer, compress: Compress): { blob: Buffer; mediaType: string } {
  if (compress === 'gzip') return { blob: Buffer.from(gzipSync(tar)), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' };
  if (compress === 'zstd') return { blob: zstdStored(tar), mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' };
  return { blob: tar, mediaType: 'application/vnd.oci.image.layer.v1.tar' };
}

function platformObject(platform: string): { os: string; architecture: string; variant?: string } {
  const [os = 'linux', architecture = 'amd64', variant] = platform.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

interface BuiltPlatform {
  manifest: { digest: string; size: number; mediaType: string; platform: object };
  config: { digest: string; bytes: Buffer };
  layers: { digest: string; diffId: string; blob: Buffer }[];
}

async function buildPlatform(img: PlatformImage, compress: Compress, files: Map<string, Buffer>): Promise<BuiltPlatform> {
  const platform = platformObject(img.platform ?? 'linux/amd64');
  const layers: BuiltPlatform['layers'] = [];
  const descs: object[] = [];
  for (const entries of img.layers) {
    // A layer is its entries, or raw tar bytes (for malformed or oversized headers).
    const tar = entries instanceof Uint8Array ? Buffer.from(entries) : await buildLayerTar(entries);
    const { blob, mediaType } = compressLayer(tar, compress);
    const digest = sha256(blob);
    layers.push({ digest, diffId: sha256(tar), blob });
    descs.push({ mediaType, digest, size: blob.length });
    files.set(blobPath(digest), blob);
  }
  const configBytes = Buffer.from(JSON.stringify({
    ...platform, config: img.config ?? {}, rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  }));
  const configDigest = sha256(configBytes);
  files.set(blobPath(configDigest), configBytes);
  const manifestBytes = Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configBytes.length },
    layers: descs,
  }));
  const digest = sha256(manifestBytes);
  files.set(blobPath(digest), manifestBytes);
  return {
    manifest: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: manifestBytes.length, platform },
    config: { digest: configDigest, bytes: configBytes },
    layers,
  };
}

export async function buildOciArchive(opts: BuildOptions): Promise<BuiltImage> {
  const images = opts.platforms ?? [{ layers: opts.layers ?? [], config: opts.config, platform: opts.platform }];
  const compress = opts.compress ?? (opts.format === 'docker-archive' ? 'none' : 'gzip');
  const files = new Map<string, Buffer>();
  const built: BuiltPlatform[] = [];
  for (const img of images) built.push(await buildPlatform(img, compress, files));
  writeIndex(built, opts, files);
  if (opts.format === 'docker-archive') writeDockerManifest(built, opts, files);
  opts.tamper?.(files);
  if (opts.format === 'oci-layout') {
    for (const [name, bytes] of files) {
      await mkdir(dirname(join(opts.dest, name)), { recursive: true });
      await writeFile(join(opts.dest, name), bytes);
    }
  } else {
    await writeFile(opts.dest, await tarOf(files));
  }
  return {
    path: opts.dest,
    manifestDigests: built.map((b) => b.manifest.digest),
    configDigests: built.map((b) => b.config.digest),
    layerDigests: built.map((b) => b.layers.map((l) => l.digest)),
    diffIds: built.map((b) => b.layers.map((l) => l.diffId)),
  };
}

function writeIndex(built: BuiltPlatform[], opts: BuildOptions, files: Map<string, Buffer>): void {
  const annotations = opts.refName
    ? { annotations: { 'io.containerd.image.name': `docker.io/${opts.refName}`, 'org.opencontainers.image.ref.name': opts.refName.split(':').pop() } }
    : {};
  const descs = built.map((b) => ({ ...b.manifest, ...(opts.omitDescriptorPlatform ? { platform: undefined } : {}), ...annotations }));
  let manifests: object[] = descs;
  if (opts.nestedIndex) {
    const nested = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: descs }));
    files.set(blobPath(sha256(nested)), nested);
    manifests = [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha256(nested), size: nested.length }];
  }
  files.set('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));
  files.set('index.json', Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests })));
}

function writeDockerManifest(built: BuiltPlatform[], opts: BuildOptions, files: Map<string, Buffer>): void {
  const entries = built.map((b, i) => {
    if (!opts.legacyDockerLayout) {
      return { Config: blobPath(b.config.digest), RepoTags: [`test:${i}`], Layers: b.layers.map((l) => blobPath(l.digest)) };
    }
    files.delete(blobPath(b.config.digest));
    files.set(`${b.config.digest.slice(7)}.json`, b.config.bytes);
    const layers = b.layers.map((l) => {
      const name = `${l.diffId.slice(7)}/layer.tar`;
      files.set(name, l.blob);
      files.delete(blobPath(l.digest));
      return name;
    });
    return { Config: `${b.config.digest.slice(7)}.json`, RepoTags: [`test:${i}`], Layers: layers };
  });
  if (opts.legacyDockerLayout) {
    for (const name of [...files.keys()]) if (name === 'index.json' || name === 'oci-layout' || name.startsWith('blobs/')) files.delete(name);
  }
  files.set('manifest.json', Buffer.from(JSON.stringify(entries)));
}

async function tarOf(files: Map<string, Buffer>): Promise<Buffer> {
  return buildLayerTar([...files].map(([name, data]) => ({ name, data, mode: 0o444 })));
}
