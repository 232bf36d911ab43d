import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from './crc.js';
import type { HashWorkers } from './hash-workers.js';
import type { SectionMeasurer } from './measure.js';

/** Names of the whole-file hashes on the workers (beside the measurer's PCR0/PCR1/PCR2). */
export const FILE_SHA256 = 'file-sha256';
export const FILE_SHA384 = 'file-sha384';

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

  constructor(
    readonly handle: FileHandle,
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
    if (this.crcOn) this.crc = crc32(view, this.crc);
    if (this.workers && this.fileDigests) {
      this.workers.update(0, FILE_SHA256, 'sha256', view);
      this.workers.update(1, FILE_SHA384, 'sha384', view);
    }
    this.#local?.sha256.update(view);
    this.#local?.sha384.update(view);
    await writeAll(this.handle, view);
  }

  /** The whole-file digests hashed here (not on workers), when asked for. */
  localDigests(): { sha256: string; sha384: string } | undefined {
    return this.#local && { sha256: this.#local.sha256.digest('hex'), sha384: this.#local.sha384.digest('hex') };
  }
}

export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done);
    done += bytesWritten;
  }
}
