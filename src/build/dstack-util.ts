import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError, VerificationError } from '../errors.js';
import type { FetchLike } from '../io/proxy-fetch.js';
import { openRegularStream } from '../io/regular-file.js';

// dstack-util has no released binary or checksum (spec/dstack.md §2): whatever the source, the build
// pins the binary by SHA-256 and fails closed on a mismatch, before anything is built.

/** The pinned binary, ready to use: a directory holding exactly `dstack-util` (a build context). */
export interface DstackUtil {
  /** Directory containing only the file `dstack-util`. */
  readonly dir: string;
  /** `<dir>/dstack-util`, mode 0755. */
  readonly path: string;
  /** Lowercase hex SHA-256 of the binary. */
  readonly sha256: string;
  readonly size: number;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_SIZE = 512 * 1024 * 1024;
/** A server that sends nothing for this long is given up on (the headers; the body then streams). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** Checks a dstack-util-sha256 value: 64 hex digits, an optional `sha256:` prefix. Returns lowercase hex. */
export function parseSha256(value: string, what: string): string {
  const hex = value.trim().replace(/^sha256:/i, '').toLowerCase();
  if (!SHA256_HEX.test(hex)) throw new UserError(`${what}: expected 64 hex digits (SHA-256), got ${JSON.stringify(value)}`);
  return hex;
}

/** How an `https://` source is fetched: the caller's fetch (e.g. through a proxy, io/proxy-fetch.ts); global fetch by default. */
export interface FetchDstackUtilOptions {
  readonly fetch?: FetchLike;
  /** What pinned the SHA-256, for the mismatch message (default the action's input). */
  readonly pinnedBy?: string;
}

/**
 * Copies (a path) or downloads (an `https://` URL) the binary into `<workDir>/dstack-util/dstack-util`,
 * hashing while it streams, and throws a VerificationError when the SHA-256 differs from `sha256`.
 */
export async function fetchDstackUtil(source: string, sha256: string, workDir: string, options: FetchDstackUtilOptions = {}): Promise<DstackUtil> {
  const pinnedBy = options.pinnedBy ?? 'dstack-util-sha256';
  const expected = parseSha256(sha256, 'dstack-util-sha256');
  const dir = join(workDir, 'dstack-util');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'dstack-util');
  const { digest, size } = await copyHashing(await openSource(source, options.fetch ?? fetch), path);
  if (digest !== expected) {
    await rm(dir, { recursive: true, force: true });
    throw new VerificationError(`dstack-util ${source}: SHA-256 is ${digest}, but ${pinnedBy} pins ${expected}`);
  }
  await chmod(path, 0o755);
  return { dir, path, sha256: digest, size };
}

async function openSource(source: string, download: FetchLike): Promise<NodeJS.ReadableStream> {
  if (/^https:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await download(source, { redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch (error) {
      // fetch says "fetch failed"; the reason (refused, TLS, proxy) is its cause.
      const reason = [error, (error as Error).cause].filter((e): e is Error => e instanceof Error).map((e) => e.message).join(': ');
      throw new UserError(`dstack-util ${source}: download failed: ${reason}`, { code: 'external', cause: error });
    }
    if (!response.ok || !response.body) throw new UserError(`dstack-util ${source}: download failed: HTTP ${response.status}`, { code: 'external' });
    return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new UserError(`dstack-util ${source}: only a file path or an https:// URL is accepted`);
  }
  return (await openRegularStream(source, { label: `dstack-util ${source}`, maxBytes: MAX_SIZE })).stream;
}

async function copyHashing(input: NodeJS.ReadableStream, path: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > MAX_SIZE) return callback(new UserError(`dstack-util is larger than ${MAX_SIZE} bytes`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(input, meter, createWriteStream(path, { mode: 0o755 }));
  return { digest: hash.digest('hex'), size };
}

