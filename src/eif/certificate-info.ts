import { X509Certificate } from 'node:crypto';

/** `SigningCertificate` of nitro-cli's describe-eif, from OpenSSL's names and formats. */
export interface SigningCertificateInfo {
  IssuerName: Record<string, string>;
  Algorithm: string;
  NotBefore: string;
  NotAfter: string;
  /** The certificate's signature bytes as uppercase `XX:XX:…`. */
  Signature: string;
}

// OpenSSL long names for the short names Node prints in X509Certificate#issuer.
const LONG_NAMES: Record<string, string> = {
  C: 'countryName', ST: 'stateOrProvinceName', L: 'localityName', O: 'organizationName',
  OU: 'organizationalUnitName', CN: 'commonName', emailAddress: 'emailAddress', serialNumber: 'serialNumber',
  DC: 'domainComponent', street: 'streetAddress', title: 'title', GN: 'givenName', SN: 'surname',
};

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256', '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512', '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption', '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss', '1.3.101.112': 'ED25519',
};

interface Tlv { tag: number; start: number; end: number; next: number }

/** One DER TLV at `at` (lengths up to 4 bytes; certificates never need more). */
function tlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at] ?? 0;
  let length = der[at + 1] ?? 0;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  return { tag, start, end: start + length, next: start + length };
}

function oidText(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** Describes a certificate the way nitro-cli's describe-eif does (OpenSSL text forms). */
export function signingCertificateInfo(der: Uint8Array): SigningCertificateInfo {
  const cert = new X509Certificate(der);
  const outer = tlv(der, 0);
  const tbs = tlv(der, outer.start);
  const algorithmId = tlv(der, tbs.next);
  const oid = tlv(der, algorithmId.start);
  const bits = tlv(der, algorithmId.next);
  const oidString = oidText(der.subarray(oid.start, oid.end));
  const signature = Buffer.from(der.subarray(bits.start + 1, bits.end)).toString('hex').toUpperCase();
  const issuer: Record<string, string> = {};
  for (const line of cert.issuer.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) issuer[LONG_NAMES[line.slice(0, eq)] ?? line.slice(0, eq)] = line.slice(eq + 1);
  }
  return {
    IssuerName: Object.fromEntries(Object.entries(issuer).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    Algorithm: SIGNATURE_ALGORITHMS[oidString] ?? oidString,
    NotBefore: cert.validFrom,
    NotAfter: cert.validTo,
    Signature: signature.match(/../g)?.join(':') ?? '',
  };
}
