// Public API of provenance: build the statement, sign it (local key or keyless), verify a bundle.
export { buildProvenanceStatement, DEFAULT_BUILDER_ID, STATEMENT_LAYOUT, type DstackUtilPlacementInput, type FileDigests, type ProvenanceInput } from './statement.js';
export { loadSigningKey, localKeySigner, signProvenanceWithKey } from './sign-key.js';
export { signProvenanceKeyless, type AttestFunction, type KeylessOptions, type KeylessResult } from './keyless.js';
export { verifyProvenanceBundle, loadPublicKey, type BundleTrust, type VerifiedBundle } from './verify-bundle.js';
export { checkProvenanceStatement, checkStatementShape, type Digests, type StatementExpectation } from './check-statement.js';
export * from './types.js';
export { attestFiles, statementForFiles, writeProvenanceBundle, type AttestFilesOptions, type ProvenanceDetails } from './attest-files.js';
