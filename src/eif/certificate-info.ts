import { X509Certificate } from 'node:crypto';
import { oidText } from '../io/oid.js';

/** `SigningCertificate` of nitro-cli's describe-eif, from OpenSSL's names and formats. */
export interface SigningCertificateInfo {
  IssuerName: Record<string, string>;
  Algorithm: string;
  NotBefore: string;
  NotAfter: string;
  /** The certificate's signature bytes as uppercase `XX:XX:…`. */
  Signature: string;
}

// OpenSSL long names (what nitro-cli's `e.object().to_string()`, OBJ_obj2txt, prints) of name attribute OIDs:
// every X.520 attribute type (2.5.4.*) OpenSSL 3 knows, and the others seen in certificate names (obj_mac.h).
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'commonName', '2.5.4.4': 'surname', '2.5.4.5': 'serialNumber', '2.5.4.6': 'countryName',
  '2.5.4.7': 'localityName', '2.5.4.8': 'stateOrProvinceName', '2.5.4.9': 'streetAddress',
  '2.5.4.10': 'organizationName', '2.5.4.11': 'organizationalUnitName', '2.5.4.12': 'title',
  '2.5.4.13': 'description', '2.5.4.14': 'searchGuide', '2.5.4.15': 'businessCategory', '2.5.4.16': 'postalAddress',
  '2.5.4.17': 'postalCode', '2.5.4.18': 'postOfficeBox', '2.5.4.19': 'physicalDeliveryOfficeName',
  '2.5.4.20': 'telephoneNumber', '2.5.4.21': 'telexNumber', '2.5.4.22': 'teletexTerminalIdentifier',
  '2.5.4.23': 'facsimileTelephoneNumber', '2.5.4.24': 'x121Address', '2.5.4.25': 'internationaliSDNNumber',
  '2.5.4.26': 'registeredAddress', '2.5.4.27': 'destinationIndicator', '2.5.4.28': 'preferredDeliveryMethod',
  '2.5.4.29': 'presentationAddress', '2.5.4.30': 'supportedApplicationContext', '2.5.4.31': 'member',
  '2.5.4.32': 'owner', '2.5.4.33': 'roleOccupant', '2.5.4.34': 'seeAlso', '2.5.4.35': 'userPassword',
  '2.5.4.36': 'userCertificate', '2.5.4.37': 'cACertificate', '2.5.4.38': 'authorityRevocationList',
  '2.5.4.39': 'certificateRevocationList', '2.5.4.40': 'crossCertificatePair', '2.5.4.41': 'name',
  '2.5.4.42': 'givenName', '2.5.4.43': 'initials', '2.5.4.44': 'generationQualifier',
  '2.5.4.45': 'x500UniqueIdentifier', '2.5.4.46': 'dnQualifier', '2.5.4.47': 'enhancedSearchGuide',
  '2.5.4.48': 'protocolInformation', '2.5.4.49': 'distinguishedName', '2.5.4.50': 'uniqueMember',
  '2.5.4.51': 'houseIdentifier', '2.5.4.52': 'supportedAlgorithms', '2.5.4.53': 'deltaRevocationList',
  '2.5.4.54': 'dmdName', '2.5.4.65': 'pseudonym', '2.5.4.72': 'role', '2.5.4.97': 'organizationIdentifier',
  '2.5.4.98': 'countryCode3c', '2.5.4.99': 'countryCode3n', '2.5.4.100': 'dnsName',
  '1.2.840.113549.1.9.1': 'emailAddress', '0.9.2342.19200300.100.1.1': 'userId',
  '0.9.2342.19200300.100.1.25': 'domainComponent', '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionLocalityName',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionStateOrProvinceName',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionCountryName',
};

// OpenSSL long names of signature algorithm OIDs (`cert.signature_algorithm().object()`), from obj_mac.h.
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.10040.4.3': 'dsaWithSHA1', '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224', '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384', '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption', '1.2.840.113549.1.1.3': 'md4WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption', '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss', '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption', '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption', '1.2.840.113549.1.1.15': 'sha512-224WithRSAEncryption',
  '1.2.840.113549.1.1.16': 'sha512-256WithRSAEncryption', '1.3.101.112': 'ED25519', '1.3.101.113': 'ED448',
  '2.16.840.1.101.3.4.3.1': 'dsa_with_SHA224', '2.16.840.1.101.3.4.3.2': 'dsa_with_SHA256',
  '2.16.840.1.101.3.4.3.3': 'dsa_with_SHA384', '2.16.840.1.101.3.4.3.4': 'dsa_with_SHA512',
  '2.16.840.1.101.3.4.3.5': 'dsa_with_SHA3-224', '2.16.840.1.101.3.4.3.6': 'dsa_with_SHA3-256',
  '2.16.840.1.101.3.4.3.7': 'dsa_with_SHA3-384', '2.16.840.1.101.3.4.3.8': 'dsa_with_SHA3-512',
  '2.16.840.1.101.3.4.3.9': 'ecdsa_with_SHA3-224', '2.16.840.1.101.3.4.3.10': 'ecdsa_with_SHA3-256',
  '2.16.840.1.101.3.4.3.11': 'ecdsa_with_SHA3-384', '2.16.840.1.101.3.4.3.12': 'ecdsa_with_SHA3-512',
  '2.16.840.1.101.3.4.3.13': 'RSA-SHA3-224', '2.16.840.1.101.3.4.3.14': 'RSA-SHA3-256',
  '2.16.840.1.101.3.4.3.15': 'RSA-SHA3-384', '2.16.840.1.101.3.4.3.16': 'RSA-SHA3-512',
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

/** An ASN.1 string's text, as OpenSSL's ASN1_STRING_to_UTF8 converts it. */
function asn1Text(tag: number, bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes);
  if (tag === 0x0c) return buffer.toString('utf8');
  if (tag === 0x1e) return Buffer.from(buffer).swap16().toString('utf16le');
  if (tag === 0x1c) return String.fromCodePoint(...Array.from({ length: buffer.length / 4 }, (_, i) => buffer.readUInt32BE(4 * i)));
  return buffer.toString('latin1');
}

// Rust's `char::escape_debug_ext` for a str's Debug: a char is printed as is unless it extends a grapheme or is
// outside Rust's printable set (core::unicode::printable: not Cc Cf Cs Co Cn Zl Zp Zs, the space excepted).
const GRAPHEME_EXTEND = /^\p{Grapheme_Extend}$/u;
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/** nitro-cli's value: Rust `format!("{:?}", text)` with every '"' removed afterwards. */
export function rustDebugUnquoted(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\0') out += '\\0';
    else if (ch === '"') out += '\\'; // `\"` with the quote removed
    else if (ch !== ' ' && (GRAPHEME_EXTEND.test(ch) || NOT_PRINTABLE.test(ch))) out += `\\u{${ch.codePointAt(0)!.toString(16)}}`;
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
