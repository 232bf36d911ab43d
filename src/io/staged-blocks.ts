// Two reused buffers between a producer of small chunks and large block writes: chunks are copied
// into the fill buffer; a full one is handed to `writeBlock` (which runs in the background, on the
// thread pool) while the other fills. Block writes start at multiples of the buffer size, which
// keeps them aligned for direct I/O; only the last, partial block (flush) is shorter.

export type BlockWriter = (buffer: Buffer, length: number, position: number) => Promise<void>;

export class StagedBlocks {
  #fill: Buffer;
  #spare: Buffer;
  /** Bytes appended so far (staged ones included). */
  #size = 0;
  /** Bytes handed to writeBlock; the fill buffer holds [#written, #size). */
  #written = 0;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    readonly blockSize: number,
    allocate: (size: number) => Buffer,
    readonly writeBlock: BlockWriter,
  ) {
    this.#fill = allocate(blockSize);
    this.#spare = allocate(blockSize);
  }

  get size(): number {
    return this.#size;
  }

  /** The two buffers, for reuse once everything is flushed. */
  get buffers(): readonly [Buffer, Buffer] {
    return [this.#fill, this.#spare];
  }

  async append(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.byteLength; ) {
      const staged = this.#size - this.#written;
      const n = Math.min(bytes.byteLength - at, this.blockSize - staged);
      this.#fill.set(bytes.subarray(at, at + n), staged);
      this.#size += n;
      at += n;
      if (this.#size - this.#written === this.blockSize) await this.#handOver();
    }
  }

  /** Starts writing the fill buffer (once the previous write is done) and swaps buffers. */
  async #handOver(): Promise<void> {
    const length = this.#size - this.#written;
    if (length === 0) return;
    await this.#writing;
    const block = this.#fill;
    const position = this.#written;
    this.#written = this.#size;
    [this.#fill, this.#spare] = [this.#spare, this.#fill];
    this.#writing = this.writeBlock(block, length, position);
    this.#writing.catch(() => undefined); // surfaced by the next hand-over or by flush
  }

  /** Writes what is staged (a partial block) and waits for every write. */
  async flush(): Promise<void> {
    await this.#handOver();
    await this.#writing;
  }

  /** Waits for the write in flight, ignoring its failure (for cleanup). */
  async settle(): Promise<void> {
    await this.#writing.catch(() => undefined);
  }
}
