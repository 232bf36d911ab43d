// The attestation document payload (aws-nitro-enclaves-nsm-api `AttestationDoc`), validated field by field.
import { decode } from 'cborg';
import { FormatError } from '../../errors.js';
import { checkCborShape } from '../../io/cbor-shape.js';
import { ATTESTATION_CBOR_LIMITS, STRICT_CBOR } from './cose.js';

const MAX_PCR_INDEX = 31;
const MAX_OPTIONAL_BYTES = 1024; // NSM caps user_data, nonce and public_key at 1024 bytes
const MAX_CERTIFICATE_BYTES = 1024; // attestation_process.md §2.2: cert = bytes .size (1..1024)

export interface AttestationDocument {
  readonly moduleId: string;
  /** Milliseconds since the Unix epoch, as the NSM reported it. */
  readonly timestamp: number;
  readonly digest: 'SHA384';
  /** Register index → raw value, every index the document carries. */
  readonly pcrs: ReadonlyMap<number, Uint8Array>;
  /** DER of the leaf certificate. */
  readonly certificate: Uint8Array;
  /** DER certificates, root first, as in the document. */
  readonly cabundle: readonly Uint8Array[];
  readonly publicKey?: Uint8Array;
  readonly userData?: Uint8Array;
  readonly nonce?: Uint8Array;
}

/** Decodes and validates the COSE payload. NSM writes the map with indefinite length, so that is allowed here. */
export function parseAttestationPayload(payload: Uint8Array, what: string): AttestationDocument {
  checkCborShape(payload, ATTESTATION_CBOR_LIMITS, `${what}: payload`);
  let value: unknown;
  try {
    value = decode(payload, { ...STRICT_CBOR, allowIndefinite: true });
  } catch (error) {
    throw new FormatError(`${what}: payload is not valid CBOR (${(error as Error).message})`, { cause: error });
  }
  if (!(value instanceof Map)) throw new FormatError(`${what}: payload must be a CBOR map`);
  const map = value as Map<unknown, unknown>;
  const known = new Set(['module_id', 'timestamp', 'digest', 'pcrs', 'certificate', 'cabundle', 'public_key', 'user_data', 'nonce']);
  for (const key of map.keys()) {
    if (typeof key !== 'string' || !known.has(key)) throw new FormatError(`${what}: unexpected payload field ${JSON.stringify(key)}`);
  }
  const field = (name: string): unknown => map.get(name);
  const moduleId = field('module_id');
  if (typeof moduleId !== 'string' || moduleId.length === 0) throw new FormatError(`${what}: module_id must be a non-empty text string`);
  const timestamp = field('timestamp');
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp) || timestamp <= 0) {
    throw new FormatError(`${what}: timestamp must be a positive integer (milliseconds)`);
  }
  if (field('digest') !== 'SHA384') throw new FormatError(`${what}: digest must be "SHA384", got ${JSON.stringify(field('digest'))}`);
  const certificate = field('certificate');
  if (!isCertificateBytes(certificate)) throw new FormatError(`${what}: certificate must be a byte string of 1 to ${MAX_CERTIFICATE_BYTES} bytes`);
  return {
    moduleId,
    timestamp,
    digest: 'SHA384',
    pcrs: parsePcrs(field('pcrs'), what),
    certificate,
    cabundle: parseCabundle(field('cabundle'), what),
    ...optionalBytes(map, 'public_key', 'publicKey', what),
    ...optionalBytes(map, 'user_data', 'userData', what),
    ...optionalBytes(map, 'nonce', 'nonce', what),
  };
}

function parsePcrs(value: unknown, what: string): Map<number, Uint8Array> {
  if (!(value instanceof Map) || value.size === 0) throw new FormatError(`${what}: pcrs must be a non-empty map`);
  const pcrs = new Map<number, Uint8Array>();
  for (const [index, bytes] of value as Map<unknown, unknown>) {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > MAX_PCR_INDEX) {
      throw new FormatError(`${what}: pcrs key ${String(index)} is not a register index 0..${MAX_PCR_INDEX}`);
    }
    if (!(bytes instanceof Uint8Array) || bytes.length !== 48) {
      throw new FormatError(`${what}: PCR${index} must be a 48-byte string (SHA384)`);
    }
    pcrs.set(index, bytes);
  }
  for (const index of [0, 1, 2]) {
    if (!pcrs.has(index)) throw new FormatError(`${what}: PCR${index} is missing`);
  }
  return new Map([...pcrs].sort(([a], [b]) => a - b));
}

function parseCabundle(value: unknown, what: string): Uint8Array[] {
  if (!Array.isArray(value) || value.length === 0) throw new FormatError(`${what}: cabundle must be a non-empty array`);
  return value.map((cert, i) => {
    if (!isCertificateBytes(cert)) throw new FormatError(`${what}: cabundle[${i}] must be a byte string of 1 to ${MAX_CERTIFICATE_BYTES} bytes`);
    return cert;
  });
}

function isCertificateBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length > 0 && value.length <= MAX_CERTIFICATE_BYTES;
}

function optionalBytes<K extends string>(map: Map<unknown, unknown>, name: string, key: K, what: string): Partial<Record<K, Uint8Array>> {
  const value = map.get(name);
  if (value === undefined || value === null) return {};
  if (!(value instanceof Uint8Array) || value.length > MAX_OPTIONAL_BYTES) {
    throw new FormatError(`${what}: ${name} must be null or a byte string of at most ${MAX_OPTIONAL_BYTES} bytes`);
  }
  return { [key]: value } as Partial<Record<K, Uint8Array>>;
}
