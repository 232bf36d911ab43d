import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.js';
import type { ByteSource } from '../eif/types.js';
import { conflictError, checkKey, errnoText } from './store-errors.js';
import { hashSource, hashStream, openSource } from './source.js';
import { removeOnInterrupt } from '../io/cleanup.js';
import { openRegularStream } from '../io/regular-file.js';
import type { ArtifactStore, ObjectInfo, ObjectRead, PutOptions, PutResult, ReadOptions } from './types.js';

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
    const uri = this.uriOf(key);
    // An object already there is compared, nothing is written: a re-push to a read-only store answers
    // "already present" as S3 does, and a different object is a conflict. (A checked source is read
    // once, as it is written: placeOnce below settles it.)
    if (!options.checked && (await this.head(key))) return this.#compareExisting(key, source);
    await makeFolder(dirname(path)).catch((error: Error) => {
      throw writeError(uri, error);
    });
    const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.partial`);
    const forget = removeOnInterrupt(temp); // Ctrl-C mid-write leaves no .partial in the store
    try {
      const { sha256, size } = await this.#writeTemp(temp, source).catch((error: Error) => {
        throw error instanceof UserError ? error : writeError(uri, error);
      });
      options.onProgress?.({ key, loaded: size, total: size });
      if (options.checked) {
        await options.checked.beforeCommit(); // the checker's own refusal names what is wrong
        if (sha256 !== options.checked.sha256) throw new UserError(`store: source of ${uri} changed while writing (sha256 ${options.checked.sha256} → ${sha256})`);
      }
      const created = await placeOnce(temp, path).catch((error: Error) => {
        throw writeError(uri, error);
      });
      if (!created) {
        const existing = await hashSource({ path });
        if (existing.sha256 !== sha256) throw conflictError(uri, existing.sha256, sha256);
      }
      return { key, uri, sha256, size, created };
    } finally {
      await rm(temp, { force: true }).catch(() => undefined);
      forget();
    }
  }

  async #compareExisting(key: string, source: ByteSource): Promise<PutResult> {
    const [existing, incoming] = [await hashStream(await this.get(key)), await hashSource(source)];
    if (existing !== incoming.sha256) throw conflictError(this.uriOf(key), existing, incoming.sha256);
    return { key, uri: this.uriOf(key), sha256: incoming.sha256, size: incoming.size, created: false };
  }

  async get(key: string): Promise<Readable> {
    return (await this.read(key)).stream;
  }

  async read(key: string, options: ReadOptions = {}): Promise<ObjectRead> {
    // A stored object is a regular file read up to its size: a symlink to /dev/zero or a FIFO planted
    // in the store is refused, not streamed without end.
    const opened = await openRegularStream(this.#path(key), { label: `store: ${this.uriOf(key)}`, start: options.start }).catch((error: UserError) => {
      if ((error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new UserError(`store: ${this.uriOf(key)} not found`, { code: 'not-found' });
      throw error;
    });
    return { stream: opened.stream, size: opened.size };
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const info = await stat(this.#path(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new UserError(`store: cannot read ${this.uriOf(key)}: ${errnoText(error)}`, { code: 'external', cause: error });
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
    const handle = await open(temp, 'wx', 0o644);
    try {
      for await (const chunk of tee(openSource(source))) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close().catch(() => undefined);
    }
    return { sha256: hash.digest('hex'), size };
  }
}

/**
 * mkdir -p with the real reason on failure: Node's recursive mkdir reports ENOENT on a read-only file
 * system, so the first missing folder is made on its own to get the kernel's own answer (EROFS, EACCES…).
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let missing = dir;
    while (dirname(missing) !== missing && !(await stat(dirname(missing)).then(() => true, () => false))) missing = dirname(missing);
    await mkdir(missing);
    throw error;
  }
}

/** A file-system error as `store: cannot write URI: CODE: text`, without the (temporary) path Node appends. */
function writeError(uri: string, error: Error): UserError {
  return new UserError(`store: cannot write ${uri}: ${errnoText(error)}`, { code: 'external', cause: error });
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
