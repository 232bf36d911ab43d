import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { FormatError } from '../errors.js';

// An OCI layout directory as an OCI archive stream, for tools that take only a tarball (`docker
// load` for the nitro-cli cross-check). Packed as it is read: nothing is written to disk.
// BuildKit names an unnamed image `latest` in a layout directory (the ref.name annotation), which
// `docker load` would take for an image name (`latest:latest`); the archive leaves that name out,
// as BuildKit's own archives do, so the image loads by its ID. The image (manifest and blobs) is
// unchanged.

const INDEX_LIMIT = 4 * 1024 * 1024;
const REF_NAME = 'org.opencontainers.image.ref.name';

/** A tar stream of `dir`'s oci-layout, index.json and blobs (regular files only; anything else refused). */
export function packLayout(dir: string): Readable {
  const pack = tar.pack();
  void fill(pack, dir).then(() => pack.finalize(), (error: unknown) => pack.destroy(error as Error));
  return Readable.from(pack);
}

async function fill(pack: tar.Pack, dir: string): Promise<void> {
  const names = ['oci-layout'];
  for (const algorithm of (await readdir(join(dir, 'blobs'))).sort()) {
    for (const blob of (await readdir(join(dir, 'blobs', algorithm))).sort()) names.push(`blobs/${algorithm}/${blob}`);
  }
  const header = { mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: new Date(0) };
  const index = await unnamedIndex(dir);
  await pipeline([index], pack.entry({ ...header, name: 'index.json', size: index.length }));
  for (const name of names) {
    const info = await lstat(join(dir, name));
    if (!info.isFile()) throw new FormatError(`${dir}: ${name} is not a regular file`);
    await pipeline(createReadStream(join(dir, name)), pack.entry({ ...header, name, size: info.size }));
  }
}

/** index.json without the ref.name of an image that has no full name (io.containerd.image.name). */
async function unnamedIndex(dir: string): Promise<Buffer> {
  const path = join(dir, 'index.json');
  const info = await lstat(path);
  if (!info.isFile() || info.size > INDEX_LIMIT) throw new FormatError(`${path}: not a regular file of at most ${INDEX_LIMIT} bytes`);
  let index: { manifests?: Array<{ annotations?: Record<string, string> }> };
  try {
    index = JSON.parse(await readFile(path, 'utf8')) as typeof index;
  } catch (error) {
    throw new FormatError(`${path}: not valid JSON`, { cause: error });
  }
  for (const manifest of Array.isArray(index.manifests) ? index.manifests : []) {
    const annotations = manifest.annotations;
    if (annotations && annotations[REF_NAME] !== undefined && annotations['io.containerd.image.name'] === undefined) delete annotations[REF_NAME];
  }
  return Buffer.from(JSON.stringify(index));
}
