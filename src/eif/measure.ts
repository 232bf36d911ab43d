import type { SectionTypeName } from './constants.js';
import { PcrHasher } from './pcr.js';
import type { Pcrs } from './types.js';

/**
 * Routes section data to the PCR0/1/2 hashers as nitro-cli does (spec §2): kernel and cmdline
 * into PCR0 and PCR1, the first ramdisk into PCR0 and PCR1, later ramdisks into PCR0 and PCR2.
 * Metadata and signature are not measured.
 */
export class SectionMeasurer {
  readonly #pcr0 = new PcrHasher();
  readonly #pcr1 = new PcrHasher();
  readonly #pcr2 = new PcrHasher();
  #ramdisks = 0;
  #sinks: PcrHasher[] = [];

  /** Starts a section of `type`; following update() calls belong to it. */
  begin(type: SectionTypeName): void {
    switch (type) {
      case 'kernel':
      case 'cmdline':
        this.#sinks = [this.#pcr0, this.#pcr1];
        break;
      case 'ramdisk':
        this.#sinks = [this.#pcr0, this.#ramdisks === 0 ? this.#pcr1 : this.#pcr2];
        this.#ramdisks++;
        break;
      default:
        this.#sinks = [];
    }
  }

  update(chunk: Uint8Array): void {
    for (const sink of this.#sinks) sink.update(chunk);
  }

  /** The three PCRs; the measurer is spent afterwards. */
  pcrs(): Pcrs {
    return { PCR0: this.#pcr0.digest(), PCR1: this.#pcr1.digest(), PCR2: this.#pcr2.digest() };
  }
}
