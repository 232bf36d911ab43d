import { createHash } from 'node:crypto';
import { UserError, VerificationError } from '../errors.js';
import { readJsonFile } from '../io/regular-file.js';
import { parseHex, toHex } from '../io/hex.js';
import type { Pcrs } from './types.js';

/** PCRs as read from a measurements file (nitro-cli's or ours). */
export interface MeasurementsFile {
  pcrs: Pcrs;
  /** nitro-cli's HashAlgorithm text, when the file had one. */
  hashAlgorithm?: string;
  /** The EIF's size and digests, when the file is this project's measurements document. */
  eif?: EifFacts;
}

/** What a measurements document records of its EIF (each part optional, each checked when present). */
export interface EifFacts {
  size?: number;
  sha256?: string;
  sha384?: string;
}

function pick(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined;
}

/**
 * PCRs from parsed JSON in any of the shapes in use: nitro-cli's `{"Measurements": {"PCR0": …}}`,
 * our `{"pcrs": {"PCR0": …}}`, or `PCR0…` at the top level. PCR0–2 required, PCR8 optional; each
 * 96 hex digits (normalised to lowercase). UserError naming `what` otherwise.
 */
export function parsePcrs(json: unknown, what: string): MeasurementsFile {
  const container = [pick(json, 'Measurements'), pick(json, 'pcrs'), pick(pick(json, 'measurements'), 'pcrs'), json]
    .find((c) => typeof pick(c, 'PCR0') === 'string');
  if (!container) throw new UserError(`${what}: no PCR0 found (expected Measurements.PCR0, pcrs.PCR0 or PCR0)`);
  const read = (key: string): string => {
    const value = pick(container, key);
    if (typeof value !== 'string') throw new UserError(`${what}: ${key} missing`);
    return toHex(parseHex(value, 48, `${what}: ${key}`));
  };
  const pcrs: Pcrs = { PCR0: read('PCR0'), PCR1: read('PCR1'), PCR2: read('PCR2') };
  if (pick(container, 'PCR8') !== undefined) pcrs.PCR8 = read('PCR8');
  const algorithm = pick(container, 'HashAlgorithm');
  const result: MeasurementsFile = typeof algorithm === 'string' ? { pcrs, hashAlgorithm: algorithm } : { pcrs };
  // Our own document also records the hash and the EIF it describes: a file whose parts disagree is refused,
  // so a hand-edited os_image_hash can never be registered or verified next to other PCRs.
  const recordedHash = pick(json, 'os_image_hash');
  if (recordedHash !== undefined) {
    if (typeof recordedHash !== 'string') throw new UserError(`${what}: os_image_hash is not a string`);
    const recorded = `0x${toHex(parseHex(recordedHash, 32, `${what}: os_image_hash`))}`;
    const computed = osImageHashOfRaw(...(['PCR0', 'PCR1', 'PCR2'] as const).map((key) => parseHex(pcrs[key], 48, key)) as [Uint8Array, Uint8Array, Uint8Array]);
    if (recorded !== computed) throw new VerificationError(`${what}: os_image_hash ${recorded} is not the hash of its PCR0–2 (${computed})`);
  }
  const eif = pick(json, 'eif');
  if (eif !== undefined && pick(json, 'pcrs') === container) result.eif = parseEifFacts(eif, what);
  return result;
}

function parseEifFacts(eif: unknown, what: string): EifFacts {
  const facts: EifFacts = {};
  const size = pick(eif, 'size');
  if (size !== undefined) {
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw new UserError(`${what}: eif.size is not a byte count`);
    facts.size = size;
  }
  for (const [key, bytes] of [['sha256', 32], ['sha384', 48]] as const) {
    const value = pick(eif, key);
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new UserError(`${what}: eif.${key} is not a string`);
    facts[key] = toHex(parseHex(value, bytes, `${what}: eif.${key}`));
  }
  return facts;
}

/** Reads a measurements JSON file (see parsePcrs). */
export async function readMeasurements(path: string): Promise<MeasurementsFile> {
  return parsePcrs(await readJsonFile(path), path);
}

/**
 * dstack's OS_IMAGE_HASH: SHA-256 over the 144 raw bytes PCR0‖PCR1‖PCR2 (not their hex text),
 * as `0x` + 64 lowercase hex. Refuses malformed hex and debug-mode PCRs: as dstack's
 * `NitroPcrs::is_debug`, that is PCR0, PCR1 and PCR2 all zero together (one zero register alone is hashed).
 */
export function osImageHash(pcrs: Pick<Pcrs, 'PCR0' | 'PCR1' | 'PCR2'>): string {
  const raw = (['PCR0', 'PCR1', 'PCR2'] as const).map((key) => parseHex(pcrs[key], 48, key));
  if (raw.every((bytes) => bytes.every((b) => b === 0))) {
    throw new UserError('PCR0, PCR1 and PCR2 are all zeros: a debug-mode enclave, which the dstack KMS refuses', { code: 'input' });
  }
  return osImageHashOfRaw(raw[0]!, raw[1]!, raw[2]!);
}

/**
 * The same definition over raw 48-byte registers, with no debug-mode check: for reports of what an
 * enclave is (an attestation document may be a debug one). `0x` + 64 lowercase hex.
 */
export function osImageHashOfRaw(pcr0: Uint8Array, pcr1: Uint8Array, pcr2: Uint8Array): string {
  return `0x${createHash('sha256').update(pcr0).update(pcr1).update(pcr2).digest('hex')}`;
}
