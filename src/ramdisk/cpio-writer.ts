// linuxkit's uncompressed newc writer (spec ramdisks.md §2), as a sized stream: the archive size is
// computed from entry metadata alone, before any data is read, because the EIF header records
// section sizes up front. The data is then streamed once, checked entry by entry against that plan.
import { createHash, type Hash } from 'node:crypto';
import { FormatError } from '../errors.js';
import {
  align4,
  ARCHIVE_BLOCK,
  checkField,
  encodeNewcHeader,
  FIRST_INODE,
  MODE_TYPE,
  NEWC_HEADER_SIZE,
  PERMISSION_MASK,
  TRAILER_NAME,
  type NewcHeader,
} from './cpio-header.js';
import { crc32Combine } from '../io/crc32-combine.js';
import { crc32 } from '../io/crc32.js';
import { nameByteLength, nameBytes } from '../io/byte-names.js';
import { ENTRIES_PER_TURN, eventLoopTurn } from '../io/yield.js';
import { hardLinkTarget } from './relative-link.js';

/** Surrogates: a name with one is written through nameBytes (it may hold raw bytes). */
const SURROGATE = /[\uD800-\uDFFF]/;

export type CpioEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/** Bytes of a regular file: in memory, or streamed (must yield exactly `size` bytes). */
export type CpioData = Uint8Array | (() => AsyncIterable<Uint8Array>);

/** One archive entry before linuxkit's conversions (hard link → relative symlink). */
export interface CpioEntry {
  /** Name in the archive, written as is (directories may end with `/`). */
  readonly name: string;
  readonly type: CpioEntryType;
  /** Permission bits; anything above 0o7777 is ignored. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Whole seconds. */
  readonly mtime: number;
  /** Data size of a regular file; ignored for other types. */
  readonly size: number;
  /** Symlink target, or for a hard link the archive name of the entry holding the data. */
  readonly linkname?: string;
  readonly rdevmajor?: number;
  readonly rdevminor?: number;
  /** Regular files only. */
  readonly data?: CpioData;
  /** zlib CRC-32 of streamed `data`, when known up front (lets the archive's CRC be planned). */
  readonly crc32?: number;
}

/** A sized byte stream (the shape `ByteSource` in eif/types.ts accepts). */
export interface SizedStream {
  readonly size: number;
  readonly stream: () => AsyncIterable<Uint8Array>;
  /** zlib CRC-32 of the whole stream, when known from metadata alone. */
  readonly crc32?: number;
}

/** An entry as it will be written: header fields and the body (file data or link text). */
export interface ResolvedEntry {
  readonly name: string;
  readonly header: NewcHeader;
  /** Symlink target as written (hard links already made relative). */
  readonly linkTarget?: string;
  readonly data?: CpioData;
  /** CRC-32 of streamed data when the entry carried one. */
  readonly dataCrc32?: number;
  /** The TRAILER!!! entry. */
  readonly trailer?: boolean;
}

/** An entry once written: where, what, and the SHA-256 of a regular file's data. */
export interface WrittenEntry {
  readonly name: string;
  readonly offset: number;
  readonly header: NewcHeader;
  readonly linkTarget?: string;
  /** Lowercase hex SHA-256 of the data; regular files only. */
  readonly sha256?: string;
}

/** Told about every entry (trailer excluded) after its data is written, in archive order. */
export interface WriteObserver {
  /** Compute `sha256` of file data (one more pass over the data; off by default). */
  readonly hashData?: boolean;
  onEntry(entry: WrittenEntry): void;
}

/** Header fields and body for one entry; throws FormatError for values newc cannot hold. */
export function resolveEntry(entry: CpioEntry, ino: number): ResolvedEntry {
  const { name } = entry;
  if (name === '' || name.includes('\0')) throw new FormatError(`cpio entry ${JSON.stringify(name)}: invalid name`);
  const linkTarget = linkTargetOf(entry);
  const typeBits = MODE_TYPE[entry.type === 'hardlink' ? 'symlink' : entry.type];
  const filesize = linkTarget !== undefined ? nameByteLength(linkTarget) : entry.type === 'file' ? entry.size : 0;
  const header: NewcHeader = {
    ino,
    mode: (entry.mode & PERMISSION_MASK) | typeBits,
    uid: checkField(entry.uid, 'uid', name),
    gid: checkField(entry.gid, 'gid', name),
    nlink: entry.type === 'dir' ? 2 : 1,
    mtime: checkField(entry.mtime, 'mtime', name),
    filesize: checkField(filesize, 'size', name),
    rdevmajor: checkField(entry.rdevmajor ?? 0, 'rdevmajor', name),
    rdevminor: checkField(entry.rdevminor ?? 0, 'rdevminor', name),
    namesize: nameByteLength(name) + 1,
  };
  const file = entry.type === 'file';
  return { name, header, linkTarget, data: file ? entry.data : undefined, dataCrc32: file ? entry.crc32 : undefined };
}

