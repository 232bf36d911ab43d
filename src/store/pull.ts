// pullArtifact(): download an image by OS_IMAGE_HASH and verify it in the same pass, then rename it into
// place. The stored measurements (and provenance, when trusted) are read first; the EIF is streamed once:
// each chunk is written to a temporary file beside the output while the strict reader walks it
// (structure, CRC, PCR0/1/2, PCR8 and the signature check, SHA-256 and SHA-384), exactly as the EIF
// writer hashes while it writes. A body cut mid-way is resumed from where it stopped (HTTP Range, same
// object version). Only an EIF whose size, SHA-256, PCRs and OS_IMAGE_HASH all match is renamed to the
// output; any failure or interrupt leaves nothing behind.
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspectEifFrom, osImageHash, parsePcrs, type ByteReader, type EifInspection } from '../eif/index.js';
import { FormatError, UserError, VerificationError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { MAX_JSON_BYTES } from '../io/regular-file.js';
import { comparePcrs } from '../trust/compare-pcrs.js';
import type { BundleTrust } from '../trust/provenance/index.js';
import { checkIntegrity, provenanceReport, type VerifyEifReport } from '../trust/verify/verify-eif.js';
import { artifactKey, normalizeOsImageHash } from './layout.js';
import { errnoText } from './store-errors.js';
import type { ArtifactStore, ObjectRead } from './types.js';

export interface PullOptions {
  store: ArtifactStore;
  osImageHash: string;
  outputFile: string;
  /** Verify the stored provenance bundle with this key or identity (omit to skip provenance). */
  trust?: BundleTrust;
  /** Attempts per download when the connection fails mid-way (default 5), with exponential backoff. */
  maxAttempts?: number;
  /** First backoff in ms (default 250), doubled on each further attempt. */
  retryDelayMs?: number;
}

export interface PullResult {
  osImageHash: string;
  outputFile: string;
  eifUri: string;
  report: VerifyEifReport;
}

const DEFAULT_ATTEMPTS = 5;
const DEFAULT_RETRY_DELAY_MS = 250;

export async function pullArtifact(options: PullOptions): Promise<PullResult> {
  const { store } = options;
  const hash = normalizeOsImageHash(options.osImageHash);
  const output = resolve(options.outputFile);
  const eifKey = artifactKey(hash, 'eif');
  const eifUri = store.uriOf(eifKey);
  const retry = { attempts: options.maxAttempts ?? DEFAULT_ATTEMPTS, delayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS };

  const measurementsKey = artifactKey(hash, 'measurements');
  const file = new AtomicFile(output);
  try {
    // The output's folder is checked first: nothing is downloaded for an output that cannot be written.
    const sink = await open(file.tempPath, 'wx', 0o644).catch((error: Error) => {
      throw new UserError(`--output-file ${options.outputFile}: cannot write beside it: ${errnoText(error)}`, { code: 'input', cause: error });
    });
    let eif: EifInspection;
    let measurementsBytes: Buffer;
    let provenanceJson: unknown;
    let recorded: StoredMeasurements;
    let download: Download | undefined;
    const written = new OutputFile(sink, `--output-file ${options.outputFile}`);
    try {
      measurementsBytes = await readSmallObject(store, measurementsKey, retry).catch(async (error: unknown) => {
        // An image that is not there at all is reported by its EIF (whose presence marks a complete set).
        if (error instanceof UserError && error.code === 'not-found' && !(await store.head(eifKey))) {
          throw new UserError(`store: ${eifUri} not found`, { code: 'not-found' });
        }
        throw error;
      });
      recorded = parseStoredMeasurements(measurementsBytes, store.uriOf(measurementsKey));
      provenanceJson = options.trust
        ? parseJson(await readSmallObject(store, artifactKey(hash, 'provenance'), retry), store.uriOf(artifactKey(hash, 'provenance')))
        : undefined;
      download = await Download.start(store, eifKey, retry, written);
      if (recorded.size !== undefined && download.size !== recorded.size) {
        throw new VerificationError(`${eifUri}: ${download.size} bytes, but the stored measurements record an EIF of ${recorded.size} bytes`);
      }
      eif = await inspectEifFrom(download, download.size, eifUri, {
        // With a recorded SHA-256 to match, the SHA-384 recorded beside it need not be recomputed.
        fileDigests: recorded.sha256 !== undefined && recorded.sha384 !== undefined ? ['sha256'] : ['sha256', 'sha384'],
      });
      await download.finish();
      await written.finish();
      checkAgainstRecord(eif, recorded, eifUri, hash, store.uriOf(measurementsKey));
    } finally {
      download?.destroy(); // a refusal mid-way does not keep the connection open
      await written.settle();
      await sink.close().catch(() => undefined);
    }
    // The file is the recorded one (its SHA-256 is): the SHA-384 recorded with that SHA-256 is its SHA-384.
    const digests = { sha256: eif.sha256!, sha384: eif.sha384 ?? recorded.sha384! };
    const osHash = `0x${hash}`;
    const measurementsUri = store.uriOf(measurementsKey);
    const measurementsDigests = {
      sha256: createHash('sha256').update(measurementsBytes).digest('hex'),
      sha384: createHash('sha384').update(measurementsBytes).digest('hex'),
    };
    const report: VerifyEifReport = {
      verified: true,
      eif: { path: output, size: eif.size, ...digests },
      pcrs: eif.pcrs,
      os_image_hash: osHash,
      measurements: { path: measurementsUri, ...measurementsDigests, pcrs_match: true },
    };
    if (options.trust) {
      report.provenance = provenanceReport(provenanceJson, { path: store.uriOf(artifactKey(hash, 'provenance')), trust: options.trust }, {
        eif: digests, pcrs: eif.pcrs, osImageHash: osHash, measurements: measurementsDigests,
      });
    }
    await file.commit().catch((error: Error) => {
      throw new UserError(`--output-file ${options.outputFile}: cannot write: ${errnoText(error)}`, { cause: error });
    });
    return { osImageHash: `0x${hash}`, outputFile: output, eifUri, report };
  } finally {
    await file.abort();
  }
}

/** The downloaded EIF against the request and the stored measurements; VerificationError at the first mismatch. */
function checkAgainstRecord(eif: EifInspection, recorded: StoredMeasurements, eifUri: string, hash: string, measurementsUri: string): void {
  checkIntegrity({ ...eif, sha384: eif.sha384 ?? recorded.sha384 }, eifUri);
  comparePcrs(recorded.pcrs, eif.pcrs, `stored measurements ${measurementsUri}`);
  const osHash = osImageHash(eif.pcrs);
  if (osHash !== `0x${hash}`) throw new VerificationError(`${eifUri}: its PCRs give OS_IMAGE_HASH ${osHash}, not the requested 0x${hash}`);
  // Same PCRs are not the same file (metadata is not measured): the recorded digest settles it.
  if (recorded.sha256 !== undefined && recorded.sha256 !== eif.sha256) {
    throw new VerificationError(`${eifUri}: sha256 ${eif.sha256}, but the stored measurements record ${recorded.sha256}`);
  }
}

interface RetryPolicy {
  attempts: number;
  delayMs: number;
}

interface StoredMeasurements {
  pcrs: ReturnType<typeof parsePcrs>['pcrs'];
  sha256?: string;
  sha384?: string;
  size?: number;
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (error) {
    throw new FormatError(`${name}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** PCRs and, when recorded (the build's measurements.json records them), the EIF's SHA-256 and size. */
function parseStoredMeasurements(bytes: Buffer, name: string): StoredMeasurements {
  const json = parseJson(bytes, name);
  const { pcrs } = parsePcrs(json, name);
  const eif = (json as { eif?: { sha256?: unknown; sha384?: unknown; size?: unknown } }).eif;
  const result: StoredMeasurements = { pcrs };
  if (eif?.sha256 !== undefined) {
    if (typeof eif.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(eif.sha256)) throw new FormatError(`${name}: eif.sha256 is not 64 hex digits`);
    result.sha256 = eif.sha256.toLowerCase();
  }
  if (eif?.sha384 !== undefined) {
    if (typeof eif.sha384 !== 'string' || !/^[0-9a-fA-F]{96}$/.test(eif.sha384)) throw new FormatError(`${name}: eif.sha384 is not 96 hex digits`);
    result.sha384 = eif.sha384.toLowerCase();
  }
  if (eif?.size !== undefined) {
    if (typeof eif.size !== 'number' || !Number.isSafeInteger(eif.size) || eif.size < 0) throw new FormatError(`${name}: eif.size is not a byte count`);
    result.size = eif.size;
  }
  return result;
}

/** A failure worth another attempt: the connection, not the content (a store's own refusals are UserErrors). */
function isTransient(error: unknown): boolean {
  return !(error instanceof UserError) || error.code === 'external';
}

/** A small object (measurements, provenance) in memory, refused above MAX_JSON_BYTES; retried like the EIF. */
async function readSmallObject(store: ArtifactStore, key: string, retry: RetryPolicy): Promise<Buffer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stream, size } = await store.read(key);
      if (size > MAX_JSON_BYTES) {
        stream.destroy();
        throw new FormatError(`${store.uriOf(key)}: ${size} bytes is too large (at most ${MAX_JSON_BYTES})`);
      }
      const chunks: Buffer[] = [];
      let received = 0;
      for await (const chunk of stream) {
        received += (chunk as Buffer).byteLength;
        if (received > size) break;
        chunks.push(chunk as Buffer);
      }
      stream.destroy();
      if (received !== size) throw new Error(`received ${received > size ? 'more' : received} of ${size} bytes`);
      return Buffer.concat(chunks);
    } catch (error) {
      if (!isTransient(error) || attempt >= retry.attempts) throw downloadError(store, key, error, attempt);
      await sleep(retry.delayMs * 2 ** (attempt - 1));
    }
  }
}

function downloadError(store: ArtifactStore, key: string, error: unknown, attempts: number): UserError {
  if (error instanceof UserError) return error;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new UserError(`store: download of ${store.uriOf(key)} failed${tries}: ${errnoText(error)}`, { code: 'external', cause: error });
}

/**
 * The EIF as it downloads, for the strict reader: each read fills the reader's buffer as far as it
 * asks (so the reader hashes in large slots, not per network packet), and never more than the size
 * the store declared; every chunk also goes to the output file. A connection lost mid-way is reopened at the next byte, on the same
 * object version.
 */
class Download implements ByteReader {
  readonly size: number;
  readonly #store: ArtifactStore;
  readonly #key: string;
  readonly #retry: RetryPolicy;
  readonly #etag: string | undefined;
  readonly #output: OutputFile;
  #chunks: AsyncIterator<Uint8Array> | undefined;
  #stream: ObjectRead['stream'] | undefined;
  #pending: Uint8Array | undefined;
  #received = 0;

  private constructor(store: ArtifactStore, key: string, first: ObjectRead, retry: RetryPolicy, output: OutputFile) {
    this.#store = store;
    this.#output = output;
    this.#key = key;
    this.#retry = retry;
    this.size = first.size;
    this.#etag = first.etag;
    this.#use(first);
  }

  static async start(store: ArtifactStore, key: string, retry: RetryPolicy, output: OutputFile): Promise<Download> {
    for (let attempt = 1; ; attempt++) {
      try {
        return new Download(store, key, await store.read(key), retry, output);
      } catch (error) {
        if (!isTransient(error) || attempt >= retry.attempts) throw downloadError(store, key, error, attempt);
        await sleep(retry.delayMs * 2 ** (attempt - 1));
      }
    }
  }

  async read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number }> {
    let filled = 0;
    while (filled < length) {
      if (!this.#pending || this.#pending.byteLength === 0) {
        this.#pending = await this.#next();
        if (!this.#pending) break;
      }
      const n = Math.min(length - filled, this.#pending.byteLength);
      buffer.set(n === this.#pending.byteLength ? this.#pending : this.#pending.subarray(0, n), offset + filled);
      this.#pending = this.#pending.subarray(n);
      filled += n;
    }
    return { bytesRead: filled };
  }

  /** Checks the object ended where the store said. */
  async finish(): Promise<void> {
    if (this.#received < this.size || this.#pending?.byteLength || (await this.#next()) !== undefined) {
      throw new VerificationError(`${this.#store.uriOf(this.#key)}: the download does not match its declared size of ${this.size} bytes`);
    }
    this.#stream?.destroy();
  }

  destroy(): void {
    this.#stream?.destroy();
  }

  #use(read: ObjectRead): void {
    this.#stream?.destroy();
    this.#stream = read.stream;
    this.#chunks = (read.stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  }

  async #next(): Promise<Uint8Array | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.#chunks && this.#received >= this.size) return undefined;
        if (!this.#chunks) this.#use(await this.#store.read(this.#key, { start: this.#received, ...(this.#etag ? { ifMatch: this.#etag } : {}) }));
        const { value, done } = await this.#chunks!.next();
        if (done) {
          if (this.#received < this.size) throw new Error(`connection closed after ${this.#received} of ${this.size} bytes`);
          return undefined;
        }
        if (this.#received + value.byteLength > this.size) {
          throw new VerificationError(`${this.#store.uriOf(this.#key)}: more bytes than its declared size of ${this.size}`);
        }
        this.#received += value.byteLength;
        await this.#output.add(value);
        return value;
      } catch (error) {
        this.#chunks = undefined;
        if (!isTransient(error) || attempt >= this.#retry.attempts) throw downloadError(this.#store, this.#key, error, attempt);
        await sleep(this.#retry.delayMs * 2 ** (attempt - 1));
      }
    }
  }
}

/** Bytes written between background flushes to disk, so the final fsync finds little left. */
const SYNC_EVERY = 128 << 20;
/** Network chunks gathered into one writev: few system calls, and the reader's slots are never held by a write. */
const WRITE_BATCH = 2 << 20;

/**
 * The temporary output, written from the downloaded chunks themselves (each its own buffer, never
 * reused), gathered into one writev per WRITE_BATCH bytes with one write in flight while the next
 * batch arrives. The first failure is thrown by the next add() and by finish(), as one line naming
 * the output.
 */
class OutputFile {
  readonly #handle: FileHandle;
  readonly #label: string;
  #batch: Uint8Array[] = [];
  #batchBytes = 0;
  #position = 0;
  #writing: Promise<void> = Promise.resolve();
  #failure: Error | undefined;
  #unsynced = 0;
  #syncing: Promise<void> | undefined;

  constructor(handle: FileHandle, label: string) {
    this.#handle = handle;
    this.#label = label;
  }

  /** Queues `chunk` (kept, not copied) for writing after what came before. */
  async add(chunk: Uint8Array): Promise<void> {
    if (this.#failure) throw this.#error(this.#failure);
    this.#batch.push(chunk);
    this.#batchBytes += chunk.byteLength;
    if (this.#batchBytes >= WRITE_BATCH) await this.#flush();
  }

  async #flush(): Promise<void> {
    await this.#writing; // one write in flight
    if (this.#failure) throw this.#error(this.#failure);
    const chunks = this.#batch;
    const position = this.#position;
    this.#position += this.#batchBytes;
    this.#unsynced += this.#batchBytes;
    this.#batch = [];
    this.#batchBytes = 0;
    this.#writing = this.#writeAll(chunks, position).catch((error: Error) => void (this.#failure ??= error));
    if (this.#unsynced >= SYNC_EVERY && !this.#syncing) {
      this.#unsynced = 0;
      this.#syncing = this.#writing.then(() => this.#handle.datasync()).then(
        () => void (this.#syncing = undefined),
        (error: Error) => void ((this.#syncing = undefined), (this.#failure ??= error)),
      );
    }
  }

  async #writeAll(chunks: Uint8Array[], position: number): Promise<void> {
    const { bytesWritten } = await this.#handle.writev(chunks, position);
    let at = position + bytesWritten;
    let skip = bytesWritten;
    for (const chunk of chunks) {
      // A short writev (rare on a regular file): the rest, chunk by chunk.
      if (skip >= chunk.byteLength) {
        skip -= chunk.byteLength;
        continue;
      }
      for (let done = skip; done < chunk.byteLength; ) {
        const out = await this.#handle.write(chunk, done, chunk.byteLength - done, at);
        done += out.bytesWritten;
        at += out.bytesWritten;
      }
      skip = 0;
    }
  }

  /** Every write done and on disk; throws the first failure. */
  async finish(): Promise<void> {
    if (this.#batchBytes > 0) await this.#flush();
    await this.settle();
    if (!this.#failure) await this.#handle.sync().catch((error: Error) => void (this.#failure = error));
    if (this.#failure) throw this.#error(this.#failure);
  }

  /** Waits for the write in flight (before the file is closed and removed). */
  async settle(): Promise<void> {
    await this.#writing;
    await this.#syncing;
  }

  #error(error: Error): UserError {
    return new UserError(`${this.#label}: cannot write: ${errnoText(error)}`, { cause: error });
  }
}
