// pullArtifact(): download an image by OS_IMAGE_HASH into a temporary folder beside the output,
// verify it (PCRs recomputed, OS_IMAGE_HASH, stored measurements, provenance when trusted), and
// only then rename the EIF into place. Any failure leaves nothing behind.
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import { pipeline } from 'node:stream/promises';
import { UserError, VerificationError } from '../errors.js';
import type { BundleTrust } from '../trust/provenance/index.js';
import { verifyEif, type VerifyEifReport } from '../trust/verify/verify-eif.js';
import { artifactKey, normalizeOsImageHash, type ArtifactKind } from './layout.js';
import type { ArtifactStore } from './types.js';

export interface PullOptions {
  store: ArtifactStore;
  osImageHash: string;
  outputFile: string;
  /** Verify the stored provenance bundle with this key or identity (omit to skip provenance). */
  trust?: BundleTrust;
}

export interface PullResult {
  osImageHash: string;
  outputFile: string;
  eifUri: string;
  report: VerifyEifReport;
}

async function download(store: ArtifactStore, hash: string, kind: ArtifactKind, path: string): Promise<string> {
  await pipeline(await store.get(artifactKey(hash, kind)), createWriteStream(path, { flags: 'wx' }));
  return path;
}

export async function pullArtifact(options: PullOptions): Promise<PullResult> {
  const hash = normalizeOsImageHash(options.osImageHash);
  const output = resolve(options.outputFile);
  const temp = await makeTempDir(dirname(output), `.${basename(output)}.pull-`).catch((error: Error) => {
    throw new UserError(`--output-file ${options.outputFile}: cannot write beside it: ${error.message}`, { code: 'input', cause: error });
  });
  try {
    const eifPath = await download(options.store, hash, 'eif', join(temp, 'enclave.eif'));
    const measurementsPath = await download(options.store, hash, 'measurements', join(temp, 'measurements.json'));
    const provenance = options.trust
      ? { path: await download(options.store, hash, 'provenance', join(temp, 'provenance.sigstore.json')), trust: options.trust }
      : undefined;
    const report = await verifyEif({ eifPath, measurementsPath, ...(provenance ? { provenance } : {}) });
    if (report.os_image_hash !== `0x${hash}`) {
      throw new VerificationError(`${options.store.uriOf(artifactKey(hash, 'eif'))}: its PCRs give OS_IMAGE_HASH ${report.os_image_hash}, not the requested 0x${hash}`);
    }
    await rename(eifPath, output);
    return { osImageHash: `0x${hash}`, outputFile: output, eifUri: options.store.uriOf(artifactKey(hash, 'eif')), report: { ...report, eif: { ...report.eif, path: output } } };
  } finally {
    await removeTempDir(temp);
  }
}
