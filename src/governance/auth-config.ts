// Edits a dstack auth-simple `auth-config.json` (dstack.md §3) to allow one OS image, keeping the
// file's indentation, key order, line endings and final newline.
import { FormatError } from '../errors.js';
import { appendToArray, findArray, nestingDepth } from './json-edit.js';

export interface AuthConfigChange {
  text: string;
  /** false when the hash (and the app's compose hash) were already there. */
  changed: boolean;
  warnings: string[];
}

type Json = Record<string, unknown>;

// auth-simple compares hex case-insensitively and adds a missing 0x (its normalizeHex).
const norm = (hex: string) => (hex.toLowerCase().startsWith('0x') ? hex.toLowerCase() : `0x${hex.toLowerCase()}`);

// auth-simple's own config nests 4 levels (apps → app → composeHashes); deeper is refused before parsing.
const MAX_CONFIG_DEPTH = 64;

function parseConfig(text: string, file: string): Json {
  if (nestingDepth(text) > MAX_CONFIG_DEPTH) throw new FormatError(`${file}: nested deeper than ${MAX_CONFIG_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FormatError(`${file}: expected a JSON object at the top level`);
  }
  return value as Json;
}

function stringArray(config: Json, field: string, file: string): string[] | undefined {
  const value = config[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new FormatError(`${file}: ${field} must be an array of strings`);
  }
  return value as string[];
}

function findApp(config: Json, appId: string, file: string): Json | undefined {
  const apps = config['apps'];
  if (apps === undefined) return undefined;
  if (typeof apps !== 'object' || apps === null || Array.isArray(apps)) throw new FormatError(`${file}: apps must be an object`);
  const entry = Object.entries(apps as Json).find(([id]) => norm(id) === norm(appId))?.[1];
  if (entry !== undefined && (typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
    throw new FormatError(`${file}: apps.${appId} must be an object`);
  }
  return entry as Json | undefined;
}

/** True when the hash is allowed (and, given an app id, is among that app's compose hashes). */
export function isRegistered(text: string, hash: string, appId: string | undefined, file: string): boolean {
  const config = parseConfig(text, file);
  const images = stringArray(config, 'osImages', file) ?? [];
  if (!images.some((h) => norm(h) === norm(hash))) return false;
  if (appId === undefined) return true;
  const app = findApp(config, appId, file);
  const composeHashes = app ? (stringArray(app, 'composeHashes', `${file} apps.${appId}`) ?? []) : [];
  return composeHashes.some((h) => norm(h) === norm(hash));
}

/**
 * Adds `hash` (0x + 64 lowercase hex) to `osImages` and, given `appId`, to
 * `apps.<appId>.composeHashes` (creating the app entry if needed). Existing arrays are edited in
 * place (json-edit.ts); only a missing field or app makes it re-serialise the file.
 */
export function addOsImage(text: string, hash: string, appId: string | undefined, file: string): AuthConfigChange {
  const config = parseConfig(text, file);
  const appends: string[][] = [];
  let rewrite = false;
  const images = stringArray(config, 'osImages', file);
  if (!images) {
    config['osImages'] = [hash];
    rewrite = true;
  } else if (!images.some((h) => norm(h) === norm(hash))) {
    images.push(hash);
    appends.push(['osImages']);
  }
  if (appId !== undefined) {
    const edit = addComposeHash(config, hash, norm(appId), file);
    if (edit === 'rewrite') rewrite = true;
    else if (edit) appends.push(edit);
  }
  const warnings = tcbWarnings(config, file);
  if (!rewrite && appends.length === 0) return { text, changed: false, warnings };
  const layout = detectLayout(text);
  const edited = rewrite ? undefined : appendInPlace(text, appends, hash, layout);
  if (edited !== undefined && JSON.stringify(JSON.parse(edited)) === JSON.stringify(config)) return { text: edited, changed: true, warnings };
  if (!layout.roundTrips(parseConfig(text, file))) warnings.push(`${file}: rewritten in standard JSON layout (indentation and key order kept)`);
  return { text: layout.format(config), changed: true, warnings };
}

function tcbWarnings(config: Json, file: string): string[] {
  const tcb = stringArray(config, 'allowedTcbStatuses', file) ?? ['UpToDate'];
  if (tcb.includes('')) return [];
  return [`${file}: allowedTcbStatuses does not contain "" — a Nitro enclave reports an empty TCB status, so the KMS will refuse it`];
}

/** Appends the hash to each array at `paths`, last in the file first so offsets stay valid. */
function appendInPlace(text: string, paths: string[][], hash: string, layout: Layout): string | undefined {
  const arrays = paths.map((path) => findArray(text, path));
  if (arrays.some((a) => a === undefined)) return undefined;
  return arrays
    .sort((a, b) => b!.start - a!.start)
    .reduce((acc, array) => appendToArray(acc, array!, JSON.stringify(hash), layout), text);
}

/** Adds the compose hash: the path of the array it was appended to, 'rewrite', or false if present. */
function addComposeHash(config: Json, hash: string, appId: string, file: string): string[] | 'rewrite' | false {
  const apps = config['apps'] as Json | undefined;
  const key = apps && Object.keys(apps).find((id) => norm(id) === appId);
  const app = findApp(config, appId, file);
  if (!app || key === undefined) {
    ((config['apps'] ??= {}) as Json)[appId] = { composeHashes: [hash], allowAnyDevice: true };
    return 'rewrite';
  }
  const composeHashes = stringArray(app, 'composeHashes', `${file} apps.${appId}`);
  if (!composeHashes) {
    app['composeHashes'] = [hash];
    return 'rewrite';
  }
  if (composeHashes.some((h) => norm(h) === norm(hash))) return false;
  composeHashes.push(hash);
  return ['apps', key, 'composeHashes'];
}

interface Layout {
  indent: string;
  eol: string;
  format: (value: unknown) => string;
  roundTrips: (value: unknown) => boolean;
}

/** The file's indentation, line ending and final newline, and a formatter that reproduces them. */
export function detectLayout(text: string): Layout {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indentMatch = /\n([ \t]+)\S/.exec(text);
  const indent = indentMatch ? indentMatch[1]! : text.trim().includes('\n') ? '  ' : '';
  const finalNewline = /\r?\n$/.test(text) ? eol : '';
  const format = (value: unknown) => JSON.stringify(value, null, indent).replace(/\n/g, eol) + finalNewline;
  return { indent, eol, format, roundTrips: (value: unknown) => format(value) === text };
}
