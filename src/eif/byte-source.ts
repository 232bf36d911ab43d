import { UserError } from '../errors.js';
import { openRegularFile, regularFileChunks } from '../io/regular-file.js';
import type { ByteSource } from './types.js';

export const CHUNK_SIZE = 1 << 20;

/** The declared size of `source` (a file's size is taken from stat). */
export async function byteSourceSize(source: ByteSource, what: string): Promise<number> {
  if (source instanceof Uint8Array) return source.byteLength;
  if ('path' in source) {
    const { handle, size } = await openRegularFile(source.path, { label: `${what}: ${source.path}` });
    await handle.close();
    return size;
  }
  if (!Number.isSafeInteger(source.size) || source.size < 0) {
    throw new UserError(`${what}: invalid declared size ${source.size}`);
  }
  return source.size;
}

/**
 * The bytes of `source`, checked against `size`: a source that yields more or fewer bytes than
 * declared (or a file that changed size) fails with a "size mismatch" error naming `what`.
 */
export async function* readByteSource(source: ByteSource, size: number, what: string): AsyncGenerator<Uint8Array> {
  let seen = 0;
  const chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array> =
    source instanceof Uint8Array ? [source]
    : 'path' in source ? regularFileChunks(source.path, { label: `${what}: ${source.path}`, chunkSize: CHUNK_SIZE })
    : source.stream();
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > size) break;
    if (chunk.byteLength > 0) yield chunk;
  }
  if (seen !== size) {
    throw new UserError(`${what}: size mismatch: declared ${size} bytes, source gave ${seen > size ? 'more' : seen}`, {
      code: 'integrity',
    });
  }
}
