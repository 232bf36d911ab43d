// A ring of reused buffers between a producer of small chunks and large block writes: chunks are
// copied into the fill buffer; a full one is handed to `writeBlock` (which runs in the background,
// on the thread pool) while the next fills, so the producer runs up to `count - 1` blocks ahead of
// the disk. Writes run one at a time, in order (the spool switches files between them). Block
// writes start at multiples of the buffer size, which keeps them aligned for direct I/O; only the
// last, partial block (flush) is shorter.

export type BlockWriter = (buffer: Buffer, length: number, position: number) => Promise<void>;

export class StagedBlocks {
  readonly #buffers: Buffer[];
  /** The write of each buffer's last block (settled ones stay until the buffer is reused). */
  readonly #writes: Array<Promise<void>>;
  /** The last write queued: the next one starts when it is done (a failure fails every later one). */
  #queue: Promise<void> = Promise.resolve();
  #fill = 0;
  /** Bytes appended so far (staged ones included). */
  #size = 0;
  /** Bytes handed to writeBlock; the fill buffer holds [#written, #size). */
  #written = 0;

  /** `count` buffers of `blockSize` bytes (at least 2). */
  constructor(
    readonly blockSize: number,
    allocate: (size: number) => Buffer,
    readonly writeBlock: BlockWriter,
    count = 2,
  ) {
    if (!Number.isInteger(count) || count < 2) throw new RangeError(`StagedBlocks needs at least 2 buffers, not ${count}`);
    this.#buffers = Array.from({ length: count }, () => allocate(blockSize));
    this.#writes = this.#buffers.map(() => Promise.resolve());
  }

  get size(): number {
    return this.#size;
  }

  /** The buffers, for reuse once everything is flushed. */
  get buffers(): readonly Buffer[] {
    return this.#buffers;
  }

  async append(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.byteLength; ) {
      const staged = this.#size - this.#written;
      const n = Math.min(bytes.byteLength - at, this.blockSize - staged);
      this.#buffers[this.#fill]!.set(bytes.subarray(at, at + n), staged);
      this.#size += n;
      at += n;
      if (this.#size - this.#written === this.blockSize) await this.#handOver();
    }
  }

  /** Queues the fill buffer's write and moves on to the next buffer, once that one's write is done. */
  async #handOver(): Promise<void> {
    const length = this.#size - this.#written;
    if (length === 0) return;
    const index = this.#fill;
    const position = this.#written;
    this.#written = this.#size;
    const writing = this.#queue.then(() => this.writeBlock(this.#buffers[index]!, length, position));
    this.#queue = writing;
    writing.catch(() => undefined); // surfaced when the buffer comes round again, or by flush
    this.#writes[index] = writing;
    this.#fill = (index + 1) % this.#buffers.length;
    await this.#writes[this.#fill];
  }

  /** Writes what is staged (a partial block) and waits for every write. */
  async flush(): Promise<void> {
    await this.#handOver();
    await this.#queue;
  }

  /** Waits for the writes queued, ignoring their failure (for cleanup). */
  async settle(): Promise<void> {
    await this.#queue.catch(() => undefined);
  }
}
