// The few CBOR shapes the signature section needs (RFC 8949), encoded exactly as the Rust
// serde_cbor writer does: minimal lengths, no tags, and byte *vectors* as arrays of uints.

function head(major: number, value: number): Uint8Array {
  const m = major << 5;
  if (value < 24) return Uint8Array.of(m | value);
  if (value < 0x100) return Uint8Array.of(m | 24, value);
  if (value < 0x10000) return Uint8Array.of(m | 25, value >> 8, value & 0xff);
  if (value < 0x100000000) {
    const out = new Uint8Array(5);
    out[0] = m | 26;
    new DataView(out.buffer).setUint32(1, value);
    return out;
  }
  const out = new Uint8Array(9);
  out[0] = m | 27;
  new DataView(out.buffer).setBigUint64(1, BigInt(value));
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** An integer (major 0 or 1). */
export function cborInt(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR integer out of range: ${value}`);
  return value >= 0 ? head(0, value) : head(1, -1 - value);
}

/** A byte string (major 2). */
export function cborBytes(bytes: Uint8Array): Uint8Array {
  return concatBytes([head(2, bytes.byteLength), bytes]);
}

/** A text string (major 3). */
export function cborText(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return concatBytes([head(3, bytes.byteLength), bytes]);
}

/** A byte vector the way serde_cbor writes `Vec<u8>`: an array of unsigned integers. */
export function cborByteVector(bytes: Uint8Array): Uint8Array {
  const parts = [head(4, bytes.byteLength)];
  for (const b of bytes) parts.push(b < 24 ? Uint8Array.of(b) : Uint8Array.of(0x18, b));
  return concatBytes(parts);
}

/** An array of already-encoded items. */
export function cborArray(items: Uint8Array[]): Uint8Array {
  return concatBytes([head(4, items.length), ...items]);
}

/** A map of already-encoded key/value pairs, in the order given. */
export function cborMap(entries: Array<[Uint8Array, Uint8Array]>): Uint8Array {
  return concatBytes([head(5, entries.length), ...entries.flat()]);
}
