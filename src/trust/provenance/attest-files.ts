// Provenance for EIF files already on disk (the `attest` command): digests and PCRs are recomputed from the
// files, never taken on trust, then the statement is signed with a local key and written atomically.
import type { KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import type { SerializedBundle } from '@sigstore/bundle';
import { digestFile, inspectEif, osImageHash, readMeasurements } from '../../eif/index.js';
import { VerificationError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { comparePcrs } from '../compare-pcrs.js';
import { signProvenanceWithKey } from './sign-key.js';
import { buildProvenanceStatement, type ProvenanceInput } from './statement.js';
import type { ProvenanceStatement } from './types.js';

/** Everything of ProvenanceInput that cannot be recomputed from the files. */
export type ProvenanceDetails = Omit<ProvenanceInput, 'eif' | 'measurements' | 'pcrs' | 'osImageHash'>;

export interface AttestFilesOptions {
  readonly eifPath: string;
  readonly measurementsPath: string;
  readonly privateKey: KeyObject;
  /** Where to write the bundle (e.g. provenance.sigstore.json). */
  readonly outputPath: string;
  readonly details?: ProvenanceDetails;
}

/** Measures the files, refuses a measurements file that does not match the EIF, signs and writes the bundle. */
export async function attestFiles(options: AttestFilesOptions): Promise<{ statement: ProvenanceStatement; bundle: SerializedBundle }> {
  const statement = await statementForFiles(options.eifPath, options.measurementsPath, options.details ?? {});
  const bundle = await signProvenanceWithKey(statement, options.privateKey);
  await writeProvenanceBundle(options.outputPath, bundle);
  return { statement, bundle };
}

/** The statement for an EIF and its measurements file, both measured here. */
export async function statementForFiles(eifPath: string, measurementsPath: string, details: ProvenanceDetails): Promise<ProvenanceStatement> {
  const eif = await inspectEif(eifPath);
  if (!eif.crc.ok) throw new VerificationError(`${eifPath}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  const recorded = await readMeasurements(measurementsPath);
  comparePcrs(recorded.pcrs, eif.pcrs, `measurements file ${measurementsPath}`);
  const measurements = await digestFile(measurementsPath);
  return buildProvenanceStatement({
    ...details,
    eif: { name: basename(eifPath), sha256: eif.sha256!, sha384: eif.sha384! },
    measurements: { name: basename(measurementsPath), ...measurements },
    pcrs: eif.pcrs,
    osImageHash: osImageHash(eif.pcrs),
  });
}

/** Writes a bundle as pretty JSON with a trailing newline, atomically. */
export async function writeProvenanceBundle(path: string, bundle: SerializedBundle): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(bundle, null, 2)}\n`);
}
