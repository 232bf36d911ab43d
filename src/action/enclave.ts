import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildFromContext } from '../build/context-build.js';
import type { ImageBuildRequest } from '../build/image-build.js';
import type { BuildProgress } from '../build/pipeline.js';
import type { EifArch } from '../eif/types.js';
import type { ActionInputs } from './inputs.js';
import type { EnclaveOutputs } from './report.js';
import { readJsonFile } from '../io/regular-file.js';

/** What the build needs besides the inputs. */
export interface EnclaveRequest {
  readonly image: ImageBuildRequest;
  readonly outputDir: string;
  readonly sourceDateEpoch: number;
  readonly dstackUtilSha256?: string;
  /** Also write the flattened image here (OCI layout), for the nitro-cli cross-check. */
  readonly flatLayoutDir?: string;
  readonly onExport?: (path: 'rootfs-stream' | 'oci-layout') => void;
  readonly onImageBuilt?: () => void;
  readonly onProgress?: (progress: BuildProgress) => void;
}

/** Builds the image, then (or, streamed, while it is built) the EIF with the native builder (no nitro-cli or linuxkit). */
export async function buildEnclaveImage(inputs: ActionInputs, request: EnclaveRequest): Promise<EnclaveOutputs & { imageDigest: string }> {
  const outputDir = resolve(request.outputDir);
  await mkdir(outputDir, { recursive: true });
  const tempDir = join(outputDir, 'work', 'tmp');
  await mkdir(tempDir, { recursive: true });
  const paths = { eif: join(outputDir, 'enclave.eif'), measurements: join(outputDir, 'measurements.json'), manifest: join(outputDir, 'manifest.json') };
  const { result, imageDigest } = await buildFromContext({
    image: request.image,
    export: inputs.imageExport,
    ...(request.flatLayoutDir !== undefined ? { flatLayoutDir: request.flatLayoutDir } : {}),
    onExport: request.onExport,
    onImageBuilt: request.onImageBuilt,
    enclave: {
      outputPath: paths.eif,
      ...(inputs.blobSet ? { blobSet: { set: inputs.blobSet.set, dirFor: async (arch: EifArch) => (await import('./blobs.js')).blobSetDir(inputs.blobSet!, arch) } } : { blobsDir: inputs.blobsDir }),
      blobsLock: Object.keys(inputs.blobsSha384).length > 0 ? inputs.blobsSha384 : undefined,
      sourceDateEpoch: request.sourceDateEpoch,
      dstackUtilSha256: request.dstackUtilSha256,
      measurementsPath: paths.measurements,
      manifestPath: paths.manifest,
      tempDir,
      ...(inputs.maxRootfsSize !== undefined ? { maxRootfsSize: inputs.maxRootfsSize } : {}),
      onProgress: request.onProgress,
    },
  });
  const { measurements } = result;
  const { sha256, sha384 } = result.eif;
  // A measurements file was asked for, so the digests were computed.
  if (!measurements || sha256 === undefined || sha384 === undefined) throw new Error('internal: the build returned no EIF digests');
  return {
    eifPath: paths.eif,
    eifSha256: sha256,
    eifSha384: sha384,
    eifSize: result.eif.size,
    pcrs: result.eif.pcrs,
    osImageHash: measurements.os_image_hash,
    measurementsPath: paths.measurements,
    manifestPath: paths.manifest,
    // The file's own bytes, so the output is exactly what was written.
    measurements: (await readJsonFile(paths.measurements)) as Record<string, unknown>,
    blobs: measurements.blobs.sha384,
    blobSet: measurements.blobs.set ?? undefined,
    arch: result.arch,
    imageDigest,
  };
}
