import { X509Certificate, type KeyObject } from 'node:crypto';
import { FormatError, UserError } from '../errors.js';
import { pcrOfBytes } from './pcr.js';

// Labels OpenSSL's PEM_read_bio_X509 takes for a certificate (check_pem: PEM_STRING_X509 and PEM_STRING_X509_OLD).
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);

/**
 * The DER of the first certificate in a PEM file (what PCR8 measures), read as nitro-cli reads it: the Rust
 * openssl crate's `X509::from_pem(..).to_der()`, that is PEM_read_bio_X509 then i2d_X509. Text outside blocks is
 * skipped, lines lose trailing white space (CRLF included), blocks of other types are skipped when they decode,
 * and the first block that does not decode is an error, not a reason to look further. The DER is the
 * certificate re-encoded after parsing: bytes after it in the block are not part of it.
 */
export function firstCertificateDer(pem: Uint8Array | string, what: string): Uint8Array {
  const lines = (typeof pem === 'string' ? pem : Buffer.from(pem).toString('latin1')).split('\n');
  for (let at = 0; at < lines.length; at++) {
    const label = pemLabel(lines[at]!, 'BEGIN');
    if (label === undefined) continue;
    const end = lines.findIndex((line, i) => i > at && line.startsWith('-----END '));
    if (end < 0 || pemLabel(lines[end]!, 'END') !== label) throw new FormatError(`${what}: PEM block "${label}" has no matching END line`);
    const body = lines.slice(at + 1, end).join('').replace(/[\t\n\v\f\r ]/g, '');
    if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new FormatError(`${what}: PEM block "${label}" is not valid base64`);
    if (CERTIFICATE_LABELS.has(label)) return Uint8Array.from(parseCertificate(Buffer.from(body, 'base64'), what).raw);
    at = end;
  }
  throw new FormatError(`${what}: no PEM certificate (-----BEGIN CERTIFICATE-----) found`);
}

/** The label of a `-----BEGIN label-----` (or END) line, trailing white space ignored as OpenSSL does. */
function pemLabel(line: string, kind: 'BEGIN' | 'END'): string | undefined {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) <= 0x20) end--; // OpenSSL strips every byte <= ' ' at the end
  const text = line.slice(0, end);
  const prefix = `-----${kind} `;
  return text.startsWith(prefix) && text.endsWith('-----') && text.length > prefix.length + 5 ? text.slice(prefix.length, -5) : undefined;
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

/**
 * The signing certificate, refused outside its validity period at `now`. nitro-cli's run-enclave
 * refuses an EIF whose signing certificate has expired or is not yet valid (the image format's
 * PcrSignatureChecker::verify), so an EIF signed with one would not run.
 */
export function checkSigningCertificateValidity(pem: Uint8Array | string, what: string, now: Date = new Date()): X509Certificate {
  const certificate = parseCertificate(firstCertificateDer(pem, what), what);
  const validTo = new Date(certificate.validTo);
  const validFrom = new Date(certificate.validFrom);
  if (now > validTo) {
    throw new UserError(`${what}: expired on ${validTo.toISOString()}; nitro-cli run-enclave refuses an EIF signed with an expired certificate`);
  }
  if (now < validFrom) {
    throw new UserError(`${what}: not valid before ${validFrom.toISOString()}; nitro-cli run-enclave refuses an EIF signed with a certificate that is not valid yet`);
  }
  return certificate;
}
