import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { FormatError, systemErrorReason, UserError } from '../errors.js';

// Every file the project reads as input goes through here. A path may name anything: a FIFO (open
// would wait for a writer forever), /dev/zero or a symlink to it (endless bytes), a directory. So
// the file is opened without blocking, the OPENED descriptor is checked (no race with a rename
// between stat and open), only regular files are accepted, and reads never go past the size fstat
// gave: a file that grows while it is read cannot make a read longer.

/**
 * Caps for whole-file reads: JSON documents (measurements, locks, bundles: a few KiB in practice),
 * PEM keys. Manifests are not read whole (build/manifest-reader.ts has their caps).
 */
export const MAX_JSON_BYTES = 4 << 20;
export const MAX_PEM_BYTES = 1 << 20;

export interface RegularFileOptions {
  /** How errors name the file: e.g. `--key key.pem` (default: the path itself). */
  label?: string;
  /** Refuse a larger file before reading it. */
  maxBytes?: number;
}

export interface OpenedFile {
  handle: FileHandle;
  /** The size fstat gave when the file was opened: every read stays within it. */
  size: number;
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** Opens `path` for reading if it is a regular file within `maxBytes`; a one-line UserError otherwise. */
export async function openRegularFile(path: string, options: RegularFileOptions = {}): Promise<OpenedFile> {
  const label = options.label ?? path;
  const handle = await open(path, OPEN_FLAGS).catch((error: Error) => {
    throw new UserError(`${label}: cannot read: ${systemErrorReason(error)}`, { code: 'not-found', cause: error });
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UserError(`${label}: not a regular file (${kindOf(stats)})`, { code: 'input' });
    if (options.maxBytes !== undefined && stats.size > options.maxBytes) {
      throw new UserError(`${label}: ${stats.size} bytes is too large (at most ${options.maxBytes})`, { code: 'input' });
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads exactly `size` bytes from an opened file (a file that shrank meanwhile is an error). */
async function readExactly(file: OpenedFile, label: string): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(file.size);
  let filled = 0;
  while (filled < file.size) {
    const { bytesRead } = await file.handle.read(buffer, filled, file.size - filled, filled);
    if (bytesRead === 0) throw new UserError(`${label}: changed while being read (shorter than its ${file.size} bytes)`, { code: 'input' });
    filled += bytesRead;
  }
  return buffer;
}

/** The whole file, refused when not regular or over `maxBytes`. */
export async function readRegularFile(path: string, options: RegularFileOptions & { maxBytes: number }): Promise<Buffer> {
  const file = await openRegularFile(path, options);
  try {
    return await readExactly(file, options.label ?? path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${options.label ?? path}: cannot read: ${systemErrorReason(error)}`, { code: 'input', cause: error });
  } finally {
    await file.handle.close();
  }
}

/** The whole file as UTF-8 text (see readRegularFile). */
export async function readRegularText(path: string, options: RegularFileOptions & { maxBytes: number }): Promise<string> {
  return (await readRegularFile(path, options)).toString('utf8');
}

/** A JSON file, parsed; at most MAX_JSON_BYTES unless told. FormatError naming the file when it is not JSON. */
export async function readJsonFile(path: string, options: RegularFileOptions = {}): Promise<unknown> {
  const label = options.label ?? path;
  return parseJsonBounded(await readRegularFile(path, { ...options, maxBytes: options.maxBytes ?? MAX_JSON_BYTES }), label);
}

// JSON.parse costs some 30-60 bytes per value: a file of `[],[],…` becomes twenty times its size in
// memory. Real files (measurements, locks, manifests: one object per file, with names and digests)
// have a value every 5 bytes or more; the structural characters are counted first, and a denser file
// is refused before it is parsed.
const MIN_BYTES_PER_VALUE = 4;
const FREE_VALUES = 4096;

/** Parses `bytes` as JSON after the density check above; FormatError `${label}: ${notJson} (…)` otherwise. */
export function parseJsonBounded(bytes: Uint8Array, label: string, notJson = 'not valid JSON'): unknown {
  let values = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c) i++; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b || byte === 0x2c || byte === 0x3a) {
      values++; // [ { , :
    }
  }
  if (values > FREE_VALUES + bytes.length / MIN_BYTES_PER_VALUE) {
    throw new FormatError(`${label}: ${values} JSON values in ${bytes.length} bytes is more than any real file holds (refused before parsing)`);
  }
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as unknown;
  } catch (error) {
    throw new FormatError(`${label}: ${notJson} (${(error as Error).message})`, { cause: error });
  }
}

/**
 * The file's bytes as a stream that ends at the size fstat gave when it was opened (so a file that
 * grows cannot make it longer). The descriptor closes when the stream ends or is destroyed.
 */
export async function openRegularStream(
  path: string, options: RegularFileOptions & { chunkSize?: number; start?: number } = {},
): Promise<{ stream: Readable; size: number }> {
  const file = await openRegularFile(path, options);
  const start = options.start ?? 0;
  if (start >= file.size) {
    await file.handle.close();
    return { stream: Readable.from([]), size: file.size };
  }
  const stream = file.handle.createReadStream({ start, end: file.size - 1, highWaterMark: options.chunkSize ?? 1 << 20, autoClose: true });
  return { stream, size: file.size };
}

/** The bytes of a regular file as an async iterable, bounded as openRegularStream. */
export async function* regularFileChunks(path: string, options: RegularFileOptions & { chunkSize?: number } = {}): AsyncGenerator<Uint8Array> {
  const { stream } = await openRegularStream(path, options);
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}
