// The data of every regular file read from the layers, appended in layer order to temp files, so
// the export walk can stream file data in walk order (positional reads) with memory bounded by the
// number of entries, whatever the sizes.
//
// I/O goes through eight reused 2 MiB buffers, never one call or one fresh buffer per file: each fs
// call costs a thread-pool hand-off and a wake-up, and fresh buffers cost page faults and GC; both
// showed in profiles as more CPU than the copies themselves. Writes are whole blocks, written on
// the thread pool while the next buffer fills; reads fill windows of up to 2 MiB holding the next
// declared reads, so the next small files come from memory. On Linux both use O_DIRECT (io/direct-io.ts): each byte is written once and
// read once, so the page cache would only cost fresh pages; a refusal falls back to buffered I/O.
//
// Layers can be expanded side by side: each expansion appends to a region of its own (its own
// segment files and half of the write buffers), placed in the spool's offsets, in layer order, once
// the region before it is complete; the reads see one spool.
//
// The spool is cut into 32 MiB segment files. When the reads to come are declared (`expectReads`),
// a segment is deleted as soon as its last expected byte has been read, and segments nobody will
// read (shadowed or deleted files) at once, so the spool shrinks while the EIF grows; the windows
// the declared reads need next are read in the background while the current one is served.

import { closeSync, constants, openSync, read as readAsync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import { crc32 } from '../io/crc32.js';
import { alignDown, alignedBuffer, alignUp, DIRECT_ALIGN, directFlag, isDirectRefusal, misalignedBuffer } from '../io/direct-io.js';
import { StagedBlocks } from '../io/staged-blocks.js';
import { UserError } from '../errors.js';

/** Write batching and read-ahead size: small files cost no syscall of their own. */
const IO_BUFFER = 2 << 20;
/**
 * Buffers of IO_BUFFER bytes: the writer runs up to seven blocks ahead of the disk, and the reader
 * has seven windows in flight along the declared reads. With one in flight, reads of the EIF stage
 * waited 0.6-0.9 s per GiB on this project's benchmark machine; with three 4 MiB ones, under
 * 0.1 s. Windows now end where the declared reads stop being contiguous (often well short of a
 * buffer), so there are more of them, smaller: 8 × 2 MiB keeps as many bytes ahead as 4 × 4 MiB did.
 */
const IO_BUFFERS = 8;
/**
 * A window goes on past the end of one declared read to the next one if that starts at most this
 * far on (a hole left by a deleted or shadowed file): one request instead of two.
 */
const READ_GAP = 128 << 10;
/** Segment file size: the unit of space given back as the walk reads. */
const SEGMENT_SIZE = 32 << 20;
/** Segment files kept open for reading at once. */
const OPEN_READERS = 4;

export interface SpoolOptions {
  /** Segment file size (a multiple of 4 KiB); tests use small ones. */
  readonly segmentSize?: number;
  /** Direct I/O where the system allows it (default); false for buffered I/O. */
  readonly direct?: boolean;
  /** Tests only: false gives unaligned buffers, which the kernel refuses for direct I/O. */
  readonly alignedBuffers?: boolean;
}

/** A sequence of appended data in segment files of its own: the spool's own appends, or a region's. */
interface Lane {
  /** Segment file name prefix ('' for the spool's own appends). */
  readonly prefix: string;
  /** Appended data, written in IO_BUFFER blocks while the next fills. */
  readonly staged: StagedBlocks;
  /** The open segment file; `direct`: opened with O_DIRECT (another lane may have stopped it since). */
  writer: { segment: number; handle: FileHandle; direct: boolean } | undefined;
  /** Spool offset of the lane's byte 0 once placed; its first segment is base / segment size. */
  base: number | undefined;
  finished: boolean;
}

/** Appends of one layer expansion, in a region of the spool (see `Spool.region`). */
export class SpoolRegion {
  /** @internal */
  constructor(
    readonly lane: Lane,
    readonly appendTo: (lane: Lane, body: AsyncIterable<Uint8Array>, size: number) => Promise<{ offset: number; crc32: number }>,
  ) {}

  /** As `Spool.append`; the offset is within the region (add the base `Spool.place` gives). */
  append(body: AsyncIterable<Uint8Array>, size: number): Promise<{ offset: number; crc32: number }> {
    return this.appendTo(this.lane, body, size);
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.lane.staged.size;
  }
}

export class Spool {
  readonly #dir: string;
  /** The spool's own appends (`append`), made on the first one; exclusive with regions. */
  #own: Lane | undefined;
  /** Regions made so far; `#placed`: those placed, in spool order. */
  readonly #regions: Lane[] = [];
  readonly #placed: Lane[] = [];
  /** Write buffers not in use by a lane: the read buffers after seal. */
  readonly #pool: Buffer[];
  /** After seal: one of the write buffers, reused (no more writes). */
  #readBuffer: Buffer | undefined;
  /** The read buffer holds the spool's bytes [#readStart, #readEnd). */
  #readStart = 0;
  #readEnd = 0;
  /** Open read descriptors by segment, oldest first. */
  readonly #readers = new Map<number, number>();
  /** Expected bytes still to be read per segment, once declared. */
  #unread: number[] | undefined;
  readonly #released = new Set<number>();
  /** Segment deletions under way (on the thread pool: deleting a 32 MiB file can block for tens of ms). */
  readonly #deleting = new Set<Promise<void>>();
  #sealed = false;
  #disposed = false;
  /** Declared reads (non-empty) in order; `#cursor` is the next one, `#current` the one being read (-1: off plan). */
  #plan: Array<readonly [number, number]> | undefined;
  #cursor = 0;
  #current = -1;
  /** After seal: the other write buffers, free for prefetches. */
  #spareBuffers: Buffer[] = [];
  /** Reads in flight along the plan, in plan order; `end` is where a window's needed bytes end. */
  #prefetches: Array<{ start: number; end: number; buffer: Buffer; done: Promise<number> }> = [];
  readonly #fills = { prefetched: 0, waited: 0, bytes: 0 };

  readonly #segmentSize: number;
  /** O_DIRECT flag while direct I/O is in use; 0 after the kernel refused it (or never). */
  #directFlag: number;

  private constructor(dir: string, options: SpoolOptions) {
    this.#dir = dir;
    this.#segmentSize = options.segmentSize ?? SEGMENT_SIZE;
    if (this.#segmentSize % DIRECT_ALIGN !== 0) throw new RangeError(`spool segment size ${this.#segmentSize} is not a multiple of ${DIRECT_ALIGN}`);
    this.#directFlag = options.direct === false ? 0 : (directFlag() ?? 0);
    // Aligned memory for direct I/O; `alignedBuffers: false` (tests) makes the kernel refuse it.
    const buffer = options.alignedBuffers === false ? misalignedBuffer : alignedBuffer;
    this.#pool = Array.from({ length: IO_BUFFERS }, () => buffer(IO_BUFFER));
  }

  /** A lane taking `count` buffers from the pool. */
  #lane(prefix: string, count: number): Lane {
    if (this.#sealed) throw new Error('spool append after seal');
    if (this.#pool.length < count) throw new Error('spool: no write buffers left for another region');
    const buffers = this.#pool.splice(0, count);
    const lane: Lane = {
      prefix, base: undefined, finished: false, writer: undefined,
      staged: new StagedBlocks(IO_BUFFER, () => buffers.pop()!, (block, length, position) => this.#writeAt(lane, block, length, position), count),
    };
    return lane;
  }

  /**
   * A region for one layer expansion to append to, side by side with another (at most two at once:
   * each takes half of the write buffers until `finish`). Not with `append`.
   */
  region(): SpoolRegion {
    if (this.#own) throw new Error('spool: regions after appends');
    const lane = this.#lane(`r${String(this.#regions.length).padStart(4, '0')}-`, IO_BUFFERS / 2);
    this.#regions.push(lane);
    return new SpoolRegion(lane, (l, body, size) => this.#append(l, body, size));
  }

  /** Writes out a region's last data and gives its buffers back; no more appends to it. */
  async finish(region: SpoolRegion): Promise<void> {
    await this.#finish(region.lane);
  }

  async #finish(lane: Lane): Promise<void> {
    if (lane.finished) return;
    lane.finished = true;
    await lane.staged.flush();
    await this.#closeWriter(lane);
    this.#pool.push(...lane.staged.buffers);
  }

  /**
   * Gives a region its place in the spool's offsets, after the regions placed before it, which
   * must be finished; returns its base (a region's offset + base = the spool offset).
   */
  place(region: SpoolRegion): number {
    const lane = region.lane;
    if (lane.base !== undefined) return lane.base;
    const last = this.#placed[this.#placed.length - 1];
    if (last && !last.finished) throw new Error('spool: a region placed before the one ahead of it is finished');
    // Segment-aligned: each segment file belongs to one region.
    lane.base = last ? Math.ceil((last.base! + last.staged.size) / this.#segmentSize) * this.#segmentSize : 0;
    this.#placed.push(lane);
    return lane.base;
  }

  /** The spool's size: the end of its own appends, or of the last region placed. */
  get #size(): number {
    if (this.#own) return this.#own.staged.size;
    const last = this.#placed[this.#placed.length - 1];
    return last ? last.base! + last.staged.size : 0;
  }

  /** A spool in a fresh private directory under `tempDir`. */
  static async create(tempDir: string, options: SpoolOptions = {}): Promise<Spool> {
    return new Spool(await makeTempDir(tempDir, 'nitro-eif-image-'), options);
  }

  /**
   * Read-buffer refills so far: from a prefetch, or waited for; and the bytes read from disk for
   * them (for tests and benchmarks).
   */
  get fills(): { readonly prefetched: number; readonly waited: number; readonly bytes: number } {
    return { ...this.#fills };
  }

  /** Whether segment files are still written and read with O_DIRECT. */
  get direct(): boolean {
    return this.#directFlag !== 0;
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
    if (this.#regions.length > 0) throw new Error('spool: appends after regions');
    if (!this.#own) {
      this.#own = this.#lane('', IO_BUFFERS);
      this.#own.base = 0;
      this.#placed.push(this.#own);
    }
    return this.#append(this.#own, body, size);
  }

  async #append(lane: Lane, body: AsyncIterable<Uint8Array>, size: number): Promise<{ offset: number; crc32: number }> {
    if (this.#sealed || lane.finished) throw new Error('spool append after seal');
    const offset = lane.staged.size;
    let written = 0;
    let crc = 0;
    for await (const chunk of body) {
      written += chunk.byteLength;
      if (written > size) break;
      crc = crc32(chunk, crc);
      await lane.staged.append(chunk);
    }
    if (written !== size) throw new Error(`expected ${size} bytes of file data, got ${written}`);
    return { offset, crc32: crc };
  }

  /**
   * Writes `buffer`'s first `length` bytes at a lane offset (a multiple of IO_BUFFER), split at
   * segment boundaries. With direct I/O a short last piece is written padded to the alignment
   * (bytes past the lane's size are never read).
   */
  async #writeAt(lane: Lane, buffer: Buffer, length: number, position: number): Promise<void> {
    for (let done = 0; done < length; ) {
      const at = position + done;
      const segment = Math.floor(at / this.#segmentSize);
      const within = at - segment * this.#segmentSize;
      const piece = Math.min(length - done, this.#segmentSize - within);
      const { handle, direct } = await this.#writerFor(lane, segment);
      try {
        const count = direct ? alignUp(piece) : piece;
        const { bytesWritten } = await handle.write(buffer, done, count, within);
        done += Math.min(bytesWritten, piece);
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw this.#writeFailed(error);
        await this.#refuseDirect(lane);
      }
    }
  }

  /** A failed spool write (typically a full disk) as one line naming the directory and what it needs. */
  #writeFailed(error: unknown): UserError {
    return new UserError(
      `temporary directory ${this.#dir}: cannot write the image's files: ${(error as Error).message} ` +
        "(it needs about the image's uncompressed size free; set TMPDIR to a larger disk)",
      { cause: error },
    );
  }

  async #writerFor(lane: Lane, segment: number): Promise<{ handle: FileHandle; direct: boolean }> {
    if (lane.writer?.segment === segment) return lane.writer;
    await this.#closeWriter(lane);
    const path = this.#lanePath(lane.prefix, segment);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    let handle: FileHandle;
    let direct = this.direct;
    try {
      handle = await open(path, flags | this.#directFlag, 0o600);
    } catch (error) {
      if (!direct || !isDirectRefusal(error)) throw error;
      this.#stopDirect();
      direct = false;
      handle = await open(path, flags, 0o600);
    }
    lane.writer = { segment, handle, direct };
    return lane.writer;
  }

  /** The kernel refused a direct write: buffered I/O from now on (the lane's open writer is reopened). */
  async #refuseDirect(lane: Lane): Promise<void> {
    this.#stopDirect();
    const writer = lane.writer;
    if (writer) {
      await writer.handle.close().catch(() => undefined);
      lane.writer = { segment: writer.segment, handle: await open(this.#lanePath(lane.prefix, writer.segment), constants.O_WRONLY), direct: false };
    }
  }

  /** Buffered I/O from now on: read descriptors opened for direct I/O are closed (reopened on use). */
  #stopDirect(): void {
    this.#directFlag = 0;
    for (const fd of this.#readers.values()) closeSync(fd);
    this.#readers.clear();
  }

  async #closeWriter(lane: Lane): Promise<void> {
    const writer = lane.writer;
    lane.writer = undefined;
    await writer?.handle.close();
  }

  /** A lane's segment file by its own segment number. */
  #lanePath(prefix: string, segment: number): string {
    return join(this.#dir, `${prefix}segment-${String(segment).padStart(6, '0')}.data`);
  }

  /** The lane holding spool segment `segment`: the last one placed at or before it. */
  #laneOf(segment: number): Lane | undefined {
    for (let i = this.#placed.length - 1; i >= 0; i--) {
      const lane = this.#placed[i]!;
      if (lane.base! / this.#segmentSize <= segment) return lane;
    }
    return undefined;
  }

  #segmentPath(segment: number): string {
    const lane = this.#laneOf(segment);
    return this.#lanePath(lane?.prefix ?? '', segment - (lane ? lane.base! / this.#segmentSize : 0));
  }

  /** Where the data in `segment`'s lane ends (a region ends before the next one's segment). */
  #dataEnd(segment: number): number {
    const lane = this.#laneOf(segment);
    return lane ? lane.base! + lane.staged.size : 0;
  }

  /** Flushes the writes: call once before reading (every region made must be placed by then). */
  async seal(): Promise<void> {
    if (this.#sealed) return;
    if (this.#regions.some((lane) => lane.base === undefined)) throw new Error('spool: sealed with a region not placed');
    for (const lane of [...(this.#own ? [this.#own] : []), ...this.#regions]) await this.#finish(lane);
    [this.#readBuffer, ...this.#spareBuffers] = this.#pool.splice(0);
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
    const plan = Array.from(ranges).filter(([, size]) => size > 0);
    for (const [offset, size] of plan) this.#overlaps(offset, size, (segment, n) => (unread[segment]! += n));
    this.#plan = plan;
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
    if (size === 0) return;
    if (!this.#sealed) throw new Error('spool read before seal');
    if (offset < 0 || offset + size > this.#size) throw new Error(`spool read [${offset}, ${offset + size}) outside [0, ${this.#size})`);
    this.#follow(offset, size);
    for (let at = offset, end = offset + size; at < end; ) {
      if (at < this.#readStart || at >= this.#readEnd) await this.#fillAhead(at);
      const stop = Math.min(end, this.#readEnd);
      const view = this.#readBuffer!.subarray(at - this.#readStart, stop - this.#readStart);
      this.#consumed(at, stop - at);
      at = stop;
      yield view;
    }
  }

  /** Moves the plan's cursor to this read when it is the next one declared (reads follow the walk). */
  #follow(offset: number, size: number): void {
    const next = this.#plan?.[this.#cursor];
    if (next && next[0] === offset && next[1] === size) {
      this.#current = this.#cursor;
      this.#cursor += 1;
    } else {
      this.#current = -1; // off the plan: no prefetch until it is followed again
    }
  }

  /**
   * Refills the read buffer for `at`: from the first prefetched window when it holds `at` (the
   * buffers swap), else by reading it now (the prefetches, off the path now, are dropped); then
   * prefetches the windows the declared reads need next, so the disk works while this thread
   * frames and hashes what it has.
   */
  async #fillAhead(at: number): Promise<void> {
    const prefetched = this.#prefetches.shift();
    // A prefetch the kernel refused as a direct read means buffered reads from now on.
    const end = prefetched
      ? await prefetched.done.catch((error: unknown) => {
        if (this.direct && isDirectRefusal(error)) this.#stopDirect();
        return -1;
      })
      : -1;
    if (prefetched && at >= prefetched.start && at < end) {
      this.#spareBuffers.push(this.#readBuffer!);
      this.#readBuffer = prefetched.buffer;
      this.#readStart = prefetched.start;
      this.#readEnd = end;
      this.#fills.prefetched += 1;
    } else {
      if (prefetched) this.#spareBuffers.push(prefetched.buffer);
      await this.#dropPrefetches();
      await this.#fill(at);
      this.#fills.waited += 1;
    }
    this.#startPrefetches(at);
  }

  /** Waits for the reads in flight and takes their buffers back. */
  async #dropPrefetches(): Promise<void> {
    const dropped = this.#prefetches.splice(0);
    await Promise.all(dropped.map((p) => p.done.catch(() => undefined)));
    this.#spareBuffers.push(...dropped.map((p) => p.buffer));
  }

  /** Starts reads, into the spare buffers, of the next windows the reads from `at` on will need. */
  #startPrefetches(at: number): void {
    while (this.#spareBuffers.length > 0) {
      const next = this.#nextUncovered(at);
      if (next === undefined) return;
      const w = this.#window(next.at, next.index);
      if (this.#released.has(w.segment) || w.needed <= 0) return;
      let fd: number;
      try {
        fd = openSync(this.#segmentPath(w.segment), constants.O_RDONLY | this.#directFlag);
      } catch {
        return; // the read without prefetch will say what is wrong
      }
      const buffer = this.#spareBuffers.pop()!;
      const done = readFully(fd, buffer, w.length, w.start, w.needed).then(
        (got) => ((this.#fills.bytes += got), w.base + w.start + Math.min(got, w.needed)),
      ).finally(() => closeSync(fd));
      done.catch(() => undefined); // a failed prefetch only means a read without it later
      this.#prefetches.push({ start: w.base + w.start, end: w.base + w.start + w.needed, buffer, done });
    }
  }

  /**
   * Where the next prefetch must start: the reads to come, from `at` in the current one, replayed
   * against the buffers they will find (the read buffer, then each window in flight in turn, as
   * `read` switches only when a byte is outside the buffer it holds); the first byte in none of
   * them, with the index of the declared read it belongs to. A byte the read buffer holds now but
   * will have left by then (the walk alternating between two regions of the spool) is not covered.
   */
  #nextUncovered(at: number): { at: number; index: number } | undefined {
    const plan = this.#plan;
    if (!plan || this.#current < 0) return undefined;
    let held: { start: number; end: number } = { start: this.#readStart, end: this.#readEnd };
    let queued = 0;
    for (let i = this.#current; i < plan.length; i++) {
      const [offset, size] = plan[i]!;
      for (let pos = i === this.#current ? Math.max(offset, at) : offset; pos < offset + size; pos = held.end) {
        if (pos >= held.start && pos < held.end) continue;
        const next = this.#prefetches[queued];
        if (next === undefined) return { at: pos, index: i };
        // A window in flight that this byte does not find: the prefetches are off the walk.
        if (pos < next.start || pos >= next.end) return undefined;
        held = next;
        queued += 1;
      }
    }
    return undefined;
  }

  /**
   * The window a fill for `at` (in declared read `index`, -1 off the plan) reads: from the aligned
   * block holding it (direct I/O) to the end of the bytes the declared reads need next from there
   * (see #extent), at most IO_BUFFER and the segment's end. `length` is what is asked of the
   * kernel (whole blocks with direct I/O), `needed` what must arrive. Reading a full IO_BUFFER
   * whatever was needed read 1.8 GiB to serve 1 GiB on the benchmark image, whose walk jumps
   * between directories written in another order.
   */
  #window(at: number, index: number): { segment: number; base: number; start: number; length: number; needed: number } {
    const segment = Math.floor(at / this.#segmentSize);
    const base = segment * this.#segmentSize;
    const start = this.direct ? alignDown(at - base) : at - base;
    const room = Math.min(IO_BUFFER, this.#segmentSize - start);
    const limit = base + start + Math.min(room, this.#dataEnd(segment) - base - start);
    const needed = this.#extent(index, base + start, limit) - base - start;
    return { segment, base, start, length: this.direct ? Math.min(room, alignUp(needed)) : needed, needed };
  }

  /**
   * Where the bytes needed from declared read `index` on, in a window [from, limit), end: each
   * next declared read that starts inside the window or within READ_GAP of its end extends it;
   * the first that does not ends it. Off the plan (`index` -1): `limit`.
   */
  #extent(index: number, from: number, limit: number): number {
    const plan = this.#plan;
    if (!plan || index < 0) return limit;
    const [offset, size] = plan[index]!;
    let end = Math.min(offset + size, limit);
    for (let i = index + 1; i < plan.length && end < limit; i++) {
      const [next, length] = plan[i]!;
      if (next < from || next > end + READ_GAP) break;
      end = Math.min(Math.max(end, next + length), limit);
    }
    return end;
  }

  /** Reads the window holding `at` into the read buffer (see #window). */
  async #fill(at: number): Promise<void> {
    const segment = Math.floor(at / this.#segmentSize);
    if (this.#released.has(segment)) throw new Error(`spool segment ${segment} was released: offset ${at} read more often than declared`);
    for (;;) {
      const direct = this.direct;
      const { base, start, length, needed } = this.#window(at, this.#current);
      try {
        const got = await readFully(this.#readerFor(segment), this.#readBuffer!, length, start, needed);
        this.#fills.bytes += got;
        this.#readStart = base + start;
        this.#readEnd = base + start + Math.min(got, needed);
        return;
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw error;
        this.#stopDirect();
      }
    }
  }

  #readerFor(segment: number): number {
    const open = this.#readers.get(segment);
    if (open !== undefined) return open;
    if (this.#readers.size >= OPEN_READERS) {
      const [oldest, fd] = this.#readers.entries().next().value!;
      closeSync(fd);
      this.#readers.delete(oldest);
    }
    const fd = openSync(this.#segmentPath(segment), constants.O_RDONLY | this.#directFlag);
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
    // A failure means never written (an empty tail) or already gone: nothing to free.
    const deleted: Promise<void> = unlink(this.#segmentPath(segment)).catch(() => undefined).then(() => void this.#deleting.delete(deleted));
    this.#deleting.add(deleted);
  }

  /** Resolves when the segments released so far are deleted. */
  async deletions(): Promise<void> {
    await Promise.all([...this.#deleting]);
  }

  /** Deletes the temp directory. Never throws. */
  async dispose(): Promise<void> {
    if (!this.#disposed) {
      this.#disposed = true;
      await this.#dropPrefetches();
      this.#sealed = true;
      for (const lane of [...(this.#own ? [this.#own] : []), ...this.#regions]) {
        await lane.staged.settle();
        await this.#closeWriter(lane).catch(() => undefined);
      }
      await this.deletions();
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

/** Reads until `needed` bytes (of at most `length`, from `position`) are in `buffer`, on the thread pool. */
function readFully(fd: number, buffer: Buffer, length: number, position: number, needed: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const step = (got: number): void => {
      if (got >= needed) return resolve(got);
      readAsync(fd, buffer, got, length - got, position + got, (error, n) => {
        if (error) return reject(error);
        if (n === 0) return reject(new Error(`spool segment ends at ${position + got}`));
        step(got + n);
      });
    };
    step(0);
  });
}
