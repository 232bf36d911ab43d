// What a blob set measures to without building anything: every blob's SHA-384, the recognised
// public set, and the bootstrap ramdisk (which depends only on `init` and `nsm.ko`), so a blob
// set can be checked against published values and pinned before it is used.
import { createHash } from 'node:crypto';
import type { EifArch } from '../eif/types.js';
import { bootstrapRamdisk } from '../ramdisk/bootstrap.js';
import { blobHashes, type BlobSet } from './blobs.js';
import type { SizedDigest } from './measurements.js';

export interface BlobReport {
  readonly arch: EifArch;
  readonly set: string | null;
  /** Blob file name → SHA-384: the content of a `--blobs-sha384` lock file. */
  readonly sha384: Readonly<Record<string, string>>;
  readonly cmdline: string;
  readonly kernel: { readonly os: string; readonly version: string };
  readonly bootstrap: SizedDigest;
}

/** The bootstrap ramdisk's size and SHA-384 for these blobs. */
export async function bootstrapDigest(set: BlobSet): Promise<SizedDigest> {
  const blob = (b: { bytes: Uint8Array }) => ({ size: b.bytes.byteLength, data: b.bytes });
  const ramdisk = bootstrapRamdisk({ init: blob(set.init), nsm: blob(set.nsm) });
  const hash = createHash('sha384');
  for await (const chunk of ramdisk.stream()) hash.update(chunk);
  return { size: ramdisk.size, sha384: hash.digest('hex') };
}

export async function blobReport(set: BlobSet): Promise<BlobReport> {
  return {
    arch: set.arch,
    set: set.recognisedSet ?? null,
    sha384: blobHashes(set),
    cmdline: set.cmdlineText,
    kernel: { os: set.kernelInfo.os, version: set.kernelInfo.version },
    bootstrap: await bootstrapDigest(set),
  };
}
