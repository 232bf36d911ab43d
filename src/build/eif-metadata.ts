// The EIF metadata section with reproducible values only (spec eif-format.md §4): build time from
// SOURCE_DATE_EPOCH, this builder's name and version, the kernel config's OS and version, and a
// DockerInfo made of content digests instead of the daemon's inspect output.
import type { EifMetadata } from '../eif/types.js';
import { UserError } from '../errors.js';
import type { ImageInfo } from '../image/types.js';
import { BUILDER_NAME, BUILDER_VERSION } from '../version.js';
import type { KernelInfo } from './kernel-config.js';

/** Default ImageName: independent of the input's file name and format, so EIF bytes are too. */
export const DEFAULT_IMAGE_NAME = 'enclave';
/** nitro-cli refuses custom metadata files over this size. */
export const MAX_CUSTOM_METADATA_BYTES = 4096;
/** 9999-12-31T23:59:59Z: the last instant RFC 3339 can write with a 4-digit year. */
export const MAX_SOURCE_DATE_EPOCH = 253402300799;

/** Checks a SOURCE_DATE_EPOCH value (whole non-negative seconds). */
export function parseSourceDateEpoch(value: string, what: string): number {
  if (!/^[0-9]+$/.test(value.trim()) || Number(value) > MAX_SOURCE_DATE_EPOCH) {
    throw new UserError(`${what}: expected whole seconds since 1970 (0..${MAX_SOURCE_DATE_EPOCH}), got ${JSON.stringify(value)}`, { code: 'usage' });
  }
  return Number(value);
}

/** RFC 3339 as nitro-cli's chrono `to_rfc3339()` writes a whole-second UTC time: `…T…+00:00`. */
export function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.000Z$/, '+00:00');
}

/**
 * DockerInfo: the subset of `docker inspect` that identifies the image whatever archive format it
 * came in: `Id` (the config digest, which covers the layers' diff_ids, Cmd, Env, …), `Os`,
 * `Architecture` and `Variant`. The manifest digest and compressed layer digests are left out on
 * purpose: a `docker save` archive may have no manifest, and recompressing layers changes them,
 * while neither changes a byte of the ramdisks. They are in the measurements file instead.
 */
export function dockerInfo(image: ImageInfo): Record<string, unknown> {
  const [os, , variant] = image.platform.split('/');
  const info: Record<string, unknown> = { Id: image.configDigest, Os: os ?? 'linux', Architecture: image.architecture };
  if (variant !== undefined) info['Variant'] = variant;
  return info;
}

export interface MetadataInputs {
  readonly image: ImageInfo;
  readonly kernel: KernelInfo;
  readonly sourceDateEpoch: number;
  readonly name?: string;
  /** Default: the config digest's hex, as nitro-cli defaults to the image ID. */
  readonly version?: string;
  readonly custom?: unknown;
}

export function eifMetadata(inputs: MetadataInputs): EifMetadata {
  return {
    ImageName: inputs.name ?? DEFAULT_IMAGE_NAME,
    ImageVersion: inputs.version ?? inputs.image.configDigest.replace(/^sha256:/, ''),
    BuildMetadata: {
      BuildTime: rfc3339(inputs.sourceDateEpoch),
      BuildTool: BUILDER_NAME,
      BuildToolVersion: BUILDER_VERSION,
      OperatingSystem: inputs.kernel.os,
      KernelVersion: inputs.kernel.version,
    },
    DockerInfo: dockerInfo(inputs.image),
    CustomMetadata: inputs.custom ?? null,
  };
}

/** Parses a `--metadata` file's text: JSON, at most 4096 bytes (nitro-cli's limit). */
export function parseCustomMetadata(text: string, path: string): unknown {
  if (Buffer.byteLength(text) > MAX_CUSTOM_METADATA_BYTES) {
    throw new UserError(`metadata file ${path}: larger than ${MAX_CUSTOM_METADATA_BYTES} bytes (nitro-cli's limit)`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new UserError(`metadata file ${path}: not valid JSON`, { code: 'format', cause });
  }
}
