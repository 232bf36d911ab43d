// The data of every regular file read from the layers, appended in layer order to temp files, so
// the export walk can stream file data in walk order (positional reads) with memory bounded by the
// number of entries, whatever the sizes.
//
// I/O goes through reused 4 MiB buffers, never one call or one fresh buffer per file: each fs call
// costs a thread-pool hand-off and a wake-up, and fresh buffers cost page faults and GC; both
// showed in profiles as more CPU than the copies themselves. Writes are batched and run on the
// thread pool while the next buffer fills (taking fresh page-cache pages is the costly part);
// reads are synchronous read-ahead (a page-cache copy of a few MiB, and nothing else waits on this
// thread meanwhile: hashing runs on workers).
//
// The spool is cut into 32 MiB segment files. When the reads to come are declared (`expectReads`),
// a segment is deleted as soon as its last expected byte has been read, and segments nobody will
// read (shadowed or deleted files) at once: the spool shrinks while the EIF grows, and the pages
// freed are the ones the EIF's writes reuse (fresh page-cache pages cost several times more).

import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';

/** Write batching and read-ahead size: small files cost no syscall of their own. */
const IO_BUFFER = 4 << 20;
/** Segment file size: the unit of space given back as the walk reads. */
const SEGMENT_SIZE = 32 << 20;
/** Segment files kept open for reading at once. */
const OPEN_READERS = 4;

export class Spool {
  readonly #dir: string;
  /** Bytes appended (buffered ones included). */
  #size = 0;
  /** Bytes on disk; the write buffer holds [#flushed, #size). */
  #flushed = 0;
  #fillBuffer = Buffer.allocUnsafeSlow(IO_BUFFER);
  #spareBuffer = Buffer.allocUnsafeSlow(IO_BUFFER);
  #writing: Promise<void> = Promise.resolve();
  /** After seal: the fill buffer, reused (no more writes). */
  #readBuffer: Buffer | undefined;
  /** The read buffer holds the spool's bytes [#readStart, #readEnd). */
  #readStart = 0;
  #readEnd = 0;
  #writer: { segment: number; handle: FileHandle } | undefined;
  /** Open read descriptors by segment, oldest first. */
  readonly #readers = new Map<number, number>();
  /** Expected bytes still to be read per segment, once declared. */
  #unread: number[] | undefined;
  readonly #released = new Set<number>();
  #sealed = false;
  #disposed = false;

  readonly #segmentSize: number;

  private constructor(dir: string, segmentSize: number) {
    this.#dir = dir;
    this.#segmentSize = segmentSize;
  }

  /** A spool in a fresh private directory under `tempDir` (`segmentSize`: for tests). */
  static async create(tempDir: string, options: { segmentSize?: number } = {}): Promise<Spool> {
    return new Spool(await makeTempDir(tempDir, 'nitro-eif-image-'), options.segmentSize ?? SEGMENT_SIZE);
  }

  /** The directory holding the segment files. */
  get directory(): string {
    return this.#dir;
  }

