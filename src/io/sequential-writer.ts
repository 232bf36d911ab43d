// A file written front to back. With direct I/O, bytes are staged in four aligned 2 MiB buffers:
// full ones are written (on the thread pool, several at once: a disk answering one O_DIRECT
// request at a time kept the EIF writer waiting a third of the time) while the next fills, every
// write a whole aligned block at an aligned offset; the tail is written padded and the file
// truncated to its exact size. If the kernel refuses a direct transfer, the writer reopens the
// file buffered and carries on (writes in flight then redo theirs on the new descriptor).

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { alignedBuffer, alignUp, directFlag, isDirectRefusal } from './direct-io.js';
import { StagedBlocks } from './staged-blocks.js';

const STAGE = 2 << 20;
const STAGE_BUFFERS = 4;

export class SequentialWriter {
  #handle: FileHandle;
  #direct: boolean;
  readonly #path: string;
  /** Bytes written when not staging (buffered writers). */
  #size = 0;
  readonly #staged: StagedBlocks | undefined;
  #reopening: Promise<void> | undefined;

  private constructor(path: string, handle: FileHandle, direct: boolean, aligned: boolean) {
    this.#path = path;
    this.#handle = handle;
    this.#direct = direct;
    if (direct) {
      // `aligned: false` (tests only) gives buffers the kernel refuses for direct I/O.
      const allocate = aligned ? alignedBuffer : (n: number) => Buffer.allocUnsafeSlow(n);
      this.#staged = new StagedBlocks(STAGE, allocate, (buffer, length, position) => this.#writeBlock(buffer, length, position), STAGE_BUFFERS, true);
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
    return this.#staged ? this.#staged.size : this.#size;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.#staged) return this.#staged.append(bytes);
    await this.#writeAt(bytes, this.#size);
    this.#size += bytes.byteLength;
  }

  /** A staged block: whole blocks as they are, the last one padded to the alignment when direct. */
  async #writeBlock(buffer: Buffer, length: number, position: number): Promise<void> {
    const padded = this.#direct ? alignUp(length) : length;
    buffer.fill(0, length, padded);
    await this.#writeAt(buffer.subarray(0, padded), position, length);
  }

  /** A positional write (buffered writers only: patching a header after the fact). */
  async patch(bytes: Uint8Array, position: number): Promise<void> {
    if (this.#staged) throw new Error('SequentialWriter.patch: not for direct writers');
    await this.#writeAt(bytes, position);
  }

  /**
   * Writes all of `bytes` at `position`; a refused direct write is redone buffered, and then only
   * its first `length` bytes (a padded tail is not needed without direct I/O).
   */
  async #writeAt(bytes: Uint8Array, position: number, length = bytes.byteLength): Promise<void> {
    let data = bytes;
    for (let done = 0; done < data.byteLength; ) {
      const direct = this.#direct;
      try {
        const { bytesWritten } = await this.#handle.write(data, done, data.byteLength - done, position + done);
        done += bytesWritten;
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw error;
        await this.#reopenBuffered();
        data = bytes.subarray(0, length);
      }
    }
  }

  /** Once for all the writes refused together; the old descriptor closes after their writes settle. */
  #reopenBuffered(): Promise<void> {
    this.#reopening ??= (async () => {
      const old = this.#handle;
      this.#handle = await open(this.#path, constants.O_WRONLY);
      this.#direct = false;
      await old.close().catch(() => undefined);
    })();
    return this.#reopening;
  }

  /** Writes what is staged (the last block padded, then the file cut back to its exact size). */
  async finish(): Promise<void> {
    if (!this.#staged) return;
    await this.#staged.flush();
    const { size } = await this.#handle.stat();
    if (size !== this.#staged.size) await this.#handle.truncate(this.#staged.size);
  }

  /** Flushes to disk what the kernel has so far (data only). */
  async datasync(): Promise<void> {
    await this.#handle.datasync();
  }

  async sync(): Promise<void> {
    await this.#handle.sync();
  }

  async close(): Promise<void> {
    await this.#staged?.settle();
    await this.#handle.close();
  }
}
