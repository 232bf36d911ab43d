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

// OpenSSL long names (what nitro-cli's `e.object().to_string()` prints) of name attribute OIDs.
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'commonName', '2.5.4.4': 'surname', '2.5.4.5': 'serialNumber', '2.5.4.6': 'countryName',
  '2.5.4.7': 'localityName', '2.5.4.8': 'stateOrProvinceName', '2.5.4.9': 'streetAddress', '2.5.4.10': 'organizationName',
  '2.5.4.11': 'organizationalUnitName', '2.5.4.12': 'title', '2.5.4.15': 'businessCategory', '2.5.4.17': 'postalCode',
  '2.5.4.42': 'givenName', '2.5.4.43': 'initials', '2.5.4.44': 'generationQualifier', '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym', '2.5.4.97': 'organizationIdentifier', '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.1': 'userId', '0.9.2342.19200300.100.1.25': 'domainComponent',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionLocalityName', '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionStateOrProvinceName',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionCountryName',
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

/** An ASN.1 string's text, as OpenSSL's ASN1_STRING_to_UTF8 converts it. */
function asn1Text(tag: number, bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes);
  if (tag === 0x0c) return buffer.toString('utf8');
  if (tag === 0x1e) return Buffer.from(buffer).swap16().toString('utf16le');
  if (tag === 0x1c) return String.fromCodePoint(...Array.from({ length: buffer.length / 4 }, (_, i) => buffer.readUInt32BE(4 * i)));
  return buffer.toString('latin1');
}

/** nitro-cli's value: Rust `format!("{:?}", text)` with every '"' removed afterwards. */
function rustDebugUnquoted(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\0') out += '\\0';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\u{${code.toString(16)}}`;
    else if (ch === '"') out += '\\'; // `\"` with the quote removed
    else out += ch;
  }
  return out;
}

/** Issuer entries in DER order (later duplicates win, as in nitro-cli's BTreeMap), keys sorted. */
function issuerName(der: Uint8Array, issuer: Tlv): Record<string, string> {
  const entries = new Map<string, string>();
  for (let setAt = issuer.start; setAt < issuer.end;) {
    const set = tlv(der, setAt);
    for (let avaAt = set.start; avaAt < set.end;) {
      const ava = tlv(der, avaAt);
      const oid = tlv(der, ava.start);
      const value = tlv(der, oid.next);
      const oidString = oidText(der.subarray(oid.start, oid.end));
      entries.set(ATTRIBUTE_NAMES[oidString] ?? oidString, rustDebugUnquoted(asn1Text(value.tag, der.subarray(value.start, value.end))));
      avaAt = ava.next;
    }
    setAt = set.next;
  }
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, …
  let field = tlv(der, tbs.start);
  if (field.tag === 0xa0) field = tlv(der, field.next);
  const issuer = tlv(der, tlv(der, field.next).next);
  return {
    IssuerName: issuerName(der, issuer),
    Algorithm: SIGNATURE_ALGORITHMS[oidString] ?? oidString,
    NotBefore: cert.validFrom,
    NotAfter: cert.validTo,
    Signature: signature.match(/../g)?.join(':') ?? '',
  };
}
