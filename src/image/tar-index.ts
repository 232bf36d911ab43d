// Random access into a tar archive: scan the headers once (skipping member data), then open
// read streams at the recorded offsets. Used for OCI and docker-save archives, whose blobs can be
// gigabytes: nothing but 512-byte headers and small long-name records is read here.

import { open, type FileHandle } from 'node:fs/promises';
import { FormatError } from '../errors.js';

const BLOCK = 512;
/** Long-name and PAX records are tiny; anything bigger is not a well-formed archive. */
const MAX_META_SIZE = 1 << 20;

export interface TarMember {
  /** Byte offset of the member's data in the archive. */
  readonly offset: number;
  readonly size: number;
}

/** Regular-file members of a tar archive by normalised name (no leading `./`). */
export async function indexTar(path: string): Promise<Map<string, TarMember>> {
  const fh = await open(path, 'r');
  try {
    return await scan(fh, path);
  } finally {
    await fh.close();
  }
}

async function scan(fh: FileHandle, path: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const { size: fileSize } = await fh.stat();
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= fileSize) {
    await readExactly(fh, header, offset, path);
    if (header.every((b) => b === 0)) break;
    checkChecksum(header, path, offset);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = parseNumber(header.subarray(124, 136), path, offset);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > fileSize) {
      throw new FormatError(`${path}: tar member at offset ${offset} runs past the end of the file`);
    }
    if (type === 'L' || type === 'x') {
      const meta = await readMeta(fh, dataOffset, size, path);
      longName = type === 'L' ? cString(meta) : (paxPath(meta, path, offset) ?? longName);
    } else if (type !== 'g' && type !== 'K') {
      const name = normaliseMemberName(longName ?? ustarName(header));
      longName = undefined;
      if (type === '0' || type === '\0' || type === '7') members.set(name, { offset: dataOffset, size });
    }
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}

async function readExactly(fh: FileHandle, buf: Buffer, position: number, path: string): Promise<void> {
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  if (bytesRead !== buf.length) throw new FormatError(`${path}: truncated tar archive at offset ${position}`);
}

async function readMeta(fh: FileHandle, position: number, size: number, path: string): Promise<Buffer> {
  if (size > MAX_META_SIZE) throw new FormatError(`${path}: tar extended header of ${size} bytes at ${position}`);
  const buf = Buffer.alloc(size);
  await readExactly(fh, buf, position, path);
  return buf;
}

function checkChecksum(header: Buffer, path: string, offset: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  const stored = parseInt(cString(header.subarray(148, 156)).trim() || 'NaN', 8);
  if (stored !== sum) throw new FormatError(`${path}: bad tar header checksum at offset ${offset}`);
}

/** Octal (NUL/space terminated) or GNU base-256 (high bit set) numeric field. */
function parseNumber(field: Buffer, path: string, offset: number): number {
  if (((field[0] ?? 0) & 0x80) !== 0) {
    if (((field[0] ?? 0) & 0x40) !== 0) throw new FormatError(`${path}: negative tar size at offset ${offset}`);
    let value = 0n;
    for (let i = 1; i < field.length; i++) value = (value << 8n) | BigInt(field[i] ?? 0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`${path}: tar size too large at ${offset}`);
    return Number(value);
  }
  const text = cString(field).trim();
  if (!/^[0-7]*$/.test(text)) throw new FormatError(`${path}: bad tar size field at offset ${offset}`);
  return text === '' ? 0 : parseInt(text, 8);
}

function ustarName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const magic = header.subarray(257, 263).toString('latin1');
  const prefix = magic.startsWith('ustar') ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** The `path` record of a PAX header; a record that cannot be read refuses the archive (as Go does). */
function paxPath(meta: Buffer, path: string, offset: number): string | undefined {
  let pos = 0;
  let found: string | undefined;
  while (pos < meta.length) {
    const space = meta.indexOf(0x20, pos);
    const lengthText = space < 0 ? '' : meta.subarray(pos, space).toString('latin1');
    const len = /^\d{1,7}$/.test(lengthText) ? Number(lengthText) : NaN;
    if (!(len > space - pos + 1 && pos + len <= meta.length && meta[pos + len - 1] === 0x0a)) {
      throw new FormatError(`${path}: unreadable PAX record in the tar header at offset ${offset}`);
    }
    const record = meta.subarray(space + 1, pos + len - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') found = record.slice(eq + 1);
    pos += len;
  }
  return found;
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.subarray(0, end < 0 ? buf.length : end).toString('utf8');
}

/** `./blobs//sha256/x` → `blobs/sha256/x`. */
export function normaliseMemberName(name: string): string {
  return name
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}
