// Verifies a provenance Sigstore bundle (DSSE) and returns the statement it signs. Either a public key
// (bundles made by signProvenanceWithKey) or a signer identity checked against a Sigstore trusted root.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier, type TrustMaterial } from '@sigstore/verify';
import { FormatError, quoted, UserError, VerificationError } from '../../errors.js';
import { IN_TOTO_PAYLOAD_TYPE } from './types.js';

export type BundleTrust =
  | { readonly publicKeyPem: string }
  | {
      /** Sigstore trusted_root.json content (e.g. from `cosign trusted-root create` or the TUF repository). */
      readonly trustedRoot: unknown;
      /** Exact certificate SAN, e.g. https://github.com/o/r/.github/workflows/eif.yml@refs/heads/main */
      readonly certificateIdentity: string;
      /** Exact OIDC issuer, e.g. https://token.actions.githubusercontent.com */
      readonly certificateOidcIssuer: string;
    };

export interface VerifiedBundle {
  /** The DSSE payload parsed as JSON (not yet checked as a statement). */
  readonly statement: unknown;
  readonly signer: { readonly kind: 'public-key' } | { readonly kind: 'certificate'; readonly identity: string; readonly issuer: string };
}

/** Parses and verifies the bundle JSON; throws `VerificationError` naming what failed. */
export function verifyProvenanceBundle(json: unknown, trust: BundleTrust, what = 'provenance bundle'): VerifiedBundle {
  const bundle = parseBundle(json, what);
  if (bundle.content.$case !== 'dsseEnvelope') throw new VerificationError(`${what}: holds a message signature, not a DSSE attestation`);
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new VerificationError(`${what}: DSSE payloadType is ${quoted(envelope.payloadType)}, expected ${IN_TOTO_PAYLOAD_TYPE}`);
  }
  const usesKey = bundle.verificationMaterial.content.$case === 'publicKey';
  if ('publicKeyPem' in trust && !usesKey) throw new VerificationError(`${what}: signed with a certificate, not a key; verify it with --certificate-identity`);
  if (!('publicKeyPem' in trust) && usesKey) throw new VerificationError(`${what}: signed with a key, not a certificate; verify it with --key`);
  const material = 'publicKeyPem' in trust ? keyTrust(loadPublicKey(trust.publicKeyPem)) : rootTrust(trust.trustedRoot);
  const options = 'publicKeyPem' in trust ? { tlogThreshold: 0, ctlogThreshold: 0, tsaThreshold: 0 } : keylessThresholds(bundle, material);
  let signer;
  try {
    signer = new Verifier(material, options).verify(toSignedEntity(bundle));
  } catch (error) {
    // @sigstore/verify's own message for a bad signature is this same phrase: say once what failed.
    const reason = (error as Error).message;
    const detail = /^signature verification failed$/i.test(reason.trim()) ? 'not signed by the given key' : reason;
    throw new VerificationError(`${what}: signature verification failed (${detail})`, { cause: error });
  }
  const statement = parsePayload(envelope.payload, what);
  if ('publicKeyPem' in trust) return { statement, signer: { kind: 'public-key' } };
  const identity = signer.identity?.subjectAlternativeName ?? '';
  const issuer = signer.identity?.extensions?.issuer ?? '';
  // Exact comparison (@sigstore/verify's policy treats the identity as a regular expression).
  if (identity !== trust.certificateIdentity) throw new VerificationError(`${what}: certificate identity is ${identity}, expected ${trust.certificateIdentity}`);
  if (issuer !== trust.certificateOidcIssuer) throw new VerificationError(`${what}: certificate OIDC issuer is ${issuer}, expected ${trust.certificateOidcIssuer}`);
  return { statement, signer: { kind: 'certificate', identity, issuer } };
}

/** Reads a PEM public key (or the public half of a private key). */
export function loadPublicKey(pem: string, what = 'public key'): KeyObject {
  try {
    return createPublicKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new UserError(`${what}: not a readable PEM public key (${(error as Error).message})`, { cause: error });
  }
}

function parseBundle(json: unknown, what: string): Bundle {
  try {
    return bundleFromJSON(json);
  } catch (error) {
    throw new FormatError(`${what}: not a valid Sigstore bundle (${(error as Error).message})`, { cause: error });
  }
}

/**
 * A keyless bundle needs one verified time for its short-lived certificate: a transparency-log entry
 * (public-good Sigstore) or, when it has none, an RFC 3161 timestamp (GitHub's private instance). An SCT
 * is required whenever the trusted root lists CT logs.
 */
function keylessThresholds(bundle: Bundle, material: TrustMaterial): { tlogThreshold: number; tsaThreshold: number; ctlogThreshold: number } {
  const hasTlog = bundle.verificationMaterial.tlogEntries.length > 0;
  return { tlogThreshold: hasTlog ? 1 : 0, tsaThreshold: hasTlog ? 0 : 1, ctlogThreshold: material.ctlogs.length > 0 ? 1 : 0 };
}

function keyTrust(publicKey: KeyObject): TrustMaterial {
  return {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
    publicKey: () => ({ publicKey, validFor: () => true }),
  };
}

function rootTrust(json: unknown): TrustMaterial {
  try {
    return toTrustMaterial(TrustedRoot.fromJSON(json));
  } catch (error) {
    throw new FormatError(`trusted root: not a valid Sigstore trusted_root.json (${(error as Error).message})`, { cause: error });
  }
}

function parsePayload(payload: Buffer, what: string): unknown {
  try {
    return JSON.parse(payload.toString('utf8')) as unknown;
  } catch (error) {
    throw new FormatError(`${what}: DSSE payload is not JSON`, { cause: error });
  }
}
