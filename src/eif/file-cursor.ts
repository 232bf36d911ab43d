import { createHash, type Hash } from 'node:crypto';
import { CHUNK_SIZE } from './byte-source.js';
import { singleBufferPool, type BufferPool } from './hash-workers.js';

/** Where a cursor's bytes come from: an open file (FileHandle), or a download written to disk as it is read. */
export interface ByteReader {
  read(buffer: Buffer, offset: number, length: number, position: null): Promise<{ bytesRead: number }>;
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
  readonly #digests: Hash[];
  #start = 0;
  #end = 0;
  /** Absolute offset of the next byte to consume. */
  position = 0;

  constructor(handle: ByteReader, fileDigests: boolean, pool: BufferPool = singleBufferPool(CHUNK_SIZE)) {
    this.#handle = handle;
    this.#pool = pool;
    this.#digests = fileDigests ? [createHash('sha256'), createHash('sha384')] : [];
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

  /** Whole-file digests of everything consumed, if enabled. */
  digests(): { sha256: string; sha384: string } | undefined {
    const [sha256, sha384] = this.#digests;
    if (!sha256 || !sha384) return undefined;
    return { sha256: sha256.digest('hex'), sha384: sha384.digest('hex') };
  }

  #consume(length: number): void {
    if (length === 0) return;
    const bytes = this.#buffer!.subarray(this.#start, this.#start + length);
    for (const digest of this.#digests) digest.update(bytes);
    this.#start += length;
    this.position += length;
  }

  /** Hands the current buffer back to the pool; call once reading is over. */
  release(): void {
    if (this.#buffer) this.#pool.retire(this.#buffer);
    this.#buffer = undefined;
  }

  /** Reads until at least `want` bytes are buffered or EOF; returns whether any are. */
  async #fill(want: number): Promise<boolean> {
    if (!this.#buffer || this.#start > 0) {
      // Move to a fresh buffer, carrying over the few unconsumed bytes (a split header).
      const next = await this.#pool.acquire();
      if (this.#buffer) {
        this.#buffer.copy(next, 0, this.#start, this.#end);
        if (next !== this.#buffer) this.#pool.retire(this.#buffer);
      }
      this.#buffer = next;
      this.#end -= this.#start;
      this.#start = 0;
    }
    const buffer = this.#buffer;
    while (this.#end < want) {
      const { bytesRead } = await this.#handle.read(buffer, this.#end, buffer.length - this.#end, null);
      if (bytesRead === 0) break;
      this.#end += bytesRead;
    }
    return this.#end > this.#start;
  }
}
