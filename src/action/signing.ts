import * as core from '@actions/core';
import { localKeySigner, signEif, type EifSigner } from '../eif/index.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { kmsSigner, parseKmsKeyArn } from '../trust/kms-signer.js';
import type { ActionInputs } from './inputs.js';
import type { EnclaveOutputs } from './report.js';
import { MAX_PEM_BYTES, readRegularFile } from '../io/regular-file.js';

// PCR8: signs the finished EIF with the signing certificate and a local EC key (PEM text from a
// secret, or a file) or an AWS KMS key (ARN; credentials from the job's environment). Signing happens
// after the reproducibility check: ECDSA signatures differ on every run, PCR0–2 never do.

/** Reads a PEM given inline (a secret) or as a file path. */
async function pemInput(value: string, input: string): Promise<Uint8Array> {
  if (value.startsWith('-----BEGIN')) return new TextEncoder().encode(value.endsWith('\n') ? value : `${value}\n`);
  return readRegularFile(value, { label: `input ${input} ${value}`, maxBytes: MAX_PEM_BYTES });
}

/** Masks a secret line by line (the runner masks multi-line values only per registered line). */
export function maskSecret(value: string): void {
  core.setSecret(value);
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
}

async function signerFor(key: string): Promise<EifSigner> {
  if (parseKmsKeyArn(key)) return kmsSigner({ keyId: key });
  return localKeySigner(await pemInput(key, 'signing-key'), 'input signing-key');
}

/** Signs the EIF in place and updates the measurements file (PCR8, EIF digests). */
export async function signEnclave(signing: NonNullable<ActionInputs['signing']>, enclave: EnclaveOutputs): Promise<EnclaveOutputs> {
  const certificatePem = await pemInput(signing.certificate, 'signing-certificate');
  const result = await signEif(enclave.eifPath, { certificatePem, signer: await signerFor(signing.key) });
  const measurements = {
    ...enclave.measurements,
    pcrs: { ...(enclave.measurements['pcrs'] as object), PCR8: result.pcrs.PCR8 },
    eif: { ...(enclave.measurements['eif'] as object), size: result.size, sha256: result.sha256, sha384: result.sha384 },
  };
  await writeFileAtomic(enclave.measurementsPath, `${JSON.stringify(measurements, null, 2)}\n`);
  return { ...enclave, pcrs: result.pcrs, eifSha256: result.sha256, eifSha384: result.sha384, eifSize: result.size, measurements };
}
