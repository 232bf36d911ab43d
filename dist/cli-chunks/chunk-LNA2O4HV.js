import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  VerificationError
} from "./chunk-7UVRZBVQ.js";

// src/trust/compare-pcrs.ts
function comparePcrs(recorded, recomputed, what) {
  for (const name of ["PCR0", "PCR1", "PCR2", "PCR8"]) {
    const want = recomputed[name];
    const got = recorded[name];
    if (want === void 0 && got === void 0) continue;
    if (want !== got) {
      throw new VerificationError(`${what}: ${name} is ${got ?? "(absent)"}, recomputed from the EIF: ${want ?? "(absent)"}`);
    }
  }
}

export {
  comparePcrs
};
