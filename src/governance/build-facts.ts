// The build facts a registration pull request carries in a machine-readable file beside the allow-list
// change: where the EIF and its provenance are stored and which source built it. The registry's verify
// action reads it to pull, verify and reproduce the image before the pull request is merged.
import { FormatError, UserError } from '../errors.js';
import { MAX_JSON_BYTES, readRegularText } from '../io/regular-file.js';
import { normalizeOsImageHash } from '../store/layout.js';

export const BUILD_FACTS_SCHEMA = 'nitro-eif-build/registration-build@1';
/** Folder (at the registry repository's root) holding one facts file per registered hash. */
export const BUILD_FACTS_DIR = 'nitro-eif-builds';
const MAX_FIELD = 2048;

export interface BuildFacts {
  readonly schema: typeof BUILD_FACTS_SCHEMA;
  /** 0x + 64 hex. */
  readonly os_image_hash: string;
  /** The store's root (the image is under `<store>/<hash without 0x>/`). */
  readonly store: string;
  readonly eif_uri?: string;
  /** Where the signed provenance bundle is (in the store). */
  readonly provenance_uri?: string;
  readonly source: { readonly repository?: string; readonly commit?: string; readonly ref?: string; readonly head_commit?: string };
  readonly build_url?: string;
}

/** The facts file's path for a hash. */
export function buildFactsPath(hash: string): string {
  return `${BUILD_FACTS_DIR}/0x${normalizeOsImageHash(hash)}.json`;
}

export function renderBuildFacts(facts: Omit<BuildFacts, 'schema'>): string {
  return `${JSON.stringify({ schema: BUILD_FACTS_SCHEMA, ...facts }, null, 2)}\n`;
}

/** Parses and checks a facts file; one line naming the file and field when wrong. */
/**
 * Reads and parses the facts file a registration pull request carries. The file comes with the pull
 * request: a symlink to a FIFO or a device, or a huge file, is refused in one line before it is read.
 */
export async function readBuildFacts(file: string): Promise<BuildFacts> {
  const text = await readRegularText(file, { maxBytes: MAX_JSON_BYTES }).catch((error: unknown) => {
    if (error instanceof UserError && error.code !== 'not-found') throw error;
    throw new UserError(`${file}: the registration pull request must carry its build facts (${(error as Error).message})`, { code: 'not-found', cause: error });
  });
  return parseBuildFacts(text, file);
}

export function parseBuildFacts(text: string, file: string): BuildFacts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError(`${file}: not JSON`);
  }
  const v = value as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || v['schema'] !== BUILD_FACTS_SCHEMA) throw new FormatError(`${file}: schema must be ${BUILD_FACTS_SCHEMA}`);
  const str = (x: unknown, field: string, required: boolean): string | undefined => {
    if (x === undefined && !required) return undefined;
    if (typeof x !== 'string' || x.length === 0 || x.length > MAX_FIELD) throw new FormatError(`${file}: ${field} must be a non-empty string`);
    return x;
  };
  const source = (typeof v['source'] === 'object' && v['source'] !== null ? v['source'] : {}) as Record<string, unknown>;
  const commit = str(source['commit'], 'source.commit', true)!;
  if (!/^[0-9a-f]{40}$/.test(commit)) throw new FormatError(`${file}: source.commit must be a full commit id`);
  return {
    schema: BUILD_FACTS_SCHEMA,
    os_image_hash: `0x${normalizeOsImageHash(str(v['os_image_hash'], 'os_image_hash', true)!, `${file}: os_image_hash`)}`,
    store: str(v['store'], 'store', true)!,
    eif_uri: str(v['eif_uri'], 'eif_uri', false),
    provenance_uri: str(v['provenance_uri'], 'provenance_uri', false),
    source: { repository: str(source['repository'], 'source.repository', true), commit, ref: str(source['ref'], 'source.ref', false),
      head_commit: str(source['head_commit'], 'source.head_commit', false) },
    build_url: str(v['build_url'], 'build_url', false),
  };
}

/**
 * The hashes `after` allows that `before` (absent: a new file) did not: new `osImages` entries, and
 * new entries in an app's `composeHashes` (on Nitro the KMS sets the app's compose hash to the
 * OS_IMAGE_HASH, so adding one there allows that image for the app: it is reproduced too).
 */
export function addedOsImages(before: string | undefined, after: string, file: string): string[] {
  const hashes = (list: unknown, what: string): string[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list) || list.some((h) => typeof h !== 'string')) throw new FormatError(`${file}: ${what} must be an array of strings`);
    return (list as string[]).map((h) => `0x${normalizeOsImageHash(h, `${file}: ${what} entry`)}`);
  };
  const parse = (text: string): Record<string, unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new FormatError(`${file}: not JSON`);
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
  };
  const apps = (config: Record<string, unknown>): [string, unknown][] => {
    const value = config['apps'];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
  };
  const old = before === undefined ? {} : parse(before);
  const now = parse(after);
  const oldImages = new Set(hashes(old['osImages'], 'osImages'));
  const added = hashes(now['osImages'], 'osImages').filter((h) => !oldImages.has(h));
  const oldApps = new Map(apps(old).map(([id, app]) => [id.toLowerCase(), app]));
  for (const [id, app] of apps(now)) {
    const composeOf = (entry: unknown, at: string) =>
      hashes(typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['composeHashes'] : undefined, `apps.${at}.composeHashes`);
    const previous = new Set(composeOf(oldApps.get(id.toLowerCase()), id));
    added.push(...composeOf(app, id).filter((h) => !previous.has(h)));
  }
  return [...new Set(added)];
}
