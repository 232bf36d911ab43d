// Hand-made tar archives for hostile-input tests: every header field can be set to raw bytes
// (base-256 numbers, broken octal, odd type flags), which no tar writer library would produce.

export interface RawHeader {
  /** Name bytes (at most 100; longer names go in a PAX or GNU long-name header). */
  readonly name: string | Buffer;
  /** Type flag character (default '0'). */
  readonly type?: string;
  readonly mode?: number | Buffer;
  readonly uid?: number | Buffer;
  readonly gid?: number | Buffer;
  /** Size field; a number is written in octal (data of that many bytes is then expected). */
  readonly size?: number | Buffer;
  readonly mtime?: number | Buffer;
  readonly linkname?: string | Buffer;
  /** 'ustar' (POSIX, default) or 'gnu' magic. */
  readonly magic?: 'ustar' | 'gnu';
  /** Device numbers (character and block devices). */
  readonly devmajor?: number;
  readonly devminor?: number;
  /** ustar prefix field (at most 155 bytes): the name is `prefix/name`. */
  readonly prefix?: string | Buffer;
}

const BLOCK = 512;

function octal(value: number, width: number): Buffer {
  return Buffer.from(`${value.toString(8).padStart(width - 1, '0')}\0`, 'latin1');
}

function field(value: number | Buffer | undefined, width: number, fallback: number): Buffer {
  if (Buffer.isBuffer(value)) {
    if (value.length !== width) throw new Error(`raw field of ${value.length} bytes, expected ${width}`);
    return value;
  }
  return octal(value ?? fallback, width);
}

/** One 512-byte header with a valid checksum. */
export function rawHeader(h: RawHeader): Buffer {
  const block = Buffer.alloc(BLOCK);
  const name = Buffer.isBuffer(h.name) ? h.name : Buffer.from(h.name, 'utf8');
  if (name.length > 100) throw new Error('rawHeader: name over 100 bytes');
  name.copy(block, 0);
  field(h.mode, 8, 0o644).copy(block, 100);
  field(h.uid, 8, 0).copy(block, 108);
  field(h.gid, 8, 0).copy(block, 116);
  field(h.size, 12, 0).copy(block, 124);
  field(h.mtime, 12, 0).copy(block, 136);
  block[156] = (h.type ?? '0').charCodeAt(0);
  if (h.linkname !== undefined) (Buffer.isBuffer(h.linkname) ? h.linkname : Buffer.from(h.linkname, 'utf8')).copy(block, 157);
  Buffer.from(h.magic === 'gnu' ? 'ustar  \0' : 'ustar\x0000', 'latin1').copy(block, 257);
  if (h.devmajor !== undefined) octal(h.devmajor, 8).copy(block, 329);
  if (h.devminor !== undefined) octal(h.devminor, 8).copy(block, 337);
  if (h.prefix !== undefined) {
    const prefix = Buffer.isBuffer(h.prefix) ? h.prefix : Buffer.from(h.prefix, 'utf8');
    if (prefix.length > 155) throw new Error('rawHeader: prefix over 155 bytes');
    prefix.copy(block, 345);
  }
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `, 'latin1').copy(block, 148);
  return block;
}

function padded(data: Buffer): Buffer {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return Buffer.concat([data, Buffer.alloc(pad)]);
}

/** A header followed by its data, padded to whole blocks. */
export function rawEntry(h: RawHeader, data: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([rawHeader({ size: data.length, ...h }), padded(data)]);
}

/** A PAX extended header ('x') carrying `records` exactly as given (length prefixes included). */
export function paxHeader(records: string | Buffer): Buffer {
  const data = Buffer.isBuffer(records) ? records : Buffer.from(records, 'latin1');
  return rawEntry({ name: 'PaxHeaders/x', type: 'x' }, data);
}

/** One well-formed PAX record: `<len> key=value\n`, the length counting itself. */
export function paxRecord(key: string, value: string | Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(` ${key}=`, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'), Buffer.from('\n')]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length += 1;
  return Buffer.concat([Buffer.from(String(length), 'latin1'), body]);
}

/** A GNU long name ('L') header for the next entry. */
export function gnuLongName(name: Buffer): Buffer {
  return rawEntry({ name: '././@LongLink', type: 'L', magic: 'gnu' }, Buffer.concat([name, Buffer.from([0])]));
}

/** The end-of-archive marker: two zero blocks. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

/** A whole archive: the parts, then the end marker. */
export function rawTar(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, TAR_END]);
}
