// A strict newc reader over an in-memory archive, for tests and small inspections: it lists
// every entry with its offset and raw header fields so archives can be compared field by field.
import { FormatError } from '../errors.js';
import { align4, NEWC_HEADER_SIZE, NEWC_MAGIC, TRAILER_NAME, type NewcHeader } from './cpio-header.js';

/** An entry as read: the writer's header fields, plus the ones it fixes (devmajor/devminor, check) as found. */
export interface ListedEntry extends Omit<NewcHeader, 'namesize'> {
  readonly offset: number;
  readonly devmajor: number;
  readonly devminor: number;
  readonly check: number;
  readonly name: string;
  readonly data: Buffer;
}

export interface CpioListing {
  readonly entries: ListedEntry[];
  /** Offset just after the trailer entry (before the final padding). */
  readonly trailerEnd: number;
}

const FIELDS = 13;

/** Parses every entry up to and including the trailer; the bytes after it must be zero. */
export function listCpio(archive: Buffer): CpioListing {
  const entries: ListedEntry[] = [];
  let offset = 0;
  for (;;) {
    const entry = readEntry(archive, offset);
    entries.push(entry);
    offset = align4(align4(offset + NEWC_HEADER_SIZE + Buffer.byteLength(entry.name) + 1) + entry.filesize);
    if (entry.name === TRAILER_NAME) break;
  }
  if (archive.subarray(offset).some((byte) => byte !== 0)) {
    throw new FormatError(`cpio archive: non-zero bytes after the trailer at offset ${offset}`);
  }
  return { entries, trailerEnd: offset };
}

function readEntry(archive: Buffer, offset: number): ListedEntry {
  if (offset + NEWC_HEADER_SIZE > archive.length) throw new FormatError(`cpio archive: truncated header at offset ${offset}`);
  const text = archive.toString('latin1', offset, offset + NEWC_HEADER_SIZE);
  if (!text.startsWith(NEWC_MAGIC)) throw new FormatError(`cpio archive: bad magic at offset ${offset}`);
  const f: number[] = [];
  for (let i = 0; i < FIELDS; i += 1) {
    const field = text.slice(6 + i * 8, 14 + i * 8);
    if (!/^[0-9a-f]{8}$/.test(field)) throw new FormatError(`cpio archive: field ${i} not lowercase hex at offset ${offset}`);
    f.push(parseInt(field, 16));
  }
  const [ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check] = f as [
    number, number, number, number, number, number, number, number, number, number, number, number, number,
  ];
  const nameStart = offset + NEWC_HEADER_SIZE;
  if (archive[nameStart + namesize - 1] !== 0) throw new FormatError(`cpio archive: name not NUL-terminated at offset ${offset}`);
  const name = archive.toString('utf8', nameStart, nameStart + namesize - 1);
  const dataStart = align4(nameStart + namesize);
  if (dataStart + filesize > archive.length) throw new FormatError(`cpio archive: truncated data at offset ${offset}`);
  const data = archive.subarray(dataStart, dataStart + filesize);
  return { offset, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, check, name, data };
}
