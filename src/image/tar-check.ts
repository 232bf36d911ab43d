// A strict reading of a layer's tar headers, in a pass-through placed before tar-stream: every
// 512-byte header, PAX record and GNU long name is checked the way Go's archive/tar (Docker's
// reader) checks it, and each entry's final metadata is queued for the code applying the layer.
// tar-stream only delivers the entries' data: its own header parsing is lenient (a malformed
// base-256 number becomes 0, an unreadable PAX record is skipped, a negative size stalls it).
//
// Names are kept as the header's bytes, one byte per UTF-16 code unit (latin1 "byte strings"): no
// decoding, so any byte sequence round-trips, and string order is byte order.
//
// Memory: one 512-byte header buffer, one extended-header record (at most MAX_META_SIZE) and the
// queue of entries whose header has passed but whose data tar-stream has not reached yet (bounded
// by the bytes buffered between the two, a few MiB, at 512 bytes per header).

import { Transform, type TransformCallback } from 'node:stream';
import { FormatError } from '../errors.js';

const BLOCK = 512;
/** Go's archive/tar: maxSpecialFileSize, the largest PAX or GNU long-name record. */
export const MAX_META_SIZE = 1 << 20;
/** Linux NAME_MAX and PATH_MAX (Go's os package uses the same bounds). */
export const MAX_NAME_COMPONENT = 255;
export const MAX_PATH = 4096;
/** A uid or gid is 32 bits on Linux, and the cpio header holds 8 hex digits. */
const MAX_ID = 0xffffffff;

export type TarEntryType = 'file' | 'link' | 'symlink' | 'char' | 'block' | 'dir' | 'fifo';

/** One entry's final metadata (PAX records and GNU long names applied). */
export interface TarEntry {
  /** The name's bytes as a latin1 byte string (see the file comment). */
  readonly name: string;
  readonly type: TarEntryType;
  /** Bytes of data that follow the header (regular files only; 0 for every other type). */
  readonly size: number;
  /** Permission bits (`& 0o7777`). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Whole seconds since the epoch (sub-second parts truncated towards the past). */
  readonly mtime: number;
  /** Link target bytes as a latin1 byte string ('' when none). */
  readonly linkname: string;
  readonly devmajor: number;
  readonly devminor: number;
}

const TYPES: Readonly<Record<string, TarEntryType>> = {
  '0': 'file', '\0': 'file', '7': 'file', '1': 'link', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo',
};

/** At most this many bytes of a name go into a message. */
const SHOWN_NAME = 120;

