// The one layout every store back end uses, keyed by OS_IMAGE_HASH (dstack.md §1):
//   <root>/<os-image-hash>/{enclave.eif, measurements.json, manifest.json, provenance.sigstore.json}
// The key is the 64 lowercase hex digits WITHOUT the 0x prefix (as dstack prints it, and safe in
// paths and URLs). Input is accepted with or without 0x, in any case.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';

/** The store when none is named: a directory beside the caller. */
export const DEFAULT_STORE = './eif-store';

export const ARTIFACT_FILES = {
  eif: 'enclave.eif',
  measurements: 'measurements.json',
  manifest: 'manifest.json',
  provenance: 'provenance.sigstore.json',
} as const;

export type ArtifactKind = keyof typeof ARTIFACT_FILES;

const ZERO_HASH = '0'.repeat(64);

/** Where a store URI points: an S3 bucket and key prefix, or a local directory (absolute). */
export type StoreLocation =
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string }
  | { readonly kind: 'local'; readonly path: string };

/**
 * Parses a store URI: `s3://bucket/prefix`, `file:///abs/dir`, or a plain path (relative to `cwd`).
 * Any other scheme is refused. `what` names the flag or input in the one-line error. Pure (no
 * back end is loaded), so the action can check its `store` input before building.
 */
export function parseStoreUri(uri: string, what = '--store', cwd: string = process.cwd()): StoreLocation {
  const text = uri.trim();
  if (text === '') throw new UserError(`${what}: empty store URI`, { code: 'usage' });
  if (text.startsWith('s3://')) {
    const rest = text.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new UserError(`${what}: invalid S3 bucket name in ${JSON.stringify(uri)}`, { code: 'usage' });
    }
    return { kind: 's3', bucket, prefix };
  }
  if (text.startsWith('file:')) {
    try {
      return { kind: 'local', path: fileURLToPath(text) };
    } catch (error) {
      throw new UserError(`${what}: ${JSON.stringify(uri)} is not a file:///absolute/path URL`, { code: 'usage', cause: error });
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new UserError(`${what}: unsupported scheme in ${JSON.stringify(uri)} (use a path, file:// or s3://)`, { code: 'usage' });
  }
  return { kind: 'local', path: isAbsolute(text) ? text : resolve(cwd, text) };
}

/** Normalises an OS_IMAGE_HASH given by a user to 64 lowercase hex digits (no 0x). */
export function normalizeOsImageHash(value: string, what = 'OS_IMAGE_HASH'): string {
  const text = value.trim().replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new UserError(`${what}: expected 64 hex digits (optionally 0x-prefixed), got ${JSON.stringify(value)}`);
  }
  return text;
}

/** The same hash as bytes32 text for chain and auth-config.json: lowercase with 0x. */
export function toBytes32(hash: string): string {
  return `0x${normalizeOsImageHash(hash)}`;
}

/** True for a syntactically valid hash key (used to skip foreign entries when listing). */
export function isHashKey(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text) && text !== ZERO_HASH;
}

/** The object key of one artifact of one image, relative to the store root. */
export function artifactKey(hash: string, kind: ArtifactKind): string {
  return `${normalizeOsImageHash(hash)}/${ARTIFACT_FILES[kind]}`;
}
