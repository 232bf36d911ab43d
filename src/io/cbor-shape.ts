import { FormatError } from '../errors.js';

// A bounded walk over the heads of one CBOR item (RFC 8949 §3), run BEFORE a decoder builds any value:
// a 16 MB array of 16 M empty arrays would otherwise cost a gigabyte of JavaScript objects before a
// shape check could refuse it, and deep nesting would exhaust the decoder's recursion. No values are
// built here: one pass, constant memory per nesting level.

export interface CborLimits {
  /** Deepest nesting of arrays, maps and tags (the outermost item is depth 1). */
  maxDepth: number;
  /** Most data items in total, containers and their members counted alike. */
  maxItems: number;
}

interface Frame {
  /** Items still expected in this container; Infinity for an indefinite one (ended by 0xff). */
  left: number;
  /** Major type of an indefinite-length string: its chunks must be definite strings of the same type. */
  chunksOf?: number;
}

/**
 * Checks that `bytes` starts with one well-formed CBOR item within `limits`; throws a FormatError naming
 * `what` otherwise. Bytes after the item are left for the decoder (which refuses trailing data).
 */
export function checkCborShape(bytes: Uint8Array, limits: CborLimits, what: string): void {
  const fail = (problem: string, at: number): never => {
    throw new FormatError(`${what}: invalid CBOR: ${problem} at byte ${at}`);
  };
  const stack: Frame[] = [];
  let pos = 0;
  let items = 0;
  const argument = (info: number, at: number): number => {
    if (info < 24) return info;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0) return fail(`reserved additional information ${info}`, at);
    if (pos + width > bytes.length) return fail('truncated item head', at);
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + bytes[pos + i]!;
    pos += width;
    return value; // above 2^53 it loses precision, but any such length or count is refused below anyway
  };
  do {
    const at = pos;
    if (pos >= bytes.length) fail('truncated (an item is missing)', at);
    const initial = bytes[pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    const top = stack.at(-1);
    if (initial === 0xff) {
      if (!top || top.left !== Infinity) fail('unexpected break', at);
      stack.pop();
    } else {
      if (++items > limits.maxItems) fail(`more than ${limits.maxItems} data items`, at);
      if (stack.length >= limits.maxDepth) fail(`nested deeper than ${limits.maxDepth} levels`, at);
      if (top?.chunksOf !== undefined && (major !== top.chunksOf || info === 31)) fail('indefinite-length string chunk of another type', at);
      if (top && top.left !== Infinity) top.left--;
      if (info === 31) {
        if (major === 0 || major === 1 || major === 6 || major === 7) fail('indefinite length on a type that has none', at);
        stack.push(major === 2 || major === 3 ? { left: Infinity, chunksOf: major } : { left: Infinity });
      } else {
        const value = argument(info, at);
        if (major === 2 || major === 3) {
          if (value > bytes.length - pos) fail(`string of ${value} bytes runs past the end`, at);
          pos += value;
        } else if (major === 4 || major === 5) {
          const members = major === 5 ? value * 2 : value;
          // Every member takes at least one byte: a count beyond the bytes left is a lie, whatever the limits.
          if (members > bytes.length - pos) fail(`${major === 4 ? 'array' : 'map'} of ${value} entries runs past the end`, at);
          if (members > 0) stack.push({ left: members });
        } else if (major === 6) {
          stack.push({ left: 1 });
        } else if (major === 7 && info === 24 && value < 32) {
          fail('simple value encoded in two bytes', at);
        }
      }
    }
    while (stack.length > 0 && stack.at(-1)!.left === 0) stack.pop();
  } while (stack.length > 0);
}
