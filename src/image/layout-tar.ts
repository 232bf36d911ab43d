import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { FormatError } from '../errors.js';

// An OCI layout directory as an OCI archive stream, for tools that take only a tarball (`docker
// load` for the nitro-cli cross-check). Packed as it is read: nothing is written to disk.

const TOP = ['oci-layout', 'index.json'];

/** A tar stream of `dir`'s oci-layout, index.json and blobs (regular files only; anything else refused). */
export function packLayout(dir: string): Readable {
  const pack = tar.pack();
  void fill(pack, dir).then(() => pack.finalize(), (error: unknown) => pack.destroy(error as Error));
  return Readable.from(pack);
}

async function fill(pack: tar.Pack, dir: string): Promise<void> {
  const names = [...TOP];
  for (const algorithm of (await readdir(join(dir, 'blobs'))).sort()) {
    for (const blob of (await readdir(join(dir, 'blobs', algorithm))).sort()) names.push(`blobs/${algorithm}/${blob}`);
  }
  const header = { mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(0) };
  for (const name of names) {
    const info = await lstat(join(dir, name));
    if (!info.isFile()) throw new FormatError(`${dir}: ${name} is not a regular file`);
    await pipeline(createReadStream(join(dir, name)), pack.entry({ ...header, name, size: info.size }));
  }
}
