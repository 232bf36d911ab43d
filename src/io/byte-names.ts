// File names are bytes on Linux, and neither Docker nor linuxkit requires them to be UTF-8. Names
// travel through this project as JavaScript strings: valid UTF-8 decoded as such (so ordinary names
// are ordinary strings), and each byte that is not part of a valid UTF-8 sequence as the lone
// surrogate U+DC80..U+DCFF (Python's "surrogateescape"). Decoding valid UTF-8 never yields a lone
// surrogate, so the encoding is unambiguous and `nameBytes(decodeName(b))` gives back `b` exactly.

// eslint-disable-next-line no-control-regex -- every 7-bit byte is its own character in UTF-8
const ASCII = /^[\x00-\x7f]*$/;
const SURROGATE = /[\uD800-\uDFFF]/;
const ESCAPE_BASE = 0xdc00;

/** Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), 0 when there is none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** A name's bytes, given as a latin1 byte string (one byte per code unit), as a name string. */
export function decodeName(byteString: string): string {
  if (ASCII.test(byteString)) return byteString;
  const bytes = Buffer.from(byteString, 'latin1');
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n === 0) {
      out += String.fromCharCode(ESCAPE_BASE + bytes[i]!);
      i += 1;
    } else {
      out += bytes.toString('utf8', i, i + n);
      i += n;
    }
  }
  return out;
}

/** The bytes a name string stands for (the inverse of decodeName). */
export function nameBytes(name: string): Buffer {
  if (!SURROGATE.test(name)) return Buffer.from(name, 'utf8');
  const parts: Buffer[] = [];
  let run = 0;
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < name.length && (name.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      i += 1;
      continue;
    }
    if (c >= 0xdc80 && c <= 0xdcff) {
      parts.push(Buffer.from(name.slice(run, i), 'utf8'), Buffer.of(c - ESCAPE_BASE));
      run = i + 1;
    }
  }
  parts.push(Buffer.from(name.slice(run), 'utf8'));
  return Buffer.concat(parts);
}

/** Byte length of `nameBytes(name)`, without making the buffer for ordinary names. */
export function nameByteLength(name: string): number {
  return SURROGATE.test(name) ? nameBytes(name).length : Buffer.byteLength(name, 'utf8');
}
