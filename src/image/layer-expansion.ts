// Layers are independent until the merge: each is expanded by a LayerExpansion that spools its
// files' data into a spool region of its own and queues its checked entries, while the merge
// applies the entries layer after layer, in order. With two at once (MergeOptions.layersSideBySide),
// two layers inflate on two cores (gunzip runs on the thread pool). The queue is bounded (an expansion waits when the merge is behind), and
// so is the spool: an expansion ahead of the oldest one waits rather than pass max-rootfs-size.

import type { BlobStore } from './blob-store.js';
import { splitName } from './layer-apply.js';
import { readLayer, type LayerDigests, type LayerRef } from './layer-reader.js';
import type { Spool, SpoolRegion } from './spool.js';
import type { TarEntry } from './tar-check.js';

/** Entries an expansion may hold ahead of the merge (headers: a few hundred bytes each). */
const QUEUED_ENTRIES = 4096;
const WHITEOUT_PREFIX = '.wh.';

export interface ExpandedEntry {
  readonly header: TarEntry;
  /** Where a regular file's data went, within the expansion's region. */
  readonly data?: { readonly offset: number; readonly crc32: number };
}

/** The expansion was stopped (the merge failed): not the error to report. */
class Stopped extends Error {}

/**
 * Spooled bytes across the expansions under way, against max-rootfs-size: every layer's file data
 * counts (shadowed and deleted files too). Only the oldest unfinished layer, whose count is then
 * exact, may pass the limit (the merge then refuses the entry in one line); a later one waits.
 */
export class RootfsGate {
  #spooled = 0;
  /** Bytes of the layers before `#oldest`, all finished. */
  #before = 0;
  #oldest = 0;
  readonly #finished = new Map<number, number>();
  #waiters: Array<() => void> = [];

  constructor(readonly limit: number | undefined) {}

  /** Waits until `layer`, with `own` bytes spooled, may spool `size` more; false: over the limit. */
  async admit(layer: number, own: number, size: number, stopped: () => boolean): Promise<boolean> {
    if (this.limit !== undefined) {
      while (layer !== this.#oldest && this.#spooled + size > this.limit) {
        await new Promise<void>((wake) => this.#waiters.push(wake));
        if (stopped()) throw new Stopped('stopped');
      }
      if (layer === this.#oldest && this.#before + own + size > this.limit) return false;
    }
    this.#spooled += size;
    return true;
  }

  finish(layer: number, bytes: number): void {
    this.#finished.set(layer, bytes);
    while (this.#finished.has(this.#oldest)) {
      this.#before += this.#finished.get(this.#oldest)!;
      this.#finished.delete(this.#oldest);
      this.#oldest += 1;
    }
    this.wake();
  }

  wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

/** One layer read in the background into its spool region; `entries()` hands its entries on in order. */
export class LayerExpansion {
  readonly region: SpoolRegion;
  readonly #queue: ExpandedEntry[] = [];
  #head = 0;
  #ended = false;
  #error: unknown;
  #stopped = false;
  #wakeConsumer: (() => void) | undefined;
  #wakeProducer: (() => void) | undefined;
  /** Settles when the layer is read and its digests checked (never rejects: see `entries`). */
  readonly done: Promise<void>;

  constructor(
    readonly spool: Spool,
    store: BlobStore,
    readonly layer: LayerRef,
    readonly index: number,
    how: { digests: LayerDigests; gate: RootfsGate; maxFileSize?: number; onBytes: (bytes: number) => void },
  ) {
    this.region = spool.region();
    let own = 0;
    const onEntry = async (header: TarEntry, body: AsyncIterable<Uint8Array>): Promise<void> => {
      if (this.#stopped) throw new Stopped('stopped');
      let data: ExpandedEntry['data'];
      if (this.#spools(header)) {
        if (!(await how.gate.admit(index, own, header.size, () => this.#stopped))) {
          // Over max-rootfs-size: the merge refuses this entry from its header, as it names it.
          await this.#push({ header });
          throw new Stopped('over the limit');
        }
        own += header.size;
        data = await this.region.append(body, header.size);
      }
      await this.#push(data ? { header, data } : { header });
    };
    this.done = readLayer(store, layer, onEntry, how.onBytes, how.digests, { maxFileSize: how.maxFileSize })
      .then(() => spool.finish(this.region))
      .catch((error: unknown) => void (this.#error = error))
      .finally(() => {
        this.#ended = true;
        how.gate.finish(index, own);
        this.#wakeConsumer?.();
      });
  }

  /** Whether the merge spools this entry's data (see applyEntry): a regular file, not a whiteout, under the root. */
  #spools(header: TarEntry): boolean {
    if (header.type !== 'file' || header.size === 0) return false;
    let parts: string[];
    try {
      parts = splitName(header.name, { what: `layer ${this.layer.digest}` });
    } catch {
      return false; // the merge refuses the name
    }
    return parts.length > 0 && !parts[parts.length - 1]!.startsWith(WHITEOUT_PREFIX);
  }

  async #push(entry: ExpandedEntry): Promise<void> {
    while (this.#queue.length - this.#head >= QUEUED_ENTRIES && !this.#stopped) {
      await new Promise<void>((wake) => (this.#wakeProducer = wake));
    }
    if (this.#stopped) throw new Stopped('stopped');
    this.#queue.push(entry);
    this.#wakeConsumer?.();
  }

  /** The layer's entries in order; throws what failed its reading, after the entries before it. */
  async *entries(): AsyncGenerator<ExpandedEntry> {
    for (;;) {
      if (this.#head < this.#queue.length) {
        const entry = this.#queue[this.#head]!;
        this.#queue[this.#head++] = undefined as unknown as ExpandedEntry;
        if (this.#head > QUEUED_ENTRIES) {
          this.#queue.splice(0, this.#head);
          this.#head = 0;
        }
        const wake = this.#wakeProducer;
        this.#wakeProducer = undefined;
        wake?.();
        yield entry;
        continue;
      }
      if (this.#ended) {
        if (this.#error !== undefined && !(this.#error instanceof Stopped)) throw this.#error;
        return;
      }
      await new Promise<void>((wake) => (this.#wakeConsumer = wake));
      this.#wakeConsumer = undefined;
    }
  }

  /** Stops the reading (the merge failed) and waits for it to end. */
  async stop(gate: RootfsGate): Promise<void> {
    this.#stopped = true;
    this.#wakeProducer?.();
    gate.wake();
    await this.done;
  }
}
