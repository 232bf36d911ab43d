// verifyAttestation: a Nitro attestation document checked end to end (signature, chain, PCRs, nonce).
import { createHash, type KeyObject, type X509Certificate } from 'node:crypto';
import { errorMessage, FormatError, UserError, VerificationError } from '../../errors.js';
import { osImageHashOfRaw } from '../../eif/measurements.js';
import type { Pcrs } from '../../eif/types.js';
import { toHex } from '../../io/hex.js';
import { certificateTime, parseCertificate, verifyCertificateChain } from './chain.js';
import { decodeCoseSign1, equalBytes, verifyCoseSign1 } from './cose.js';
import { parseAttestationPayload, type AttestationDocument } from './document.js';
import { AWS_NITRO_ROOT_G1_PEM } from './nitro-root.js';

/** NSM documents are about 4.5 KiB; user_data, nonce and public_key add at most 3 KiB. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;

export interface VerifyAttestationOptions {
  /** The raw COSE_Sign1 bytes (optionally CBOR tag 18). */
  readonly document: Uint8Array;
  /** PCRs the enclave must report (PCR0-2, and PCR8 when given); undefined checks only the document itself. */
  readonly expected?: { readonly pcrs: Pcrs } | undefined;
  /** When to check certificate validity: a time, or the document's own timestamp. Default: now. */
  readonly at?: Date | 'document-time';
  /** When given, the document's nonce must equal it. */
  readonly nonce?: Uint8Array;
  /** Replaces the pinned AWS Nitro root (tests, other partitions). */
  readonly rootCertificatePem?: string;
  /** Names the input in errors (a file name); default "attestation document". */
  readonly name?: string;
}

/** The JSON report printed by `verify-attestation` (snake_case: it is an external format). */
export interface AttestationReport {
  module_id: string;
  timestamp: string;
  digest: 'SHA384';
  pcrs: Record<string, string>;
  os_image_hash: string;
  public_key?: string;
  user_data?: string;
  nonce?: string;
  certificate: { subject: string; issuer: string; serial_number: string; not_before: string; not_after: string };
  chain: { ok: true; length: number; root_sha256: string };
  pcrs_checked: string[];
  checked_at: string;
}

/**
 * Verifies a Nitro attestation document and returns its report; throws `VerificationError` naming the first
 * check that failed (or `FormatError` for a malformed document).
 */
export function verifyAttestation(options: VerifyAttestationOptions): AttestationReport {
  const what = options.name ?? 'attestation document';
  if (options.document.length > MAX_DOCUMENT_BYTES) {
    throw new FormatError(`${what}: ${options.document.length} bytes is more than an attestation document can be (${MAX_DOCUMENT_BYTES})`);
  }
  const cose = decodeCoseSign1(options.document, what);
  const doc = parseAttestationPayload(cose.payload, what);
  const at = options.at === 'document-time' ? new Date(doc.timestamp) : (options.at ?? new Date());
  if (Number.isNaN(at.getTime())) throw new UserError('verification time is not a valid date', { code: 'usage' });
  const hint = options.at === 'document-time' ? '' : "; use --at-document-time to check it at the document's own time";
  const chain = naming(what, () => {
    // The signature first, so a tampered document says so whatever the time.
    const leaf = parseCertificate(doc.certificate, 'attestation certificate');
    verifyCoseSign1(cose, publicKeyOf(leaf, 'attestation certificate'), what);
    return verifyCertificateChain({
      leaf: doc.certificate,
      cabundle: doc.cabundle,
      rootPem: options.rootCertificatePem ?? AWS_NITRO_ROOT_G1_PEM,
      at,
      timeHint: hint,
    });
  });
  refuseDebugMode(doc, what);
  const checked = options.expected ? comparePcrs(doc, options.expected.pcrs, what) : [];
  if (options.nonce !== undefined) compareNonce(doc, options.nonce, what);
  return buildReport(doc, chain.path, checked, at);
}

/**
 * Runs the certificate checks so that every refusal names the document: their messages are prefixed
 * with it, and an error of OpenSSL's (a certificate whose key cannot be decoded) becomes a FormatError.
 */
function naming<T>(what: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    const message = errorMessage(error);
    const line = message.startsWith(`${what}: `) ? message : `${what}: ${message}`;
    if (error instanceof VerificationError) throw new VerificationError(line, { cause: error });
    if (error instanceof UserError) throw new FormatError(line, { cause: error });
    throw new FormatError(`${what}: a certificate cannot be used (${message})`, { cause: error });
  }
}

/** The certificate's public key; OpenSSL refuses some keys only when they are read. */
function publicKeyOf(cert: X509Certificate, name: string): KeyObject {
  try {
    return cert.publicKey;
  } catch (error) {
    throw new FormatError(`${name}: its public key cannot be read (${errorMessage(error)})`, { cause: error });
  }
}

function refuseDebugMode(doc: AttestationDocument, what: string): void {
  const zero = [0, 1, 2].every((i) => doc.pcrs.get(i)!.every((b) => b === 0));
  if (zero) throw new VerificationError(`${what}: PCR0, PCR1 and PCR2 are all zero: a debug-mode enclave, refused`);
}

function comparePcrs(doc: AttestationDocument, expected: Pcrs, what: string): string[] {
  const names = (['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const).filter((name) => expected[name] !== undefined);
  for (const name of names) {
    const want = expected[name]!.toLowerCase().replace(/^0x/, '');
    const got = doc.pcrs.get(Number(name.slice(3)));
    const gotHex = got === undefined ? '(absent)' : toHex(got);
    if (gotHex !== want) throw new VerificationError(`${what}: ${name} differs: document has ${gotHex}, expected ${want}`);
  }
  return names;
}

function compareNonce(doc: AttestationDocument, nonce: Uint8Array, what: string): void {
  if (doc.nonce === undefined) throw new VerificationError(`${what}: has no nonce, expected ${toHex(nonce)}`);
  if (!equalBytes(doc.nonce, nonce)) {
    throw new VerificationError(`${what}: nonce differs: document has ${toHex(doc.nonce)}, expected ${toHex(nonce)}`);
  }
}

function buildReport(doc: AttestationDocument, path: readonly X509Certificate[], checked: string[], at: Date): AttestationReport {
  const leaf = path[0]!;
  const root = path[path.length - 1]!;
  const pcrs: Record<string, string> = {};
  for (const [index, value] of doc.pcrs) pcrs[String(index)] = toHex(value);
  return {
    module_id: doc.moduleId,
    timestamp: new Date(doc.timestamp).toISOString(),
    digest: doc.digest,
    pcrs,
    os_image_hash: osImageHashOfRaw(doc.pcrs.get(0)!, doc.pcrs.get(1)!, doc.pcrs.get(2)!),
    ...(doc.publicKey ? { public_key: toHex(doc.publicKey) } : {}),
    ...(doc.userData ? { user_data: toHex(doc.userData) } : {}),
    ...(doc.nonce ? { nonce: toHex(doc.nonce) } : {}),
    certificate: {
      subject: leaf.subject.replace(/\n/g, ', '),
      issuer: leaf.issuer.replace(/\n/g, ', '),
      serial_number: leaf.serialNumber.toLowerCase(),
      not_before: certificateTime(leaf.validFrom).toISOString(),
      not_after: certificateTime(leaf.validTo).toISOString(),
    },
    chain: { ok: true, length: path.length, root_sha256: createHash('sha256').update(root.raw).digest('hex') },
    pcrs_checked: checked,
    checked_at: at.toISOString(),
  };
}
