// Certificate path leaf → cabundle (reversed) → pinned root, checked at one chosen time with node's X509Certificate.
import { X509Certificate } from 'node:crypto';
import { FormatError, VerificationError } from '../../errors.js';

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

/** Verifies the path and returns it; the cabundle's root must be byte-identical to the pinned root. */
export function verifyCertificateChain(options: ChainOptions): ChainResult {
  const root = parseCertificate(options.rootPem, 'root certificate');
  const bundle = options.cabundle.map((der, i) => parseCertificate(der, `cabundle[${i}]`));
  const leaf = parseCertificate(options.leaf, 'attestation certificate');
  if (!bundle[0]!.raw.equals(root.raw)) {
    throw new VerificationError(`attestation cabundle root (${bundle[0]!.subject.replace(/\n/g, ', ')}) is not the pinned AWS Nitro root`);
  }
  const path = [leaf, ...bundle.slice(1).reverse(), root];
  for (let i = 0; i < path.length; i += 1) {
    const cert = path[i]!;
    const issuer = path[i + 1] ?? root;
    const name = i === 0 ? 'attestation certificate' : i === path.length - 1 ? 'root certificate' : `intermediate certificate ${describe(cert)}`;
    if (i > 0 && cert.ca !== true) throw new VerificationError(`${name} is not a CA (basicConstraints cA is false)`);
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) {
      throw new VerificationError(`${name} is not signed by ${i + 1 < path.length ? describe(issuer) : 'itself'}`);
    }
    checkValidity(cert, name, options.at, options.timeHint);
  }
  return { leaf, path };
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
