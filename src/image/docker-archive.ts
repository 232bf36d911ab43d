// `docker save` archives: manifest.json lists each image's config and layer members. Layers are
// checked against the config's diff_ids (and against their blob digest when stored under
// blobs/sha256/, as Docker >= 25 does). The manifest digest is known only when the archive also
// carries an OCI index.json naming a manifest with the same config.

import { createHash } from 'node:crypto';
import { FormatError, quoted, VerificationError } from '../errors.js';
import { readJsonMember, type BlobStore } from './blob-store.js';
import type { LayerRef } from './layer-reader.js';
import { parseConfig, parseDockerManifest, parseJson, parseManifest, type ImageConfig } from './oci-schema.js';
import { imageOf, ociCandidates, readBlobJson } from './oci-layout.js';
import type { OpenedImage } from './types.js';
import { choosePlatform } from './platform.js';

interface SavedImage {
  readonly platform: ImageConfig['platform'];
  readonly config: ImageConfig;
  readonly configDigest: string;
  readonly layerPaths: readonly string[];
}

export async function openDockerArchive(store: BlobStore, platform: string | undefined): Promise<OpenedImage> {
  if ((await store.size('manifest.json')) === undefined && (await store.size('index.json')) !== undefined) {
    throw new FormatError(`${store.source}: an OCI image archive (index.json, no manifest.json), not a docker save archive: read it as an OCI archive (--oci-archive)`);
  }
  const entries = parseDockerManifest(await readJsonMember(store, 'manifest.json'), `${store.source}: manifest.json`);
  const images: SavedImage[] = [];
  for (const entry of entries) {
    const bytes = await readJsonMember(store, entry.config);
    const configDigest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const named = digestInName(entry.config);
    if (named !== undefined && named !== configDigest) {
      throw new VerificationError(`${store.source}: config ${entry.config}: content digest is ${configDigest}`);
    }
    const config = parseConfig(parseJson(bytes, `${store.source}: ${entry.config}`), `${store.source}: ${entry.config}`);
    if (config.diffIds.length !== entry.layers.length) {
      throw new FormatError(`${store.source}: ${entry.config}: ${config.diffIds.length} diff_ids for ${entry.layers.length} layers`);
    }
    images.push({ platform: config.platform, config, configDigest, layerPaths: entry.layers });
  }
  const chosen = choosePlatform(uniqueByConfig(images), platform, store.source);
  const layers: LayerRef[] = [];
  for (const [i, path] of chosen.layerPaths.entries()) {
    if ((await store.size(path)) === undefined) throw new FormatError(`${store.source}: missing layer ${quoted(path)}`);
    const diffId = chosen.config.diffIds[i] as string;
    const blobDigest = digestInName(path);
    layers.push({ digest: blobDigest ?? diffId, path, diffId, ...(blobDigest ? { blobDigest } : {}) });
  }
  const manifestDigest = await findManifestDigest(store, chosen.configDigest);
  return imageOf(store, chosen.config, layers, manifestDigest, chosen.configDigest);
}

/** `blobs/sha256/<hex>` or `<hex>.json` → `sha256:<hex>`. */
function digestInName(path: string): string | undefined {
  const match = /^(?:\.\/)?(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.json)$/.exec(path);
  const hex = match?.[1] ?? match?.[2];
  return hex ? `sha256:${hex}` : undefined;
}

function uniqueByConfig(images: SavedImage[]): SavedImage[] {
  const seen = new Map<string, SavedImage>();
  for (const image of images) if (!seen.has(image.configDigest)) seen.set(image.configDigest, image);
  return [...seen.values()];
}

async function findManifestDigest(store: BlobStore, configDigest: string): Promise<string | undefined> {
  if ((await store.size('index.json')) === undefined) return undefined;
  try {
    for (const candidate of await ociCandidates(store)) {
      const what = `${store.source}: manifest ${candidate.manifest.digest}`;
      const manifest = parseManifest(await readBlobJson(store, candidate.manifest, 'manifest'), what);
      if (manifest.config.digest === configDigest) return candidate.manifest.digest;
    }
  } catch {
    // index.json may name blobs docker save left out (other platforms): no manifest digest then.
  }
  return undefined;
}
