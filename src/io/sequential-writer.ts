// A file written front to back, in one of two ways:
// - appended (buffered I/O): any sizes, and a header may be patched afterwards;
// - in blocks (`blocks: true`): the caller hands over whole blocks of aligned memory (the EIF
//   writer's hashing slots), written as they are with O_DIRECT where the system allows it,
//   several at once (a disk answering one O_DIRECT request at a time kept the EIF writer waiting
//   a third of the time), the short last one padded and the file cut back to its exact size. No
//   copy of the bytes is made. If the kernel refuses a direct transfer, the writer reopens the
//   file buffered and carries on (writes in flight then redo theirs on the new descriptor).

import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { alignUp, DIRECT_ALIGN, directFlag, isDirectRefusal } from './direct-io.js';

/** A write to the file failed (a full disk, an I/O error); `cause` is the system error. */
export class WriteFailed extends Error {
  constructor(cause: unknown) {
    super((cause as Error).message, { cause });
    this.name = 'WriteFailed';
  }
}

/** `operation`'s failure as a WriteFailed (the caller names the file in one line). */
async function failsAsWrite(operation: Promise<void>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    throw new WriteFailed(error);
  }
}

export class SequentialWriter {
  #handle: FileHandle;
  #direct: boolean;
  readonly #path: string;
  /** Bytes appended, or handed over in blocks. */
  #size = 0;
  /** The caller writes whole aligned blocks (writeBlock) instead of appending. */
  readonly #blocks: boolean;
  #reopening: Promise<void> | undefined;
  /** Every block write so far (rejects if one failed). */
  #blockWrites: Promise<void> = Promise.resolve();
  /** The first block write that failed: the next writeBlock throws it (a full disk stops the build at once). */
  #blockError: Error | undefined;

  private constructor(path: string, handle: FileHandle, direct: boolean, blocks: boolean) {
    this.#path = path;
    this.#handle = handle;
    this.#direct = direct;
    this.#blocks = blocks;
  }

  /**
   * Creates `path` (which must not exist). `blocks`: the caller writes whole blocks, with O_DIRECT
   * unless `direct` is false or the system refuses it; appended writers are always buffered.
   */
  static async create(path: string, options: { blocks?: boolean; direct?: boolean; mode?: number } = {}): Promise<SequentialWriter> {
    const blocks = options.blocks === true;
    const mode = options.mode ?? 0o644;
    const base = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    const flag = blocks && options.direct !== false ? directFlag() : undefined;
    if (flag !== undefined) {
      try {
        return new SequentialWriter(path, await open(path, base | flag, mode), true, true);
      } catch (error) {
        if (!isDirectRefusal(error)) throw error;
      }
    }
    return new SequentialWriter(path, await open(path, base, mode), false, blocks);
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
    return this.#size;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.#blocks) throw new Error('SequentialWriter.append: this writer takes whole blocks (writeBlock)');
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
    const padded = this.#direct ? alignUp(length) : length;
    block.fill(0, length, padded);
    const writing = this.#writeAt(block.subarray(0, padded), position, length);
    // Recorded here; the caller may only wait for it to settle.
    writing.catch((error: unknown) => void (this.#blockError ??= error as Error));
    this.#blockWrites = Promise.all([this.#blockWrites, writing]).then(() => undefined);
    this.#blockWrites.catch(() => undefined); // surfaced by finish()
    return writing;
  }

  /** A positional write (appended writers only: patching a header after the fact). */
  async patch(bytes: Uint8Array, position: number): Promise<void> {
    if (this.#blocks) throw new Error('SequentialWriter.patch: not for block writers');
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

  /** Block writers: waits for every block, then cuts a padded last block back to the exact size. */
  async finish(): Promise<void> {
    if (!this.#blocks) return;
    await this.#blockWrites;
    const { size } = await this.#handle.stat();
    if (size !== this.#size) await failsAsWrite(this.#handle.truncate(this.#size));
  }

  /**
   * Flushes to disk what the kernel has so far (data only). A failed flush (EIO, a full
   * thin-provisioned disk) fails like a write, as does a failed sync().
   */
  async datasync(): Promise<void> {
    await failsAsWrite(this.#handle.datasync());
  }

  async sync(): Promise<void> {
    await failsAsWrite(this.#handle.sync());
  }

  async close(): Promise<void> {
    await this.#blockWrites.catch(() => undefined);
    await this.#handle.close();
  }
}