function linkTargetOf(entry: CpioEntry): string | undefined {
  if (entry.type !== 'symlink' && entry.type !== 'hardlink') return undefined;
  if (entry.linkname === undefined) throw new FormatError(`cpio entry ${JSON.stringify(entry.name)}: link without a target`);
  return entry.type === 'hardlink' ? hardLinkTarget(entry.name, entry.linkname) : entry.linkname;
}

/** Bytes one entry occupies: header + name + NUL padded to 4, then data padded to 4. */
export function entrySpan(header: NewcHeader): number {
  return align4(NEWC_HEADER_SIZE + header.namesize) + align4(header.filesize);
}

/** The trailer entry, numbered after the last real entry. */
export function trailerHeader(ino: number): NewcHeader {
  return { ino, mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, filesize: 0, rdevmajor: 0, rdevminor: 0, namesize: TRAILER_NAME.length + 1 };
}

/** Resolves every entry in order, numbering inodes from 721. */
export function* resolveEntries(entries: Iterable<CpioEntry>): Generator<ResolvedEntry> {
  let ino = FIRST_INODE;
  for (const entry of entries) {
    yield resolveEntry(entry, ino);
    ino += 1;
  }
  yield { name: TRAILER_NAME, header: trailerHeader(ino), trailer: true };
}

/** Exact archive size, from metadata only (trailer and 512-byte padding included). */
export function cpioArchiveSize(entries: Iterable<CpioEntry>): number {
  return planCpio(entries).size;
}

/**
 * Size and, when every regular file's data is in memory or carries `crc32`, the archive's CRC-32,
 * from metadata alone: headers, names, link texts and padding are generated here and CRC'd
 * directly; file CRCs are combined in (CRC-32 is linear), so no file data is read.
 */
export function planCpio(entries: Iterable<CpioEntry>): CpioPlan {
  const plan = new Planner();
  for (const entry of resolveEntries(entries)) plan.add(entry);
  return plan.result();
}

/** `planCpio` for large archives: gives the event loop a turn every ENTRIES_PER_TURN entries (signals stay prompt). */
export async function planCpioYielding(entries: Iterable<CpioEntry>): Promise<CpioPlan> {
  const plan = new Planner();
  let count = 0;
  for (const entry of resolveEntries(entries)) {
    plan.add(entry);
    if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
  }
  return plan.result();
}

export interface CpioPlan {
  readonly size: number;
  readonly crc32?: number;
}

class Planner {
  #size = 0;
  #crc: number | undefined = 0;

