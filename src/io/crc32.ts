import zlib from 'node:zlib';

/**
 * CRC-32/ISO-HDLC (zlib) continued from `previous`; Node ≥ 20.15 has it built in. An empty view
 * is skipped: zlib returns 0 for a null data pointer, which an empty buffer may have.
 */
export function crc32(data: Uint8Array, previous = 0): number {
  return data.byteLength === 0 ? previous >>> 0 : zlib.crc32(data, previous) >>> 0;
}
