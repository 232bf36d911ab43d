import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildEnclave } from '../build/pipeline.js';
import type { ActionInputs } from './inputs.js';
import type { EnclaveOutputs } from './report.js';

/** What the EIF step needs besides the inputs. */
export interface EnclaveRequest {
  readonly ociArchive: string;
  readonly outputDir: string;
  readonly sourceDateEpoch: number;
  readonly dstackUtilSha256?: string;
}

/** Builds the EIF from the OCI archive with the native builder (no Docker, nitro-cli or linuxkit). */
export async function buildEnclaveImage(inputs: ActionInputs, request: EnclaveRequest): Promise<EnclaveOutputs> {
  const outputDir = resolve(request.outputDir);
  await mkdir(outputDir, { recursive: true });
  const tempDir = join(outputDir, 'work', 'tmp');
  await mkdir(tempDir, { recursive: true });
  const paths = { eif: join(outputDir, 'enclave.eif'), measurements: join(outputDir, 'measurements.json'), manifest: join(outputDir, 'manifest.json') };
  const result = await buildEnclave({
    image: { ociArchive: request.ociArchive, platform: inputs.platform },
    outputPath: paths.eif,
    blobsDir: inputs.blobsDir,
    blobsLock: Object.keys(inputs.blobsSha384).length > 0 ? inputs.blobsSha384 : undefined,
    sourceDateEpoch: request.sourceDateEpoch,
    dstackUtilSha256: request.dstackUtilSha256,
    measurementsPath: paths.measurements,
    manifestPath: paths.manifest,
    tempDir,
  });
  return {
    eifPath: paths.eif,
    eifSha256: result.eif.sha256,
    eifSha384: result.eif.sha384,
    eifSize: result.eif.size,
    pcrs: result.eif.pcrs,
    osImageHash: result.measurements.os_image_hash,
    measurementsPath: paths.measurements,
    manifestPath: paths.manifest,
    // The file's own bytes, so the output is exactly what was written.
    measurements: JSON.parse(await readFile(paths.measurements, 'utf8')) as Record<string, unknown>,
    blobs: result.measurements.blobs.sha384,
  };
}
