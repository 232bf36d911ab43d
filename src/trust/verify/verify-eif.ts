// `nitro-eif verify`: recompute an EIF's measurements and digests, then check them against a measurements
// file and a signed provenance bundle. The first mismatch is a VerificationError naming it.
import {
  checkSigningCertificateValidity, digestFile, inspectEif, osImageHash, readMeasurements, type EifFacts, type EifInspection, type Pcrs,
} from '../../eif/index.js';
import { errorMessage, VerificationError } from '../../errors.js';
import { readJsonFile } from '../../io/regular-file.js';
import { comparePcrs } from '../compare-pcrs.js';
import { checkProvenanceStatement } from '../provenance/check-statement.js';
import { verifyProvenanceBundle, type BundleTrust, type VerifiedBundle } from '../provenance/verify-bundle.js';

export interface VerifyEifOptions {
  readonly eifPath: string;
  readonly measurementsPath?: string;
  readonly provenance?: { readonly path: string; readonly trust: BundleTrust };
}

/** The JSON summary printed on success. */
export interface VerifyEifReport {
  verified: true;
  eif: { path: string; size: number; sha256: string; sha384: string };
  pcrs: Pcrs;
  os_image_hash: string;
  measurements?: { path: string; sha256: string; sha384: string; pcrs_match: true; eif_match?: true };
  provenance?: {
    path: string;
    signer: VerifiedBundle['signer'];
    subjects: { name: string; sha256: string; sha384: string }[];
    build_type: string;
    builder_id: string;
    source?: { repository?: string; ref?: string; commit?: string };
  };
}

/** Verifies and returns the summary; throws VerificationError/FormatError/UserError on the first problem. */
export async function verifyEif(options: VerifyEifOptions): Promise<VerifyEifReport> {
  const eif = await inspectEif(options.eifPath);
  checkIntegrity(eif, options.eifPath);
  const digests = { sha256: eif.sha256!, sha384: eif.sha384! };
  const report: VerifyEifReport = {
    verified: true,
    eif: { path: options.eifPath, size: eif.size, ...digests },
    pcrs: eif.pcrs,
    os_image_hash: osImageHash(eif.pcrs),
  };
  let measurementsDigests: { sha256: string; sha384: string } | undefined;
  if (options.measurementsPath !== undefined) {
    const recorded = await readMeasurements(options.measurementsPath);
    const what = `measurements file ${options.measurementsPath}`;
    comparePcrs(recorded.pcrs, eif.pcrs, what);
    if (recorded.eif) compareEifFacts(recorded.eif, { size: eif.size, ...digests }, what);
    measurementsDigests = await digestFile(options.measurementsPath);
    report.measurements = { path: options.measurementsPath, ...measurementsDigests, pcrs_match: true, ...(recorded.eif ? { eif_match: true as const } : {}) };
  }
  if (options.provenance) {
    report.provenance = await checkProvenance(options.provenance, {
      eif: digests, pcrs: eif.pcrs, osImageHash: report.os_image_hash,
      ...(measurementsDigests ? { measurements: measurementsDigests } : {}),
    });
  }
  return report;
}

/** The EIF a measurements document describes must be this one, byte for byte (size, SHA-256, SHA-384). */
function compareEifFacts(recorded: EifFacts, actual: { size: number; sha256: string; sha384: string }, what: string): void {
  for (const key of ['size', 'sha256', 'sha384'] as const) {
    if (recorded[key] !== undefined && recorded[key] !== actual[key]) throw new VerificationError(`${what}: eif.${key} is ${recorded[key]}, the EIF's is ${actual[key]}`);
  }
}

/**
 * CRC and (when signed) signature of an inspected EIF, and the signing certificate's validity at `now`
 * (nitro-cli's run-enclave refuses an EIF whose signing certificate has expired or is not yet valid);
 * VerificationError naming `path` otherwise.
 */
export function checkIntegrity(eif: EifInspection, path: string, now: Date = new Date()): void {
  if (!eif.crc.ok) {
    throw new VerificationError(`${path}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed}): the file was modified`);
  }
  if (eif.signature && !eif.signature.valid) {
    throw new VerificationError(`${path}: signature section does not verify: ${eif.signature.problem ?? 'invalid'}`);
  }
  if (eif.signature) {
    try {
      checkSigningCertificateValidity(eif.signature.certificatePem, 'its signing certificate', now);
    } catch (error) {
      throw new VerificationError(`${path}: ${errorMessage(error)}`, { cause: error });
    }
  }
  if (eif.sha256 === undefined || eif.sha384 === undefined) throw new Error('inspectEif returned no file digests');
}

async function checkProvenance(
  provenance: NonNullable<VerifyEifOptions['provenance']>,
  expected: Parameters<typeof checkProvenanceStatement>[1],
): Promise<NonNullable<VerifyEifReport['provenance']>> {
  return provenanceReport(await readJson(provenance.path, 'provenance bundle'), provenance, expected);
}

/** Verifies a parsed provenance bundle (`path` names it) and summarises it for the report. */
export function provenanceReport(
  json: unknown,
  provenance: NonNullable<VerifyEifOptions['provenance']>,
  expected: Parameters<typeof checkProvenanceStatement>[1],
): NonNullable<VerifyEifReport['provenance']> {
  const what = `provenance ${provenance.path}`;
  const verified = verifyProvenanceBundle(json, provenance.trust, what);
  const statement = checkProvenanceStatement(verified.statement, expected, what);
  const params = statement.predicate.buildDefinition.externalParameters;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const source = { repository: text(params['repository']), ref: text(params['ref']), commit: text(params['commit']) };
  const hasSource = Object.values(source).some((v) => v !== undefined);
  return {
    path: provenance.path,
    signer: verified.signer,
    subjects: statement.subject.map((s) => ({ name: s.name, sha256: s.digest.sha256, sha384: s.digest.sha384 })),
    build_type: statement.predicate.buildDefinition.buildType,
    builder_id: statement.predicate.runDetails.builder.id,
    ...(hasSource ? { source } : {}),
  };
}

/** Reads and parses a JSON file, naming it in errors. */
export async function readJson(path: string, what: string): Promise<unknown> {
  return readJsonFile(path, { label: `${what} ${path}` });
}
