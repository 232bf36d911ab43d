// The measurements file (`--measurements-file`): everything needed to check or register a build,
// and only reproducible values (no paths, no wall clock). Its `pcrs` object is the shape
// eif/measurements.ts `parsePcrs` reads back.
import { HASH_ALGORITHM } from '../eif/describe.js';
import type { EifArch, Pcrs } from '../eif/types.js';

export const MEASUREMENTS_SCHEMA = 'nitro-eif-build/measurements@1';


export interface SizedDigest {
  readonly size: number;
  readonly sha384: string;
}

export interface MeasurementsDocument {
  readonly schema: typeof MEASUREMENTS_SCHEMA;
  readonly pcrs: Pcrs;
  /** dstack's OS_IMAGE_HASH: `0x` + SHA-256 of the raw bytes PCR0‖PCR1‖PCR2. */
  readonly os_image_hash: string;
  readonly eif: { readonly size: number; readonly sha256: string; readonly sha384: string; readonly arch: EifArch };
  readonly image: {
    readonly manifest_digest: string | null;
    readonly config_digest: string;
    readonly platform: string;
    readonly layers: readonly string[];
  };
  readonly blobs: {
    /** Name of the known public blob set, or null. */
    readonly set: string | null;
    /** Blob file name → SHA-384. */
    readonly sha384: Readonly<Record<string, string>>;
    /** The kernel command line as written into the EIF (trimmed). */
    readonly cmdline: string;
    readonly kernel: { readonly os: string; readonly version: string };
  };
  readonly ramdisks: { readonly bootstrap: SizedDigest; readonly customer: SizedDigest & { readonly entries: number } };
  readonly builder: { readonly name: string; readonly version: string };
  readonly source_date_epoch: number;
  /** The dstack-util binary baked into the image, when the caller pins it (filled by the action). */
  readonly dstack_util: { readonly sha256: string } | null;
}

/** Pretty JSON, 2-space indent, keys in the interface's order, trailing newline. */
export function renderMeasurements(doc: MeasurementsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** What `build-enclave` prints on stdout: nitro-cli's `{"Measurements": …}`, keys sorted. */
export function nitroCliMeasurements(pcrs: Pcrs): string {
  const measurements: Record<string, string> = { HashAlgorithm: HASH_ALGORITHM, PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2 };
  if (pcrs.PCR8 !== undefined) measurements['PCR8'] = pcrs.PCR8;
  const sorted = Object.fromEntries(Object.entries(measurements).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ Measurements: sorted }, null, 2);
}
