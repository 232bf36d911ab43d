// Certificate path leaf → cabundle (reversed) → pinned root, checked at one chosen time with node's X509Certificate.
import { X509Certificate } from 'node:crypto';
import { FormatError, VerificationError } from '../../errors.js';
import { certificateExtensions, KEY_USAGE, OID } from './extensions.js';

export interface ChainResult {
  readonly leaf: X509Certificate;
  /** Leaf first, root last. */
  readonly path: readonly X509Certificate[];
}

export interface ChainOptions {
  readonly leaf: Uint8Array;
  /** Root first, as in the document. */
  readonly cabundle: readonly Uint8Array[];
  readonly rootPem: string;
  readonly at: Date;
  /** How to tell the user to pick another time, appended to validity errors. */
  readonly timeHint: string;
}

/**
 * Verifies the path and returns it; the cabundle's root must be byte-identical to the pinned root. Besides
 * signatures and validity, the checks of AWS's attestation_process.md §3.2.3: every CA has cA true and the
 * keyCertSign usage and no more CAs below it than its pathLenConstraint; the leaf is no CA, has no
 * pathLenConstraint and has the digitalSignature usage; no certificate has a critical extension not checked here.
 */
export function verifyCertificateChain(options: ChainOptions): ChainResult {
  const root = parseCertificate(options.rootPem, 'root certificate');
  const bundle = options.cabundle.map((der, i) => parseCertificate(der, `cabundle[${i}]`));
  const leaf = parseCertificate(options.leaf, 'attestation certificate');
  if (!bundle[0]!.raw.equals(root.raw)) {
    throw new VerificationError(`attestation cabundle root (${bundle[0]!.subject.replace(/\n/g, ', ')}) is not the pinned AWS Nitro root`);
  }
  const path = [leaf, ...bundle.slice(1).reverse(), root];
  const names = path.map((cert, i) => (i === 0 ? 'attestation certificate' : i === path.length - 1 ? 'root certificate' : `intermediate certificate ${describe(cert)}`));
  // What each certificate may be first, so a certificate used beyond its role is named as such.
  path.forEach((cert, i) => {
    if (i > 0 && cert.ca !== true) throw new VerificationError(`${names[i]} is not a CA (basicConstraints cA is false)`);
    checkExtensions(cert, i, names[i]!);
  });
  path.forEach((cert, i) => {
    const issuer = path[i + 1] ?? root;
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new VerificationError(`${names[i]} is not signed by ${i + 1 < path.length ? describe(issuer) : 'itself'}`);
    }
    checkValidity(cert, names[i]!, options.at, options.timeHint);
  });
  return { leaf, path };
}

const CHECKED_CRITICAL = new Set<string>([OID.basicConstraints, OID.keyUsage]);

/** Key usage, CA flag and path length of the certificate at `index` of the leaf-first path. */
function checkExtensions(cert: X509Certificate, index: number, name: string): void {
  const ext = certificateExtensions(cert.raw, name);
  const unknown = ext.critical.find((oid) => !CHECKED_CRITICAL.has(oid));
  if (unknown !== undefined) throw new VerificationError(`${name} has an unsupported critical extension ${unknown}`);
  if (index === 0) {
    if (ext.ca || ext.pathLength !== undefined) throw new VerificationError(`${name} is a CA certificate, not an end entity (basicConstraints)`);
    if (!ext.keyUsage?.has(KEY_USAGE.digitalSignature)) throw new VerificationError(`${name} lacks the digitalSignature key usage`);
    return;
  }
  if (!ext.keyUsage?.has(KEY_USAGE.keyCertSign)) throw new VerificationError(`${name} lacks the keyCertSign key usage`);
  // The CAs below this one on the path (the leaf excluded) may not outnumber its pathLenConstraint.
  if (ext.pathLength !== undefined && index - 1 > ext.pathLength) {
    throw new VerificationError(`${name} allows ${ext.pathLength} CA certificate(s) below it (pathLenConstraint), the path has ${index - 1}`);
  }
}

function checkValidity(cert: X509Certificate, name: string, at: Date, hint: string): void {
  const from = certificateTime(cert.validFrom);
  const to = certificateTime(cert.validTo);
  if (at.getTime() < from.getTime()) {
    throw new VerificationError(`${name} is not yet valid at ${at.toISOString()} (valid from ${from.toISOString()})${hint}`);
  }
  if (at.getTime() > to.getTime()) {
    throw new VerificationError(`${name} expired at ${to.toISOString()} (checked at ${at.toISOString()})${hint}`);
  }
}

/** Node prints validity as e.g. "Dec 25 13:15:37 2025 GMT", which Date parses as UTC. */
export function certificateTime(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new FormatError(`certificate validity time ${JSON.stringify(text)} is not readable`);
  return date;
}

/** Parses a PEM or DER certificate, naming `what` in the error. */
export function parseCertificate(data: Uint8Array | string, what: string): X509Certificate {
  try {
    return new X509Certificate(typeof data === 'string' ? data : Buffer.from(data));
  } catch (error) {
    throw new FormatError(`${what} is not a valid X.509 certificate (${(error as Error).message})`, { cause: error });
  }
}

function describe(cert: X509Certificate): string {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1];
  return cn === undefined ? cert.subject.replace(/\n/g, ', ') : `CN=${cn}`;
}
