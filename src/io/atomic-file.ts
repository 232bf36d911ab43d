import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file.tempPath, data, { flag: 'wx' });
    await file.commit();
  } finally {
    await file.abort();
  }
}
