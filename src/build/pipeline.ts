// image → merged filesystem → bootstrap + customer ramdisks → EIF, in one streaming pass: the
// ramdisks' sizes are planned from metadata, so they flow straight into the EIF writer with no
// temporary ramdisk files. Only reproducible values go into the EIF and the reports.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { osImageHash, writeEif, type WriteEifResult } from '../eif/index.js';
import type { EifArch } from '../eif/types.js';
import { FormatError, UserError, VerificationError } from '../errors.js';
import {
  flatImage, hashFlatLayer, mergeFilesystem, mergeRootfsStream, openImage, writeFlatLayout,
  type FlatConfigFields, type FlatLayer, type ImageSource, type RootfsStream,
} from '../image/index.js';
import { normalPlatform, parsePlatform } from '../image/platform.js';
import { MAX_FIELD } from '../ramdisk/cpio-header.js';
import type { ImageInfo, MergedFilesystem, MergeOptions, TreeEntry } from '../image/types.js';
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
  | { readonly phase: 'layers'; readonly layer: number; readonly layerCount: number; readonly bytes: number; readonly size?: number; readonly stream?: true }
  | { readonly phase: 'write'; readonly bytes: number; readonly total: number }
  | { readonly phase: 'done' };

/** A root filesystem read while its build runs (build/image-build.ts startRootfsBuild). */
export interface StreamedImageSource {
  readonly rootfsStream: Omit<RootfsStream, 'workingDir'>;
  /** The platform built: the EIF's architecture is chosen from it before the stream is read. */
  readonly platform: string;
  /** The image's runtime config, once its build has finished (rejects with the build's error). */
  readonly config: Promise<FlatConfigFields>;
}

export interface BuildOptions {
  /** An image to open, or a streamed root filesystem (always identified by its flattened image). */
  readonly image: ImageSource | StreamedImageSource;
  /**
   * Identify the image by its flattened image (image/flat-image.ts) in the EIF's metadata and the
   * measurements, rather than by its own manifest and config, so that the EIF's bytes do not depend
   * on how the image was exported; `layoutDir` also writes that image there as an OCI layout.
   */
  readonly flatten?: boolean | { readonly layoutDir: string };
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
  const input = 'rootfsStream' in options.image ? streamedInput(options.image) : await openedInput(options.image);
  // Refusals about the image name it (its source, and its config when known).
  const inImage = <T>(read: () => T): T => {
    try {
      return read();
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`${input.what()}: ${error.message}`, { code: error.code, cause: error });
      throw error;
    }
  };
  const arch = inImage(() => eifArchOf(input.architecture));
  const blobs = await loadBlobsFor(options, arch);
  if (input.early) inImage(() => cmdEnvFiles(input.early!));
  const flatten = options.flatten || 'rootfsStream' in options.image ? flattenWith(options, input) : undefined;
  const fs = await input.merge({
    tempDir: options.tempDir,
    maxFileSize: MAX_FIELD,
    maxRootfsSize: options.maxRootfsSize ?? DEFAULT_MAX_ROOTFS_SIZE,
    readOnce: true,
    ...(options.layersSideBySide ? { layersSideBySide: options.layersSideBySide } : {}),
    ...(flatten ? { flatten: flatten.layer } : {}),
    onProgress: (p) => options.onProgress?.({ phase: 'layers', layer: p.layer, layerCount: p.layerCount, bytes: p.bytes, size: p.size, ...(p.stream ? { stream: p.stream } : {}) }),
  });
  let manifest: ManifestWriter | undefined;
  try {
    const image = flatten ? await flatten.info() : input.early!;
    const files = inImage(() => cmdEnvFiles(image));
    manifest = options.manifestPath !== undefined ? new ManifestWriter(options.manifestPath) : undefined;
    return await writeBuild(options, { image, arch, blobs, fs, files, manifest });
  } finally {
    await manifest?.abort();
    await fs.close();
  }
}

