import type { EifArch, Pcrs } from '../eif/types.js';
import type { Review } from '../review/explain.js';

// What one run of the action produced: the single value the outputs, the summary and the pull-request
// comment are written from.

/** The EIF build's results, as the action uses them. */
export interface EnclaveOutputs {
  readonly eifPath: string;
  readonly eifSha256: string;
  readonly eifSha384?: string;
  readonly eifSize: number;
  readonly pcrs: Pcrs;
  /** `0x…` lowercase. */
  readonly osImageHash: string;
  readonly measurementsPath: string;
  readonly manifestPath: string;
  /** The measurements file's JSON. */
  readonly measurements: Record<string, unknown>;
  /** Blob name → SHA-384 hex of the blobs used. */
  readonly blobs: Readonly<Record<string, string>>;
  /** The public blob set used (`blobs` input) or recognised (`blobs-dir`), when there is one. */
  readonly blobSet?: string;
  /** The EIF's architecture (x86_64 or aarch64). */
  readonly arch?: EifArch;
}

export interface BuildReport {
  readonly sourceDateEpoch: number;
  readonly platform: string;
  readonly imageDigest: string;
  readonly baseImages: readonly string[];
  readonly dstackUtil?: { readonly sha256: string; readonly size: number; readonly via: string };
  readonly enclave: EnclaveOutputs;
  /** undefined: not checked. */
  readonly reproducible?: boolean;
  readonly review?: { readonly lockfile: string; readonly review: Review; readonly markdown: string };
  readonly crossCheck?: Pcrs;
  /** The attestation document that matched this build. */
  readonly attestation?: { readonly moduleId: string; readonly timestamp: string };
  /** Where the build was pushed and the registration pull request, when asked for. */
  readonly published?: { readonly eifUri?: string; readonly pullRequest?: string };
  /** A signed EIF's digests before signing (signatures differ on every run; these do not). */
  readonly unsignedEif?: { readonly sha256: string; readonly sha384: string };
  /** The signed provenance bundle, when asked for. */
  readonly provenancePath?: string;
}
