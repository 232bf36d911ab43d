import { describe, expect, it } from 'vitest';
import { WorkerSha384 } from '../../../src/build/worker-hash.js';
import { sha384 } from '../../helpers/bytes.js';

describe('SHA-384 on a worker thread', () => {
  it('matches node:crypto over many chunks, leaving the caller its chunks intact', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i += 1) data[i] = (i * 31) & 0xff;
    const hash = new WorkerSha384();
    try {
      for (let i = 0; i < data.length; i += 4099) {
        const chunk = data.subarray(i, i + 4099);
        await hash.update(chunk);
        expect(chunk.byteLength).toBe(Math.min(4099, data.length - i));
      }
      expect(await hash.digest()).toBe(sha384(data));
    } finally {
      await hash.close();
    }
    expect(data.byteLength).toBe(3 * 1024 * 1024 + 17);
  });

  it('hashes nothing as the SHA-384 of no bytes', async () => {
    const hash = new WorkerSha384();
    try {
      expect(await hash.digest()).toBe(sha384(Buffer.alloc(0)));
    } finally {
      await hash.close();
    }
  });
});
