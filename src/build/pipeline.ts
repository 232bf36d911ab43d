// image → merged filesystem → bootstrap + customer ramdisks → EIF, in one streaming pass: the
// ramdisks' sizes are planned from metadata, so they flow straight into the EIF writer with no
// temporary ramdisk files. Only reproducible values go into the EIF and the reports.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { osImageHash, writeEif, type WriteEifResult } from '../eif/index.js';
import type { EifArch } from '../eif/types.js';
import { UserError, VerificationError } from '../errors.js';
import { mergeFilesystem, openImage, type ImageSource } from '../image/index.js';
import { MAX_FIELD } from '../ramdisk/cpio-header.js';
import type { ImageInfo, MergedFilesystem } from '../image/types.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { bootstrapRamdisk } from '../ramdisk/bootstrap.js';
import { cmdEnvFiles } from '../ramdisk/cmd-env.js';
import type { SizedStream } from '../ramdisk/cpio-writer.js';
import { customerRamdiskYielding } from '../ramdisk/customer.js';
import { BUILDER_NAME, BUILDER_VERSION } from '../version.js';
import { bootstrapDigest } from './blob-report.js';
import { blobHashes, eifArchOf, loadBlobs, type BlobSet } from './blobs.js';
import { eifMetadata } from './eif-metadata.js';
import type { PublicBlobSet } from './known-blobs.js';
import { ManifestWriter, type WrittenManifest } from './manifest.js';
import { DEFAULT_MAX_ROOTFS_SIZE } from './rootfs-size.js';
import { MEASUREMENTS_SCHEMA, renderMeasurements, type MeasurementsDocument, type SizedDigest } from './measurements.js';

export type BuildProgress =
  | { readonly phase: 'open' }
  | { readonly phase: 'layers'; readonly layer: number; readonly layerCount: number; readonly bytes: number; readonly size?: number }
  | { readonly phase: 'write'; readonly bytes: number; readonly total: number }
  | { readonly phase: 'done' };

export interface BuildOptions {
  readonly image: ImageSource;
  readonly outputPath: string;
  /** Blobs in nitro-cli's layout; or `blobSet`, exactly one of the two. */
  readonly blobsDir?: string;
  /**
   * A public blob set: the adapter gives its directory for the image's architecture (downloaded or
   * from its cache), and every blob is checked against the set's pins before it is used.
   */
  readonly blobSet?: { readonly set: PublicBlobSet; readonly dirFor: (arch: EifArch) => Promise<string> };
  /** Expected SHA-384 per blob file name; every blob used must be pinned. */
  readonly blobsLock?: Readonly<Record<string, string>>;
  readonly sourceDateEpoch: number;
  readonly name?: string;
  readonly version?: string;
  /** Parsed `--metadata` JSON. */
  readonly customMetadata?: unknown;
  /** SHA-256 of the dstack-util binary in the image, recorded in the measurements when given. */
  readonly dstackUtilSha256?: string;
  /** Written atomically after the EIF. */
  readonly measurementsPath?: string;
  /**
   * Hash the whole EIF (SHA-256 and SHA-384, one more SHA-384 pass over every byte) for the
   * measurements (default true). Always done with `measurementsPath`; without, false skips it and
   * the result has no `measurements` (nitro-cli's own output, the PCRs, does not need them).
   */
  readonly eifDigests?: boolean;
  /** Written as the ramdisk is (streamed to a file beside it: never held in memory), in place after the EIF. */
  readonly manifestPath?: string;
  /** Directory for the image module's spool file. */
  readonly tempDir: string;
  /** Limit on the total of the image's file data, in bytes (default DEFAULT_MAX_ROOTFS_SIZE). */
  readonly maxRootfsSize?: number;
  /** Layers expanded at once (MergeOptions.layersSideBySide; default 1). */
  readonly layersSideBySide?: 1 | 2;
  readonly onProgress?: (progress: BuildProgress) => void;
}

