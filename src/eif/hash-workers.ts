import { Worker } from 'node:worker_threads';
import { alignedSharedBuffer } from '../io/direct-io.js';

// Hashing on worker threads over a ring of shared read buffers, so that one read of the file
// feeds several SHA-384 computations in parallel (each measured byte goes into two PCRs).
// The worker is inline source so it also runs from the single-file esbuild bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const shared = workerData;
const hashes = new Map();
// A CRC-32 with the digest interface (4 bytes, big-endian), continuing from \`initial\`.
const crcHash = (initial) => {
  let crc = initial >>> 0;
  return {
    update: (bytes) => { if (bytes.byteLength > 0) crc = crc32(bytes, crc) >>> 0; },
    digest: () => { const out = Buffer.alloc(4); out.writeUInt32BE(crc); return out; },
  };
};
parentPort.on('message', (m) => {
  if (m.op === 'u') {
    let h = hashes.get(m.n);
    if (!h) { h = m.a === 'crc32' ? crcHash(m.i ?? 0) : createHash(m.a); hashes.set(m.n, h); }
    h.update(new Uint8Array(shared, m.o, m.l));
  } else if (m.op === 'r') {
    parentPort.postMessage({ op: 'r', slot: m.slot });
  } else if (m.op === 'd') {
    const out = {};
    for (const [n, h] of hashes) out[n] = h.digest();
    hashes.clear();
    parentPort.postMessage({ op: 'd', digests: out });
  }
});`;

/** Slot size for parallel hashing: 4 MiB reads and writes, one message per worker per 4 MiB. */
export const PARALLEL_CHUNK = 4 << 20;

/** Buffers to read into: acquire one, retire it when every byte in it has been handed out. */
export interface BufferPool {
  acquire(): Promise<Buffer>;
  /** `after`: the buffer is reused only once this has settled too. */
  retire(buffer: Buffer, after?: Promise<unknown>): void;
}

/** The trivial pool: one buffer reused (all hashing happens synchronously on this thread; its user waits for `after`). */
export function singleBufferPool(size: number): BufferPool {
  const buffer = Buffer.allocUnsafe(size);
  return { acquire: async () => buffer, retire: () => undefined };
}

/**
 * `threads` hashing workers sharing a ring of `slots` read buffers of `size` bytes. A slot is
 * reused only after every worker has hashed what was posted from it (workers process messages in
 * order, so a release message after the updates is enough).
 */
export class HashWorkers implements BufferPool {
  readonly #shared: SharedArrayBuffer;
  readonly #workers: Worker[];
  readonly #size: number;
  readonly #pending = new Map<number, number>();
  readonly #free: number[] = [];
  #waiters: Array<() => void> = [];
  #failure: Error | undefined;

  constructor(threads: number, slots: number, size: number) {
    this.#size = size;
    // Page-aligned, so that a slot can also be written to disk as it is (O_DIRECT).
    this.#shared = alignedSharedBuffer(Math.ceil((slots * size) / 65536) * 65536);
    for (let i = 0; i < slots; i++) this.#free.push(i);
    this.#workers = Array.from({ length: threads }, () => this.#spawn());
  }

  #spawn(): Worker {
    // A small heap: a worker holds hash states and messages, never data (that is in the shared slots).
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.#shared, resourceLimits });
    worker.on('message', (m: { op: string; slot?: number }) => {
      if (m.op !== 'r' || m.slot === undefined) return;
      this.#settle(m.slot);
    });
    worker.on('error', (error) => this.#fail(error));
    return worker;
  }

  #release(slot: number): void {
    this.#pending.delete(slot);
    this.#free.push(slot);
    this.#waiters.shift()?.();
  }

  #fail(error: Error): void {
    this.#failure = error;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async acquire(): Promise<Buffer> {
    while (this.#free.length === 0 && !this.#failure) await new Promise<void>((wake) => this.#waiters.push(wake));
    if (this.#failure) throw this.#failure;
    const slot = this.#free.shift()!;
    return Buffer.from(this.#shared, slot * this.#size, this.#size);
  }

  /** Frees `buffer` once every worker has hashed what was posted from it, and `after` (if given) has settled. */
  retire(buffer: Buffer, after?: Promise<unknown>): void {
    const slot = buffer.byteOffset / this.#size;
    this.#pending.set(slot, this.#workers.length + (after ? 1 : 0));
    for (const worker of this.#workers) worker.postMessage({ op: 'r', slot });
    const settled = (): void => this.#settle(slot);
    after?.then(settled, settled);
  }

  /** One of the slot's holders is done with it. */
  #settle(slot: number): void {
    const left = (this.#pending.get(slot) ?? 1) - 1;
    if (left > 0) this.#pending.set(slot, left);
    else this.#release(slot);
  }

  get threads(): number {
    return this.#workers.length;
  }

  /**
   * Hashes `chunk` (a view into this pool's buffers) into hash `name` on worker `thread`.
   * `algorithm` is a node:crypto hash name, or 'crc32' (zlib's; `initial` is its starting value,
   * read when the hash is created by its first update).
   */
  update(thread: number, name: string, algorithm: string, chunk: Uint8Array, initial?: number): void {
    if (chunk.buffer !== this.#shared) throw new Error('HashWorkers.update: chunk is not from this pool');
    this.#workers[thread]!.postMessage({ op: 'u', n: name, a: algorithm, o: chunk.byteOffset, l: chunk.byteLength, i: initial });
  }

  /** Final digests of every hash on every worker, by name. */
  async digests(): Promise<Map<string, Buffer>> {
    if (this.#failure) throw this.#failure;
    const results = await Promise.all(this.#workers.map((worker) => new Promise<Record<string, Uint8Array>>((resolve, reject) => {
      const onMessage = (m: { op: string; digests?: Record<string, Uint8Array> }): void => {
        if (m.op !== 'd') return;
        worker.off('message', onMessage);
        resolve(m.digests ?? {});
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', () => reject(new Error('hash worker exited before returning its digests')));
      worker.postMessage({ op: 'd' });
    })));
    if (this.#failure) throw this.#failure;
    return new Map(results.flatMap((r) => Object.entries(r).map(([k, v]) => [k, Buffer.from(v)] as const)));
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
