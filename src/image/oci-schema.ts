// Strict readers for the OCI image-spec documents we consume (index, manifest, config) and for
// docker-save's manifest.json. Every field we use is checked; nothing is blindly cast.

import { FormatError, quoted } from '../errors.js';

export const MEDIA_OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const MEDIA_OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const MEDIA_OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const MEDIA_DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const MEDIA_DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const MEDIA_DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';

export const INDEX_MEDIA_TYPES = [MEDIA_OCI_INDEX, MEDIA_DOCKER_LIST];
export const MANIFEST_MEDIA_TYPES = [MEDIA_OCI_MANIFEST, MEDIA_DOCKER_MANIFEST];
const CONFIG_MEDIA_TYPES = [MEDIA_OCI_CONFIG, MEDIA_DOCKER_CONFIG];

/** Layer media types we can read, with the compression they declare. */
export const LAYER_MEDIA_TYPES: Readonly<Record<string, 'none' | 'gzip' | 'zstd'>> = {
  'application/vnd.oci.image.layer.v1.tar': 'none',
  'application/vnd.oci.image.layer.v1.tar+gzip': 'gzip',
  'application/vnd.oci.image.layer.v1.tar+zstd': 'zstd',
  'application/vnd.oci.image.layer.nondistributable.v1.tar': 'none',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip': 'gzip',
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd': 'zstd',
  'application/vnd.docker.image.rootfs.diff.tar': 'none',
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'gzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar': 'none',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': 'gzip',
};

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ImageConfig {
  readonly platform: Platform;
  readonly cmd?: string[];
  readonly entrypoint?: string[];
  readonly env?: string[];
  readonly workingDir?: string;
  readonly diffIds: string[];
}

type Json = Record<string, unknown>;

