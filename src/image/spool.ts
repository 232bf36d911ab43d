// One append-only temp file holding the data of every regular file read from the layers, so the
// export walk can stream file data in walk order (positional reads) with memory bounded by the
// number of entries, whatever the sizes.

import { createWriteStream, type WriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';

/** Large reads and writes: one syscall per MiB, not per 16/64 KiB. */
const IO_CHUNK = 1 << 20;

export class Spool {
  readonly #dir: string;
  readonly #path: string;
  readonly #out: WriteStream;
  #size = 0;
  #closed = false;
  /** One handle for every read after seal (opening the file per entry cost an open/close each). */
  #reader: FileHandle | undefined;
  #error: Error | undefined;

  private constructor(dir: string) {
    this.#dir = dir;
    this.#path = join(dir, 'layers.data');
    this.#out = createWriteStream(this.#path, { flags: 'wx', highWaterMark: IO_CHUNK });
    this.#out.on('error', (error) => {
      this.#error ??= error;
    });
  }

  /** A spool in a fresh private directory under `tempDir`. */
  static async create(tempDir: string): Promise<Spool> {
    return new Spool(await makeTempDir(tempDir, 'nitro-eif-image-'));
  }

  /**
   * Appends exactly `size` bytes from `body`; returns their offset and CRC-32 (zlib's), taken as
   * they pass so the ramdisk's CRC can be known before it is written.
   */
  async append(body: AsyncIterable<Uint8Array>, size: number): Promise<{ offset: number; crc32: number }> {
    const offset = this.#size;
    let written = 0;
    let crc = 0;
    for await (const chunk of body) {
      written += chunk.length;
      if (chunk.length > 0) crc = zlib.crc32(chunk, crc);
      if (!this.#out.write(chunk)) await this.#drained();
    }
    if (this.#error) throw this.#error;
    if (written !== size) throw new Error(`expected ${size} bytes of file data, got ${written}`);
    this.#size += size;
    return { offset, crc32: crc >>> 0 };
  }

  #drained(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.#error) return reject(this.#error);
      const done = (error?: Error): void => {
        this.#out.off('drain', done).off('error', done);
        if (error) reject(error);
        else resolve();
      };
      this.#out.on('drain', done).on('error', done);
    });
  }

  /** Flushes the writes: call once before reading. */
  async seal(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#out.end();
    await finished(this.#out);
    this.#reader = await open(this.#path, 'r');
  }

  /** Streams `size` bytes at `offset` (after seal), in fresh chunks the consumer may keep. */
  async *read(offset: number, size: number): AsyncGenerator<Uint8Array> {
    const reader = this.#reader;
    if (size > 0 && !reader) throw new Error('spool read before seal');
    for (let at = offset, left = size; left > 0; ) {
      const length = Math.min(left, IO_CHUNK);
      const buffer = length < 4096 ? Buffer.allocUnsafe(length) : Buffer.allocUnsafeSlow(length);
      const { bytesRead } = await reader!.read(buffer, 0, length, at);
      if (bytesRead === 0) throw new Error(`spool ends at ${at}, expected ${left} more bytes`);
      yield buffer.subarray(0, bytesRead);
      at += bytesRead;
      left -= bytesRead;
    }
  }

  /** Deletes the temp directory. Never throws. */
  async dispose(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#out.end();
      await finished(this.#out).catch(() => {});
    }
    await this.#reader?.close().catch(() => {});
    this.#reader = undefined;
    await removeTempDir(this.#dir);
  }
}
