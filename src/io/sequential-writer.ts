// A file written front to back. With direct I/O, bytes are staged in two aligned 4 MiB buffers:
// one is written (on the thread pool) while the other fills, every write a whole aligned block at
// an aligned offset; the tail is written padded and the file truncated to its exact size. If the
// kernel refuses a direct transfer, the writer reopens the file buffered and carries on.

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { alignedBuffer, alignUp, directFlag, isDirectRefusal } from './direct-io.js';

const STAGE = 2 << 20;

export class SequentialWriter {
  #handle: FileHandle;
  #direct: boolean;
  readonly #path: string;
  /** Bytes appended so far (staged ones included). */
  #size = 0;
  /** Bytes handed to the kernel; the fill buffer holds [#written, #size). */
  #written = 0;
  #fill: Buffer | undefined;
  #spare: Buffer | undefined;
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string, handle: FileHandle, direct: boolean, aligned: boolean) {
    this.#path = path;
    this.#handle = handle;
    this.#direct = direct;
    if (direct) {
      // `aligned: false` (tests only) gives buffers the kernel refuses for direct I/O.
      const buffer = aligned ? alignedBuffer : (n: number) => Buffer.allocUnsafeSlow(n);
      this.#fill = buffer(STAGE);
      this.#spare = buffer(STAGE);
    }
  }

  /** Creates `path` (which must not exist), direct when asked and the system allows it. */
  static async create(path: string, options: { direct: boolean; mode?: number; alignedBuffers?: boolean }): Promise<SequentialWriter> {
    const mode = options.mode ?? 0o644;
    const base = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    const flag = options.direct ? directFlag() : undefined;
    if (flag !== undefined) {
      try {
        return new SequentialWriter(path, await open(path, base | flag, mode), true, options.alignedBuffers !== false);
      } catch (error) {
        if (!isDirectRefusal(error)) throw error;
      }
    }
    return new SequentialWriter(path, await open(path, base, mode), false, true);
  }

  /** Whether writes still bypass the page cache. */
  get direct(): boolean {
    return this.#direct;
  }

  get size(): number {
    return this.#size;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (!this.#fill) {
      await this.#writeAt(bytes, this.#size);
      this.#size += bytes.byteLength;
      return;
    }
    for (let at = 0; at < bytes.byteLength; ) {
      const staged = this.#size - this.#written;
      const n = Math.min(bytes.byteLength - at, STAGE - staged);
      this.#fill.set(bytes.subarray(at, at + n), staged);
      this.#size += n;
      at += n;
      if (this.#size - this.#written === STAGE) await this.#flushStage();
    }
  }

  /** Writes the fill buffer in the background (after the previous write) and swaps buffers. */
  async #flushStage(): Promise<void> {
    await this.#writing;
    const block = this.#fill!;
    const position = this.#written;
    this.#written = this.#size;
    [this.#fill, this.#spare] = [this.#spare, this.#fill];
    this.#writing = this.#writeAt(block, position);
    this.#writing.catch(() => undefined); // surfaced by the next flush or by finish
  }

  /** A positional write (buffered writers only: patching a header after the fact). */
  async patch(bytes: Uint8Array, position: number): Promise<void> {
    if (this.#fill) throw new Error('SequentialWriter.patch: not for direct writers');
    await this.#writeAt(bytes, position);
  }

  /** Writes all of `bytes` at `position`; a refused direct write is redone buffered. */
  async #writeAt(bytes: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < bytes.byteLength; ) {
      try {
        const { bytesWritten } = await this.#handle.write(bytes, done, bytes.byteLength - done, position + done);
        done += bytesWritten;
      } catch (error) {
        if (!this.#direct || !isDirectRefusal(error)) throw error;
        await this.#reopenBuffered();
      }
    }
  }

  async #reopenBuffered(): Promise<void> {
    const old = this.#handle;
    this.#handle = await open(this.#path, constants.O_WRONLY);
    this.#direct = false;
    await old.close().catch(() => undefined);
  }

  /** Writes what is staged (the last block padded, then cut back to the exact size). */
  async finish(): Promise<void> {
    await this.#writing;
    if (!this.#fill) return;
    const staged = this.#size - this.#written;
    if (staged > 0) {
      const padded = this.#direct ? alignUp(staged) : staged;
      this.#fill.fill(0, staged, padded);
      await this.#writeAt(this.#fill.subarray(0, padded), this.#written);
      this.#written = this.#size;
      if (padded !== staged) await this.#handle.truncate(this.#size);
    }
  }

  /** Flushes to disk what the kernel has so far (data only). */
  async datasync(): Promise<void> {
    await this.#handle.datasync();
  }

  async sync(): Promise<void> {
    await this.#handle.sync();
  }

  async close(): Promise<void> {
    await this.#writing.catch(() => undefined);
    await this.#handle.close();
  }
}