export function parseJson(bytes: Buffer, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new FormatError(`${what}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return asObject(value, what);
}

function asObject(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError(`${what}: expected a JSON object`);
  }
  return value as Json;
}

function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new FormatError(`${what}: expected a string`);
  return value;
}

function optString(value: unknown, what: string): string | undefined {
  return value === undefined || value === null ? undefined : asString(value, what);
}

function optStrings(value: unknown, what: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new FormatError(`${what}: expected an array of strings`);
  return value.map((item, i) => asString(item, `${what}[${i}]`));
}

function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new FormatError(`${what}: expected an array`);
  return value;
}

/** `sha256:<64 hex>`; other algorithms are refused (we verify every blob). */
export function checkDigest(value: unknown, what: string): string {
  const digest = asString(value, what);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new FormatError(`${what}: unsupported or malformed digest ${quoted(digest)} (need sha256:<64 hex>)`);
  }
  return digest;
}

/**
 * Most layers an image may have: Docker's layer store refuses a chain deeper than 125 ("max depth
 * exceeded"), so nitro-cli could never build such an image. Bounded before anything is read.
 */
export const MAX_LAYERS = 125;

function checkLayerCount(list: unknown[], what: string): unknown[] {
  if (list.length > MAX_LAYERS) throw new FormatError(`${what}: ${list.length} layers, more than Docker loads (${MAX_LAYERS})`);
  return list;
}

function checkSchemaVersion(doc: Json, what: string): void {
  if (doc.schemaVersion !== 2) throw new FormatError(`${what}: schemaVersion must be 2`);
}

function parsePlatform(value: unknown, what: string): Platform {
  const obj = asObject(value, what);
  const variant = optString(obj.variant, `${what}.variant`);
  return {
    os: asString(obj.os, `${what}.os`),
    architecture: asString(obj.architecture, `${what}.architecture`),
    ...(variant ? { variant } : {}),
  };
}

export function parseDescriptor(value: unknown, what: string): Descriptor {
  const obj = asObject(value, what);
  const size = obj.size;
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new FormatError(`${what}.size: expected a non-negative integer`);
  }
  const annotations = obj.annotations === undefined ? undefined : asObject(obj.annotations, `${what}.annotations`);
  return {
    mediaType: asString(obj.mediaType, `${what}.mediaType`),
    digest: checkDigest(obj.digest, `${what}.digest`),
    size,
    ...(obj.platform === undefined ? {} : { platform: parsePlatform(obj.platform, `${what}.platform`) }),
    ...(annotations ? { annotations: annotations as Record<string, string> } : {}),
  };
}

/** An image index (or docker manifest list): its manifest descriptors. */
export function parseIndex(doc: Json, what: string): Descriptor[] {
  checkSchemaVersion(doc, what);
  if (doc.mediaType !== undefined && !INDEX_MEDIA_TYPES.includes(asString(doc.mediaType, `${what}.mediaType`))) {
    throw new FormatError(`${what}: mediaType ${String(doc.mediaType)} is not an image index`);
  }
  return asArray(doc.manifests, `${what}.manifests`).map((d, i) => parseDescriptor(d, `${what}.manifests[${i}]`));
}

export interface Manifest {
  readonly config: Descriptor;
  readonly layers: Descriptor[];
}

export function parseManifest(doc: Json, what: string): Manifest {
  checkSchemaVersion(doc, what);
  if (doc.mediaType !== undefined && !MANIFEST_MEDIA_TYPES.includes(asString(doc.mediaType, `${what}.mediaType`))) {
    throw new FormatError(`${what}: mediaType ${String(doc.mediaType)} is not an image manifest`);
  }
  const config = parseDescriptor(doc.config, `${what}.config`);
  if (!CONFIG_MEDIA_TYPES.includes(config.mediaType)) {
    throw new FormatError(`${what}.config: mediaType ${config.mediaType} is not an image config`);
  }
  const layers = checkLayerCount(asArray(doc.layers, `${what}.layers`), `${what}.layers`).map((d, i) => parseDescriptor(d, `${what}.layers[${i}]`));
  for (const [i, layer] of layers.entries()) {
    if (!(layer.mediaType in LAYER_MEDIA_TYPES)) {
      throw new FormatError(`${what}.layers[${i}]: unsupported layer mediaType ${quoted(layer.mediaType)}`);
    }
  }
  return { config, layers };
}

export function parseConfig(doc: Json, what: string): ImageConfig {
  const platform = parsePlatform(doc, what);
  const config = doc.config === undefined || doc.config === null ? {} : asObject(doc.config, `${what}.config`);
  const rootfs = asObject(doc.rootfs, `${what}.rootfs`);
  if (rootfs.type !== 'layers') throw new FormatError(`${what}.rootfs.type: expected "layers"`);
  const diffIds = checkLayerCount(asArray(rootfs.diff_ids, `${what}.rootfs.diff_ids`), `${what}.rootfs.diff_ids`).map((d, i) =>
    checkDigest(d, `${what}.rootfs.diff_ids[${i}]`),
  );
  const cmd = optStrings(config.Cmd, `${what}.config.Cmd`);
  const entrypoint = optStrings(config.Entrypoint, `${what}.config.Entrypoint`);
  const env = optStrings(config.Env, `${what}.config.Env`);
  const workingDir = optString(config.WorkingDir, `${what}.config.WorkingDir`);
  return {
    platform,
    diffIds,
    ...(cmd ? { cmd } : {}),
    ...(entrypoint ? { entrypoint } : {}),
    ...(env ? { env } : {}),
    ...(workingDir ? { workingDir } : {}),
  };
}

export interface DockerSaveEntry {
  readonly config: string;
  readonly layers: string[];
}

/** docker-save `manifest.json`: an array of `{Config, RepoTags, Layers}`. */
export function parseDockerManifest(value: Buffer, what: string): DockerSaveEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new FormatError(`${what}: not valid JSON`, { cause: error });
  }
  return asArray(parsed, what).map((item, i) => {
    const obj = asObject(item, `${what}[${i}]`);
    return {
      config: asString(obj.Config, `${what}[${i}].Config`),
      layers: checkLayerCount(asArray(obj.Layers, `${what}[${i}].Layers`), `${what}[${i}].Layers`).map((l, j) => asString(l, `${what}[${i}].Layers[${j}]`)),
    };
  });
}

export function platformString(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
}
