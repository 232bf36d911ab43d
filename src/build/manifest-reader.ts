// Reads a ramdisk manifest (manifest.ts) as a stream of entries, with every line and field bounded.
//
// A line reader, not a streaming JSON parser: the format is ours and puts exactly one entry on each
// line, so splitting the bytes at newlines and giving each line to the native JSON.parse is strict
// (anything that is not that layout is refused, naming the line), bounded (a line longer than
// MAX_MANIFEST_LINE is refused before it is decoded) and some ten times faster than a JavaScript
// streaming parser, which matters at millions of entries. node:readline is not used: it buffers a
// line of any length (a file without newlines would be read whole into memory).
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { FormatError, quoted, systemErrorReason, UserError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { openRegularFile, openRegularStream, regularFileChunks } from '../io/regular-file.js';
import { MANIFEST_SCHEMA, type ManifestEntry, type ManifestEntryType, type ManifestHead } from './manifest.js';

/**
 * Whole-file cap: a manifest of 16 million entries (a 16 GiB root filesystem of 1 KiB files) is
 * about 2.5 GB. Memory does not depend on it (lines are read one at a time); it bounds the time.
 */
export const MAX_MANIFEST_BYTES = 4 * 2 ** 30;
export const MAX_MANIFEST_ENTRIES = 2 ** 24;
/**
 * One entry line: a path and a link target of at most 4096 bytes each (tar-check.ts), escaped in
 * JSON at worst 6 characters a byte, and the other fields: under 50 KiB.
 */
export const MAX_MANIFEST_LINE = 64 << 10;
/**
 * Reads of 64 KiB: with 1 MiB ones (a fresh buffer each) a diff of two 200,000-entry manifests
 * peaked at 300 MiB of RSS (glibc's heap fragmented), against 120 MiB.
 */
const READ_CHUNK = 64 << 10;
/** Head lines before `"entries": [`. */
const HEAD_KEYS = ['schema', 'ramdisk', 'size', 'sha384'] as const;

const TYPES: ReadonlySet<string> = new Set<ManifestEntryType>(['file', 'dir', 'symlink', 'char', 'block', 'fifo']);
const MAX_ID = 0xffffffff;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A manifest file whose head has been read and checked; `entries()` reads the file again each time. */
export interface ManifestFile {
  /** How errors name the file. */
  readonly label: string;
  readonly path: string;
  readonly head: ManifestHead;
  entries(): AsyncGenerator<ManifestEntry>;
}

/** Whether the first bytes of a file are those of a manifest (before it is read as one). */
export function looksLikeManifest(start: Uint8Array): boolean {
  const text = Buffer.from(start.buffer, start.byteOffset, start.byteLength).toString('latin1');
  return /^\{\r?\n[ \t]*"schema": *"nitro-eif-build\/ramdisk-manifest@/.test(text);
}

/** Opens `path` as a manifest: a one-line FormatError naming it (and the line) when it is not one. */
export async function openManifest(path: string, options: { label?: string } = {}): Promise<ManifestFile> {
  const label = options.label ?? path;
  let head: ManifestHead | undefined;
  for await (const item of readManifest(path, label, true)) if ('schema' in item) head = item;
  if (!head) throw new Error('internal: the manifest reader gave no head');
  const found = head;
  return {
    label, path, head: found,
    entries: async function* () {
      for await (const item of readManifest(path, label, false)) {
        if ('schema' in item) {
          if (item.size !== found.size || item.sha384 !== found.sha384) throw new FormatError(`${label}: changed while being read`);
          continue;
        }
        yield item;
      }
    },
  };
}

/** SHA-256 of a file (lowercase hex), read as a stream within the manifest size cap. */
export async function fileSha256(path: string, label = path): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of regularFileChunks(path, { label, maxBytes: MAX_MANIFEST_BYTES, chunkSize: READ_CHUNK })) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * Copies the manifest `from` to `to` (atomically) and checks the copy, every line, before it is put
 * in place; returns the copy's SHA-256.
 */
export async function copyManifest(from: string, to: string, label = from): Promise<{ sha256: string; entries: number }> {
  const file = new AtomicFile(to);
  try {
    const hash = createHash('sha256');
    const { stream } = await openRegularStream(from, { label, maxBytes: MAX_MANIFEST_BYTES, chunkSize: READ_CHUNK });
    await pipeline(stream, async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        hash.update(chunk);
        yield chunk;
      }
    }, file.createWriteStream()).catch((error: unknown) => {
      if (error instanceof UserError) throw error;
      throw new UserError(`${to}: cannot write: ${(error as Error).message.replaceAll(file.tempPath, to)}`, { cause: error });
    });
    let entries = 0;
    for await (const _entry of (await openManifest(file.tempPath, { label })).entries()) entries += 1;
    await file.commit();
    return { sha256: hash.digest('hex'), entries };
  } finally {
    await file.abort();
  }
}

