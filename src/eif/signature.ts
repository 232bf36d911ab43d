import { verify, type KeyObject } from 'node:crypto';
import { decode } from 'cborg';
import { FormatError } from '../errors.js';
import { checkCborShape, type CborLimits } from '../io/cbor-shape.js';
import { parseHex } from '../io/hex.js';
import { MAX_PEM_BYTES } from '../io/regular-file.js';
import { cborArray, cborByteVector, cborBytes, cborInt, cborMap, cborText } from './cbor.js';
import { certificatePcr8, certificatePublicKey } from './certificate.js';
import type { EifSignatureInfo } from './types.js';

/** COSE algorithms nitro-cli signs with, chosen by the key's curve (spec §3). */
export type CoseAlgorithm = 'ES256' | 'ES384' | 'ES512';

interface AlgorithmInfo { id: number; curve: string; hash: string; coordinate: number }
export const COSE_ALGORITHMS: Record<CoseAlgorithm, AlgorithmInfo> = {
  ES256: { id: -7, curve: 'prime256v1', hash: 'sha256', coordinate: 32 },
  ES384: { id: -35, curve: 'secp384r1', hash: 'sha384', coordinate: 48 },
  ES512: { id: -36, curve: 'secp521r1', hash: 'sha512', coordinate: 66 },
};

/** The COSE algorithm for an EC key's curve; FormatError for other keys. */
export function coseAlgorithmForKey(key: KeyObject, what: string): CoseAlgorithm {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  for (const [name, info] of Object.entries(COSE_ALGORITHMS)) if (info.curve === curve) return name as CoseAlgorithm;
  throw new FormatError(`${what}: only EC keys on P-256, P-384 or P-521 can sign an EIF (got ${[key.asymmetricKeyType, curve].filter(Boolean).join(' ')})`);
}

/** Protected header `{1: alg}`. */
export function protectedHeader(algorithm: CoseAlgorithm): Uint8Array {
  return cborMap([[cborInt(1), cborInt(COSE_ALGORITHMS[algorithm].id)]]);
}

/** CBOR of PcrInfo { register_index, register_value } (the signed payload). */
export function encodePcrInfo(index: number, value: Uint8Array): Uint8Array {
  return cborMap([[cborText('register_index'), cborInt(index)], [cborText('register_value'), cborByteVector(value)]]);
}

/** The COSE Sig_structure the signer signs: ["Signature1", protected, b"", payload]. */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cborArray([cborText('Signature1'), cborBytes(protectedBytes), cborBytes(new Uint8Array()), cborBytes(payload)]);
}

/** Untagged COSE_Sign1 [protected, {}, payload, signature]. */
export function encodeCoseSign1(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): Uint8Array {
  return cborArray([cborBytes(protectedBytes), cborMap([]), cborBytes(payload), cborBytes(signature)]);
}

/** The signature section: [{"signing_certificate": pem bytes, "signature": COSE bytes}]. */
export function encodeSignatureSection(certificatePem: Uint8Array, coseSign1: Uint8Array): Uint8Array {
  return cborArray([cborMap([
    [cborText('signing_certificate'), cborByteVector(certificatePem)],
    [cborText('signature'), cborByteVector(coseSign1)],
  ])]);
}

/** serde's `Vec<u8>` as nitro-cli reads it: an array of integers 0..255; a CBOR byte string is refused, as serde does. */
function asByteVector(value: unknown, field: string, what: string): Uint8Array {
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new FormatError(`${what}: ${field} is not a byte vector`);
  }
  return Uint8Array.from(value as number[]);
}

/**
 * The section is [{signing_certificate: [uint…], signature: [uint…]}] (byte vectors as arrays of uints,
 * one item per byte), 4 levels deep. The item count admits every certificate file sign-eif accepts
 * (MAX_PEM_BYTES) beside its COSE_Sign1, so an EIF this tool signed is always readable.
 */
const SIGNATURE_CBOR_LIMITS: CborLimits = { maxDepth: 8, maxItems: 2 * MAX_PEM_BYTES };

