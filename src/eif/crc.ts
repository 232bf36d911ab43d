export { crc32 } from '../io/crc32.js';

/** A CRC as 8 lowercase hex digits. */
export function crcHex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}