type Item = ManifestHead | ManifestEntry;

/** The head, then (unless `headOnly`) every entry, checking the layout line by line. */
async function* readManifest(path: string, label: string, headOnly: boolean): AsyncGenerator<Item> {
  const state = new LayoutState(label);
  for await (const batch of lineBatches(path, label)) {
    for (const [number, line] of batch) {
      const item = state.line(line, number);
      if (item === undefined) continue;
      yield item;
      if (headOnly && 'schema' in item) return;
    }
  }
  state.end();
}

/** The layout as manifest.ts writes it, one state per kind of line expected next. */
class LayoutState {
  readonly #label: string;
  #expect: 'open' | 'head' | 'entry' | 'close' | 'end' = 'open';
  #head: Record<string, unknown> = {};
  #entries = 0;
  /** The previous entry line ended with a comma: another entry must follow. */
  #more = false;
  #line = 0;

  constructor(label: string) {
    this.#label = label;
  }

  line(raw: string, number: number): Item | undefined {
    this.#line = number;
    const line = raw.trim();
    switch (this.#expect) {
      case 'open':
        if (line !== '{') throw this.#error(`expected "{" (a nitro-eif ramdisk manifest starts with its schema)`);
        this.#expect = 'head';
        return undefined;
      case 'head':
        return this.#headLine(line);
      case 'entry':
        return this.#entryLine(line);
      case 'close':
        if (line !== '}') throw this.#error('expected "}" after the entries');
        this.#expect = 'end';
        return undefined;
      case 'end':
        if (line !== '') throw this.#error('unexpected text after the end of the manifest');
        return undefined;
    }
  }

