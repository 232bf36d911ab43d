// Where an image's files live: a tar archive (OCI archive or docker-save) read at indexed
// offsets, or an OCI layout directory. Both hand out bounded read streams by member path.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openRegularFile } from '../io/regular-file.js';
import { FormatError, quoted, systemErrorReason, UserError } from '../errors.js';
import { indexTar, normaliseMemberName, type TarMember } from './tar-index.js';

/** JSON documents (index, manifests, configs) are small; refuse to buffer anything larger. */
export const MAX_JSON_SIZE = 8 * 1024 * 1024;

export interface BlobStore {
  /** Human name of the input, for error messages. */
  readonly source: string;
  /** Size of a member, or undefined when absent. */
  size(path: string): Promise<number | undefined>;
  /** A stream of a member's bytes (caller checks size and digest). */
  open(path: string): Readable;
  /** The first `length` bytes of a member (fewer if it is shorter): for sniffing compression. */
  peek(path: string, length: number): Promise<Buffer>;
  /** Where a member's bytes are: a file and a byte range of it (for reading off the main thread). */
  locate(path: string): Promise<{ readonly file: string; readonly offset: number; readonly size: number }>;
}

/** A tar archive, indexed once. */
export async function openTarStore(path: string): Promise<BlobStore> {
  // A FIFO or device would block or never end: only a regular file is indexed.
  await (await openRegularFile(path)).handle.close();
  let members: Map<string, TarMember>;
  try {
    members = await indexTar(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot read archive: ${systemErrorReason(error)}`, { cause: error });
  }
  return {
    source: path,
    size: async (name) => members.get(normaliseMemberName(name))?.size,
    open: (name) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      if (member.size === 0) return Readable.from([]);
      return createReadStream(path, {
        start: member.offset,
        end: member.offset + member.size - 1,
        highWaterMark: 1 << 20,
      });
    },
    peek: async (name, length) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      return readAt(path, member.offset, Math.min(length, member.size));
    },
    locate: async (name) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      return { file: path, offset: member.offset, size: member.size };
    },
  };
}

/** An OCI layout directory. Member paths never contain `..` (digests are validated first). */
export function openDirStore(dir: string): BlobStore {
  return {
    source: dir,
    size: async (name) => {
      const stat = await statFile(join(dir, name));
      return stat?.isFile() ? stat.size : undefined;
    },
    open: (name) => createReadStream(join(dir, name), { highWaterMark: 1 << 20 }),
    peek: async (name, length) => {
      const size = (await statFile(join(dir, name)))?.size ?? 0;
      return readAt(join(dir, name), 0, Math.min(length, size));
    },
    locate: async (name) => {
      const stat = await statFile(join(dir, name));
      if (!stat?.isFile()) throw new FormatError(`${dir}: no file ${name}`);
      return { file: join(dir, name), offset: 0, size: stat.size };
    },
  };
}

/** Reads a small JSON member whole (size-capped) and parses it. */
export async function readJsonMember(store: BlobStore, path: string, expectedSize?: number): Promise<Buffer> {
  const size = await store.size(path);
  if (size === undefined) throw new FormatError(`${store.source}: missing ${quoted(path)}`);
  if (size > MAX_JSON_SIZE) throw new FormatError(`${store.source}: ${path} is too large (${size} bytes)`);
  if (expectedSize !== undefined && size !== expectedSize) {
    throw new FormatError(`${store.source}: ${path} is ${size} bytes, the descriptor says ${expectedSize}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of store.open(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Whether a path is a directory (OCI layout) rather than an archive. */
export async function isDirectory(path: string): Promise<boolean> {
  const info = await stat(path).catch((error: unknown) => {
    throw new UserError(`${path}: cannot open image: ${systemErrorReason(error)}`, { code: 'not-found', cause: error });
  });
  return info.isDirectory();
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function statFile(path: string): Promise<Stats | undefined> {
  return stat(path).catch(() => undefined);
}
