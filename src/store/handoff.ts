// Bytes handed over by a producer that pushes (the EIF reader's tee) to a consumer that pulls (a store
// writing them), without copying: each chunk stays the producer's until the consumer asks for the next
// one, and the producer's promise for it settles then (so the reader reuses its buffer only after).

interface Handed {
  bytes: Uint8Array;
  taken: () => void;
}

export class Handoff {
  readonly #queue: Handed[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #failure: { error: unknown } | undefined;
  #cancelled: { error: unknown } | undefined;

  /** The producer's side: resolves once the consumer is done with `bytes`; throws once cancelled. */
  readonly give = (bytes: Uint8Array): Promise<void> => {
    if (this.#cancelled) throw this.#cancelled.error;
    return new Promise<void>((taken) => {
      this.#queue.push({ bytes, taken });
      this.#notify();
    });
  };

  /** No more bytes: the stream ends, or fails with `error`. */
  end(error?: unknown): void {
    this.#ended = true;
    if (error !== undefined) this.#failure ??= { error };
    this.#notify();
  }

  /** The consumer gave up: the producer's waits end and its next give() throws `error`. */
  cancel(error: unknown): void {
    this.#cancelled ??= { error };
    for (const item of this.#queue.splice(0)) item.taken();
  }

  /** Whether `error` is the one the producer got because the consumer gave up (not a failure of its own). */
  isCancellation(error: unknown): boolean {
    return this.#cancelled !== undefined && this.#cancelled.error === error;
  }

  /** The consumer's side, read once: each chunk is valid until the next is asked for. */
  async *stream(): AsyncGenerator<Uint8Array> {
    let current: Handed | undefined;
    try {
      for (;;) {
        while (this.#queue.length === 0 && !this.#ended) await new Promise<void>((wake) => (this.#wake = wake));
        if (this.#failure) throw this.#failure.error;
        current = this.#queue.shift();
        if (!current) break;
        yield current.bytes;
        current.taken();
        current = undefined;
      }
    } finally {
      current?.taken();
      if (!this.#ended) this.cancel(new Error('the store stopped reading'));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
