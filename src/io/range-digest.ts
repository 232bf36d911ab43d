// A digest of a byte range of a regular file, read and hashed on a worker thread: the main thread
// only opens the file (checked regular) and waits, so checking one layer blob overlaps with the
// main thread expanding another. One worker serves the ranges one after the other, in the order
// asked, and stops when none is left.
import { Worker } from 'node:worker_threads';
import { openRegularFile } from './regular-file.js';

// Plain CommonJS, evaluated by the worker: no file to ship next to the bundle. Positional reads of
// the descriptor the main thread opened and checked; it stays open until the reply.
const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, fd, offset, length, algorithm }) => {
  try {
    const hash = createHash(algorithm);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, length - done), offset + done);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      done += n;
    }
    parentPort.postMessage({ id, bytes: done, digest: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});`;

export interface RangeDigest {
  /** Bytes hashed: fewer than asked when the file ends first. */
  readonly bytes: number;
  readonly digest: string;
}

/** Hashes file ranges on one worker thread, started on first use. Call `close()` in every case. */
export class RangeDigester {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (d: RangeDigest) => void; reject: (e: Error) => void }>();
  #failure: Error | undefined;
  /** The job before the last one asked for: jobs run one at a time, each file opened on its turn. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Jobs asked for and not done: at 0 the worker stops (its memory is given back for what follows). */
  #jobs = 0;

  #start(): Worker {
    if (this.#worker) return this.#worker;
    // A small heap: the worker holds one 1 MiB read buffer (external memory) and a hash state.
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    const worker = new Worker(WORKER_CODE, { eval: true, resourceLimits });
    worker.on('message', (m: { id: number; bytes?: number; digest?: string; error?: string }) => {
      const job = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (m.error !== undefined) job?.reject(new Error(m.error));
      else job?.resolve({ bytes: m.bytes ?? 0, digest: m.digest ?? '' });
    });
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', () => this.#fail(new Error('digest worker stopped')));
    this.#worker = worker;
    return worker;
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const job of this.#pending.values()) job.reject(error);
    this.#pending.clear();
  }

  /**
   * The hex digest (`algorithm`: a node:crypto hash name) of `length` bytes of `path` from
   * `offset`, or of fewer when the file ends first. `path` must be a regular file (UserError otherwise).
   */
  digest(path: string, offset: number, length: number, algorithm: string): Promise<RangeDigest> {
    this.#jobs += 1;
    const job = this.#queue.then(() => this.#run(path, offset, length, algorithm)).finally(() => {
      this.#jobs -= 1;
      if (this.#jobs === 0) this.#idle();
    });
    this.#queue = job.catch(() => undefined);
    return job;
  }

  async #run(path: string, offset: number, length: number, algorithm: string): Promise<RangeDigest> {
    if (this.#failure) throw this.#failure;
    const { handle } = await openRegularFile(path);
    try {
      const worker = this.#start();
      const id = this.#nextId++;
      const result = new Promise<RangeDigest>((resolve, reject) => this.#pending.set(id, { resolve, reject }));
      worker.postMessage({ id, fd: handle.fd, offset, length, algorithm });
      return await result;
    } finally {
      await handle.close();
    }
  }

  /** No job left: the worker stops, and the next job starts another. */
  #idle(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    worker?.removeAllListeners('exit');
    void worker?.terminate().catch(() => undefined);
  }

  /** Stops the worker; never throws. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#fail(new Error('digest worker closed'));
    await worker?.terminate().catch(() => undefined);
  }
}
