// A digest (SHA-256/384) of a stream computed on a worker thread, so hashing overlaps with the
// main thread's work (and with other workers on other cores). Chunks are copied into a reusable
// 1 MiB buffer (small ones batched), which is transferred when full and transferred back when
// hashed; at most MAX_IN_FLIGHT are queued plus the one being filled, so memory stays bounded
// whatever the size, and neither thread churns through garbage buffers.
import { Worker } from 'node:worker_threads';

const MAX_IN_FLIGHT = 4;

// Plain CommonJS, evaluated by the worker: no file to ship next to the bundle.
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
let hash = createHash(workerData);
parentPort.on('message', (m) => {
  if (m === null) { parentPort.postMessage({ digest: hash.digest('hex') }); hash = createHash(workerData); }
  else { hash.update(new Uint8Array(m.buffer, 0, m.length)); parentPort.postMessage({ buffer: m.buffer }, [m.buffer]); }
});`;

/** Size of the reused transfer buffers (a larger chunk gets a buffer of its own size). */
const BUFFER_SIZE = 1 << 20;

/** A hash fed from the main thread and computed on a worker. Call `close()` in every case. */
export class WorkerHash {
  readonly #worker: Worker;
  #inFlight = 0;
  readonly #free: ArrayBuffer[] = [];
  /** The buffer being filled (small chunks are batched into one message). */
  #current: ArrayBuffer | undefined;
  #filled = 0;
  #waiting: (() => void) | undefined;
  #digest: { resolve: (hex: string) => void; reject: (error: Error) => void } | undefined;
  #failure: Error | undefined;

  /** `algorithm`: a node:crypto hash name such as 'sha256' or 'sha384'. */
  constructor(algorithm: string) {
    // A small heap: the worker only holds the chunks in flight (external memory) and a hash state.
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    this.#worker = new Worker(WORKER_CODE, { eval: true, workerData: algorithm, resourceLimits });
    this.#worker.on('message', (m: { buffer?: ArrayBuffer; digest?: string }) => {
      if (m.digest !== undefined) this.#digest?.resolve(m.digest);
      else {
        if (m.buffer && m.buffer.byteLength === BUFFER_SIZE) this.#free.push(m.buffer);
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

  /** Copies `chunk` into the current buffer, sending it when full; waits while too many are queued. */
  async update(chunk: Uint8Array): Promise<void> {
    if (this.#failure) throw this.#failure;
    if (this.#current && this.#filled + chunk.byteLength > this.#current.byteLength) this.#send();
    if (!this.#current) {
      while (this.#inFlight >= MAX_IN_FLIGHT && !this.#failure) await new Promise<void>((resolve) => (this.#waiting = resolve));
      if (this.#failure) throw this.#failure;
      // A copy: transferring the caller's chunk would detach it and whatever shares its memory.
      this.#current = chunk.byteLength > BUFFER_SIZE ? new ArrayBuffer(chunk.byteLength) : (this.#free.pop() ?? new ArrayBuffer(BUFFER_SIZE));
    }
    new Uint8Array(this.#current, this.#filled, chunk.byteLength).set(chunk);
    this.#filled += chunk.byteLength;
    if (this.#filled === this.#current.byteLength) this.#send();
  }

  #send(): void {
    const buffer = this.#current!;
    this.#inFlight += 1;
    this.#worker.postMessage({ buffer, length: this.#filled }, [buffer]);
    this.#current = undefined;
    this.#filled = 0;
  }

  /**
   * The hex digest of everything queued since the previous digest; the worker then starts afresh,
   * so one WorkerHash (one thread start, ≈ 35 ms of CPU) can hash several streams in turn.
   */
  async digest(): Promise<string> {
    if (this.#current) this.#send();
    if (this.#failure) throw this.#failure;
    const result = new Promise<string>((resolve, reject) => (this.#digest = { resolve, reject }));
    this.#worker.postMessage(null);
    return result;
  }

  /** Stops the worker; never throws. */
  async close(): Promise<void> {
    this.#free.length = 0;
    await this.#worker.terminate().catch(() => undefined);
  }
}
