import { createHash, type Hash } from 'node:crypto';
import type { SequentialWriter } from '../io/sequential-writer.js';
import type { SectionTypeName } from './constants.js';
import { crc32 } from './crc.js';
import type { HashWorkers } from './hash-workers.js';
import type { PcrName, SectionMeasurer } from './measure.js';

/** Names of the whole-file hashes on the workers (beside the measurer's PCR0/PCR1/PCR2). */
export const FILE_SHA256 = 'file-sha256';
export const FILE_SHA384 = 'file-sha384';
const FILE_CRC = 'file-crc32';

/** Bytes written between background flushes to disk. */
const SYNC_EVERY = 128 << 20;

/** Bytes of a slot from `start` (to the next range's start) and where they go. */
interface SlotRange {
  start: number;
  routes: readonly PcrName[];
  crc: boolean;
}

/**
 * Writes EIF bytes in order, measuring them (PCRs, routed by the measurer), CRC-ing them, and when
 * `fileDigests` hashing every byte written into the whole-file SHA-256/SHA-384. In `onePass` mode
 * the file and section headers go through the sink too (the header already holds the planned CRC).
 * When parallel, chunks are packed into the workers' shared slots and each full slot is handled
 * at once: one message per worker per hash per slot, whatever the sizes of the chunks.
 *
 * In one pass with workers (the writer must take whole blocks) a slot is also what is written: it
 * is filled across section boundaries, remembering which bytes go to which registers, then hashed
 * (CRC included, on a worker, to be checked against the plan) and written to disk at the same
 * time, and reused once both are done. That saves copying every byte into a write buffer, and
 * keeps every write whole and aligned.
 */
export class Sink {
  #slot: Buffer | undefined;
  #filled = 0;
  /** Off while the file header goes through (its CRC field is not covered by the CRC). */
  #crcOn = true;
  readonly #local: { sha256: Hash; sha384: Hash } | undefined;
  /** Slots are written as they are (see the class comment). */
  readonly #slotWrites: boolean;
  #ranges: SlotRange[] = [];
  #unsynced = 0;
  #syncing: Promise<void> | undefined;
  #syncError: Error | undefined;

  constructor(
    readonly out: SequentialWriter,
    readonly measurer: SectionMeasurer,
    readonly workers: HashWorkers | undefined,
    public crc: number,
    readonly mode: { readonly onePass: boolean; readonly fileDigests: boolean },
  ) {
    this.#local = mode.fileDigests && !workers ? { sha256: createHash('sha256'), sha384: createHash('sha384') } : undefined;
    this.#slotWrites = workers !== undefined && mode.onePass;
    if (this.#slotWrites && !out.takesBlocks) throw new Error('EIF writer: one pass with workers writes whole slots, to a block writer');
  }

  /**
   * What the bytes added from now on are: a section's (measured as the measurer routes that type)
   * or, with `type` undefined, file or section headers (not measured); `crc` false keeps them out
   * of the CRC (the file header, whose CRC field it is).
   */
  async route(type: SectionTypeName | undefined, crc: boolean): Promise<void> {
    if (!this.#slotWrites) await this.flush();
    if (type === undefined) this.measurer.pause();
    else this.measurer.begin(type);
    this.#crcOn = crc;
    if (!this.#slot) return;
    const last = this.#ranges[this.#ranges.length - 1];
    const range = { start: this.#filled, routes: this.measurer.routes, crc };
    if (last && last.start === this.#filled) this.#ranges[this.#ranges.length - 1] = range;
    else this.#ranges.push(range);
  }

  async add(chunk: Uint8Array): Promise<void> {
    if (!this.workers) return this.#handle(chunk);
    for (let at = 0; at < chunk.byteLength; ) {
      if (!this.#slot) {
        this.#slot = await this.workers.acquire();
        this.#ranges = [{ start: 0, routes: this.measurer.routes, crc: this.#crcOn }];
      }
      const n = Math.min(chunk.byteLength - at, this.#slot.byteLength - this.#filled);
      this.#slot.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#slot.byteLength) await this.flush();
    }
  }

  /** Writes and measures what is packed (in slot mode, call only when a slot is full, or at the end). */
  async flush(): Promise<void> {
    const slot = this.#slot;
    if (!slot || !this.workers) return;
    const filled = this.#filled;
    this.#slot = undefined;
    this.#filled = 0;
    if (this.#slotWrites) return this.#writeSlot(slot, filled);
    if (filled > 0) await this.#handle(slot.subarray(0, filled));
    this.workers.retire(slot);
  }

  /** Slot mode: hashes each range where it goes and writes the slot; the slot is free once both are done. */
  #writeSlot(slot: Buffer, filled: number): void {
    const workers = this.workers!;
    const last = workers.threads - 1;
    const ranges = this.#ranges;
    ranges.forEach((range, i) => {
      const view = slot.subarray(range.start, ranges[i + 1]?.start ?? filled);
      if (view.byteLength === 0) return;
      this.measurer.update(view, range.routes);
      // `crc` is the CRC so far (of the header): the worker's starting value.
      if (range.crc) workers.update(last, FILE_CRC, 'crc32', view, this.crc);
    });
    if (this.mode.fileDigests) {
      const whole = slot.subarray(0, filled);
      workers.update(last, FILE_SHA384, 'sha384', whole);
      workers.update(last, FILE_SHA256, 'sha256', whole);
    }
    workers.retire(slot, this.out.writeBlock(slot, filled));
    this.#counted(filled);
  }

  /** Without slot writes: measures, CRCs and (without workers) hashes `view` here, and appends it. */
  async #handle(view: Uint8Array): Promise<void> {
    this.measurer.update(view);
    if (this.#crcOn) this.crc = crc32(view, this.crc);
    this.#local?.sha256.update(view);
    this.#local?.sha384.update(view);
    await this.out.append(view);
    this.#counted(view.byteLength);
  }

  /** Starts a background flush to disk every SYNC_EVERY bytes. */
  #counted(bytes: number): void {
    this.#unsynced += bytes;
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
    const onWorker = this.#slotWrites ? fromWorkers?.get(FILE_CRC) : undefined;
    if (this.#slotWrites && !onWorker) throw new Error('EIF writer: the CRC worker returned no value');
    return onWorker ? onWorker.readUInt32BE(0) : this.crc;
  }

  /** The whole-file digests hashed here (not on workers), when asked for. */
  localDigests(): { sha256: string; sha384: string } | undefined {
    return this.#local && { sha256: this.#local.sha256.digest('hex'), sha384: this.#local.sha384.digest('hex') };
  }
}
