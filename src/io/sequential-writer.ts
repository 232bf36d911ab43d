// A file written front to back. With direct I/O, bytes are staged in four aligned 2 MiB buffers:
// full ones are written (on the thread pool, several at once: a disk answering one O_DIRECT
// request at a time kept the EIF writer waiting a third of the time) while the next fills, every
// write a whole aligned block at an aligned offset; the tail is written padded and the file
// truncated to its exact size. If the kernel refuses a direct transfer, the writer reopens the
// file buffered and carries on (writes in flight then redo theirs on the new descriptor).
//
// A writer made with `blocks: true` stages nothing: the caller hands it whole blocks of aligned
// memory (writeBlock), as the EIF writer does with its hashing slots, saving a copy of every byte.

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { alignedBuffer, alignUp, DIRECT_ALIGN, directFlag, isDirectRefusal, misalignedBuffer } from './direct-io.js';
import { StagedBlocks } from './staged-blocks.js';

const STAGE = 2 << 20;

/** A write to the file failed (a full disk, an I/O error); `cause` is the system error. */
export class WriteFailed extends Error {
  constructor(cause: unknown) {
    super((cause as Error).message, { cause });
    this.name = 'WriteFailed';
  }
}
const STAGE_BUFFERS = 4;

export class SequentialWriter {
  #handle: FileHandle;
  #direct: boolean;
  readonly #path: string;
  /** Bytes written when not staging (buffered writers). */
  #size = 0;
  readonly #staged: StagedBlocks | undefined;
  /** The caller writes whole aligned blocks (writeBlock) instead of appending. */
  readonly #blocks: boolean;
  #reopening: Promise<void> | undefined;
  /** Every block write so far (rejects if one failed). */
  #blockWrites: Promise<void> = Promise.resolve();
  /** The first block write that failed: the next writeBlock throws it (a full disk stops the build at once). */
  #blockError: Error | undefined;

  private constructor(path: string, handle: FileHandle, direct: boolean, aligned: boolean, blocks: boolean) {
    this.#path = path;
    this.#handle = handle;
    this.#direct = direct;
    this.#blocks = blocks;
    if (direct && !blocks) {
      // `aligned: false` (tests only) gives buffers the kernel refuses for direct I/O.
      const allocate = aligned ? alignedBuffer : misalignedBuffer;
      this.#staged = new StagedBlocks(STAGE, allocate, (buffer, length, position) => this.#writeBlock(buffer, length, position), STAGE_BUFFERS, true);
    }
  }

  /** Creates `path` (which must not exist), direct when asked and the system allows it. */
  static async create(
    path: string, options: { direct: boolean; blocks?: boolean; mode?: number; alignedBuffers?: boolean },
  ): Promise<SequentialWriter> {
    const blocks = options.blocks === true;
    const mode = options.mode ?? 0o644;
    const base = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    const flag = options.direct ? directFlag() : undefined;
    if (flag !== undefined) {
      try {
        return new SequentialWriter(path, await open(path, base | flag, mode), true, options.alignedBuffers !== false, blocks);
      } catch (error) {
        if (!isDirectRefusal(error)) throw error;
      }
    }
    return new SequentialWriter(path, await open(path, base, mode), false, true, blocks);
  }

  /** Whether the caller writes whole blocks (writeBlock) rather than appending. */
  get takesBlocks(): boolean {
    return this.#blocks;
  }

  /** Whether writes still bypass the page cache. */
  get direct(): boolean {
    return this.#direct;
  }

  get size(): number {
    return this.#staged ? this.#staged.size : this.#size;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.#blocks) throw new Error('SequentialWriter.append: this writer takes whole blocks (writeBlock)');
    if (this.#staged) return this.#staged.append(bytes);
    await this.#writeAt(bytes, this.#size);
    this.#size += bytes.byteLength;
  }

  /**
   * Writes the first `length` bytes of `block` at the end of the file; the write runs in the
   * background and several may be in flight. `block` must be aligned memory whose size is a
   * multiple of DIRECT_ALIGN, and every block but the last must be whole (`length` the block's
   * size, a multiple of DIRECT_ALIGN): a short last block is written padded and cut back by
   * finish(). Keep `block` unchanged until the returned promise settles. Throws, without
   * writing, once an earlier block's write has failed.
   */
  writeBlock(block: Buffer, length: number): Promise<void> {
    if (!this.#blocks) throw new Error('SequentialWriter.writeBlock: this writer was not made with blocks: true');
    if (this.#size % DIRECT_ALIGN !== 0) throw new Error('SequentialWriter.writeBlock: a block after a short one');
    if (this.#blockError) throw this.#blockError;
    const position = this.#size;
    this.#size += length;
    const writing = this.#writeBlock(block, length, position);
    writing.catch((error: unknown) => void (this.#blockError ??= error as Error));
    this.#blockWrites = Promise.all([this.#blockWrites, writing]).then(() => undefined);
    this.#blockWrites.catch(() => undefined); // surfaced by finish()
    writing.catch(() => undefined); // the caller may only wait for it to settle
    return writing;
  }

  /** A block: whole blocks as they are, the last one padded to the alignment when direct. */
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
        if (!direct || !isDirectRefusal(error)) throw new WriteFailed(error);
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
    if (!this.#staged && !this.#blocks) return;
    await this.#staged?.flush();
    await this.#blockWrites;
    const { size } = await this.#handle.stat();
    if (size !== this.size) await this.#handle.truncate(this.size);
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
    await this.#blockWrites.catch(() => undefined);
    await this.#handle.close();
  }
}
