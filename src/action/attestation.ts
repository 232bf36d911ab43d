import { attestationDocumentBytes, MAX_DOCUMENT_BYTES, verifyAttestation } from '../trust/attestation/index.js';
import type { EnclaveOutputs } from './report.js';
import { readRegularFile } from '../io/regular-file.js';

/**
 * Checks an attestation document from a running enclave (raw COSE_Sign1 or base64) against this build:
 * signature, certificate chain to the pinned AWS Nitro root (at the document's own time, so a saved
 * document stays checkable after its 3-hour leaf expires), not debug mode, and PCR0–2 (PCR8 when signed).
 */
export async function checkAttestationDocument(path: string, enclave: EnclaveOutputs): Promise<{ moduleId: string; timestamp: string }> {
  const bytes = await readRegularFile(path, { label: `input attestation-document ${path}`, maxBytes: 2 * MAX_DOCUMENT_BYTES });
  const report = verifyAttestation({ document: attestationDocumentBytes(bytes), expected: { pcrs: enclave.pcrs }, at: 'document-time', name: path });
  return { moduleId: report.module_id, timestamp: report.timestamp };
}
