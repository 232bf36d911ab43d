// One append-only temp file holding the data of every regular file read from the layers, so the
// export walk can stream file data in walk order (positional reads) with memory bounded by the
// number of entries, whatever the sizes.

import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';

export class Spool {
  readonly #dir: string;
  readonly #path: string;
  readonly #out: WriteStream;
  #size = 0;
  #closed = false;
  #error: Error | undefined;

  private constructor(dir: string) {
    this.#dir = dir;
    this.#path = join(dir, 'layers.data');
    this.#out = createWriteStream(this.#path, { flags: 'wx' });
    this.#out.on('error', (error) => {
      this.#error ??= error;
    });
  }

  /** A spool in a fresh private directory under `tempDir`. */
  static async create(tempDir: string): Promise<Spool> {
    return new Spool(await mkdtemp(join(tempDir, 'nitro-eif-image-')));
  }

  /** Appends exactly `size` bytes from `body`; returns their offset. */
  async append(body: AsyncIterable<Uint8Array>, size: number): Promise<number> {
    const offset = this.#size;
    let written = 0;
    for await (const chunk of body) {
      const buf = chunk;
      written += buf.length;
      if (!this.#out.write(buf)) await this.#drained();
    }
    if (this.#error) throw this.#error;
    if (written !== size) throw new Error(`expected ${size} bytes of file data, got ${written}`);
    this.#size += size;
    return offset;
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
  }

  /** Streams `size` bytes at `offset` (after seal). */
  read(offset: number, size: number): AsyncIterable<Uint8Array> {
    if (size === 0) return (async function* () {})();
    return createReadStream(this.#path, { start: offset, end: offset + size - 1, highWaterMark: 1 << 20 });
  }

  /** Deletes the temp directory. Never throws. */
  async dispose(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#out.end();
      await finished(this.#out).catch(() => {});
    }
    await rm(this.#dir, { recursive: true, force: true }).catch(() => {});
  }
}
