// One comparison of recorded PCRs against recomputed ones, shared by `verify` and `attest`.
import type { Pcrs } from '../eif/types.js';
import { VerificationError } from '../errors.js';

/** Throws VerificationError naming the first register that differs; PCR8 is compared when either side has it. */
export function comparePcrs(recorded: Pcrs, recomputed: Pcrs, what: string): void {
  for (const name of ['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const) {
    const want = recomputed[name];
    const got = recorded[name];
    if (want === undefined && got === undefined) continue;
    if (want !== got) {
      throw new VerificationError(`${what}: ${name} is ${got ?? '(absent)'}, recomputed from the EIF: ${want ?? '(absent)'}`);
    }
  }
}
