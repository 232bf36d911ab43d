// The customer ramdisk manifest: every entry as written (after linuxkit's conversions), with the
// SHA-256 of each file's data. One entry per line in archive order, no offsets or inode numbers,
// so that two builds' manifests diff cleanly ("which files changed PCR2").
//
// A build of a million files has a manifest of over 100 MB: it is never held in memory. Entry lines
// go to a body file beside the target as the ramdisk is written; the head (the ramdisk's size and
// SHA-384, known only at the end) is written last, before the body is copied after it. Readers
// stream it line by line (manifest-reader.ts).
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UserError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { removeOnInterrupt } from '../io/cleanup.js';
import type { WriteObserver, WrittenEntry } from '../ramdisk/cpio-writer.js';
import { MODE_TYPE } from '../ramdisk/cpio-header.js';

export const MANIFEST_SCHEMA = 'nitro-eif-build/ramdisk-manifest@1';

export type ManifestEntryType = 'file' | 'dir' | 'symlink' | 'char' | 'block' | 'fifo';

/** One archive entry. Keys are always in this order; optional keys appear only for their types. */
export interface ManifestEntry {
  /** Name in the archive (`rootfs/…`, `cmd`, `env`); directories from the image keep their `/`. */
  readonly path: string;
  readonly type: ManifestEntryType;
  /** Permission bits as 4 octal digits, e.g. `0755`, `4755`. */
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  /** Regular files: data size and SHA-256. */
  readonly size?: number;
  readonly sha256?: string;
  /** Symlinks (hard links are written as relative symlinks): the target. */
  readonly target?: string;
  /** Devices: `major:minor`. */
  readonly rdev?: string;
}

/** The manifest's head: what it describes. The entries follow it in the file. */
export interface ManifestHead {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly ramdisk: 'customer';
  readonly size: number;
  readonly sha384: string;
}

/** A manifest file once written. */
export interface WrittenManifest {
  readonly path: string;
  readonly entries: number;
  /** Of the whole file, lowercase hex. */
  readonly sha256: string;
  readonly bytes: number;
}

const TYPE_BY_BITS = new Map<number, ManifestEntryType>(
  Object.entries(MODE_TYPE).map(([name, bits]) => [bits, name as ManifestEntryType]),
);

/** The manifest line for one written entry. */
export function manifestEntry(written: WrittenEntry): ManifestEntry {
  const { header } = written;
  const type = TYPE_BY_BITS.get(header.mode & 0o170000) ?? 'file';
  const base = {
    path: written.name,
    type,
    mode: (header.mode & 0o7777).toString(8).padStart(4, '0'),
    uid: header.uid,
    gid: header.gid,
    mtime: header.mtime,
  };
  if (type === 'file') return { ...base, size: header.filesize, sha256: written.sha256 };
  if (type === 'symlink') return { ...base, target: written.linkTarget };
  if (type === 'char' || type === 'block') return { ...base, rdev: `${header.rdevmajor}:${header.rdevminor}` };
  return base;
}

// The text layout, pretty JSON with exactly one entry per line:
//   {\n  "schema": …,\n  "ramdisk": …,\n  "size": …,\n  "sha384": …,\n  "entries": [\n
//   one `    {…}` line per entry, separated by `,\n`, then `\n  ]\n}\n`.

/** Everything before the first entry line. */
export function manifestHeadText(head: ManifestHead): string {
  const text = JSON.stringify({ schema: head.schema, ramdisk: head.ramdisk, size: head.size, sha384: head.sha384 }, null, 2);
  return `${text.slice(0, -2)},\n  "entries": [\n`;
}

/** One entry's line, without its separator. */
export function manifestEntryText(entry: ManifestEntry): string {
  return `    ${JSON.stringify(entry)}`;
}

export const MANIFEST_TAIL = '\n  ]\n}\n';

/**
 * Entry lines are gathered up to this size, then written in one call. Small on purpose: buffers of a
 * megabyte, allocated and freed thousands of times, made glibc's heap grow by 100+ MiB of RSS.
 */
