// Offline signing with the user's own key: a Sigstore bundle (v0.3) holding a DSSE envelope of the statement,
// no certificate, no transparency log. Verifiable with `cosign verify-blob-attestation --key … --new-bundle-format`.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder, type Signer } from '@sigstore/sign';
import { UserError } from '../../errors.js';
import { IN_TOTO_PAYLOAD_TYPE, type ProvenanceStatement } from './types.js';

/**
 * Loads a PEM private key for provenance signing. Only ECDSA P-256 (sha256) is accepted: it is what
 * Sigstore verifiers (cosign, sigstore-js) check public-key DSSE signatures with.
 */
export function loadSigningKey(pem: string | Uint8Array, what = 'signing key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: typeof pem === 'string' ? pem : Buffer.from(pem), format: 'pem' });
  } catch (error) {
    throw new UserError(`${what}: not a readable unencrypted PEM private key (${(error as Error).message})`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new UserError(`${what}: must be an EC P-256 private key (openssl ecparam -name prime256v1 -genkey -noout)`);
  }
  return key;
}

/** A @sigstore/sign Signer over a local key; the empty hint gives the DSSE signature an empty keyid (cosign needs it). */
export function localKeySigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return {
    sign: async (data: Buffer) => ({
      signature: sign('sha256', data, privateKey),
      key: { $case: 'publicKey', publicKey, hint: '' },
    }),
  };
}

/** Signs the statement into a Sigstore bundle (JSON form, ready to write as provenance.sigstore.json). */
export async function signProvenanceWithKey(statement: ProvenanceStatement, privateKey: KeyObject): Promise<SerializedBundle> {
  const builder = new DSSEBundleBuilder({ signer: localKeySigner(privateKey), witnesses: [] });
  const bundle = await builder.create({ data: Buffer.from(JSON.stringify(statement)), type: IN_TOTO_PAYLOAD_TYPE });
  return bundleToJSON(bundle);
}
