import { FormatError } from '../errors.js';

/**
 * Rust's `char::is_whitespace` (Unicode White_Space), which nitro-cli's `str::trim` strips. Not
 * JavaScript's `trim()`: that also strips U+FEFF (a byte-order mark) and keeps U+0085 (NEL).
 */
const RUST_WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SURROUNDING_WHITE_SPACE = new RegExp(`^[${RUST_WHITE_SPACE}]+|[${RUST_WHITE_SPACE}]+$`, 'gu');

/**
 * The kernel command line as nitro-cli writes it into the cmdline section (spec §2): the text
 * trimmed of surrounding white space exactly as Rust's `str::trim` does. A NUL is refused, as
 * nitro-cli's `CString::new` refuses it. `what` names the input in the error.
 */
export function kernelCmdline(text: string, what: string): string {
  const trimmed = text.replace(SURROUNDING_WHITE_SPACE, '');
  const nul = trimmed.indexOf('\0');
  if (nul >= 0) throw new FormatError(`${what}: NUL character at position ${nul} (a kernel command line cannot hold one)`);
  return trimmed;
}

/** The same from a cmdline blob's bytes, which must be UTF-8 (nitro-cli reads it with `read_to_string`). */
export function kernelCmdlineOfBytes(bytes: Uint8Array, what: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new FormatError(`${what}: not valid UTF-8`, { cause: error });
  }
  return kernelCmdline(text, what);
}
