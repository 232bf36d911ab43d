// Re-signing a provenance bundle's DSSE envelope with node:crypto (PAE, ECDSA P-256 SHA-256): lets a
// test hand the CLI a statement that a trusted key really signed, whatever the statement says.
import { createPrivateKey, sign } from 'node:crypto';

interface Bundle { dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string }[] } }

/** `bundleText` with its statement passed through `edit` (which may change it in place) and signed again with `privateKeyPem`. */
export function resignBundle<T = Record<string, unknown>>(bundleText: string, privateKeyPem: string, edit: (statement: T) => void): string {
  const bundle = JSON.parse(bundleText) as Bundle;
  const envelope = bundle.dsseEnvelope;
  const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as T;
  edit(statement);
  const payload = Buffer.from(JSON.stringify(statement));
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(envelope.payloadType)} ${envelope.payloadType} ${payload.length} `), payload]);
  envelope.payload = payload.toString('base64');
  envelope.signatures[0]!.sig = sign('sha256', pae, createPrivateKey(privateKeyPem)).toString('base64');
  return JSON.stringify(bundle);
}
