// pushArtifacts(): check an EIF against its measurements and put the set into a store under its
// OS_IMAGE_HASH (layout.ts). Idempotent: pushing the same files again is success.
import { inspectEif, osImageHash, parsePcrs, type Pcrs } from '../eif/index.js';
import { VerificationError } from '../errors.js';
import { readJsonFile } from '../io/regular-file.js';
import { comparePcrs } from '../trust/compare-pcrs.js';
import { artifactKey, normalizeOsImageHash, type ArtifactKind } from './layout.js';
import type { ArtifactStore, PutProgress, PutResult } from './types.js';

export interface PushOptions {
  store: ArtifactStore;
  eifPath: string;
  measurementsPath: string;
  manifestPath?: string;
  provenancePath?: string;
  onProgress?: (progress: PutProgress) => void;
}

export interface PushResult {
  /** 0x + 64 lowercase hex. */
  osImageHash: string;
  pcrs: Pcrs;
  /** The image's folder in the store, e.g. `s3://bucket/prefix/<hash>`. */
  storeUri: string;
  eifUri: string;
  /** One entry per object, in upload order (the EIF last, so its presence marks a complete set). */
  objects: (PutResult & { kind: ArtifactKind })[];
  /** True when at least one object was new. */
  created: boolean;
}

/**
 * The measurements file must give the EIF's PCRs and, when it records them (our build's
 * measurements.json does), the same OS_IMAGE_HASH and EIF SHA-256.
 */
async function checkMeasurementsFile(path: string, pcrs: Pcrs, hash: string, eifSha256: string): Promise<void> {
  const json = await readJsonFile(path);
  const what = `measurements file ${path}`;
  comparePcrs(parsePcrs(json, path).pcrs, pcrs, what);
  const record = json as { os_image_hash?: unknown; eif?: { sha256?: unknown } };
  if (typeof record.os_image_hash === 'string' && record.os_image_hash.toLowerCase().replace(/^(0x)?/, '0x') !== hash) {
    throw new VerificationError(`${what}: os_image_hash is ${record.os_image_hash}, the EIF's is ${hash}`);
  }
  if (typeof record.eif?.sha256 === 'string' && record.eif.sha256.toLowerCase() !== eifSha256) {
    throw new VerificationError(`${what}: eif.sha256 is ${record.eif.sha256}, the EIF's is ${eifSha256}`);
  }
}

/**
 * Computes the OS_IMAGE_HASH from the EIF itself (refusing debug-mode zeros and a bad CRC), checks
 * the measurements file agrees, then writes measurements, manifest, provenance and the EIF.
 */
export async function pushArtifacts(options: PushOptions): Promise<PushResult> {
  const eif = await inspectEif(options.eifPath);
  if (!eif.crc.ok) throw new VerificationError(`${options.eifPath}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  const hash = normalizeOsImageHash(osImageHash(eif.pcrs));
  await checkMeasurementsFile(options.measurementsPath, eif.pcrs, `0x${hash}`, eif.sha256!);
  const uploads: [ArtifactKind, string | undefined, string][] = [
    ['measurements', options.measurementsPath, 'application/json'],
    ['manifest', options.manifestPath, 'application/json'],
    ['provenance', options.provenancePath, 'application/vnd.dev.sigstore.bundle.v0.3+json'],
    ['eif', options.eifPath, 'application/octet-stream'],
  ];
  const objects: PushResult['objects'] = [];
  for (const [kind, path, contentType] of uploads) {
    if (path === undefined) continue;
    const put = await options.store.put(artifactKey(hash, kind), { path }, { contentType, onProgress: options.onProgress });
    objects.push({ ...put, kind });
  }
  return {
    osImageHash: `0x${hash}`,
    pcrs: eif.pcrs,
    storeUri: `${options.store.uri}/${hash}`,
    eifUri: options.store.uriOf(artifactKey(hash, 'eif')),
    objects,
    created: objects.some((o) => o.created),
  };
}