export interface BuildResult {
  readonly eif: WriteEifResult;
  readonly arch: EifArch;
  readonly image: ImageInfo;
  readonly blobs: BlobSet;
  /** Absent when the EIF's digests were not computed (`eifDigests: false`, no `measurementsPath`). */
  readonly measurements?: MeasurementsDocument;
  /** Present when `manifestPath` was given: the file written (read it with manifest-reader.ts). */
  readonly manifest?: WrittenManifest;
}

/** Builds the EIF at `outputPath`; on any error no output file is left behind. */
export async function buildEnclave(options: BuildOptions): Promise<BuildResult> {
  options.onProgress?.({ phase: 'open' });
  const opened = await openImage(options.image);
  const image = opened.info;
  // Both refusals are about the image, so they name it (its source and config).
  const inImage = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`${opened.store.source} (config ${image.configDigest}): ${error.message}`, { code: error.code, cause: error });
      throw error;
    }
  };
  const arch = inImage(() => eifArchOf(image.architecture));
  const blobs = await loadBlobsFor(options, arch);
  const files = inImage(() => cmdEnvFiles(image));
  const fs = await mergeFilesystem(opened, {
    tempDir: options.tempDir,
    maxFileSize: MAX_FIELD,
    maxRootfsSize: options.maxRootfsSize ?? DEFAULT_MAX_ROOTFS_SIZE,
    readOnce: true,
    ...(options.layersSideBySide ? { layersSideBySide: options.layersSideBySide } : {}),
    onProgress: (p) => options.onProgress?.({ phase: 'layers', layer: p.layer, layerCount: p.layerCount, bytes: p.bytes, size: p.size }),
  });
  let manifest: ManifestWriter | undefined;
  try {
    manifest = options.manifestPath !== undefined ? new ManifestWriter(options.manifestPath) : undefined;
    return await writeBuild(options, { image, arch, blobs, fs, files, manifest });
  } finally {
    await manifest?.abort();
    await fs.close();
  }
}

async function loadBlobsFor(options: BuildOptions, arch: EifArch): Promise<BlobSet> {
  const { blobSet, blobsDir, blobsLock: lock } = options;
  if (blobSet) {
    const dir = await blobSet.dirFor(arch);
    return loadBlobs({ dir, arch, lock, pinned: { setName: blobSet.set.name, pins: blobSet.set.files[arch] } });
  }
  if (blobsDir === undefined) throw new Error('internal: a build needs blobsDir or blobSet');
  return loadBlobs({ dir: blobsDir, arch, lock });
}

interface Prepared {
  readonly image: ImageInfo;
  readonly arch: EifArch;
  readonly blobs: BlobSet;
  readonly fs: MergedFilesystem;
  readonly files: ReturnType<typeof cmdEnvFiles>;
  readonly manifest?: ManifestWriter;
}

async function writeBuild(options: BuildOptions, p: Prepared): Promise<BuildResult> {
  const blob = (b: { bytes: Uint8Array }) => ({ size: b.bytes.byteLength, data: b.bytes });
  const bootstrap = bootstrapRamdisk({ init: blob(p.blobs.init), nsm: blob(p.blobs.nsm) });
  const bootstrapInfo = await bootstrapDigest(p.blobs);
  const counter = { entries: 0, onEntry: () => void (counter.entries += 1) };
  const customer = withProgress(await customerRamdiskYielding(() => p.fs.entries(), p.files, p.manifest ?? counter), (bytes, total) =>
    options.onProgress?.({ phase: 'write', bytes, total }),
  );
  const metadata = eifMetadata({
    image: p.image, kernel: p.blobs.kernelInfo, sourceDateEpoch: options.sourceDateEpoch,
    name: options.name, version: options.version, custom: options.customMetadata,
  });
  const eif = await writeEif({
    outputPath: options.outputPath, arch: p.arch, kernel: p.blobs.kernel.bytes, cmdline: p.blobs.cmdlineText,
    metadata, ramdisks: [bootstrap, customer.source],
    fileDigests: options.eifDigests !== false || options.measurementsPath !== undefined,
  });
  try {
    return await finishBuild(options, p, eif, { bootstrap: bootstrapInfo, customer: customer.digest(eif), manifest: p.manifest, counted: counter.entries });
  } catch (error) {
    // All or nothing: an EIF that failed its checks, or without the reports asked for, is not a build.
    await Promise.all([options.outputPath, options.measurementsPath].map((path) => path && rm(path, { force: true })));
    throw error;
  }
}