/** A byte-string name for a message: UTF-8 shown as such, other bytes as \xNN, long names cut. */
export function showName(name: string): string {
  const cut = name.length > SHOWN_NAME;
  const bytes = Buffer.from(cut ? name.slice(0, SHOWN_NAME) : name, 'latin1');
  let shown: string;
  try {
    shown = JSON.stringify(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    const escaped = [...bytes].map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`));
    shown = `"${escaped.join('')}"`;
  }
  return cut ? `${shown.slice(0, -1)}…" (${name.length} bytes)` : shown;
}

interface Pending {
  /** PAX records of an `x` header, for the next entry. */
  pax?: Map<string, string>;
  gnuName?: string;
  gnuLink?: string;
}

type State =
  | { readonly kind: 'header' }
  | { readonly kind: 'meta'; readonly type: string; readonly record: Buffer; filled: number; readonly padding: number }
  | { readonly kind: 'skip' }
  | { readonly kind: 'zero' }
  | { readonly kind: 'end' };

/**
 * The pass-through: throws (fails the stream) with one line naming the layer and the entry at the
 * first header Go's reader would refuse; passes nothing after the end-of-archive marker (two zero
 * blocks), as Go stops there. `next()` hands the applied entries out in order.
 */
export class TarCheck extends Transform {
  readonly #what: string;
  readonly #header = Buffer.alloc(BLOCK);
  #headerFilled = 0;
  #state: State = { kind: 'header' };
  /** Bytes of data and padding still to pass in the 'skip' state. */
  #skip = 0;
  /** Offset in the tar stream of the next byte. */
  #offset = 0;
  #pending: Pending = {};
  readonly #queue: TarEntry[] = [];
  #head = 0;

  readonly #maxFileSize: number | undefined;

  /** `what` names the tar in messages (`layer sha256:…`); `maxFileSize`: refuse a larger regular file from its header, before its data is read. */
  constructor(what: string, maxFileSize?: number) {
    super();
    this.#what = what;
    this.#maxFileSize = maxFileSize;
  }

  /** The next entry tar-stream will emit; undefined when none is queued (an internal error). */
  next(): TarEntry | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const entry = this.#queue[this.#head];
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    return entry;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let passUntil = chunk.length;
    try {
      let pos = 0;
      while (pos < chunk.length) {
        const state = this.#state;
        if (state.kind === 'end') {
          passUntil = Math.min(passUntil, pos);
          break;
        }
        if (state.kind === 'skip') {
          const n = Math.min(this.#skip, chunk.length - pos);
          this.#skip -= n;
          pos += n;
          if (this.#skip === 0) this.#state = { kind: 'header' };
          continue;
        }
        if (state.kind === 'meta') {
          const n = Math.min(state.record.length + state.padding - state.filled, chunk.length - pos);
          const copy = Math.min(n, state.record.length - state.filled);
          if (copy > 0) chunk.copy(state.record, state.filled, pos, pos + copy);
          state.filled += n;
          pos += n;
          if (state.filled === state.record.length + state.padding) this.#meta(state.type, state.record);
          continue;
        }
        // A header (or a zero block): parsed in place when whole in this chunk.
        let block: Buffer;
        if (this.#headerFilled === 0 && chunk.length - pos >= BLOCK) {
          block = chunk.subarray(pos, pos + BLOCK);
          pos += BLOCK;
        } else {
          const n = Math.min(BLOCK - this.#headerFilled, chunk.length - pos);
          chunk.copy(this.#header, this.#headerFilled, pos, pos + n);
          this.#headerFilled += n;
          pos += n;
          if (this.#headerFilled < BLOCK) continue;
          this.#headerFilled = 0;
          block = this.#header;
        }
        const at = this.#offset + pos - BLOCK;
        this.#block(block, at);
        // Nothing after the end marker reaches tar-stream (Go ignores it too).
        if (this.#state.kind === 'end') passUntil = pos;
      }
      this.#offset += chunk.length;
    } catch (error) {
      cb(error as Error);
      return;
    }
    cb(null, passUntil === chunk.length ? chunk : chunk.subarray(0, passUntil));
  }

  override _flush(cb: TransformCallback): void {
    const state = this.#state;
    const mid = this.#headerFilled > 0 || state.kind === 'meta' || state.kind === 'skip';
    if (mid) {
      cb(this.#fail(undefined, this.#offset, 'the archive ends in the middle of an entry'));
      return;
    }
    if (this.#pending.pax || this.#pending.gnuName !== undefined || this.#pending.gnuLink !== undefined) {
      cb(this.#fail(undefined, this.#offset, 'the archive ends after an extended header with no entry'));
      return;
    }
    cb();
  }

  #fail(name: string | undefined, at: number, what: string): FormatError {
    const entry = name === undefined ? `tar header at byte ${at}` : `entry ${showName(name)}`;
    return new FormatError(`${this.#what}: ${entry}: ${what}`);
  }

  #block(block: Buffer, at: number): void {
    if (this.#state.kind === 'zero') {
      if (!isZero(block)) throw this.#fail(undefined, at, 'a header follows a single zero block (the end-of-archive marker is two)');
      this.#state = { kind: 'end' };
      return;
    }
    if (isZero(block)) {
      if (this.#pending.pax || this.#pending.gnuName !== undefined || this.#pending.gnuLink !== undefined) {
        throw this.#fail(undefined, at, 'an extended header is followed by the end of the archive');
      }
      this.#state = { kind: 'zero' };
      return;
    }
    checkChecksum(block, () => this.#fail(undefined, at, 'bad header checksum'));
    const ustar = block.toString('latin1', 257, 265);
    const isUstar = ustar === 'ustar\x0000';
    if (!isUstar && ustar !== 'ustar  \x00') throw this.#fail(undefined, at, 'not a ustar, PAX or GNU tar header');
    const flag = String.fromCharCode(block[156]!);
    const fieldName = cString(block, 0, 100);
    const name = isUstar && block[345] !== 0 ? `${cString(block, 345, 155)}/${fieldName}` : fieldName;
    const num = (offset: number, length: number, what: string): number =>
      parseNumeric(block, offset, length, (why) => this.#fail(this.#pending.gnuName ?? name, at, `${what} field ${why}`));
    const size = num(124, 12, 'size');
    if (size < 0) throw this.#fail(this.#pending.gnuName ?? name, at, `negative size (${size})`);
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > MAX_META_SIZE) throw this.#fail(name, at, `extended header of ${size} bytes (at most ${MAX_META_SIZE})`);
      this.#state = { kind: 'meta', type: flag, record: Buffer.alloc(size), filled: 0, padding: padding(size) };
      if (size === 0) this.#meta(flag, Buffer.alloc(0));
      return;
    }
    this.#entry(block, at, flag, name, size, num);
  }

  /** An extended header's content, complete. */
  #meta(type: string, record: Buffer): void {
    this.#state = { kind: 'header' };
    if (type === 'L') this.#pending.gnuName = cString(record, 0, record.length);
    else if (type === 'K') this.#pending.gnuLink = cString(record, 0, record.length);
    // A global header is checked, then ignored, as Docker's applier does.
    else if (type === 'g') parsePax(record, (why) => this.#fail(undefined, this.#offset, `global PAX header: ${why}`));
    else this.#pending.pax = parsePax(record, (why) => this.#fail(undefined, this.#offset, `PAX header: ${why}`));
  }

  #entry(block: Buffer, at: number, flag: string, headerName: string, headerSize: number, num: (o: number, l: number, w: string) => number): void {
    const { pax, gnuName, gnuLink } = this.#pending;
    this.#pending = {};
    // Go applies the PAX records, then the GNU long names over them.
    const name = gnuName ?? pax?.get('path') ?? headerName;
    const linkname = gnuLink ?? pax?.get('linkpath') ?? cString(block, 157, 100);
    const fail = (what: string): FormatError => this.#fail(name, at, what);
    let type = TYPES[flag];
    if (type === undefined) throw fail(`unsupported tar entry type ${JSON.stringify(flag)}`);
    // Old tars mark directories with a trailing slash on a type-NUL entry (Go does the same).
    if (flag === '\0' && name.endsWith('/')) type = 'dir';
    else if (type === 'file' && name.endsWith('/')) throw fail('a regular file whose name ends with "/"');
    if (pax) {
      for (const key of pax.keys()) if (key.startsWith('GNU.sparse.')) throw fail('GNU sparse files are not supported');
    }
    const paxNumber = (key: string): number | undefined => {
      const text = pax?.get(key);
      if (text === undefined) return undefined;
      if (!/^\d{1,15}$/.test(text)) throw fail(`PAX ${key} ${JSON.stringify(text.slice(0, 40))} is not a non-negative decimal number`);
      return Number(text);
    };
    const size = paxNumber('size') ?? headerSize;
    // Go reads no data for these types whatever the size says; tar-stream would: refuse the ambiguity.
    if (type !== 'file' && size !== 0) throw fail(`a ${type} entry declares ${size} bytes of data`);
    const uid = paxNumber('uid') ?? num(108, 8, 'uid');
    const gid = paxNumber('gid') ?? num(116, 8, 'gid');
    for (const [what, id] of [['uid', uid], ['gid', gid]] as const) {
      if (id < 0 || id > MAX_ID) throw fail(`${what} ${id} is outside 0..${MAX_ID}`);
    }
    const mode = num(100, 8, 'mode');
    if (mode < 0) throw fail(`negative mode (${mode})`);
    const mtime = paxTime(pax?.get('mtime'), fail) ?? num(136, 12, 'mtime');
    const devmajor = type === 'char' || type === 'block' ? num(329, 8, 'devmajor') : 0;
    const devminor = type === 'char' || type === 'block' ? num(337, 8, 'devminor') : 0;
    if (devmajor < 0 || devminor < 0 || devmajor > MAX_ID || devminor > MAX_ID) throw fail(`device number ${devmajor},${devminor} out of range`);
    checkPath(name, 'name', fail);
    if (type === 'link' || type === 'symlink') checkPath(linkname, 'link target', fail, type === 'symlink');
    if (!Number.isSafeInteger(size)) throw fail(`size ${size} is too large`);
    if (this.#maxFileSize !== undefined && size > this.#maxFileSize) {
      throw fail(`${size} bytes; an enclave ramdisk cannot hold a file over ${this.#maxFileSize} bytes`);
    }
    this.#queue.push({ name, type, size, mode: mode & 0o7777, uid, gid, mtime, linkname: type === 'link' || type === 'symlink' ? linkname : '', devmajor, devminor });
    this.#skip = size + padding(size);
    this.#state = this.#skip === 0 ? { kind: 'header' } : { kind: 'skip' };
  }
}

function isZero(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i += 1) if (block[i] !== 0) return false;
  return true;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Bytes up to the first NUL, as a latin1 byte string. */
function cString(buf: Buffer, offset: number, length: number): string {
  const end = buf.indexOf(0, offset);
  return buf.toString('latin1', offset, end < 0 || end > offset + length ? offset + length : end);
}

/** The stored checksum must be the unsigned (or, as some old tars wrote, signed) sum of the header. */
export function checkChecksum(block: Buffer, fail: () => Error): void {
  // Four bytes at a time: this runs for every header (a million in a large tree).
  let pairs = 0;
  for (let i = 0; i < BLOCK; i += 4) {
    if (i === 148 || i === 152) continue;
    const word = block.readUInt32LE(i);
    pairs += (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
  }
  const unsigned = (pairs & 0xffff) + Math.floor(pairs / 0x10000) + 8 * 0x20;
  const stored = parseOctal(block, 148, 8);
  if (stored === unsigned) return;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i += 1) {
    if (i >= 148 && i < 156) continue;
    const b = block[i]!;
    signed += b < 0x80 ? b : b - 0x100;
  }
  if (stored !== signed) throw fail();
}

/**
 * Go's parseNumeric: base-256 when the first byte's high bit is set (two's complement, the next
 * bit the sign), else octal. Returns NaN for what Go's parser refuses; `fail(why)` is thrown then.
 */
export function parseNumeric(block: Buffer, offset: number, length: number, fail: (why: string) => Error): number {
  const first = block[offset]!;
  if ((first & 0x80) === 0) {
    const value = parseOctal(block, offset, length);
    if (Number.isNaN(value)) throw fail(`${JSON.stringify(block.toString('latin1', offset, offset + length))} is not octal`);
    return value;
  }
  const negative = (first & 0x40) !== 0;
  const inv = negative ? 0xff : 0;
  let value = 0n;
  for (let i = 0; i < length; i += 1) {
    let byte = block[offset + i]! ^ inv;
    if (i === 0) byte &= 0x7f;
    value = (value << 8n) | BigInt(byte);
  }
  // Go refuses what does not fit an int64; beyond 2^53 a JavaScript number is not exact.
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(negative ? 'holds a negative base-256 number beyond -2^53' : 'holds a base-256 number beyond 2^53');
  return negative ? -Number(value) - 1 : Number(value);
}

/** An octal field (Go: NUL-terminated, spaces and NULs trimmed, empty is 0); NaN when not octal. */
function parseOctal(block: Buffer, offset: number, length: number): number {
  let stop = offset;
  const end = offset + length;
  while (stop < end && block[stop] !== 0) stop += 1;
  let start = offset;
  while (start < stop && block[start] === 0x20) start += 1;
  while (stop > start && block[stop - 1] === 0x20) stop -= 1;
  if (stop - start > 17) return Number.NaN;
  let value = 0;
  for (let i = start; i < stop; i += 1) {
    const digit = block[i]! - 0x30;
    if (digit < 0 || digit > 7) return Number.NaN;
    value = value * 8 + digit;
  }
  return value;
}

/** Go's parsePAXRecord, over the whole record: `%d %s=%s\n` repeated; NaN lengths, missing `=` or `\n` refused. */
function parsePax(record: Buffer, fail: (why: string) => Error): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < record.length) {
    const space = record.indexOf(0x20, pos);
    const lengthText = space < 0 ? '' : record.toString('latin1', pos, space);
    if (!/^\d{1,7}$/.test(lengthText)) {
      throw fail(`record at byte ${pos} has an unreadable length ${JSON.stringify(record.toString('latin1', pos, Math.min(pos + 24, space < 0 ? record.length : space)))}`);
    }
    const length = Number(lengthText);
    if (length < 5 || pos + length > record.length || length <= lengthText.length + 1) {
      throw fail(`record at byte ${pos} declares ${length} bytes, ${record.length - pos} remain`);
    }
    const end = pos + length;
    if (record[end - 1] !== 0x0a) throw fail(`record at byte ${pos} does not end with a newline`);
    const body = record.toString('latin1', space + 1, end - 1);
    const eq = body.indexOf('=');
    if (eq <= 0) throw fail(`record at byte ${pos} has no key`);
    const key = body.slice(0, eq);
    const value = body.slice(eq + 1);
    if ((key === 'path' || key === 'linkpath' || key === 'uname' || key === 'gname') && value.includes('\0')) {
      throw fail(`${key} record contains NUL`);
    }
    if (key.includes('\0')) throw fail(`record at byte ${pos}: key contains NUL`);
    records.set(key, value);
    pos = end;
  }
  return records;
}

/** PAX mtime, `[-]seconds[.fraction]`, to whole seconds (towards the past, as Go's time.Unix then Unix()). */
function paxTime(text: string | undefined, fail: (what: string) => Error): number | undefined {
  if (text === undefined) return undefined;
  const match = /^(-?)(\d{1,15})(?:\.(\d*))?$/.exec(text);
  if (!match) throw fail(`PAX mtime ${JSON.stringify(text.slice(0, 40))} is not a time`);
  const whole = Number(match[2]);
  const fraction = /[1-9]/.test(match[3] ?? '');
  return match[1] ? 0 - whole - (fraction ? 1 : 0) || 0 : whole;
}

/** Linux's bounds: each component at most NAME_MAX bytes, the whole at most PATH_MAX. */
function checkPath(name: string, what: string, fail: (what: string) => Error, wholeOnly = false): void {
  if (name.length > MAX_PATH) throw fail(`${what} of ${name.length} bytes (Linux allows ${MAX_PATH})`);
  if (wholeOnly) return;
  let start = 0;
  while (start <= name.length) {
    let slash = name.indexOf('/', start);
    if (slash < 0) slash = name.length;
    if (slash - start > MAX_NAME_COMPONENT) throw fail(`${what} component of ${slash - start} bytes (Linux allows ${MAX_NAME_COMPONENT})`);
    start = slash + 1;
  }
}
