import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StagedBlocks } from '../../../src/io/staged-blocks.js';

describe('StagedBlocks', () => {
  it('hands over whole blocks at multiples of the block size, then the partial tail, bytes intact', async () => {
    const writes: Array<{ position: number; bytes: Buffer }> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const staged = new StagedBlocks(1000, (n) => Buffer.alloc(n), async (buffer, length, position) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      writes.push({ position, bytes: Buffer.from(buffer.subarray(0, length)) });
      inFlight -= 1;
    });
    const data = randomBytes(4321);
    for (let at = 0, i = 0; at < data.length; i++) {
      const n = [1, 999, 7, 1500][i % 4]!;
      await staged.append(data.subarray(at, at + n));
      at += n;
    }
    await staged.flush();
    expect(staged.size).toBe(data.length);
    expect(writes.map((w) => [w.position, w.bytes.length])).toEqual([[0, 1000], [1000, 1000], [2000, 1000], [3000, 1000], [4000, 321]]);
    expect(Buffer.concat(writes.map((w) => w.bytes)).equals(data)).toBe(true);
    expect(maxInFlight).toBe(1); // one write at a time, while the other buffer fills
  });

  it('surfaces a failed write at the next hand-over or flush', async () => {
    const staged = new StagedBlocks(10, (n) => Buffer.alloc(n), async () => {
      throw new Error('disk full');
    });
    await staged.append(Buffer.alloc(10));
    await expect(staged.flush()).rejects.toThrow('disk full');
  });
  it('with more buffers runs ahead of a slow write, still writing one block at a time in order', async () => {
    const writes: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const gate: Array<() => void> = [];
    const staged = new StagedBlocks(10, (n) => Buffer.alloc(n), async (_buffer, _length, position) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => gate.push(resolve));
      writes.push(position);
      inFlight -= 1;
    }, 4);
    // Three full blocks are accepted while the first write hangs: the producer is not held up.
    await staged.append(Buffer.alloc(30));
    expect(writes).toEqual([]);
    // The fourth must wait for a buffer: the first write.
    let fourth = false;
    const appending = staged.append(Buffer.alloc(10)).then(() => void (fourth = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(fourth).toBe(false);
    while (!fourth) {
      gate.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await appending;
    const flushing = staged.flush();
    while (writes.length < 4) {
      gate.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await flushing;
    expect(writes).toEqual([0, 10, 20, 30]);
    expect(maxInFlight).toBe(1);
  });

  it('refuses fewer than two buffers', () => {
    expect(() => new StagedBlocks(10, (n) => Buffer.alloc(n), async () => undefined, 1)).toThrow(RangeError);
  });
});
