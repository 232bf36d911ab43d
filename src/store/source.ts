import { createHash } from 'node:crypto';
import type { ByteSource } from '../eif/types.js';
import { openRegularFile, regularFileChunks } from '../io/regular-file.js';

/** The bytes of a ByteSource as a fresh stream each call (so an upload can be retried). */
export function openSource(source: ByteSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) return (async function* () { yield source; })();
  if ('path' in source) return regularFileChunks(source.path);
  return source.stream();
}

export async function sourceSize(source: ByteSource): Promise<number> {
  if (source instanceof Uint8Array) return source.byteLength;
  if ('path' in source) {
    const { handle, size } = await openRegularFile(source.path);
    await handle.close();
    return size;
  }
  return source.size;
}

/** Streams the source through SHA-256; returns hex digest and byte count. */
export async function hashSource(source: ByteSource): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of openSource(source)) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest('hex'), size };
}

/** SHA-256 of a stream, consuming it. */
export async function hashStream(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}
