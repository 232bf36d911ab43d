// SHA-384 of a stream computed on a worker thread, so it overlaps with the EIF writer's own hashing
// on the main thread. Each chunk is copied once and transferred; at most MAX_IN_FLIGHT chunks are
// queued, so memory stays bounded whatever the stream's size.
import { Worker } from 'node:worker_threads';

const MAX_IN_FLIGHT = 4;

// Plain CommonJS, evaluated by the worker: no file to ship next to the bundle.
const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash('sha384');
parentPort.on('message', (chunk) => {
  if (chunk === null) parentPort.postMessage({ digest: hash.digest('hex') });
  else { hash.update(chunk); parentPort.postMessage({ ack: true }); }
});`;

/** A SHA-384 fed from the main thread and computed on a worker. Call `close()` in every case. */
export class WorkerSha384 {
  // A small heap: the worker only holds the chunks in flight (external memory) and a hash state.
  readonly #worker = new Worker(WORKER_CODE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 } });
  #inFlight = 0;
  #waiting: (() => void) | undefined;
  #digest: { resolve: (hex: string) => void; reject: (error: Error) => void } | undefined;
  #failure: Error | undefined;

  constructor() {
    this.#worker.on('message', (m: { ack?: true; digest?: string }) => {
      if (m.digest !== undefined) this.#digest?.resolve(m.digest);
      else {
        this.#inFlight -= 1;
        this.#release();
      }
    });
    this.#worker.on('error', (error) => {
      this.#failure = error;
      this.#digest?.reject(error);
      this.#release();
    });
  }

  #release(): void {
    const wake = this.#waiting;
    this.#waiting = undefined;
    wake?.();
  }

  /** Queues a copy of `chunk`; waits while too many chunks are queued. */
  async update(chunk: Uint8Array): Promise<void> {
    while (this.#inFlight >= MAX_IN_FLIGHT && !this.#failure) await new Promise<void>((resolve) => (this.#waiting = resolve));
    if (this.#failure) throw this.#failure;
    // A real copy (Buffer#slice would share memory, and transferring would detach the caller's chunk).
    const copy = new Uint8Array(chunk);
    this.#inFlight += 1;
    this.#worker.postMessage(copy, [copy.buffer]);
  }

  /** The hex digest of everything queued. */
  async digest(): Promise<string> {
    if (this.#failure) throw this.#failure;
    const result = new Promise<string>((resolve, reject) => (this.#digest = { resolve, reject }));
    this.#worker.postMessage(null);
    return result;
  }

  /** Stops the worker; never throws. */
  async close(): Promise<void> {
    await this.#worker.terminate().catch(() => undefined);
  }
}
