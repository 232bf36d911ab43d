import { createHash } from 'node:crypto';
import { openRegularFile } from '../io/regular-file.js';
import { CHUNK_SIZE } from './byte-source.js';
import type { HashWorkers } from './hash-workers.js';

/** SHA-256 and SHA-384 of a whole file in one read; on the two workers when given. */
export async function digestFile(path: string, workers?: HashWorkers): Promise<{ sha256: string; sha384: string }> {
  const sha256 = createHash('sha256');
  const sha384 = createHash('sha384');
  const { handle, size } = await openRegularFile(path);
  let left = size; // no further than fstat's size, however the file grows meanwhile
  try {
    const local = workers ? undefined : Buffer.allocUnsafe(CHUNK_SIZE);
    for (;;) {
      const buffer = local ?? (await workers!.acquire());
      const { bytesRead } = left === 0 ? { bytesRead: 0 } : await handle.read(buffer, 0, Math.min(buffer.byteLength, left), null);
      left -= bytesRead;
      const chunk = buffer.subarray(0, bytesRead);
      if (workers) {
        if (bytesRead > 0) {
          workers.update(0, 'sha256', 'sha256', chunk);
          workers.update(1, 'sha384', 'sha384', chunk);
        }
        workers.retire(buffer);
      } else {
        sha256.update(chunk);
        sha384.update(chunk);
      }
      if (bytesRead === 0) break;
    }
  } finally {
    await handle.close();
  }
  if (!workers) return { sha256: sha256.digest('hex'), sha384: sha384.digest('hex') };
  const digests = await workers.digests();
  const hex = (name: string, algorithm: string): string => (digests.get(name) ?? createHash(algorithm).digest()).toString('hex');
  return { sha256: hex('sha256', 'sha256'), sha384: hex('sha384', 'sha384') };
}