function cborDecode(bytes: Uint8Array, what: string, useMaps = false): unknown {
  checkCborShape(bytes, SIGNATURE_CBOR_LIMITS, what);
  try {
    return decode(bytes, { useMaps, rejectDuplicateMapKeys: true, tags: Object.assign([], { 18: (inner: unknown) => inner }) });
  } catch (error) {
    throw new FormatError(`${what}: invalid CBOR: ${(error as Error).message}`, { cause: error });
  }
}

/** The first entry of a signature section; FormatError when it is not the spec's shape. */
export function decodeSignatureSection(bytes: Uint8Array, what: string): { certificatePem: Uint8Array; coseSign1: Uint8Array } {
  const value = cborDecode(bytes, what);
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  if (typeof first !== 'object' || first === null) throw new FormatError(`${what}: expected a CBOR array of signature entries`);
  const entry = first as Record<string, unknown>;
  return {
    certificatePem: asByteVector(entry['signing_certificate'], 'signing_certificate', what),
    coseSign1: asByteVector(entry['signature'], 'signature', what),
  };
}

interface CoseSign1 { protectedBytes: Uint8Array; algorithm: number | undefined; payload: Uint8Array; signature: Uint8Array }

export function decodeCoseSign1(bytes: Uint8Array, what: string): CoseSign1 {
  const value = cborDecode(bytes, what, true);
  if (!Array.isArray(value) || value.length !== 4 || !(value[0] instanceof Uint8Array) || !(value[2] instanceof Uint8Array) || !(value[3] instanceof Uint8Array)) {
    throw new FormatError(`${what}: signature is not a COSE_Sign1 structure`);
  }
  const header = value[0].byteLength ? cborDecode(value[0], what, true) : new Map();
  const algorithm = header instanceof Map ? header.get(1) : undefined;
  return { protectedBytes: value[0], algorithm: typeof algorithm === 'number' ? algorithm : undefined, payload: value[2], signature: value[3] };
}

/** Verifies a raw r‖s ECDSA signature of `message` under `key` with `algorithm`'s hash. */
export function verifyRaw(key: KeyObject, algorithm: CoseAlgorithm, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.byteLength !== 2 * COSE_ALGORITHMS[algorithm].coordinate) return false;
  return verify(COSE_ALGORITHMS[algorithm].hash, message, { key, dsaEncoding: 'ieee-p1363' }, signature);
}

/**
 * Reads a signature section and checks it against the measured PCR0: `valid` only if the COSE
 * signature verifies with the certificate's key (algorithm matching its curve) and the payload
 * is byte for byte CBOR(PcrInfo(0, PCR0)). A section that does not decode is a FormatError.
 */
export function checkSignatureSection(bytes: Uint8Array, measuredPcr0: string, what: string): EifSignatureInfo {
  const { certificatePem, coseSign1 } = decodeSignatureSection(bytes, what);
  const pcr8 = certificatePcr8(certificatePem, `${what}: signing_certificate`);
  const key = certificatePublicKey(certificatePem, `${what}: signing_certificate`);
  const cose = decodeCoseSign1(coseSign1, what);
  const name = (Object.keys(COSE_ALGORITHMS) as CoseAlgorithm[]).find((a) => COSE_ALGORITHMS[a].id === cose.algorithm);
  const info: EifSignatureInfo = {
    certificatePem: new TextDecoder().decode(certificatePem), pcr8,
    algorithm: name ?? `alg ${cose.algorithm}`, verifies: false, valid: false,
  };
  const expected = encodePcrInfo(0, parseHex(measuredPcr0, 48, 'PCR0'));
  if (!name) info.problem = `unsupported COSE algorithm ${cose.algorithm}`;
  else if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== COSE_ALGORITHMS[name].curve) info.problem = `certificate key does not match ${name}`;
  else if (!verifyRaw(key, name, sigStructure(cose.protectedBytes, cose.payload), cose.signature)) info.problem = 'COSE signature does not verify with the certificate key';
  else {
    info.verifies = true;
    if (Buffer.compare(cose.payload, expected) !== 0) info.problem = 'signed payload is not PcrInfo(0, measured PCR0)';
    else info.valid = true;
  }
  return info;
}
