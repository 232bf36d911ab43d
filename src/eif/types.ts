// Public shapes of the EIF module (contract shared with the build pipeline, trust and store).

/**
 * Section bytes: in memory, a file on disk, or a stream of a size declared up front. A stream may
 * declare its zlib CRC-32 (`crc32`) when it is known before reading (e.g. planned from metadata):
 * the EIF writer then writes in one pass; it still checks the CRC of the bytes it streamed.
 */
export type ByteSource =
  | Uint8Array
  | { readonly path: string }
  | { readonly size: number; readonly stream: () => AsyncIterable<Uint8Array>; readonly crc32?: number };

export type EifArch = 'x86_64' | 'aarch64';

/** PCR values as 96 lowercase hex digits. PCR8 only for signed EIFs. */
export interface Pcrs {
  PCR0: string;
  PCR1: string;
  PCR2: string;
  PCR8?: string;
}

/** The metadata section's JSON (spec §4), fields in nitro-cli's order. */
export interface EifMetadata {
  ImageName: string;
  ImageVersion: string;
  BuildMetadata: {
    BuildTime: string;
    BuildTool: string;
    BuildToolVersion: string;
    OperatingSystem: string;
    KernelVersion: string;
  };
  DockerInfo: unknown;
  CustomMetadata: unknown;
}

/** One section as found in (or written to) the file. */
export interface EifSectionInfo {
  /** Position in the file, 0-based. */
  index: number;
  type: 'kernel' | 'cmdline' | 'ramdisk' | 'signature' | 'metadata';
  /** Absolute offset of the 12-byte section header (what the file header's table holds). */
  offset: number;
  /** Size of the data, section header excluded. */
  size: number;
}

/** What writeEif produced. Digests are lowercase hex. */
export interface WriteEifResult {
  path: string;
  pcrs: Pcrs;
  size: number;
  /** Whole-file digests; omitted when the caller asked for `fileDigests: false`. */
  sha256?: string;
  sha384?: string;
  /** The stored eif_crc32, 8 hex digits. */
  crc32: string;
  sections: EifSectionInfo[];
  /** SHA-384 (hex) of the ramdisks after the first, which PCR2 extends: a sole customer ramdisk's SHA-384. */
  laterRamdisksSha384: string;
}

/** The stored and recomputed CRC, 8 hex digits each. */
export interface EifCrcCheck {
  stored: string;
  computed: string;
  ok: boolean;
}

/** A signature section (spec §3) as read and checked. */
export interface EifSignatureInfo {
  /** The signing_certificate bytes as text (the PEM file the signer used). */
  certificatePem: string;
  /** PCR8: the construction over the DER of the first certificate in the PEM. */
  pcr8: string;
  /** COSE algorithm by the protected header: ES256, ES384 or ES512 (or `alg N` if unknown). */
  algorithm: string;
  /** The COSE signature verifies with the certificate's key (whatever it signs). */
  verifies: boolean;
  /** The COSE signature verifies with the certificate's key and signs PcrInfo(0, measured PCR0). */
  valid: boolean;
  /** Why `valid` is false, one line. */
  problem?: string;
}

/** Everything the strict reader learnt in its single pass over the file. */
export interface EifInspection {
  path: string;
  size: number;
  version: number;
  arch: EifArch;
  flags: number;
  defaultMem: bigint;
  defaultCpus: bigint;
  sections: EifSectionInfo[];
  /** PCR0, PCR1, PCR2 recomputed from the bytes; PCR8 when signed. */
  pcrs: Pcrs;
  crc: EifCrcCheck;
  /** The kernel command line section as text. */
  cmdline: string;
  /** Parsed metadata JSON (version 4), undefined when the file has no metadata section. */
  metadata?: unknown;
  signature?: EifSignatureInfo;
  /** Whole-file digests; omitted when the caller asked for `fileDigests: false`. */
  sha256?: string;
  sha384?: string;
}
