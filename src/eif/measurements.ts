import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import { readJsonFile } from '../io/regular-file.js';
import { parseHex, toHex } from '../io/hex.js';
import type { Pcrs } from './types.js';

/** PCRs as read from a measurements file (nitro-cli's or ours). */
export interface MeasurementsFile {
  pcrs: Pcrs;
  /** nitro-cli's HashAlgorithm text, when the file had one. */
  hashAlgorithm?: string;
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
  return typeof algorithm === 'string' ? { pcrs, hashAlgorithm: algorithm } : { pcrs };
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