  add(entry: ResolvedEntry): void {
    this.#size += entrySpan(entry.header);
    if (this.#crc !== undefined) this.#crc = entryCrc(entry, this.#crc);
  }

  result(): CpioPlan {
    const padded = Math.ceil(this.#size / ARCHIVE_BLOCK) * ARCHIVE_BLOCK;
    const crc = this.#crc;
    return { size: padded, ...(crc !== undefined ? { crc32: crc32(zeros(padded - this.#size), crc) } : {}) };
  }
}

/** `crc` continued over one entry's bytes, or undefined when its data's CRC is unknown. */
function entryCrc(entry: ResolvedEntry, crc: number): number | undefined {
  const { header } = entry;
  let next = crc32(headBytes(entry), crc);
  if (entry.linkTarget !== undefined) next = crc32(nameBytes(entry.linkTarget), next);
  else if (entry.data instanceof Uint8Array) next = crc32(entry.data.subarray(0, header.filesize), next);
  else if (header.filesize > 0) {
    if (entry.dataCrc32 === undefined) return undefined;
    next = crc32Combine(next, entry.dataCrc32, header.filesize);
  }
  return crc32(zeros(align4(header.filesize) - header.filesize), next);
}


/** Header, name, NUL and padding to 4, as written. */
function headBytes(entry: ResolvedEntry): Buffer {
  const head = Buffer.allocUnsafe(align4(NEWC_HEADER_SIZE + entry.header.namesize));
  encodeNewcHeader(entry.header, head, 0);
  // Names are bytes (io/byte-names.ts): raw bytes kept as lone surrogates are written as themselves.
  const written = SURROGATE.test(entry.name) ? nameBytes(entry.name).copy(head, NEWC_HEADER_SIZE) : head.write(entry.name, NEWC_HEADER_SIZE, 'utf8');
  head.fill(0, NEWC_HEADER_SIZE + written); // the NUL and the padding to 4
  return head;
}

/**
 * A newc archive of `entries` as a sized stream (with its CRC-32 when `planCpio` can give it).
 * `entries` is called twice (once to plan, once to write) and must give the same entries both times;
 * `plan`: the plan already made (planCpioYielding), so `entries` is called once, to write.
 */
export function cpioArchive(entries: () => Iterable<CpioEntry>, observer?: WriteObserver, plan?: CpioPlan): SizedStream {
  const { size, crc32 } = plan ?? planCpio(entries());
  return { size, stream: () => writeCpio(entries(), size, observer), ...(crc32 !== undefined ? { crc32 } : {}) };
}

/** Streams the archive; fails if an entry's data or the total differs from the plan. */
export async function* writeCpio(
  entries: Iterable<CpioEntry>,
  plannedSize?: number,
  observer?: WriteObserver,
): AsyncGenerator<Uint8Array> {
  const out = new ChunkBatcher();
  for (const entry of resolveEntries(entries)) {
    const { header } = entry;
    const offset = out.total;
    yield* out.push(headBytes(entry));
    const regular = (header.mode & 0o170000) === MODE_TYPE.file;
    const hash = observer?.hashData && regular ? createHash('sha256') : undefined;
    if (entry.linkTarget !== undefined) yield* out.push(nameBytes(entry.linkTarget));
    else if (entry.data !== undefined || header.filesize > 0) yield* streamData(entry, out, hash);
    yield* out.push(zeros(align4(header.filesize) - header.filesize));
    if (observer && !entry.trailer) {
      observer.onEntry({ name: entry.name, offset, header, linkTarget: entry.linkTarget, sha256: hash?.digest('hex') });
    }
  }
  const written = out.total;
  const padded = Math.ceil(written / ARCHIVE_BLOCK) * ARCHIVE_BLOCK;
  yield* out.push(zeros(padded - written));
  yield* out.flush();
  if (plannedSize !== undefined && padded !== plannedSize) {
    throw new FormatError(`cpio archive: wrote ${padded} bytes, planned ${plannedSize} (entries changed between passes)`);
  }
}

async function* streamData(entry: ResolvedEntry, out: ChunkBatcher, hash?: Hash): AsyncGenerator<Uint8Array> {
  const declared = entry.header.filesize;
  if (entry.data === undefined) throw new FormatError(`cpio entry ${JSON.stringify(entry.name)}: no data for ${declared} bytes`);
  const chunks = entry.data instanceof Uint8Array ? [entry.data] : entry.data();
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > declared) break;
    hash?.update(chunk);
    yield* out.push(chunk);
  }
  if (seen !== declared) {
    throw new FormatError(
      `cpio entry ${JSON.stringify(entry.name)}: data is ${seen > declared ? 'longer' : 'shorter'} than its declared size ${declared}`,
    );
  }
}

const ZEROS = Buffer.alloc(ARCHIVE_BLOCK);
function zeros(n: number): Buffer {
  return ZEROS.subarray(0, n);
}

/** Groups small pieces (headers, names, padding) into larger chunks; large data passes through. */
class ChunkBatcher {
  static readonly TARGET = 256 * 1024;
  /** Pieces this large are yielded as they are (after what is pending). */
  static readonly PASS_THROUGH = 64 * 1024;
  #buffer = Buffer.allocUnsafe(ChunkBatcher.TARGET);
  #pending = 0;
  total = 0;

  *push(bytes: Uint8Array): Generator<Uint8Array> {
    if (bytes.byteLength === 0) return;
    this.total += bytes.byteLength;
    if (bytes.byteLength >= ChunkBatcher.PASS_THROUGH) {
      yield* this.flush();
      yield bytes;
      return;
    }
    // Copied: the caller may reuse its buffer (and ZEROS is shared).
    if (this.#pending + bytes.byteLength > ChunkBatcher.TARGET) yield* this.flush();
    this.#buffer.set(bytes, this.#pending);
    this.#pending += bytes.byteLength;
  }

  *flush(): Generator<Uint8Array> {
    if (this.#pending === 0) return;
    const full = this.#buffer.subarray(0, this.#pending);
    this.#pending = 0;
    // A yielded chunk is handed over: a small one is copied out, a big one keeps its buffer.
    if (full.byteLength < ChunkBatcher.TARGET / 2) {
      yield Buffer.from(full);
      return;
    }
    this.#buffer = Buffer.allocUnsafe(ChunkBatcher.TARGET);
    yield full;
  }
}
