// Public API of attestation verification.
export { osImageHashOfRaw } from '../../eif/measurements.js';
export { verifyAttestation, MAX_DOCUMENT_BYTES, type AttestationReport, type VerifyAttestationOptions } from './verify.js';
export { AWS_NITRO_ROOT_G1_PEM, AWS_NITRO_ROOT_G1_SHA256 } from './nitro-root.js';
export { attestationDocumentBytes } from './input.js';
