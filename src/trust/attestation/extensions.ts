// The X.509 v3 extensions a certification path check needs (RFC 5280 §4.2): node's X509Certificate parses a
// certificate but exposes neither key usage bits, nor the path length constraint, nor which extensions are
// critical. This reads them from the DER (already parsed once by node, still walked with bounds).
import { FormatError } from '../../errors.js';
import { oidText } from '../../io/oid.js';

export interface CertificateExtensions {
  /** basicConstraints: absent means not a CA. */
  readonly ca: boolean;
  /** basicConstraints pathLenConstraint, when present. */
  readonly pathLength?: number;
  /** keyUsage bits (RFC 5280 numbering: 0 digitalSignature … 5 keyCertSign), undefined when the extension is absent. */
  readonly keyUsage?: ReadonlySet<number>;
  /** OIDs of the extensions marked critical. */
  readonly critical: readonly string[];
}

export const KEY_USAGE = { digitalSignature: 0, keyCertSign: 5 } as const;
export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
} as const;

interface Tlv { readonly tag: number; readonly start: number; readonly end: number }

/** One DER TLV at `at`, within `limit`; definite lengths of at most 4 bytes. */
function tlv(der: Uint8Array, at: number, limit: number, what: string): Tlv {
  const fail = (): never => { throw new FormatError(`${what}: malformed DER at byte ${at}`); };
  if (at + 2 > limit) fail();
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) fail();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  if (start + length > limit) fail();
  return { tag, start, end: start + length };
}

/** The members of a constructed value, in order. */
function children(der: Uint8Array, parent: Tlv, what: string): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = tlv(der, at, parent.end, what);
    out.push(child);
    at = child.end;
  }
  return out;
}

const SEQUENCE = 0x30;
const BOOLEAN = 0x01;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const EXTENSIONS_TAG = 0xa3; // [3] EXPLICIT in tbsCertificate

/** Reads basicConstraints, keyUsage and the critical flags of a certificate's DER; `what` names it in errors. */
export function certificateExtensions(der: Uint8Array, what: string): CertificateExtensions {
  const certificate = tlv(der, 0, der.length, what);
  const tbs = children(der, certificate, what)[0];
  if (certificate.tag !== SEQUENCE || tbs?.tag !== SEQUENCE) throw new FormatError(`${what}: not an X.509 certificate`);
  const wrapper = children(der, tbs, what).find((field) => field.tag === EXTENSIONS_TAG);
  let ca = false;
  let pathLength: number | undefined;
  let keyUsage: Set<number> | undefined;
  const critical: string[] = [];
  const list = wrapper ? children(der, wrapper, what)[0] : undefined;
  for (const extension of list ? children(der, list, what) : []) {
    const [id, second, third] = children(der, extension, what);
    const value = third ?? second;
    if (id === undefined || value?.tag !== OCTET_STRING) throw new FormatError(`${what}: malformed extension`);
    const oid = oidText(der.subarray(id.start, id.end));
    if (third !== undefined && second?.tag === BOOLEAN && der[second.start] !== 0) critical.push(oid);
    if (oid === OID.basicConstraints) {
      const sequence = tlv(der, value.start, value.end, what);
      for (const member of children(der, sequence, what)) {
        if (member.tag === BOOLEAN) ca = der[member.start] !== 0;
        else if (member.tag === INTEGER) pathLength = integer(der, member, what);
      }
    } else if (oid === OID.keyUsage) {
      const bits = tlv(der, value.start, value.end, what);
      if (bits.tag !== BIT_STRING || bits.end <= bits.start) throw new FormatError(`${what}: malformed keyUsage`);
      keyUsage = new Set();
      for (let byte = bits.start + 1; byte < bits.end; byte++) {
        for (let bit = 0; bit < 8; bit++) if (der[byte]! & (0x80 >> bit)) keyUsage.add((byte - bits.start - 1) * 8 + bit);
      }
    }
  }
  return { ca, ...(pathLength === undefined ? {} : { pathLength }), ...(keyUsage ? { keyUsage } : {}), critical };
}

function integer(der: Uint8Array, value: Tlv, what: string): number {
  if (value.end - value.start > 4 || value.end === value.start || der[value.start]! & 0x80) {
    throw new FormatError(`${what}: basicConstraints pathLenConstraint is not a small non-negative integer`);
  }
  let n = 0;
  for (let i = value.start; i < value.end; i++) n = n * 256 + der[i]!;
  return n;
}
