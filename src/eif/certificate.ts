import { X509Certificate, type KeyObject } from 'node:crypto';
import { FormatError } from '../errors.js';
import { pcrOfBytes } from './pcr.js';

const PEM_CERT = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/;

/** The DER of the first certificate in a PEM file (what PCR8 measures), checked to parse. */
export function firstCertificateDer(pem: Uint8Array | string, what: string): Uint8Array {
  const text = typeof pem === 'string' ? pem : new TextDecoder().decode(pem);
  const match = PEM_CERT.exec(text);
  if (!match?.[1]) throw new FormatError(`${what}: no PEM certificate (-----BEGIN CERTIFICATE-----) found`);
  const der = Uint8Array.from(Buffer.from(match[1].replace(/\s+/g, ''), 'base64'));
  parseCertificate(der, what);
  return der;
}

export function parseCertificate(der: Uint8Array, what: string): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new FormatError(`${what}: invalid certificate: ${(error as Error).message}`, { cause: error });
  }
}

/** PCR8 for a signing certificate PEM: the PCR construction over the first certificate's DER. */
export function certificatePcr8(pem: Uint8Array | string, what = 'signing certificate'): string {
  return pcrOfBytes(firstCertificateDer(pem, what));
}

/** The certificate's public key. */
export function certificatePublicKey(pem: Uint8Array | string, what: string): KeyObject {
  return parseCertificate(firstCertificateDer(pem, what), what).publicKey;
}
