import { FormatError } from '../errors.js';

// What a review compares: the measured registers of a build and the inputs that explain them.
// Read from a measurements file, a lock file, or only PCRs (an EIF). Pure.

export const PCR_NAMES = ['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const;
export type PcrName = (typeof PCR_NAMES)[number];

/** The facts about one build that a PCR review can explain changes with. */
export interface BuildFacts {
  /** 96 lowercase hex digits each; PCR8 only when signed. */
  readonly pcrs: Partial<Record<PcrName, string>>;
  /** `0x…` lowercase, when known. */
  readonly osImageHash?: string;
  /** Blob name (kernel, cmdline, init, nsm.ko) → SHA-384 hex. */
  readonly blobs?: Readonly<Record<string, string>>;
  /** SHA-256 hex of dstack-util, when the build pinned one. */
  readonly dstackUtil?: string;
  readonly baseImages?: readonly string[];
  /** SHA-256 hex of the filesystem manifest of the build. */
  readonly manifestSha256?: string;
}

const PCR_HEX = /^[0-9a-f]{96}$/;

/**
 * Reads BuildFacts from a parsed measurements file. Accepts nitro-cli's `{"Measurements": {PCR0…}}`,
 * this project's measurements JSON (`pcrs`/`Measurements`, `os_image_hash`, `blobs`, `dstack_util`,
 * `base_images`, `manifest`), and a lock file (same keys).
 */
export function factsFromJson(value: unknown, file: string): BuildFacts {
  if (!isRecord(value)) throw new FormatError(`${file}: expected a JSON object`);
  const pcrSource = pickRecord(value, ['pcrs', 'Measurements', 'measurements']) ?? value;
  const pcrs: Partial<Record<PcrName, string>> = {};
  for (const name of PCR_NAMES) {
    const pcr = pcrSource[name] ?? pcrSource[name.toLowerCase()];
    if (pcr === undefined) continue;
    if (typeof pcr !== 'string' || !PCR_HEX.test(pcr.toLowerCase())) throw new FormatError(`${file}: ${name} is not 96 hex digits`);
    pcrs[name] = pcr.toLowerCase();
  }
  if (!pcrs.PCR0 || !pcrs.PCR1 || !pcrs.PCR2) throw new FormatError(`${file}: PCR0, PCR1 and PCR2 are required`);
  return {
    pcrs,
    osImageHash: optionalHex(value['os_image_hash'] ?? value['osImageHash'], true),
    blobs: blobHashes(value['blobs']),
    dstackUtil: optionalHex(sha256Of(value['dstack_util'] ?? value['dstackUtil']), false),
    baseImages: Array.isArray(value['base_images']) ? value['base_images'].filter((s): s is string => typeof s === 'string') : undefined,
    manifestSha256: optionalHex(sha256Of(value['manifest']), false),
  };
}

function sha256Of(value: unknown): unknown {
  if (isRecord(value)) return value['sha256'];
  return value;
}

function blobHashes(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  // The measurements file nests them: `blobs: {set, sha384: {name: hex}, cmdline, kernel}`.
  if (isRecord(value['sha384'])) return blobHashes(value['sha384']);
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(value)) {
    const hash = isRecord(entry) ? entry['sha384'] : entry;
    if (typeof hash === 'string') out[name] = hash.toLowerCase();
  }
  return out;
}

function optionalHex(value: unknown, prefixed: boolean): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const hex = value.toLowerCase().replace(/^0x/, '').replace(/^sha256:/, '');
  return prefixed ? `0x${hex}` : hex;
}

function pickRecord(value: Record<string, unknown>, keys: string[]): Record<string, unknown> | undefined {
  for (const key of keys) {
    const v = value[key];
    if (isRecord(v)) return v;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
