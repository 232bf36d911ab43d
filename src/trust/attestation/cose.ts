// COSE_Sign1 (RFC 9052 §4.2) as the Nitro Secure Module emits it: ES384 only, verified with node crypto.
import { verify, type KeyObject } from 'node:crypto';
import { decode, encode } from 'cborg';
import { FormatError, VerificationError } from '../../errors.js';
import { checkCborShape, type CborLimits } from '../../io/cbor-shape.js';

const COSE_SIGN1_TAG_BYTE = 0xd2; // major type 6, tag 18
/** Protected header `{1: -35}` (alg ES384), the only one NSM writes. */
const ES384_PROTECTED = Uint8Array.from([0xa1, 0x01, 0x38, 0x22]);
const ES384_SIGNATURE_BYTES = 96;

/** Strict CBOR: minimal lengths, no duplicate keys, no undefined/NaN/Infinity, no trailing bytes. */
export const STRICT_CBOR = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
} as const;

/**
 * Checked before decoding: a document is a COSE array holding a payload map (PCRs, a CA bundle of a few
 * certificates): a handful of levels and under a hundred items. Generous bounds, far below a bomb's.
 */
export const ATTESTATION_CBOR_LIMITS: CborLimits = { maxDepth: 8, maxItems: 4096 };

export interface CoseSign1 {
  readonly protectedHeader: Uint8Array;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

/** Decodes a COSE_Sign1 (tag 18 optional) and checks its header shape; `what` names the input. */
export function decodeCoseSign1(bytes: Uint8Array, what: string): CoseSign1 {
  // Only the outermost item may carry tag 18 (one byte, 0xd2); no other tag is accepted anywhere.
  const body = bytes[0] === COSE_SIGN1_TAG_BYTE ? bytes.subarray(1) : bytes;
  checkCborShape(body, ATTESTATION_CBOR_LIMITS, what);
  let value: unknown;
  try {
    value = decode(body, STRICT_CBOR);
  } catch (error) {
    throw new FormatError(`${what}: not a valid CBOR COSE_Sign1 (${(error as Error).message})`, { cause: error });
  }
  if (!Array.isArray(value) || value.length !== 4) {
    throw new FormatError(`${what}: COSE_Sign1 must be an array of 4 items`);
  }
  const [protectedHeader, unprotected, payload, signature] = value as unknown[];
  if (!(protectedHeader instanceof Uint8Array) || !equalBytes(protectedHeader, ES384_PROTECTED)) {
    throw new FormatError(`${what}: COSE protected header must be {1: -35} (ES384)`);
  }
  if (!(unprotected instanceof Map) || unprotected.size !== 0) {
    throw new FormatError(`${what}: COSE unprotected header must be an empty map`);
  }
  if (!(payload instanceof Uint8Array)) throw new FormatError(`${what}: COSE payload must be a byte string`);
  if (!(signature instanceof Uint8Array) || signature.length !== ES384_SIGNATURE_BYTES) {
    throw new FormatError(`${what}: COSE signature must be ${ES384_SIGNATURE_BYTES} bytes (ES384 r||s)`);
  }
  return { protectedHeader, payload, signature };
}

/** Verifies the ES384 signature over Sig_structure `["Signature1", protected, h'', payload]`. */
export function verifyCoseSign1(cose: CoseSign1, key: KeyObject, what: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'secp384r1') {
    throw new VerificationError(`${what}: signing key is not an EC P-384 key`);
  }
  const toBeSigned = encode(['Signature1', cose.protectedHeader, new Uint8Array(0), cose.payload]);
  const ok = verify('sha384', toBeSigned, { key, dsaEncoding: 'ieee-p1363' }, cose.signature);
  if (!ok) throw new VerificationError(`${what}: COSE signature does not verify with the attestation certificate's key`);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}
