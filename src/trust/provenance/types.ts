// in-toto Statement v1 and SLSA Provenance v1 shapes (https://github.com/in-toto/attestation/tree/main/spec/v1,
// https://slsa.dev/spec/v1.0/provenance), only the fields this project writes and reads.

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** Our build type; its parameters are documented in docs/provenance.md. */
export const EIF_BUILD_TYPE = 'https://github.com/dstack/nitro-eif-build/buildtypes/eif/v1';
/** Name of the byproduct that carries the measurements (PCRs and OS_IMAGE_HASH). */
export const MEASUREMENTS_BYPRODUCT = 'eif-measurements';

/** in-toto ResourceDescriptor: at least one of uri, digest, content. */
export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: Record<string, string>;
  downloadLocation?: string;
  mediaType?: string;
  annotations?: Record<string, unknown>;
}

export interface Subject {
  name: string;
  digest: { sha256: string; sha384: string };
}

export interface ProvenancePredicate {
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, unknown>;
    internalParameters?: Record<string, unknown>;
    resolvedDependencies?: ResourceDescriptor[];
  };
  runDetails: {
    builder: { id: string; version?: Record<string, string>; builderDependencies?: ResourceDescriptor[] };
    metadata?: { invocationId?: string; startedOn?: string; finishedOn?: string };
    byproducts?: ResourceDescriptor[];
  };
}

export interface ProvenanceStatement {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: typeof SLSA_PROVENANCE_V1;
  predicate: ProvenancePredicate;
}
