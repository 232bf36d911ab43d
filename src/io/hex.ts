import { quoted, UserError } from '../errors.js';

/**
 * Parses a hex string of exactly `bytes` bytes (an optional `0x` prefix allowed), naming `what`
 * in the error so the user knows which flag or field was wrong.
 */
export function parseHex(value: string, bytes: number, what: string): Uint8Array {
  const text = value.trim().replace(/^0x/i, '');
  if (text.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new UserError(`${what}: expected ${bytes * 2} hex digits, got ${quoted(value, 122)}`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
