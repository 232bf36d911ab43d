import { createHash, type Hash } from 'node:crypto';
import type { SequentialWriter } from '../io/sequential-writer.js';
import { crc32 } from './crc.js';
import type { HashWorkers } from './hash-workers.js';
import type { SectionMeasurer } from './measure.js';

/** Names of the whole-file hashes on the workers (beside the measurer's PCR0/PCR1/PCR2). */
export const FILE_SHA256 = 'file-sha256';
export const FILE_SHA384 = 'file-sha384';
const FILE_CRC = 'file-crc32';

/** Bytes written between background flushes to disk. */
const SYNC_EVERY = 128 << 20;

/**
 * Writes EIF bytes in order, measuring them (PCRs, routed by the measurer), CRC-ing them, and when
 * `fileDigests` hashing every byte written into the whole-file SHA-256/SHA-384. When parallel,
 * chunks are packed into the workers' shared slots and each full slot is handled at once: one
 * write and one message per worker per hash per slot, whatever the sizes of the chunks.
 */
export class Sink {
  #slot: Buffer | undefined;
  #filled = 0;
  /** Off while the file header goes through (its CRC field is not covered by the CRC). */
  crcOn = true;
  readonly #local: { sha256: Hash; sha384: Hash } | undefined;
  #unsynced = 0;
  #syncing: Promise<void> | undefined;
  #syncError: Error | undefined;

  constructor(
    readonly out: SequentialWriter,
    readonly measurer: SectionMeasurer,
    readonly workers: HashWorkers | undefined,
    public crc: number,
    readonly fileDigests: boolean,
  ) {
    this.#local = fileDigests && !workers ? { sha256: createHash('sha256'), sha384: createHash('sha384') } : undefined;
  }

  async add(chunk: Uint8Array): Promise<void> {
    if (!this.workers) return this.#handle(chunk);
    for (let at = 0; at < chunk.byteLength; ) {
      this.#slot ??= await this.workers.acquire();
      const n = Math.min(chunk.byteLength - at, this.#slot.byteLength - this.#filled);
      this.#slot.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#slot.byteLength) await this.flush();
    }
  }

  /** Writes and measures what is packed; call before the measurer changes section. */
  async flush(): Promise<void> {
    const slot = this.#slot;
    if (!slot || !this.workers) return;
    const view = slot.subarray(0, this.#filled);
    this.#slot = undefined;
    this.#filled = 0;
    if (view.byteLength > 0) await this.#handle(view);
    this.workers.retire(slot);
  }

  async #handle(view: Uint8Array): Promise<void> {
    this.measurer.update(view);
    const onWorkers = this.workers && this.fileDigests ? this.workers : undefined;
    if (onWorkers) {
      // The last worker: PCR0 and PCR1/PCR2 keep the first two busy.
      const last = onWorkers.threads - 1;
      onWorkers.update(last, FILE_SHA384, 'sha384', view);
      onWorkers.update(last, FILE_SHA256, 'sha256', view);
      // `crc` is the CRC so far (of the header): the worker's starting value.
      if (this.crcOn) onWorkers.update(last, FILE_CRC, 'crc32', view, this.crc);
    } else if (this.crcOn) {
      this.crc = crc32(view, this.crc);
    }
    this.#local?.sha256.update(view);
    this.#local?.sha384.update(view);
    await this.out.append(view);
    this.#unsynced += view.byteLength;
    if (this.#unsynced >= SYNC_EVERY && !this.#syncing) this.#startSync();
  }

  /**
   * Flushes what is written so far to disk in the background (on the thread pool), so that the
   * final fsync finds little left to write instead of the whole file.
   */
  #startSync(): void {
    this.#unsynced = 0;
    this.#syncing = this.out.datasync().then(
      () => void (this.#syncing = undefined),
      (error: unknown) => {
        this.#syncing = undefined;
        this.#syncError ??= error as Error;
      },
    );
  }

  /** The file complete and on disk: writes what is staged, waits for a background flush, fsyncs the rest. */
  async sync(): Promise<void> {
    await this.out.finish();
    await this.#syncing;
    if (this.#syncError) throw this.#syncError;
    await this.out.sync();
  }

  /** The CRC of everything written but the header's CRC field (from the workers when they took it). */
  finalCrc(fromWorkers: Map<string, Buffer> | undefined): number {
    const onWorker = this.workers && this.fileDigests ? fromWorkers?.get(FILE_CRC) : undefined;
    if (this.workers && this.fileDigests && !onWorker) throw new Error('EIF writer: the CRC worker returned no value');
    return onWorker ? onWorker.readUInt32BE(0) : this.crc;
  }

  /** The whole-file digests hashed here (not on workers), when asked for. */
  localDigests(): { sha256: string; sha384: string } | undefined {
    return this.#local && { sha256: this.#local.sha256.digest('hex'), sha384: this.#local.sha384.digest('hex') };
  }
}
