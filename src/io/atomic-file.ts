import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { lstat, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { removeOnInterrupt } from './cleanup.js';

/**
 * A file written under a temporary name beside its destination and renamed into place only
 * when complete, so a failed or interrupted run never leaves a half-written output.
 */
export class AtomicFile {
  readonly path: string;
  readonly tempPath: string;
  #done = false;
  readonly #forget: () => void;

  constructor(path: string) {
    this.path = path;
    this.tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
    this.#forget = removeOnInterrupt(this.tempPath);
  }

  /** A write stream on the temporary file. */
  createWriteStream(): WriteStream {
    return createWriteStream(this.tempPath, { flags: 'wx', mode: 0o644 });
  }

  /** Moves the finished temporary file into place. */
  async commit(): Promise<void> {
    if (this.#done) return;
    await rename(this.tempPath, this.path);
    this.#done = true;
    this.#forget();
  }

  /** Removes the temporary file; never throws, so it is safe in `finally`. */
  async abort(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    await rm(this.tempPath, { force: true }).catch(() => undefined);
    this.#forget();
  }
}

/** Writes `data` to `path` atomically. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const file = new AtomicFile(path);
  try {
    await writeFile(file.tempPath, data, { flag: 'wx' }).catch((error: Error) => {
      // Name the destination the user gave, not the hidden temporary file.
      throw new UserError(`${path}: cannot write: ${error.message.replaceAll(file.tempPath, path)}`, { cause: error });
    });
    await file.commit();
  } finally {
    await file.abort();
  }
}

/**
 * Refuses, before any work is done, an output path the final rename cannot take: its directory
 * missing or not a directory, or a directory at the path itself. `label` names the flag or input
 * (e.g. `--output-file`). Whatever exists at the path otherwise is replaced, as by every command.
 */
export async function checkOutputPath(path: string, label: string): Promise<void> {
  const parent = dirname(path);
  const parentInfo = await stat(parent).catch(() => undefined);
  if (!parentInfo) throw new UserError(`${label} ${path}: directory ${parent} does not exist`);
  if (!parentInfo.isDirectory()) throw new UserError(`${label} ${path}: ${parent} is not a directory`);
  if ((await lstat(path).catch(() => undefined))?.isDirectory()) throw new UserError(`${label} ${path}: is a directory`);
}
