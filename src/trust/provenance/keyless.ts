// Keyless signing through GitHub's Sigstore (Fulcio certificate from the job's OIDC token, Rekor entry),
// done by @actions/attest. This module does not import it: the action passes its `attest` function in, so
// src/trust stays free of @actions/* and the adapter can be tested with a fake.
import type { SerializedBundle } from '@sigstore/bundle';
import { SLSA_PROVENANCE_V1, type ProvenanceStatement } from './types.js';

/** The subset of `@actions/attest`'s `attest(options)` this adapter uses. */
export type AttestFunction = (options: {
  subjects: { name: string; digest: Record<string, string> }[];
  predicateType: string;
  predicate: object;
  token: string;
  sigstore?: 'public-good' | 'github';
  skipWrite?: boolean;
}) => Promise<{ bundle: SerializedBundle; certificate: string; tlogID?: string; attestationID?: string }>;

export interface KeylessOptions {
  /** `attest` from @actions/attest. */
  readonly attest: AttestFunction;
  /** A GitHub token (for storing the attestation); the OIDC token needs `id-token: write` on the job. */
  readonly token: string;
  /** 'public-good' (default for public repositories) or 'github' (private repositories). */
  readonly sigstore?: 'public-good' | 'github';
  /** Do not store the attestation in the repository's attestations API. */
  readonly skipWrite?: boolean;
}

export interface KeylessResult {
  readonly bundle: SerializedBundle;
  /** PEM of the Fulcio signing certificate. */
  readonly certificate: string;
  readonly tlogId?: string;
  readonly attestationId?: string;
}

/** Signs our statement keylessly; @actions/attest rebuilds the same statement from subjects and predicate. */
export async function signProvenanceKeyless(statement: ProvenanceStatement, options: KeylessOptions): Promise<KeylessResult> {
  const result = await options.attest({
    subjects: statement.subject.map((s) => ({ name: s.name, digest: { ...s.digest } })),
    predicateType: SLSA_PROVENANCE_V1,
    predicate: statement.predicate,
    token: options.token,
    ...(options.sigstore === undefined ? {} : { sigstore: options.sigstore }),
    ...(options.skipWrite === undefined ? {} : { skipWrite: options.skipWrite }),
  });
  return {
    bundle: result.bundle,
    certificate: result.certificate,
    ...(result.tlogID === undefined ? {} : { tlogId: result.tlogID }),
    ...(result.attestationID === undefined ? {} : { attestationId: result.attestationID }),
  };
}
