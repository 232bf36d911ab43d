// Public shapes of the EIF module (contract shared with the build pipeline, trust and store).

/** Section bytes: in memory, a file on disk, or a stream of a size declared up front. */
export type ByteSource =
  | Uint8Array
  | { readonly path: string }
  | { readonly size: number; readonly stream: () => AsyncIterable<Uint8Array> };

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
