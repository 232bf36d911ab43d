import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { UserError } from '../errors.js';
import { COSE_ALGORITHMS, coseAlgorithmForKey, type CoseAlgorithm } from './signature.js';

/**
 * The signing port: signs the COSE Sig_structure bytes with ECDSA using `algorithm`'s hash
 * (ES256 → SHA-256, ES384 → SHA-384, ES512 → SHA-512) and returns the raw `r ‖ s` signature,
 * each half left-padded to the curve size. Adapters: localKeySigner here, KMS in src/trust.
 */
export interface EifSigner {
  sign(toBeSigned: Uint8Array, algorithm: CoseAlgorithm): Promise<Uint8Array>;
}

/** An EifSigner over a local EC private key (PEM, PKCS#8 or SEC1, P-256/P-384/P-521). */
export function localKeySigner(privateKeyPem: string | Uint8Array, what = 'private key'): EifSigner {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(privateKeyPem), format: 'pem' });
  } catch (error) {
    throw new UserError(`${what}: ${privateKeyProblem(Buffer.from(privateKeyPem).toString('latin1'))}`, { cause: error });
  }
  const own = coseAlgorithmForKey(key, what);
  return {
    sign: async (toBeSigned, algorithm) => {
      if (algorithm !== own) throw new UserError(`${what}: the key is for ${own} but the certificate needs ${algorithm}`, { code: 'mismatch' });
      return Uint8Array.from(sign(COSE_ALGORITHMS[algorithm].hash, toBeSigned, { key, dsaEncoding: 'ieee-p1363' }));
    },
  };
}

/** Why PEM text is not a usable private key, in words a user can act on (OpenSSL's decoder codes are not). */
function privateKeyProblem(text: string): string {
  if (text.includes('-----BEGIN CERTIFICATE-----')) return 'holds a certificate, not a private key (are the certificate and the key swapped?)';
  if (text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type: 4,ENCRYPTED/.test(text)) return 'the private key is encrypted; give it unencrypted';
  if (text.includes('-----BEGIN PUBLIC KEY-----')) return 'holds a public key, not a private key';
  if (!text.includes('-----BEGIN ')) return 'not PEM (no -----BEGIN line)';
  return 'not a readable PEM private key';
}