  /**
   * Appends exactly `size` bytes from `body`; returns their offset and CRC-32 (zlib's), taken as
   * they pass so the ramdisk's CRC can be known before it is written.
   */
  async append(body: AsyncIterable<Uint8Array>, size: number): Promise<{ offset: number; crc32: number }> {
    if (this.#sealed) throw new Error('spool append after seal');
    const offset = this.#size;
    let written = 0;
    let crc = 0;
    for await (const chunk of body) {
      written += chunk.byteLength;
      if (written > size) break;
      if (chunk.byteLength > 0) crc = zlib.crc32(chunk, crc);
      await this.#write(chunk);
    }
    if (written !== size) throw new Error(`expected ${size} bytes of file data, got ${written}`);
    return { offset, crc32: crc >>> 0 };
  }

  /** Copies into the fill buffer; a full one is written on the thread pool while the other fills. */
  async #write(chunk: Uint8Array): Promise<void> {
    for (let at = 0; at < chunk.byteLength; ) {
      const pending = this.#size - this.#flushed;
      const n = Math.min(chunk.byteLength - at, IO_BUFFER - pending);
      this.#fillBuffer.set(chunk.subarray(at, at + n), pending);
      this.#size += n;
      at += n;
      if (this.#size - this.#flushed === IO_BUFFER) await this.#flush();
    }
  }

  /** Starts writing the fill buffer (after the previous write is done) and swaps buffers. */
  async #flush(): Promise<void> {
    const pending = this.#size - this.#flushed;
    if (pending === 0) return;
    await this.#writing;
    const bytes = this.#fillBuffer.subarray(0, pending);
    const position = this.#flushed;
    this.#flushed = this.#size;
    [this.#fillBuffer, this.#spareBuffer] = [this.#spareBuffer, this.#fillBuffer];
    this.#writing = this.#writeAt(bytes, position);
    // Surfaced by the next flush or by seal; never unhandled meanwhile.
    this.#writing.catch(() => undefined);
  }

  /** Writes at a spool offset, split at segment boundaries. */
  async #writeAt(bytes: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < bytes.byteLength; ) {
      const at = position + done;
      const segment = Math.floor(at / this.#segmentSize);
      const within = at - segment * this.#segmentSize;
      const length = Math.min(bytes.byteLength - done, this.#segmentSize - within);
      const { bytesWritten } = await (await this.#writerFor(segment)).write(bytes, done, length, within);
      done += bytesWritten;
    }
  }

  async #writerFor(segment: number): Promise<FileHandle> {
    if (this.#writer?.segment === segment) return this.#writer.handle;
    await this.#closeWriter();
    const handle = await open(this.#segmentPath(segment), 'wx', 0o600);
    this.#writer = { segment, handle };
    return handle;
  }

  async #closeWriter(): Promise<void> {
    const writer = this.#writer;
    this.#writer = undefined;
    await writer?.handle.close();
  }

  #segmentPath(segment: number): string {
    return join(this.#dir, `segment-${String(segment).padStart(6, '0')}.data`);
  }

  /** Flushes the writes: call once before reading. */
  async seal(): Promise<void> {
    if (this.#sealed) return;
    await this.#flush();
    await this.#writing;
    await this.#closeWriter();
    this.#readBuffer = this.#fillBuffer;
    this.#sealed = true;
  }

  /**
   * Declares every read to come, as [offset, size] ranges (a range read twice is declared twice).
   * From then on each segment is deleted once its declared bytes have been read, and a segment
   * with none is deleted now; reading outside what was declared is an error.
   */
  expectReads(ranges: Iterable<readonly [offset: number, size: number]>): void {
    if (!this.#sealed) throw new Error('spool expectReads before seal');
    const unread = new Array<number>(Math.ceil(this.#size / this.#segmentSize)).fill(0);
    for (const [offset, size] of ranges) this.#overlaps(offset, size, (segment, n) => (unread[segment]! += n));
    this.#unread = unread;
    unread.forEach((n, segment) => n === 0 && this.#release(segment));
  }

  /** Calls `f(segment, bytes)` for each segment [offset, offset + size) overlaps. */
  #overlaps(offset: number, size: number, f: (segment: number, bytes: number) => void): void {
    for (let at = offset, end = offset + size; at < end; ) {
      const segment = Math.floor(at / this.#segmentSize);
      const stop = Math.min(end, (segment + 1) * this.#segmentSize);
      f(segment, stop - at);
      at = stop;
    }
  }

  /**
   * Streams `size` bytes at `offset` (after seal). Chunks are views into a reused buffer: each is
   * valid until the next one is asked for (every consumer hashes, copies or writes it at once).
   */
  async *read(offset: number, size: number): AsyncGenerator<Uint8Array> {
    if (size > 0 && !this.#sealed) throw new Error('spool read before seal');
    if (offset < 0 || offset + size > this.#size) throw new Error(`spool read [${offset}, ${offset + size}) outside [0, ${this.#size})`);
    for (let at = offset, end = offset + size; at < end; ) {
      if (at < this.#readStart || at >= this.#readEnd) this.#fill(at);
      const stop = Math.min(end, this.#readEnd);
      const view = this.#readBuffer!.subarray(at - this.#readStart, stop - this.#readStart);
      this.#consumed(at, stop - at);
      at = stop;
      yield view;
    }
  }

  /** Reads ahead from `at` to at most the end of its segment: the next small files come from memory. */
  #fill(at: number): void {
    const segment = Math.floor(at / this.#segmentSize);
    if (this.#released.has(segment)) throw new Error(`spool segment ${segment} was released: offset ${at} read more often than declared`);
    const within = at - segment * this.#segmentSize;
    const length = Math.min(IO_BUFFER, this.#segmentSize - within, this.#size - at);
    const fd = this.#readerFor(segment);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, this.#readBuffer!, got, length - got, within + got);
      if (n === 0) throw new Error(`spool ends at ${at + got}, expected ${length - got} more bytes`);
      got += n;
    }
    this.#readStart = at;
    this.#readEnd = at + got;
  }

  #readerFor(segment: number): number {
    const open = this.#readers.get(segment);
    if (open !== undefined) return open;
    if (this.#readers.size >= OPEN_READERS) {
      const [oldest, fd] = this.#readers.entries().next().value!;
      closeSync(fd);
      this.#readers.delete(oldest);
    }
    const fd = openSync(this.#segmentPath(segment), 'r');
    this.#readers.set(segment, fd);
    return fd;
  }

  #consumed(offset: number, size: number): void {
    const unread = this.#unread;
    if (!unread) return;
    this.#overlaps(offset, size, (segment, n) => {
      const left = (unread[segment] ?? 0) - n;
      if (left < 0) throw new Error(`spool segment ${segment} read beyond the declared reads`);
      unread[segment] = left;
      if (left === 0) this.#release(segment);
    });
  }

  /** Deletes a segment file: its page-cache pages are freed for the writes to come. */
  #release(segment: number): void {
    if (this.#released.has(segment)) return;
    this.#released.add(segment);
    const fd = this.#readers.get(segment);
    if (fd !== undefined) closeSync(fd);
    this.#readers.delete(segment);
    try {
      unlinkSync(this.#segmentPath(segment));
    } catch {
      // never written (an empty tail) or already gone: nothing to free
    }
  }

  /** Deletes the temp directory. Never throws. */
  async dispose(): Promise<void> {
    if (!this.#disposed) {
      this.#disposed = true;
      this.#sealed = true;
      await this.#writing.catch(() => undefined);
      await this.#closeWriter().catch(() => undefined);
      const fds = [...this.#readers.values()];
      this.#readers.clear();
      for (const fd of fds) {
        try {
          closeSync(fd);
        } catch {
          // already closed: nothing to release
        }
      }
    }
    await removeTempDir(this.#dir);
  }
}