interface Written {
  readonly bootstrap: SizedDigest;
  readonly customer: SizedDigest;
  readonly manifest?: ManifestWriter;
  readonly counted: number;
}

/** Checks PCR2 against the ramdisk written, then writes the reports asked for. */
async function finishBuild(options: BuildOptions, p: Prepared, eif: WriteEifResult, w: Written): Promise<BuildResult> {
  checkPcr2(eif, w.customer.sha384);
  const entries = w.manifest?.entries ?? w.counted;
  const measurements = eif.sha256 !== undefined && eif.sha384 !== undefined
    ? measurementsOf(options, p, { ...eif, sha256: eif.sha256, sha384: eif.sha384 }, w.bootstrap, { ...w.customer, entries })
    : undefined;
  if (options.measurementsPath) {
    if (!measurements) throw new Error('internal: the EIF writer returned no digests for the measurements file');
    await writeFileAtomic(options.measurementsPath, renderMeasurements(measurements));
  }
  const manifest = w.manifest && await w.manifest.finish(w.customer);
  options.onProgress?.({ phase: 'done' });
  return { eif, arch: p.arch, image: p.image, blobs: p.blobs, measurements, manifest };
}

/**
 * The customer ramdisk as the writer's source, reporting progress. Its SHA-384 is not computed here:
 * PCR2 = SHA384(0⁴⁸ ‖ SHA384(ramdisks after the bootstrap)), so the writer's PCR2 hasher already has it.
 */
function withProgress(sized: SizedStream, onBytes?: (bytes: number, total: number) => void) {
  const source = {
    size: sized.size,
    ...(sized.crc32 !== undefined ? { crc32: sized.crc32 } : {}),
    stream: async function* () {
      let bytes = 0;
      for await (const chunk of sized.stream()) {
        bytes += chunk.byteLength;
        onBytes?.(bytes, sized.size);
        yield chunk;
      }
    },
  };
  const digest = (eif: WriteEifResult): SizedDigest => ({ size: sized.size, sha384: eif.laterRamdisksSha384 });
  return { source, digest };
}

/** PCR2 must extend the customer ramdisk's SHA-384 (guards the wiring: one customer ramdisk, after the bootstrap). */
function checkPcr2(eif: WriteEifResult, customerSha384: string): void {
  const expected = createHash('sha384').update(Buffer.alloc(48)).update(Buffer.from(customerSha384, 'hex')).digest('hex');
  if (eif.pcrs.PCR2 !== expected) {
    throw new VerificationError(`internal check failed: PCR2 ${eif.pcrs.PCR2} is not the measurement of the customer ramdisk written (${expected})`);
  }
}

function measurementsOf(
  options: BuildOptions,
  p: Prepared,
  eif: WriteEifResult & { sha256: string; sha384: string },
  bootstrap: SizedDigest,
  customer: SizedDigest & { entries: number },
): MeasurementsDocument {
  return {
    schema: MEASUREMENTS_SCHEMA,
    pcrs: eif.pcrs,
    os_image_hash: osImageHash(eif.pcrs),
    eif: { size: eif.size, sha256: eif.sha256, sha384: eif.sha384, arch: p.arch },
    image: {
      manifest_digest: p.image.manifestDigest ?? null,
      config_digest: p.image.configDigest,
      platform: p.image.platform,
      layers: p.image.layers,
    },
    blobs: {
      set: p.blobs.recognisedSet ?? null,
      sha384: blobHashes(p.blobs),
      cmdline: p.blobs.cmdlineText,
      kernel: { os: p.blobs.kernelInfo.os, version: p.blobs.kernelInfo.version },
    },
    ramdisks: { bootstrap, customer },
    builder: { name: BUILDER_NAME, version: BUILDER_VERSION },
    source_date_epoch: options.sourceDateEpoch,
    dstack_util: options.dstackUtilSha256 ? { sha256: options.dstackUtilSha256 } : null,
  };
}