const FLUSH_BYTES = 64 << 10;

/**
 * Writes the manifest of the ramdisk being written to `path`, streaming: each entry's line goes to
 * a body file beside `path` as the entry is written; `finish` writes the head and copies the body
 * after it into a temporary file renamed onto `path`. Nothing is left on error (`abort`) or on
 * interruption (both temporary files are registered for removal).
 */
export class ManifestWriter implements WriteObserver {
  readonly hashData = true;
  readonly path: string;
  readonly #bodyPath: string;
  readonly #forgetBody: () => void;
  #fd: number | undefined;
  #pending: string[] = [];
  #pendingBytes = 0;
  #entries = 0;
  #closed = false;

  constructor(path: string) {
    this.path = path;
    this.#bodyPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.body.partial`);
    this.#forgetBody = removeOnInterrupt(this.#bodyPath);
    try {
      this.#fd = openSync(this.#bodyPath, 'wx', 0o600);
    } catch (error) {
      this.#forgetBody();
      throw this.#writeError(error);
    }
  }

  get entries(): number {
    return this.#entries;
  }

  // The observer is called synchronously from the cpio writer's loop, so lines are written with
  // writeSync, 64 KiB at a time: microseconds per call, and no entry is ever kept.
  onEntry(entry: WrittenEntry): void {
    const line = manifestEntryText(manifestEntry(entry));
    const text = this.#entries === 0 ? line : `,\n${line}`;
    this.#entries += 1;
    this.#pending.push(text);
    this.#pendingBytes += text.length;
    if (this.#pendingBytes >= FLUSH_BYTES) this.#flush();
  }

  #flush(): void {
    if (this.#pending.length === 0 || this.#fd === undefined) return;
    const bytes = Buffer.from(this.#pending.join(''), 'utf8');
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.#fd, bytes, done, bytes.length - done);
    } catch (error) {
      throw this.#writeError(error);
    }
  }

  /** Writes the file (head, entries, tail) atomically to `path`. */
  async finish(head: Omit<ManifestHead, 'schema' | 'ramdisk'>): Promise<WrittenManifest> {
    const file = new AtomicFile(this.path);
    const hash = createHash('sha256');
    let bytes = 0;
    const body = this.#bodyPath;
    const headText = manifestHeadText({ schema: MANIFEST_SCHEMA, ramdisk: 'customer', ...head });
    async function* pieces(): AsyncGenerator<Buffer> {
      yield Buffer.from(headText, 'utf8');
      for await (const chunk of createReadStream(body, { highWaterMark: FLUSH_BYTES })) yield chunk as Buffer;
      yield Buffer.from(MANIFEST_TAIL, 'utf8');
    }
    try {
      this.#flush();
      this.#closeBody();
      await pipeline(async function* () {
        for await (const piece of pieces()) {
          hash.update(piece);
          bytes += piece.length;
          yield piece;
        }
      }, file.createWriteStream());
      await file.commit();
    } catch (error) {
      throw this.#writeError(error, file.tempPath);
    } finally {
      await file.abort();
      await this.abort();
    }
    return { path: this.path, entries: this.#entries, sha256: hash.digest('hex'), bytes };
  }

  /** Removes the body file (the final file is never in place unless `finish` completed). Never throws. */
  async abort(): Promise<void> {
    this.#closeBody();
    await rm(this.#bodyPath, { force: true }).catch(() => undefined);
    this.#forgetBody();
  }

  #closeBody(): void {
    if (this.#closed) return;
    this.#closed = true;
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Already closed or gone: the file is removed next anyway.
      }
    }
  }

  #writeError(error: unknown, tempPath?: string): Error {
    if (error instanceof UserError) return error;
    // Name the destination the user gave, not the hidden temporary files.
    let message = (error as Error).message.replaceAll(this.#bodyPath, this.path);
    if (tempPath) message = message.replaceAll(tempPath, this.path);
    return new UserError(`${this.path}: cannot write the manifest: ${message}`, { cause: error });
  }
}
