import { createHash, type Hash } from 'node:crypto';
import { CHUNK_SIZE } from './byte-source.js';
import { HashWorkers, singleBufferPool, type BufferPool } from './hash-workers.js';
import { FILE_SHA256, FILE_SHA384 } from './write-sink.js';

/** Where a cursor's bytes come from: an open file (FileHandle), or a download. */
export interface ByteReader {
  read(buffer: Buffer, offset: number, length: number, position: null): Promise<{ bytesRead: number }>;
}

/** A whole-file digest the cursor can compute of everything it consumes. */
export type FileDigest = 'sha256' | 'sha384';

/**
 * Receives every byte the cursor reads, once, with its offset in the file, before the bytes are
 * consumed (e.g. a download written to disk as it is checked). `bytes` is a view into the cursor's
 * buffer: it stays valid until the returned promise settles, so the work may run in the background.
 * A failure is the tee's to report (throw on a later call): the cursor only waits for the promise.
 */
export type CursorTee = (bytes: Uint8Array, position: number) => Promise<unknown>;

export interface FileCursorOptions {
  /** Whole-file digests of every byte consumed (none by default). */
  fileDigests?: readonly FileDigest[];
  /** Buffers to read into (default: one buffer of CHUNK_SIZE). With HashWorkers, the file digests are computed on its threads. */
  pool?: BufferPool;
  tee?: CursorTee;
}

/**
 * Sequential reads over an open file through one reusable buffer: small exact reads for headers,
 * and `pump` to hand large ranges to a sink chunk by chunk. Every byte consumed also feeds the
 * optional whole-file SHA-256/384, so the file is read once. Buffers come from a pool: when one
 * is used up the cursor moves to the next, so chunks handed out stay valid until the pool reuses them.
 */
export class FileCursor {
  readonly #handle: ByteReader;
  readonly #pool: BufferPool;
  #buffer: Buffer | undefined;
  /** Local digests (without workers), by name. */
  readonly #local = new Map<FileDigest, Hash>();
  /** Digests computed on the pool's worker threads: [name on the workers, algorithm, thread]. */
  readonly #remote: [string, FileDigest, number][] = [];
  readonly #tee: CursorTee | undefined;
  /** The tee's work on the current buffer: the buffer is reused only once it has settled. */
  #teeing: Promise<unknown>[] = [];
  /** All of the tee's work not yet settled. */
  readonly #teeOpen = new Set<Promise<unknown>>();
  /** Offset in the file of the next byte read from the handle. */
  #readPosition = 0;
  #start = 0;
  #end = 0;
  /** Absolute offset of the next byte to consume. */
  position = 0;

  constructor(handle: ByteReader, options: FileCursorOptions = {}) {
    this.#handle = handle;
    this.#pool = options.pool ?? singleBufferPool(CHUNK_SIZE);
    this.#tee = options.tee;
    const workers = this.#pool instanceof HashWorkers ? this.#pool : undefined;
    for (const algorithm of options.fileDigests ?? []) {
      // On workers: SHA-384 beside PCR0 on the first thread, SHA-256 beside PCR1/PCR2 on the last.
      if (workers) this.#remote.push([algorithm === 'sha256' ? FILE_SHA256 : FILE_SHA384, algorithm, algorithm === 'sha256' ? workers.threads - 1 : 0]);
      else this.#local.set(algorithm, createHash(algorithm));
    }
  }

  /** Exactly `n` bytes (n ≤ chunk size) as a copy, or fewer at end of file. */
  async take(n: number): Promise<Uint8Array> {
    if (this.#end - this.#start < n) await this.#fill(n);
    const length = Math.min(n, this.#end - this.#start);
    const out = Uint8Array.prototype.slice.call(this.#buffer!, this.#start, this.#start + length);
    this.#consume(length);
    return out;
  }

  /** Passes the next `n` bytes to `sink` in chunks valid only during the call; false at early EOF. */
  async pump(n: number, sink: (chunk: Uint8Array) => void): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.#end === this.#start && !(await this.#fill(1))) return false;
      const length = Math.min(left, this.#end - this.#start);
      const chunk = this.#buffer!.subarray(this.#start, this.#start + length);
      sink(chunk);
      this.#consume(length);
      left -= length;
    }
    return true;
  }

  /**
   * Whole-file digests of everything consumed, by algorithm (hex). Those hashed on workers are
   * taken from `fromWorkers`, the workers' digests (collected once for the PCRs and these).
   */
  digests(fromWorkers?: Map<string, Buffer>): Partial<Record<FileDigest, string>> {
    const out: Partial<Record<FileDigest, string>> = {};
    for (const [algorithm, hash] of this.#local) out[algorithm] = hash.digest('hex');
    for (const [name, algorithm] of this.#remote) out[algorithm] = (fromWorkers?.get(name) ?? createHash(algorithm).digest()).toString('hex');
    return out;
  }

  #consume(length: number): void {
    if (length === 0) return;
    const bytes = this.#buffer!.subarray(this.#start, this.#start + length);
    for (const hash of this.#local.values()) hash.update(bytes);
    for (const [name, algorithm, thread] of this.#remote) (this.#pool as HashWorkers).update(thread, name, algorithm, bytes);
    this.#start += length;
    this.position += length;
  }

  /** Waits until the tee is done with every byte read so far. */
  async teeDone(): Promise<void> {
    await Promise.allSettled([...this.#teeOpen]);
  }

  /** Hands the current buffer back to the pool; call once reading is over. */
  release(): void {
    if (this.#buffer) this.#retire(this.#buffer);
    this.#buffer = undefined;
  }

  #retire(buffer: Buffer): void {
    const teeing = this.#teeing;
    this.#teeing = [];
    this.#pool.retire(buffer, teeing.length > 0 ? Promise.allSettled(teeing) : undefined);
  }

  #track(work: Promise<unknown>): void {
    this.#teeing.push(work);
    this.#teeOpen.add(work);
    const forget = (): void => void this.#teeOpen.delete(work);
    work.then(forget, forget);
  }

  /** Reads until at least `want` bytes are buffered or EOF; returns whether any are. */
  async #fill(want: number): Promise<boolean> {
    if (!this.#buffer || this.#start > 0) {
      // Move to a fresh buffer, carrying over the few unconsumed bytes (a split header).
      const next = await this.#pool.acquire();
      if (this.#buffer) {
        // The same buffer again (a pool of one): what the tee still uses must not be overwritten.
        if (next === this.#buffer) await Promise.allSettled(this.#teeing.splice(0));
        this.#buffer.copy(next, 0, this.#start, this.#end);
        if (next !== this.#buffer) this.#retire(this.#buffer);
      }
      this.#buffer = next;
      this.#end -= this.#start;
      this.#start = 0;
    }
    const buffer = this.#buffer;
    while (this.#end < want) {
      const { bytesRead } = await this.#handle.read(buffer, this.#end, buffer.length - this.#end, null);
      if (bytesRead === 0) break;
      if (this.#tee) this.#track(this.#tee(buffer.subarray(this.#end, this.#end + bytesRead), this.#readPosition));
      this.#readPosition += bytesRead;
      this.#end += bytesRead;
    }
    return this.#end > this.#start;
  }
}