  end(): void {
    if (this.#line === 0) throw new FormatError(`${this.#label}: empty (not a manifest)`);
    if (this.#expect !== 'end') throw new FormatError(`${this.#label}: ends early (after line ${this.#line}: truncated?)`);
  }

  #headLine(line: string): ManifestHead | undefined {
    const key = HEAD_KEYS[Object.keys(this.#head).length];
    if (key === undefined) {
      if (line !== '"entries": [') throw this.#error('expected "entries": [ after the head');
      this.#expect = 'entry';
      return this.#checkedHead();
    }
    if (!line.startsWith(`"${key}":`) || !line.endsWith(',')) throw this.#error(`expected "${key}": …, (the head is schema, ramdisk, size, sha384)`);
    const value = (this.#parse(`{${line.slice(0, -1)}}`) as Record<string, unknown>)[key];
    if (key === 'schema' && value !== MANIFEST_SCHEMA) throw this.#error(`schema ${quoted(value)} is not ${MANIFEST_SCHEMA}`);
    this.#head[key] = value;
    return undefined;
  }

  #checkedHead(): ManifestHead {
    const { schema, ramdisk, size, sha384 } = this.#head;
    if (ramdisk !== 'customer') throw this.#error(`"ramdisk" must be "customer"`);
    if (!Number.isSafeInteger(size) || (size as number) < 0) throw this.#error(`"size" must be a byte count`);
    if (typeof sha384 !== 'string' || !/^[0-9a-f]{96}$/.test(sha384)) throw this.#error(`"sha384" must be 96 lowercase hex digits`);
    return { schema: schema as typeof MANIFEST_SCHEMA, ramdisk, size: size as number, sha384 };
  }

  #entryLine(line: string): ManifestEntry | undefined {
    if (line === ']') {
      if (this.#more) throw this.#error('"]" after a comma: an entry is missing');
      this.#expect = 'close';
      return undefined;
    }
    // An empty list is written as an empty line between "[" and "]".
    if (line === '' && this.#entries === 0 && !this.#more) return undefined;
    if (this.#entries > 0 && !this.#more) throw this.#error('expected "," after the previous entry, or "]"');
    const more = line.endsWith(',');
    const text = more ? line.slice(0, -1) : line;
    if (!text.startsWith('{') || !text.endsWith('}')) throw this.#error('expected one entry {…} on the line');
    if (++this.#entries > MAX_MANIFEST_ENTRIES) throw this.#error(`more than ${MAX_MANIFEST_ENTRIES} entries`);
    this.#more = more;
    return this.#checkedEntry(this.#parse(text));
  }

  #checkedEntry(value: unknown): ManifestEntry {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.#error('an entry must be a JSON object');
    const entry = value as Record<string, unknown>;
    const { path, type } = entry;
    if (typeof path !== 'string' || path === '') throw this.#error('"path" must be a non-empty string');
    if (typeof type !== 'string' || !TYPES.has(type)) throw this.#error(`"type" must be one of ${[...TYPES].join(', ')}`);
    if (typeof entry['mode'] !== 'string' || !/^[0-7]{4}$/.test(entry['mode'])) throw this.#error('"mode" must be 4 octal digits');
    for (const key of ['uid', 'gid', 'mtime']) {
      const n = entry[key];
      if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_ID) throw this.#error(`"${key}" must be an integer from 0 to ${MAX_ID}`);
    }
    const allowed = ['path', 'type', 'mode', 'uid', 'gid', 'mtime'];
    if (type === 'file') {
      if (!Number.isSafeInteger(entry['size']) || (entry['size'] as number) < 0) throw this.#error('"size" must be a byte count');
      if (typeof entry['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(entry['sha256'])) throw this.#error('"sha256" must be 64 lowercase hex digits');
      allowed.push('size', 'sha256');
    } else if (type === 'symlink') {
      if (typeof entry['target'] !== 'string') throw this.#error('"target" must be a string');
      allowed.push('target');
    } else if (type === 'char' || type === 'block') {
      if (typeof entry['rdev'] !== 'string' || !/^\d{1,10}:\d{1,10}$/.test(entry['rdev'])) throw this.#error('"rdev" must be major:minor');
      allowed.push('rdev');
    }
    const keys = Object.keys(entry);
    if (keys.length !== allowed.length) {
      const extra = keys.find((k) => !allowed.includes(k));
      throw this.#error(extra === undefined ? 'a field is missing' : `unexpected field ${JSON.stringify(extra.slice(0, 64))} for a ${type}`);
    }
    return entry as unknown as ManifestEntry;
  }

  #parse(text: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw this.#error(`not valid JSON (${(error as Error).message})`);
    }
  }

  #error(what: string): FormatError {
    return new FormatError(`${this.#label}: line ${this.#line}: ${what}`);
  }
}

/**
 * The file's lines as [number, text], a chunk's worth at a time (one await per chunk, not per line).
 * A line longer than MAX_MANIFEST_LINE or not UTF-8 is refused; a final line without a newline is given.
 */
async function* lineBatches(path: string, label: string): AsyncGenerator<Array<[number, string]>> {
  const { stream } = await openRegularStream(path, { label, maxBytes: MAX_MANIFEST_BYTES, chunkSize: READ_CHUNK });
  let carry: Buffer[] = [];
  let carried = 0;
  let number = 0;
  const decode = (bytes: Uint8Array): string => {
    number += 1;
    if (bytes.length > MAX_MANIFEST_LINE) throw tooLong(label, number);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new FormatError(`${label}: line ${number}: not UTF-8`);
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const batch: Array<[number, string]> = [];
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        let bytes: Uint8Array = chunk.subarray(start, nl);
        if (carried > 0) {
          bytes = Buffer.concat([...carry, bytes]);
          carry = [];
          carried = 0;
        }
        const text = decode(bytes);
        batch.push([number, text]);
        start = nl + 1;
      }
      if (start < chunk.length) {
        carried += chunk.length - start;
        if (carried > MAX_MANIFEST_LINE) throw tooLong(label, number + 1);
        carry.push(chunk.subarray(start));
      }
      if (batch.length > 0) yield batch;
    }
    if (carried > 0) {
      const text = decode(Buffer.concat(carry));
      yield [[number, text]];
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${label}: cannot read: ${systemErrorReason(error)}`, { cause: error });
  } finally {
    stream.destroy();
  }
}

function tooLong(label: string, number: number): FormatError {
  return new FormatError(`${label}: line ${number}: longer than ${MAX_MANIFEST_LINE} bytes`);
}

/** Reads the first bytes of a regular file (fewer when it is shorter). */
export async function readStart(path: string, length: number, label = path): Promise<Buffer> {
  const { handle } = await openRegularFile(path, { label });
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
