// pushArtifacts(): check an EIF against its measurements and put the set into a store under its
// OS_IMAGE_HASH (layout.ts). Idempotent: pushing the same files again is success.
//
// When the measurements record the EIF's SHA-256 (the build's measurements.json does), the EIF is read
// once: the strict reader walks it while the store writes the same bytes (uncommitted), and the upload
// is committed only once the reader has recomputed the PCRs, CRC and SHA-256 and they match the
// measurements; the other objects are written just before that commit, so the EIF still comes last.
// Otherwise (nitro-cli's measurements shape, or an EIF already stored) the EIF is checked first.
import { inspectEif, inspectEifFrom, osImageHash, parsePcrs, type EifInspection, type Pcrs } from '../eif/index.js';
import { VerificationError } from '../errors.js';
import { openRegularFile, readJsonFile } from '../io/regular-file.js';
import { comparePcrs } from '../trust/compare-pcrs.js';
import { Handoff } from './handoff.js';
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

type PushObject = PushResult['objects'][number];

interface MeasurementsRecord {
  pcrs: Pcrs;
  /** Lowercase hex, when recorded. */
  eifSha256?: string;
}

async function readRecord(path: string): Promise<{ json: unknown; record: MeasurementsRecord }> {
  const json = await readJsonFile(path);
  const record: MeasurementsRecord = { pcrs: parsePcrs(json, path).pcrs };
  const sha256 = (json as { eif?: { sha256?: unknown } }).eif?.sha256;
  if (typeof sha256 === 'string' && /^[0-9a-fA-F]{64}$/.test(sha256)) record.eifSha256 = sha256.toLowerCase();
  return { json, record };
}

/**
 * The measurements file must give the EIF's PCRs and, when it records them (our build's
 * measurements.json does), the same OS_IMAGE_HASH and EIF SHA-256.
 */
function checkMeasurements(json: unknown, path: string, pcrs: Pcrs, eifSha256: string): void {
  const what = `measurements file ${path}`;
  comparePcrs(parsePcrs(json, path).pcrs, pcrs, what);
  // parsePcrs has checked a recorded os_image_hash against those PCRs, now the EIF's.
  const record = json as { eif?: { sha256?: unknown } };
  if (typeof record.eif?.sha256 === 'string' && record.eif.sha256.toLowerCase() !== eifSha256) {
    throw new VerificationError(`${what}: eif.sha256 is ${record.eif.sha256}, the EIF's is ${eifSha256}`);
  }
}

/** The EIF's own OS_IMAGE_HASH (64 hex), refusing a bad CRC and debug-mode zeros. */
function checkedHash(eif: EifInspection, path: string): string {
  if (!eif.crc.ok) throw new VerificationError(`${path}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  return normalizeOsImageHash(osImageHash(eif.pcrs));
}

/**
 * Computes the OS_IMAGE_HASH from the EIF itself (refusing debug-mode zeros and a bad CRC), checks
 * the measurements file agrees, then writes measurements, manifest, provenance and the EIF.
 */
export async function pushArtifacts(options: PushOptions): Promise<PushResult> {
  const { json, record } = await readRecord(options.measurementsPath);
  // The key the measurements give; the EIF's own PCRs must give it too before anything is committed.
  const claimed = normalizeOsImageHash(osImageHash(record.pcrs));
  const onePass = record.eifSha256 !== undefined && !(await isStored(options.store, artifactKey(claimed, 'eif')));
  const { eif, objects } = onePass ? await pushInOnePass(options, json, record.eifSha256!, claimed) : await pushCheckedFirst(options, json);
  const hash = normalizeOsImageHash(osImageHash(eif.pcrs));
  return {
    osImageHash: `0x${hash}`,
    pcrs: eif.pcrs,
    storeUri: `${options.store.uri}/${hash}`,
    eifUri: options.store.uriOf(artifactKey(hash, 'eif')),
    objects,
    created: objects.some((o) => o.created),
  };
}

/** Whether the store already holds `key` (unknown, e.g. no permission to ask, counts as no). */
async function isStored(store: ArtifactStore, key: string): Promise<boolean> {
  return store.head(key).then((info) => info !== undefined, () => false);
}

const SMALL_OBJECTS = [
  ['measurements', 'measurementsPath', 'application/json'],
  ['manifest', 'manifestPath', 'application/json'],
  ['provenance', 'provenancePath', 'application/vnd.dev.sigstore.bundle.v0.3+json'],
] as const;
const EIF_TYPE = 'application/octet-stream';

async function putSmallObjects(options: PushOptions, hash: string): Promise<PushObject[]> {
  const objects: PushObject[] = [];
  for (const [kind, option, contentType] of SMALL_OBJECTS) {
    const path = options[option];
    if (path === undefined) continue;
    objects.push({ ...(await options.store.put(artifactKey(hash, kind), { path }, { contentType, onProgress: options.onProgress })), kind });
  }
  return objects;
}

/** Reads and checks the EIF, then writes every object (the store reads the EIF again). */
async function pushCheckedFirst(options: PushOptions, json: unknown): Promise<{ eif: EifInspection; objects: PushObject[] }> {
  const eif = await inspectEif(options.eifPath);
  const hash = checkedHash(eif, options.eifPath);
  checkMeasurements(json, options.measurementsPath, eif.pcrs, eif.sha256!);
  const objects = await putSmallObjects(options, hash);
  const put = await options.store.put(artifactKey(hash, 'eif'), { path: options.eifPath }, { contentType: EIF_TYPE, onProgress: options.onProgress });
  return { eif, objects: [...objects, { ...put, kind: 'eif' }] };
}

/**
 * One read of the EIF: the strict reader hands every byte it reads to the store's upload, which commits
 * only after the reader's results are checked (and the other objects written).
 */
async function pushInOnePass(options: PushOptions, json: unknown, sha256: string, claimed: string): Promise<{ eif: EifInspection; objects: PushObject[] }> {
  const { handle, size } = await openRegularFile(options.eifPath);
  const handoff = new Handoff();
  let inspected: EifInspection | undefined;
  const inspection = inspectEifFrom(handle, size, options.eifPath, { fileDigests: ['sha256'], tee: handoff.give }).then(
    (eif) => {
      handoff.end();
      return eif;
    },
    (error: unknown) => {
      handoff.end(error);
      throw error;
    },
  );
  inspection.catch(() => undefined); // awaited below; a failure also ends the upload
  let small: PushObject[] = [];
  try {
    const put = await options.store.put(artifactKey(claimed, 'eif'), { size, stream: () => handoff.stream() }, {
      contentType: EIF_TYPE,
      onProgress: options.onProgress,
      checked: {
        sha256,
        beforeCommit: async () => {
          inspected = await inspection;
          const hash = checkedHash(inspected, options.eifPath);
          // The measurements' PCRs gave the key: the EIF's must be the same (so must its SHA-256).
          checkMeasurements(json, options.measurementsPath, inspected.pcrs, inspected.sha256!);
          small = await putSmallObjects(options, hash);
        },
      },
    });
    return { eif: inspected ?? (await inspection), objects: [...small, { ...put, kind: 'eif' }] };
  } catch (error) {
    handoff.cancel(error);
    // A refusal by the reader is the news, not the upload it cut short (but a reader stopped by the
    // store's failure reports that failure).
    const refusal = await inspection.then(() => undefined, (e: unknown) => e);
    throw refusal !== undefined && !handoff.isCancellation(refusal) ? refusal : error;
  } finally {
    await inspection.catch(() => undefined);
    await handle.close();
  }
}
