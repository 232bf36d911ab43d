// listImages(): the images in a store with their source commit and build date, read from the
// stored provenance statement (unverified: for display only) or measurements.json
// (`source_date_epoch`). The manifest (one line per ramdisk file) is not read.
import { ARTIFACT_FILES, artifactKey, isHashKey } from './layout.js';
import type { ArtifactStore } from './types.js';

export interface StoredImage {
  /** 0x + 64 hex. */
  osImageHash: string;
  files: string[];
  /** All of enclave.eif and measurements.json present. */
  complete: boolean;
  commit?: string;
  date?: string;
}

const MAX_JSON = 4 << 20;

async function readJson(store: ArtifactStore, key: string): Promise<unknown> {
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of await store.get(key)) {
      size += (chunk as Buffer).byteLength;
      if (size > MAX_JSON) return undefined;
      chunks.push(chunk as Buffer);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

const get = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((acc, key) => (typeof acc === 'object' && acc !== null ? (acc as Record<string, unknown>)[key] : undefined), value);
const firstString = (...values: unknown[]) => values.find((v): v is string => typeof v === 'string' && v !== '');

function fromProvenance(bundle: unknown): { commit?: string; date?: string } {
  const payload = get(bundle, 'dsseEnvelope', 'payload');
  if (typeof payload !== 'string') return {};
  let statement: unknown;
  try {
    statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return {};
  }
  const params = get(statement, 'predicate', 'buildDefinition', 'externalParameters');
  const meta = get(statement, 'predicate', 'runDetails', 'metadata');
  return { commit: firstString(get(params, 'commit')), date: firstString(get(meta, 'finishedOn'), get(meta, 'startedOn')) };
}

function fromMeasurements(json: unknown): { commit?: string; date?: string } {
  const epoch = get(json, 'source_date_epoch');
  const date = typeof epoch === 'number' && Number.isSafeInteger(epoch) ? new Date(epoch * 1000).toISOString() : undefined;
  return {
    commit: firstString(get(json, 'source', 'commit'), get(json, 'commit'), get(json, 'source_commit')),
    date: firstString(date, get(json, 'build_time'), get(json, 'buildTime')),
  };
}

async function describe(store: ArtifactStore, hash: string, files: string[]): Promise<StoredImage> {
  const image: StoredImage = {
    osImageHash: `0x${hash}`, files: files.sort(),
    complete: files.includes(ARTIFACT_FILES.eif) && files.includes(ARTIFACT_FILES.measurements),
  };
  const sources = [
    files.includes(ARTIFACT_FILES.provenance) ? fromProvenance(await readJson(store, artifactKey(hash, 'provenance'))) : {},
    files.includes(ARTIFACT_FILES.measurements) ? fromMeasurements(await readJson(store, artifactKey(hash, 'measurements'))) : {},
  ];
  const commit = firstString(...sources.map((s) => s.commit));
  const date = firstString(...sources.map((s) => s.date));
  return { ...image, ...(commit ? { commit } : {}), ...(date ? { date } : {}) };
}

/** Every image folder in the store (foreign keys ignored), sorted by date then hash. */
export async function listImages(store: ArtifactStore): Promise<StoredImage[]> {
  const byHash = new Map<string, string[]>();
  for await (const key of store.list('')) {
    const [hash, file, ...rest] = key.split('/');
    if (!hash || !file || rest.length || !isHashKey(hash)) continue;
    byHash.set(hash, [...(byHash.get(hash) ?? []), file]);
  }
  const images: StoredImage[] = [];
  for (const [hash, files] of byHash) images.push(await describe(store, hash, files));
  return images.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.osImageHash.localeCompare(b.osImageHash));
}
