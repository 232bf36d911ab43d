import { createHash } from 'node:crypto';
import type { SectionTypeName } from './constants.js';
import type { HashWorkers } from './hash-workers.js';
import { extendZeroPcr, PcrHasher } from './pcr.js';
import type { Pcrs } from './types.js';

export type PcrName = 'PCR0' | 'PCR1' | 'PCR2';

/**
 * Routes section data to the PCR0/1/2 hashers as nitro-cli does (spec §2): kernel and cmdline
 * into PCR0 and PCR1, the first ramdisk into PCR0 and PCR1, later ramdisks into PCR0 and PCR2.
 * Metadata and signature are not measured. With `workers`, PCR0 is hashed on worker 0 and
 * PCR1/PCR2 on worker 1 (chunks must then be views into the workers' shared buffers).
 */
export class SectionMeasurer {
  readonly #local = new Map<PcrName, PcrHasher>();
  readonly #workers: HashWorkers | undefined;
  #ramdisks = 0;
  #sinks: PcrName[] = [];

  constructor(workers?: HashWorkers) {
    this.#workers = workers;
    if (!workers) for (const name of ['PCR0', 'PCR1', 'PCR2'] as const) this.#local.set(name, new PcrHasher());
  }

  /** Starts a section of `type`; following update() calls belong to it. */
  begin(type: SectionTypeName): void {
    switch (type) {
      case 'kernel':
      case 'cmdline':
        this.#sinks = ['PCR0', 'PCR1'];
        break;
      case 'ramdisk':
        this.#sinks = ['PCR0', this.#ramdisks === 0 ? 'PCR1' : 'PCR2'];
        this.#ramdisks++;
        break;
      default:
        this.#sinks = [];
    }
  }

  /** Following update() calls are not measured (file and section headers). */
  pause(): void {
    this.#sinks = [];
  }

  /** The registers the current section's bytes go into (none while paused). */
  get routes(): readonly PcrName[] {
    return this.#sinks;
  }

  /** Measures `chunk` into `routes` (by default the current section's). */
  update(chunk: Uint8Array, routes: readonly PcrName[] = this.#sinks): void {
    for (const name of routes) {
      if (this.#workers) this.#workers.update(name === 'PCR0' ? 0 : 1, name, 'sha384', chunk);
      else this.#local.get(name)!.update(chunk);
    }
  }

  /** The three PCRs; the measurer is spent afterwards. `fromWorkers`: as for measure(). */
  async pcrs(fromWorkers?: Map<string, Buffer>): Promise<Pcrs> {
    return (await this.measure(fromWorkers)).pcrs;
  }

  /**
   * The three PCRs and the SHA-384 that PCR2 extends: that of the ramdisks after the first, so
   * with one customer ramdisk its own SHA-384 (no second hash of it is needed). Spends the measurer.
   * `fromWorkers`: the workers' digests when the caller already collected them (they are spent once).
   */
  async measure(fromWorkers?: Map<string, Buffer>): Promise<{ pcrs: Pcrs; laterRamdisksSha384: string }> {
    const digests = this.#workers
      ? (fromWorkers ?? (await this.#workers.digests()))
      : new Map((['PCR0', 'PCR1', 'PCR2'] as const).map((n) => [n, this.#local.get(n)!.rawDigest()] as const));
    const inner = (name: PcrName): Buffer => digests.get(name) ?? createHash('sha384').digest();
    return {
      pcrs: { PCR0: extendZeroPcr(inner('PCR0')), PCR1: extendZeroPcr(inner('PCR1')), PCR2: extendZeroPcr(inner('PCR2')) },
      laterRamdisksSha384: inner('PCR2').toString('hex'),
    };
  }
}
