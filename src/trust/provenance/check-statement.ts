// Checks a signed statement against what was recomputed from the files: subjects (sha256 and sha384) and
// the measurements byproduct (PCRs, OS_IMAGE_HASH).
import { quoted, VerificationError } from '../../errors.js';
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

/**
 * Checks the statement's type, predicate type and the shape of every part a reader looks into: subjects
 * (name and string digests), the build definition, run details, resolved dependencies and byproducts
 * (objects whose name, uri, digest and annotations have the declared types). A signed statement is
 * still input: a field of the wrong type is refused here in one line rather than failing where it is used.
 */
export function checkStatementShape(value: unknown, what: string): ProvenanceStatement {
  const s = value as Partial<ProvenanceStatement> | null;
  if (typeof s !== 'object' || s === null || s._type !== STATEMENT_TYPE) {
    throw new VerificationError(`${what}: not an in-toto Statement v1 (_type must be ${STATEMENT_TYPE})`);
  }
  if (s.predicateType !== SLSA_PROVENANCE_V1) {
    throw new VerificationError(`${what}: predicateType is ${quoted(s.predicateType)}, expected ${SLSA_PROVENANCE_V1}`);
  }
  if (!Array.isArray(s.subject) || !isObject(s.predicate) || !isObject(s.predicate.runDetails)) {
    throw new VerificationError(`${what}: statement lacks subject or predicate.runDetails`);
  }
  const malformed = (field: string): VerificationError => new VerificationError(`${what}: ${field} is malformed`);
  s.subject.forEach((subject: unknown, i) => {
    if (!isObject(subject) || typeof subject['name'] !== 'string' || !isStringRecord(subject['digest'])) throw malformed(`subject[${i}]`);
  });
  const { buildDefinition, runDetails } = s.predicate;
  if (!isObject(buildDefinition) || typeof buildDefinition.buildType !== 'string') throw malformed('predicate.buildDefinition');
  if (!isObject(buildDefinition.externalParameters)) throw malformed('predicate.buildDefinition.externalParameters');
  if (buildDefinition.internalParameters !== undefined && !isObject(buildDefinition.internalParameters)) throw malformed('predicate.buildDefinition.internalParameters');
  checkDescriptors(buildDefinition.resolvedDependencies, 'predicate.buildDefinition.resolvedDependencies', malformed);
  if (!isObject(runDetails.builder) || typeof runDetails.builder.id !== 'string') throw malformed('predicate.runDetails.builder');
  checkDescriptors(runDetails.builder.builderDependencies, 'predicate.runDetails.builder.builderDependencies', malformed);
  checkDescriptors(runDetails.byproducts, 'predicate.runDetails.byproducts', malformed);
  return s as ProvenanceStatement;
}

function checkDescriptors(list: unknown, field: string, malformed: (field: string) => VerificationError): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw malformed(field);
  list.forEach((d: unknown, i) => {
    if (!isObject(d)) throw malformed(`${field}[${i}]`);
    for (const key of ['name', 'uri'] as const) if (d[key] !== undefined && typeof d[key] !== 'string') throw malformed(`${field}[${i}].${key}`);
    if (d['digest'] !== undefined && !isStringRecord(d['digest'])) throw malformed(`${field}[${i}].digest`);
    if (d['annotations'] !== undefined && !isObject(d['annotations'])) throw malformed(`${field}[${i}].annotations`);
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringRecord = (v: unknown): v is Record<string, string> => isObject(v) && Object.values(v).every((x) => typeof x === 'string');

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
