import { createHash, randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.js';
import type { ByteSource } from '../eif/types.js';
import { conflictError, checkKey } from './store-errors.js';
import { hashSource, openSource } from './source.js';
import { openRegularStream } from '../io/regular-file.js';
import type { ArtifactStore, ObjectInfo, PutOptions, PutResult } from './types.js';

/**
 * A store in a local directory. Write-once without races: the object is written to a temporary
 * file beside its destination and hard-linked into place, which fails if the name exists.
 */
export class LocalStore implements ArtifactStore {
  readonly root: string;
  readonly uri: string;

  constructor(root: string) {
    this.root = root;
    this.uri = pathToFileURL(root).href;
  }

  uriOf(key: string): string {
    return pathToFileURL(this.#path(key)).href;
  }

  async put(key: string, source: ByteSource, options: PutOptions = {}): Promise<PutResult> {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.partial`);
    try {
      const { sha256, size } = await this.#writeTemp(temp, source);
      options.onProgress?.({ key, loaded: size, total: size });
      const created = await placeOnce(temp, path);
      if (!created) {
        const existing = await hashSource({ path });
        if (existing.sha256 !== sha256) throw conflictError(this.uriOf(key), existing.sha256, sha256);
      }
      return { key, uri: this.uriOf(key), sha256, size, created };
    } finally {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable> {
    // A stored object is a regular file read up to its size: a symlink to /dev/zero or a FIFO planted
    // in the store is refused, not streamed without end.
    const { stream } = await openRegularStream(this.#path(key), { label: `store: ${this.uriOf(key)}` }).catch((error: UserError) => {
      if ((error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new UserError(`store: ${this.uriOf(key)} not found`, { code: 'not-found' });
      throw error;
    });
    return stream;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const info = await stat(this.#path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return info?.isFile() ? { key, size: info.size } : undefined;
  }

  async *list(prefix: string): AsyncIterable<string> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (key.startsWith(prefix)) yield key;
    }
  }

  #path(key: string): string {
    checkKey(key);
    return join(this.root, ...key.split('/'));
  }

  async #writeTemp(temp: string, source: ByteSource): Promise<{ sha256: string; size: number }> {
    let size = 0;
    const hash = createHash('sha256');
    async function* tee(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.byteLength;
        yield chunk;
      }
    }
    await pipeline(tee(openSource(source)), createWriteStream(temp, { flags: 'wx', mode: 0o644 }));
    return { sha256: hash.digest('hex'), size };
  }
}

/**
 * Puts `temp` at `path` unless `path` exists (false then). A hard link is atomic; file systems
 * without hard links get an exclusive copy instead.
 */
async function placeOnce(temp: string, path: string): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  try {
    await copyFile(temp, path, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    await rm(path, { force: true }).catch(() => undefined);
    throw error;
  }
}
