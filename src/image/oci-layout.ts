// OCI image layouts (a directory or its tar archive): index.json → (nested indexes) → the
// platform's manifest → config and layers. Every JSON blob is size- and digest-checked before use.

import { createHash } from 'node:crypto';
import { FormatError, UserError, VerificationError } from '../errors.js';
import { readJsonMember, type BlobStore } from './blob-store.js';
import type { LayerRef } from './layer-reader.js';
import {
  INDEX_MEDIA_TYPES, LAYER_MEDIA_TYPES, MANIFEST_MEDIA_TYPES, parseConfig, parseIndex, parseJson,
  parseManifest, platformString, type Descriptor, type ImageConfig, type Platform,
} from './oci-schema.js';
import { choosePlatform } from './platform.js';
import type { ImageInfo, OpenedImage } from './types.js';

const MAX_INDEX_DEPTH = 4;

export function blobPath(digest: string): string {
  return `blobs/${digest.replace(':', '/')}`;
}

/** Reads a JSON blob, checking its size and digest against the descriptor. */
export async function readBlobJson(store: BlobStore, desc: Pick<Descriptor, 'digest' | 'size'>, what: string) {
  const bytes = await readJsonMember(store, blobPath(desc.digest), desc.size);
  checkSha256(bytes, desc.digest, `${store.source}: ${what} ${desc.digest}`);
  return parseJson(bytes, `${store.source}: ${what} ${desc.digest}`);
}

export function checkSha256(bytes: Buffer, digest: string, what: string): void {
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== digest) throw new VerificationError(`${what}: content digest is ${actual}`);
}

interface Candidate {
  readonly manifest: Descriptor;
  readonly platform: Platform;
}

export async function openOci(store: BlobStore, platform: string | undefined): Promise<OpenedImage> {
  if ((await store.size('oci-layout')) === undefined && (await store.size('manifest.json')) !== undefined) {
    throw new UserError(`${store.source}: not an OCI layout (no oci-layout file) but a docker save archive: read it as a docker archive (--docker-archive)`);
  }
  const layout = parseJson(await readJsonMember(store, 'oci-layout'), `${store.source}: oci-layout`);
  if (layout.imageLayoutVersion !== '1.0.0') {
    throw new FormatError(`${store.source}: oci-layout: unsupported imageLayoutVersion ${String(layout.imageLayoutVersion)}`);
  }
  const candidates = await ociCandidates(store);
  const chosen = choosePlatform(candidates, platform, store.source);
  return openManifest(store, chosen.manifest);
}

/** Every image manifest reachable from index.json with its platform (attestations skipped). */
export async function ociCandidates(store: BlobStore): Promise<Candidate[]> {
  const index = parseIndex(parseJson(await readJsonMember(store, 'index.json'), `${store.source}: index.json`), `${store.source}: index.json`);
  const found = new Map<string, Candidate>();
  await collect(store, index, 0, found);
  return [...found.values()];
}

async function collect(store: BlobStore, descs: Descriptor[], depth: number, found: Map<string, Candidate>): Promise<void> {
  for (const desc of descs) {
    if (desc.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') continue;
    if (desc.platform?.os === 'unknown') continue;
    if (INDEX_MEDIA_TYPES.includes(desc.mediaType)) {
      if (depth >= MAX_INDEX_DEPTH) throw new FormatError(`${store.source}: image indexes nested too deep`);
      const nested = parseIndex(await readBlobJson(store, desc, 'index'), `${store.source}: index ${desc.digest}`);
      await collect(store, nested, depth + 1, found);
    } else if (MANIFEST_MEDIA_TYPES.includes(desc.mediaType) && !found.has(desc.digest)) {
      const platform = desc.platform ?? (await manifestPlatform(store, desc));
      found.set(desc.digest, { manifest: desc, platform });
    }
  }
}

async function manifestPlatform(store: BlobStore, desc: Descriptor): Promise<Platform> {
  const manifest = parseManifest(await readBlobJson(store, desc, 'manifest'), `${store.source}: manifest ${desc.digest}`);
  const config = await readBlobJson(store, manifest.config, 'config');
  return parseConfig(config, `${store.source}: config ${manifest.config.digest}`).platform;
}

async function openManifest(store: BlobStore, desc: Descriptor): Promise<OpenedImage> {
  const what = `${store.source}: manifest ${desc.digest}`;
  const manifest = parseManifest(await readBlobJson(store, desc, 'manifest'), what);
  const configWhat = `${store.source}: config ${manifest.config.digest}`;
  const config = parseConfig(await readBlobJson(store, manifest.config, 'config'), configWhat);
  if (config.diffIds.length !== manifest.layers.length) {
    throw new FormatError(`${configWhat}: ${config.diffIds.length} diff_ids for ${manifest.layers.length} layers`);
  }
  const layers: LayerRef[] = [];
  for (const [i, layer] of manifest.layers.entries()) {
    const path = blobPath(layer.digest);
    const size = await store.size(path);
    if (size === undefined) throw new FormatError(`${store.source}: missing blob for layer ${layer.digest}`);
    if (size !== layer.size) {
      throw new VerificationError(`${store.source}: layer ${layer.digest} is ${size} bytes, the manifest says ${layer.size}`);
    }
    layers.push({
      digest: layer.digest, path, size, blobDigest: layer.digest,
      diffId: config.diffIds[i] as string, compression: LAYER_MEDIA_TYPES[layer.mediaType],
    });
  }
  return imageOf(store, config, layers, desc.digest, manifest.config.digest);
}

export function imageOf(
  store: BlobStore, config: ImageConfig, layers: LayerRef[], manifestDigest: string | undefined, configDigest: string,
): OpenedImage {
  const info: ImageInfo = {
    ...(manifestDigest ? { manifestDigest } : {}),
    configDigest,
    platform: platformString(config.platform),
    architecture: config.platform.architecture,
    ...(config.cmd ? { cmd: config.cmd } : {}),
    ...(config.entrypoint ? { entrypoint: config.entrypoint } : {}),
    ...(config.env ? { env: config.env } : {}),
    layers: layers.map((l) => l.digest),
  };
  return { info, store, layers, ...(config.workingDir ? { workingDir: config.workingDir } : {}) };
}
