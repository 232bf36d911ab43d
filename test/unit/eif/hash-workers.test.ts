import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HashWorkers } from '../../../src/eif/hash-workers.js';

describe('HashWorkers', () => {
  it('hands out page-aligned slots (so they can be written with O_DIRECT)', async () => {
    const workers = new HashWorkers(1, 3, 1 << 20);
    try {
      const slots = [await workers.acquire(), await workers.acquire(), await workers.acquire()];
      for (const slot of slots) expect(slot.byteOffset % 4096).toBe(0);
      expect(new Set(slots.map((s) => s.byteOffset)).size).toBe(3);
    } finally {
      await workers.close();
    }
  });

  it('reuses a slot only after the workers have hashed it and what it was retired with has settled', async () => {
    const workers = new HashWorkers(2, 1, 1 << 16);
    try {
      const slot = await workers.acquire();
      slot.fill(7);
      workers.update(0, 'a', 'sha256', slot);
      workers.update(1, 'b', 'sha384', slot);
      let finishWrite!: () => void;
      const writing = new Promise<void>((resolve) => (finishWrite = resolve));
      workers.retire(slot, writing);
      let reacquired = false;
      const next = workers.acquire().then((s) => {
        reacquired = true;
        return s;
      });
      // Both workers hash the slot quickly; the "write" still holds it.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reacquired).toBe(false);
      finishWrite();
      expect((await next).byteOffset).toBe(slot.byteOffset);
      const digests = await workers.digests();
      expect(digests.get('a')!.toString('hex')).toBe(createHash('sha256').update(Buffer.alloc(1 << 16, 7)).digest('hex'));
      expect(digests.get('b')!.toString('hex')).toBe(createHash('sha384').update(Buffer.alloc(1 << 16, 7)).digest('hex'));
    } finally {
      await workers.close();
    }
  });

  it('a failed write still gives the slot back (the writer reports the failure)', async () => {
    const workers = new HashWorkers(1, 1, 1 << 16);
    try {
      const slot = await workers.acquire();
      workers.retire(slot, Promise.reject(new Error('disk full')));
      expect((await workers.acquire()).byteOffset).toBe(slot.byteOffset);
    } finally {
      await workers.close();
    }
  });
});
