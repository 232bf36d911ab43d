// Checks a signed statement against what was recomputed from the files: subjects (sha256 and sha384) and
// the measurements byproduct (PCRs, OS_IMAGE_HASH).
import { VerificationError } from '../../errors.js';
import type { Pcrs } from '../../eif/types.js';
import {
  MEASUREMENTS_BYPRODUCT, SLSA_PROVENANCE_V1, STATEMENT_TYPE,
  type ProvenanceStatement, type ResourceDescriptor, type Subject,
} from './types.js';

export interface Digests {
  readonly sha256: string;
  readonly sha384: string;
}

export interface StatementExpectation {
  readonly eif: Digests;
  /** The measurements file's digests, when the user gave that file. */
  readonly measurements?: Digests;
  readonly pcrs: Pcrs;
  /** 0x-prefixed; checked against the byproduct when given. */
  readonly osImageHash?: string;
}

/** Returns the statement when everything matches; otherwise throws `VerificationError` naming the first mismatch. */
export function checkProvenanceStatement(value: unknown, expected: StatementExpectation, what = 'provenance'): ProvenanceStatement {
  const statement = checkStatementShape(value, what);
  matchSubject(statement.subject, expected.eif, 'EIF', what);
  if (expected.measurements) matchSubject(statement.subject, expected.measurements, 'measurements file', what);
  const byproduct = (statement.predicate.runDetails.byproducts ?? []).find((b) => b.name === MEASUREMENTS_BYPRODUCT);
  if (!byproduct) throw new VerificationError(`${what}: has no "${MEASUREMENTS_BYPRODUCT}" byproduct (PCRs)`);
  matchPcrs(byproduct, expected, what);
  return statement;
}

/** Checks the statement's type, predicate type and that it has subjects and runDetails. */
export function checkStatementShape(value: unknown, what: string): ProvenanceStatement {
  const s = value as Partial<ProvenanceStatement> | null;
  if (typeof s !== 'object' || s === null || s._type !== STATEMENT_TYPE) {
    throw new VerificationError(`${what}: not an in-toto Statement v1 (_type must be ${STATEMENT_TYPE})`);
  }
  if (s.predicateType !== SLSA_PROVENANCE_V1) {
    throw new VerificationError(`${what}: predicateType is ${JSON.stringify(s.predicateType)}, expected ${SLSA_PROVENANCE_V1}`);
  }
  if (!Array.isArray(s.subject) || typeof s.predicate?.runDetails !== 'object' || s.predicate.runDetails === null) {
    throw new VerificationError(`${what}: statement lacks subject or predicate.runDetails`);
  }
  return s as ProvenanceStatement;
}

function matchSubject(subjects: Subject[], digests: Digests, label: string, what: string): void {
  const subject = subjects.find((s) => s?.digest?.sha256 === digests.sha256);
  if (!subject) throw new VerificationError(`${what}: no subject has the ${label}'s sha256 ${digests.sha256}`);
  if (subject.digest.sha384 !== digests.sha384) {
    throw new VerificationError(`${what}: subject ${subject.name} sha384 is ${String(subject.digest.sha384)}, the ${label}'s is ${digests.sha384}`);
  }
}

function matchPcrs(byproduct: ResourceDescriptor, expected: StatementExpectation, what: string): void {
  const recorded = byproduct.annotations ?? {};
  for (const name of ['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const) {
    const want = expected.pcrs[name];
    const got = recorded[name];
    if (want === undefined && got === undefined) continue;
    if (got !== want) {
      throw new VerificationError(`${what}: ${name} is ${got === undefined ? '(absent)' : String(got)}, recomputed from the EIF: ${want ?? '(absent)'}`);
    }
  }
  if (expected.osImageHash !== undefined && recorded['OS_IMAGE_HASH'] !== expected.osImageHash) {
    throw new VerificationError(`${what}: OS_IMAGE_HASH is ${String(recorded['OS_IMAGE_HASH'])}, recomputed: ${expected.osImageHash}`);
  }
}
