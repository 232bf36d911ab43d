import * as core from '@actions/core';
import { signEif } from '../eif/index.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import type { Prepared } from './preflight.js';
import type { EnclaveOutputs } from './report.js';

// PCR8: signs the finished EIF with the signing certificate and a local EC key (PEM text from a
// secret, or a file) or an AWS KMS key (ARN; credentials from the job's environment), both read
// before the build (preflight.ts). Signing happens after the reproducibility check: ECDSA
// signatures differ on every run, PCR0–2 never do.

/** Masks a secret line by line (the runner masks multi-line values only per registered line). */
export function maskSecret(value: string): void {
  core.setSecret(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
}

/** Signs the EIF in place and updates the measurements file (PCR8, EIF digests). */
export async function signEnclave(signing: NonNullable<Prepared['signing']>, enclave: EnclaveOutputs): Promise<EnclaveOutputs> {
  const result = await signEif(enclave.eifPath, signing);
  const measurements = {
    ...enclave.measurements,
    pcrs: { ...(enclave.measurements['pcrs'] as object), PCR8: result.pcrs.PCR8 },
    eif: { ...(enclave.measurements['eif'] as object), size: result.size, sha256: result.sha256, sha384: result.sha384 },
  };
  await writeFileAtomic(enclave.measurementsPath, `${JSON.stringify(measurements, null, 2)}\n`);
  return { ...enclave, pcrs: result.pcrs, eifSha256: result.sha256, eifSha384: result.sha384, eifSize: result.size, measurements };
}
