import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { WorkerHash } from '../../../src/io/worker-hash.js';
import { sha384 } from '../../helpers/bytes.js';

describe('hashing on a worker thread', () => {
  it('matches node:crypto over many chunks, leaving the caller its chunks intact', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i += 1) data[i] = (i * 31) & 0xff;
    const hash = new WorkerHash('sha384');
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
    const hash = new WorkerHash('sha384');
    try {
      expect(await hash.digest()).toBe(sha384(Buffer.alloc(0)));
    } finally {
      await hash.close();
    }
  });
});

describe('one worker, several streams', () => {
  it('starts afresh after each digest', async () => {
    const first = Buffer.from('first stream '.repeat(100_000));
    const second = Buffer.from('second '.repeat(200_000));
    const hash = new WorkerHash('sha256');
    try {
      await hash.update(first);
      expect(await hash.digest()).toBe(createHash('sha256').update(first).digest('hex'));
      await hash.update(second.subarray(0, 5));
      await hash.update(second.subarray(5));
      expect(await hash.digest()).toBe(createHash('sha256').update(second).digest('hex'));
      expect(await hash.digest()).toBe(createHash('sha256').digest('hex'));
    } finally {
      await hash.close();
    }
  });
});

describe('SHA-256 on a worker thread', () => {
  it('matches node:crypto', async () => {
    const data = Buffer.from('abc'.repeat(100_000));
    const hash = new WorkerHash('sha256');
    try {
      await hash.update(data.subarray(0, 1000));
      await hash.update(data.subarray(1000));
      expect(await hash.digest()).toBe(createHash('sha256').update(data).digest('hex'));
    } finally {
      await hash.close();
    }
  });
});

describe('chunk sizes', () => {
  it('handles empty chunks, chunks larger than the transfer buffer and buffer reuse', async () => {
    const data = Buffer.alloc(7 * 1024 * 1024 + 3);
    for (let i = 0; i < data.length; i += 1) data[i] = (i * 7 + (i >> 10)) & 0xff;
    const cuts = [0, 1, 0, 2_500_000, 1 << 20, 17, (1 << 20) - 17, 3 * 1024 * 1024];
    const hash = new WorkerHash('sha384');
    try {
      let at = 0;
      for (const cut of cuts) {
        await hash.update(data.subarray(at, at + cut));
        at += cut;
      }
      await hash.update(data.subarray(at));
      expect(await hash.digest()).toBe(createHash('sha384').update(data).digest('hex'));
    } finally {
      await hash.close();
    }
  });
});
