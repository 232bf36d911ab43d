// The one layout every store back end uses, keyed by OS_IMAGE_HASH (dstack.md §1):
//   <root>/<os-image-hash>/{enclave.eif, measurements.json, manifest.json, provenance.sigstore.json}
// The key is the 64 lowercase hex digits WITHOUT the 0x prefix (as dstack prints it, and safe in
// paths and URLs). Input is accepted with or without 0x, in any case.
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
