// Downloads a public blob set (known-blobs.ts) from `<baseUrl>/blobs/<arch>/<file>`, hashing while it
// streams into a private temporary directory next to the destination, and renames that directory
// into place only when every file matched its pins: a failure leaves nothing behind. Also the
// per-user cache of verified sets (`<cacheRoot>/<set>/<arch>`), checked against the pins on every use.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { EifArch } from '../eif/types.js';
import { UserError, VerificationError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import type { FetchLike } from '../io/proxy-fetch.js';
import { MAX_BLOB_SIZE } from './blobs.js';
import { knownBlobSets, pinMismatch, type BlobDigests, type BlobPin, type PublicBlobSet } from './known-blobs.js';

/** Without a byte from the server for this long, a download fails. */
export const DEFAULT_BLOB_TIMEOUT_MS = 60_000;
/** Written next to the blobs: what was fetched and the digests computed (SHA-384 of every file). */
export const BLOB_RECORD_FILE = 'nitro-eif-blobs.json';
export const BLOB_RECORD_SCHEMA = 'nitro-eif-build/blobs@1';

export interface FetchedBlob extends BlobDigests {
  readonly name: string;
  readonly sha256: string;
}

export interface FetchedBlobSet {
  readonly set: string;
  readonly arch: EifArch;
  readonly dir: string;
  readonly files: readonly FetchedBlob[];
}

export interface FetchBlobSetOptions {
  readonly set: PublicBlobSet;
  readonly arch: EifArch;
  /** Must not exist, or be an empty directory. */
  readonly outputDir: string;
  /** Default: the set's own (the repository's raw files at the tag's commit). */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  /** How to fetch (e.g. through the user's proxy, io/proxy-fetch.ts); global fetch by default. */
  readonly fetch?: FetchLike;
}

/** The set named `name` (e.g. `aws-nitro-enclaves-cli@v1.5.0`), or a UserError listing the known ones. */
export function findBlobSet(name: string, what: string, code: 'input' | 'usage' = 'input', sets: readonly PublicBlobSet[] = knownBlobSets()): PublicBlobSet {
  const set = sets.find((s) => s.name === name);
  if (!set) throw new UserError(`${what}: unknown blob set ${JSON.stringify(name)} (known: ${sets.map((s) => s.name).join(', ')})`, { code });
  return set;
}

/** Checks a base URL: http(s), no query or fragment; returns it without a trailing slash. */
export function parseBaseUrl(text: string, what: string, code: 'input' | 'usage' = 'input'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${what}: not a URL: ${JSON.stringify(redactUrl(text))}`, { code });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(`${what}: expected an https:// (or http://) URL, got ${url.protocol}`, { code });
  if (url.search || url.hash) throw new UserError(`${what}: a base URL has no query or fragment`, { code });
  // fetch refuses credentials in a URL, and they must never reach a message.
  if (url.username || url.password) throw new UserError(`${what}: a user name or password in the URL is not supported`, { code });
  return text.replace(/\/+$/, '');
}

/** A URL without its user name and password (never in a message). */
export function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

/** Downloads and verifies the set's files for `arch` into `outputDir` (all or nothing). */
export async function fetchBlobSet(options: FetchBlobSetOptions): Promise<FetchedBlobSet> {
  const { set, arch, outputDir } = options;
  const base = options.baseUrl === undefined ? set.baseUrl : parseBaseUrl(options.baseUrl, 'blob base URL');
  await requireEmptyOrAbsent(outputDir);
  await mkdir(dirname(outputDir), { recursive: true });
  const temp = await makeTempDir(dirname(outputDir), `.${basename(outputDir)}.partial-`);
  try {
    const files: FetchedBlob[] = [];
    for (const [name, pin] of Object.entries(set.files[arch])) {
      const url = `${base}/blobs/${arch}/${name}`;
      const digests = await download(url, join(temp, name), pin, options);
      const wrong = pinMismatch(pin, digests);
      if (wrong) throw new VerificationError(`blob ${name} (${set.name} ${arch}) from ${redactUrl(url)}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
      files.push({ name, ...digests });
    }
    const fetched = { set: set.name, arch, files };
    await writeFileAtomic(join(temp, BLOB_RECORD_FILE), `${JSON.stringify({ schema: BLOB_RECORD_SCHEMA, ...fetched }, null, 2)}\n`);
    await rmdir(outputDir).catch(() => undefined); // an empty destination is replaced
    await rename(temp, outputDir).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      throw new UserError(`output directory ${outputDir} was filled by another process during the download`, { code: 'conflict', cause: error });
    });
    await removeTempDir(temp); // forgets the temp path (nothing is left there after the rename)
    return { ...fetched, dir: outputDir };
  } catch (error) {
    await removeTempDir(temp);
    throw error;
  }
}

async function requireEmptyOrAbsent(dir: string): Promise<void> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new UserError(`output directory ${dir} exists and is not a directory`, { code: 'conflict' });
  if ((await readdir(dir)).length > 0) throw new UserError(`output directory ${dir} is not empty`, { code: 'conflict' });
}

/** The per-user cache of verified blob sets: `$XDG_CACHE_HOME/nitro-eif/blobs` (default `<home>/.cache`). */
export function blobCacheRoot(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const xdg = env['XDG_CACHE_HOME'];
  // The XDG spec: a relative value is invalid and ignored.
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'nitro-eif', 'blobs');
}

/**
 * The set's verified blobs for `arch` in the cache (`<cacheRoot>/<set>/<arch>`): used when every file
 * still matches its pins, else (absent or damaged) fetched again. `fromCache` tells which.
 */
export async function cachedBlobSet(
  options: Omit<FetchBlobSetOptions, 'outputDir'> & { readonly cacheRoot: string; readonly onDamaged?: (message: string) => void },
): Promise<{ dir: string; fromCache: boolean }> {
  const dir = join(options.cacheRoot, options.set.name, options.arch);
  if (await lstat(dir).then(() => true, () => false)) {
    try {
      await verifyBlobDir(dir, options.set, options.arch);
      return { dir, fromCache: true };
    } catch (error) {
      options.onDamaged?.(`cached blobs ${dir} are unusable, fetching them again: ${(error as Error).message}`);
      await rm(dir, { recursive: true, force: true });
    }
  }
  try {
    await fetchBlobSet({ ...options, outputDir: dir });
  } catch (error) {
    // Another build filled the cache meanwhile: use its copy once it checks out.
    if (!(error instanceof UserError && error.code === 'conflict')) throw error;
    await verifyBlobDir(dir, options.set, options.arch);
    return { dir, fromCache: true };
  }
  return { dir, fromCache: false };
}

/** Streams every pinned file of `dir` through the hashes and checks it against the set's pins. */
export async function verifyBlobDir(dir: string, set: PublicBlobSet, arch: EifArch): Promise<FetchedBlob[]> {
  const files: FetchedBlob[] = [];
  for (const [name, pin] of Object.entries(set.files[arch])) {
    const path = join(dir, name);
    const info = await lstat(path).catch((cause: unknown) => {
      throw new UserError(`blobs directory ${dir}: missing ${name}`, { code: 'not-found', cause });
    });
    if (!info.isFile()) throw new UserError(`blob ${path} is not a regular file`);
    if (info.size > (pin.size ?? MAX_BLOB_SIZE)) throw new VerificationError(`blob ${name} (${set.name}) at ${path}: size ${info.size}, pinned ${pin.size ?? `at most ${MAX_BLOB_SIZE}`}`);
    const hashes = new BlobHashes(info.size);
    for await (const chunk of createReadStream(path)) hashes.update(chunk as Buffer);
    const digests = hashes.digests();
    const wrong = pinMismatch(pin, digests);
    if (wrong) throw new VerificationError(`blob ${name} (${set.name} ${arch}) at ${path}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
    files.push({ name, ...digests });
  }
  return files;
}

/** SHA-384, SHA-256 and (once the size is known up front) git's blob id, in one pass. */
class BlobHashes {
  readonly #sha384 = createHash('sha384');
  readonly #sha256 = createHash('sha256');
  readonly #git: Hash | undefined;
  #size = 0;
  constructor(readonly expectedSize: number | undefined) {
    this.#git = expectedSize === undefined ? undefined : createHash('sha1').update(`blob ${expectedSize}\0`);
  }
  get size(): number {
    return this.#size;
  }
  update(chunk: Buffer): void {
    this.#size += chunk.length;
    this.#sha384.update(chunk);
    this.#sha256.update(chunk);
    this.#git?.update(chunk);
  }
  /** `gitBlob` is empty when the size was not known up front (see `download`). */
  digests(): BlobDigests & { sha256: string } {
    const gitBlob = this.#git && this.#size === this.expectedSize ? this.#git.digest('hex') : '';
    return { size: this.#size, sha384: this.#sha384.digest('hex'), sha256: this.#sha256.digest('hex'), gitBlob };
  }
}

/** Streams `url` into `path` (a new file), hashing it; every failure is one line naming the URL. */
async function download(url: string, path: string, pin: BlobPin, options: FetchBlobSetOptions): Promise<BlobDigests & { sha256: string }> {
  const shown = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  // An idle timeout: a slow but steady download is fine, a server that stops sending is not.
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
  };
  const fail = (what: string, cause?: unknown): UserError =>
    new UserError(`blob download ${shown}: ${timedOut ? `no answer for ${timeoutMs / 1000} s (timed out)` : what}`, { code: 'external', cause });
  arm();
  try {
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, { signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw fail(`cannot connect (${causeText(error)})`, error);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const limit = pin.size ?? MAX_BLOB_SIZE;
    const declared = contentLength(response.headers.get('content-length'));
    if (declared !== undefined && declared > limit) throw fail(`the server announces ${declared} bytes, more than the ${limit} expected`);
    const hashes = new BlobHashes(pin.size ?? declared);
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        arm();
        if (hashes.size + chunk.length > limit) return callback(fail(`more than the ${limit} bytes expected`));
        hashes.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, createWriteStream(path, { flags: 'wx', mode: 0o644 }));
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw fail(`the connection was cut after ${hashes.size} bytes (${causeText(error)})`, error);
    }
    if (declared !== undefined && hashes.size !== declared) throw fail(`the connection was cut after ${hashes.size} of ${declared} bytes`);
    const digests = hashes.digests();
    // Size not known up front (no pin, no Content-Length): git's id needs it first, so read the file again.
    return digests.gitBlob ? digests : { ...digests, gitBlob: await gitBlobOfFile(path, digests.size) };
  } finally {
    clearTimeout(timer);
  }
}

async function gitBlobOfFile(path: string, size: number): Promise<string> {
  const hash = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function contentLength(text: string | null): number | undefined {
  return text !== null && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** The most specific reason in an error chain (undici puts the socket error in `cause`). */
function causeText(error: unknown): string {
  let current: unknown = error;
  let text = 'unknown error';
  for (let depth = 0; current instanceof Error && depth < 4; depth++, current = current.cause) {
    const code = (current as { code?: unknown }).code;
    text = typeof code === 'string' ? `${code}: ${current.message}` : current.message;
  }
  return text;
}