/** What the build reads the image from: an opened image, or a root filesystem stream. */
interface ImageInput {
  /** Names the image in messages. */
  readonly what: () => string;
  readonly architecture: string;
  /** The image's info before its files are read (an opened image only). */
  readonly early?: ImageInfo;
  readonly merge: (options: MergeOptions) => Promise<MergedFilesystem>;
  /** The runtime fields the flattened image keeps (a stream's, once its build has finished). */
  readonly fields: () => Promise<FlatConfigFields>;
}

async function openedInput(source: ImageSource): Promise<ImageInput> {
  const opened = await openImage(source);
  const { info } = opened;
  const fields: FlatConfigFields = {
    platform: info.platform,
    ...(info.cmd ? { cmd: info.cmd } : {}),
    ...(info.entrypoint ? { entrypoint: info.entrypoint } : {}),
    ...(info.env ? { env: info.env } : {}),
    ...(opened.workingDir ? { workingDir: opened.workingDir } : {}),
  };
  return {
    what: () => `${opened.store.source} (config ${info.configDigest})`,
    architecture: info.architecture,
    early: info,
    merge: (options) => mergeFilesystem(opened, options),
    fields: async () => fields,
  };
}

function streamedInput(source: StreamedImageSource): ImageInput {
  const { os, architecture } = parsePlatform(source.platform);
  if (os !== 'linux') throw new UserError(`platform ${source.platform}: an enclave image is linux/amd64 or linux/arm64`, { code: 'usage' });
  // The EIF's kernel was chosen from the platform asked for: the image built must be that one.
  const fields = async (): Promise<FlatConfigFields> => {
    const config = await source.config;
    const built = parsePlatform(config.platform).architecture;
    if (built !== architecture) throw new FormatError(`${source.rootfsStream.what}: the builder made a ${config.platform} image, not ${source.platform}`);
    return config;
  };
  return {
    what: () => source.rootfsStream.what,
    architecture,
    merge: (options) => mergeRootfsStream({ ...source.rootfsStream, workingDir: async () => (await fields()).workingDir }, options),
    fields,
  };
}

/**
 * The flattened image (image/flat-image.ts) as the image's identity: its layer is hashed (or its
 * layout written) from the merged tree; `info()` is the ImageInfo the EIF's metadata and the
 * measurements then report, whichever way the image came.
 */
function flattenWith(options: BuildOptions, input: ImageInput) {
  let flatLayer: FlatLayer | undefined;
  // Hashed as soon as the files are merged: a streamed build's config (the fields) comes later.
  const layer = async (entries: () => AsyncIterable<TreeEntry>, known?: FlatLayer): Promise<FlatLayer> => {
    flatLayer = known ?? await hashFlatLayer(entries());
    const layoutDir = typeof options.flatten === 'object' ? options.flatten.layoutDir : undefined;
    if (layoutDir !== undefined) {
      const fields = normalFields(await input.fields());
      await writeFlatLayout(layoutDir, flatImage(fields, flatLayer, options.sourceDateEpoch), fields, entries());
    }
    return flatLayer;
  };
  const info = async (): Promise<ImageInfo> => {
    if (!flatLayer) throw new Error('internal: the merge did not flatten the image');
    const fields = normalFields(await input.fields());
    const flat = flatImage(fields, flatLayer, options.sourceDateEpoch);
    return {
      manifestDigest: flat.manifestDigest, configDigest: flat.configDigest, platform: fields.platform,
      architecture: parsePlatform(fields.platform).architecture,
      ...(fields.cmd ? { cmd: fields.cmd } : {}),
      ...(fields.entrypoint ? { entrypoint: fields.entrypoint } : {}),
      ...(fields.env ? { env: fields.env } : {}),
      layers: [flatLayer.diffId],
    };
  };
  return { layer, info };
}

/** arm64's variant v8 is its default: left out, so `linux/arm64` and `linux/arm64/v8` give one flattened config. */
function normalFields(fields: FlatConfigFields): FlatConfigFields {
  return { ...fields, platform: normalPlatform(fields.platform) };
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
