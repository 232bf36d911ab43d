// The newc ("070701") header exactly as linuxkit's vendored gocpio writes it (spec ramdisks.md §2):
// 13 fields of 8 lowercase hex digits, inode numbers from 721, device 3:1 on every entry.
import { FormatError } from '../errors.js';

export const NEWC_MAGIC = '070701';
export const NEWC_HEADER_SIZE = 110;
/** linuxkit numbers inodes from 721 (0x2d1), one per entry, the trailer included. */
export const FIRST_INODE = 721;
/** Every entry carries device 3:1, whatever the source. */
export const CPIO_DEV_MAJOR = 3;
export const CPIO_DEV_MINOR = 1;
export const TRAILER_NAME = 'TRAILER!!!';
/** The whole archive is zero-padded to a multiple of this. */
export const ARCHIVE_BLOCK = 512;
/** Largest value a header field (size, uid, gid, mtime) can hold. */
export const MAX_FIELD = 0xffffffff;

/** File type bits of the mode field (cpio(5)). */
export const MODE_TYPE = {
  file: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  char: 0o020000,
  block: 0o060000,
  fifo: 0o010000,
} as const;
export const PERMISSION_MASK = 0o7777;

/** The header fields that vary per entry (devmajor/devminor are fixed, check is 0). */
export interface NewcHeader {
  readonly ino: number;
  /** Full mode: type bits | permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  readonly mtime: number;
  readonly filesize: number;
  readonly rdevmajor: number;
  readonly rdevminor: number;
  /** Byte length of the name plus its NUL. */
  readonly namesize: number;
}

/** Rounds `n` up to a multiple of 4 (newc aligns name and data to 4 bytes). */
export function align4(n: number): number {
  // Arithmetic, not bit operations: archive offsets exceed 32 bits.
  return Math.ceil(n / 4) * 4;
}

/** Checks a value fits an 8-hex-digit field; names the entry and field otherwise. */
export function checkField(value: number, field: string, name: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FIELD) {
    throw new FormatError(
      `cpio entry ${JSON.stringify(name)}: ${field} ${value} cannot be represented in a newc header (0..0xffffffff)`,
    );
  }
  return value;
}

const MAGIC_BYTES = Buffer.from(NEWC_MAGIC, 'latin1');
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** `value` (0..0xffffffff) as 8 lowercase hex digits at `at`; returns the position after them. */
function putHex8(target: Buffer, at: number, value: number): number {
  for (let shift = 28; shift >= 0; shift -= 4) target[at++] = HEX_DIGITS[(value >>> shift) & 0xf]!;
  return at;
}

/**
 * Encodes the 110-byte ASCII header into `target` at `at` (a new buffer by default). Digits are
 * written in place, not built as strings: an image has tens of thousands of entries, each
 * encoded twice (plan, then write), between the layers and the first byte of the EIF.
 */
export function encodeNewcHeader(h: NewcHeader, target: Buffer = Buffer.allocUnsafe(NEWC_HEADER_SIZE), at = 0): Buffer {
  let pos = at + MAGIC_BYTES.copy(target, at);
  pos = putHex8(target, pos, h.ino);
  pos = putHex8(target, pos, h.mode);
  pos = putHex8(target, pos, h.uid);
  pos = putHex8(target, pos, h.gid);
  pos = putHex8(target, pos, h.nlink);
  pos = putHex8(target, pos, h.mtime);
  pos = putHex8(target, pos, h.filesize);
  pos = putHex8(target, pos, CPIO_DEV_MAJOR);
  pos = putHex8(target, pos, CPIO_DEV_MINOR);
  pos = putHex8(target, pos, h.rdevmajor);
  pos = putHex8(target, pos, h.rdevminor);
  pos = putHex8(target, pos, h.namesize);
  putHex8(target, pos, 0); // check
  return target;
}
