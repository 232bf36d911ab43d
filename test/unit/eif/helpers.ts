import { join } from 'node:path';
import { fixture } from '../../helpers/paths.js';

export { fixture };

/** A 635-byte EIF whose expected values are in test/fixtures/README.md. */
export const TINY_EIF = fixture('eif', 'tiny.eif');

export { withTempDir } from '../../helpers/temp-dir.js';

export const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface SigningIdentity {
  keyPath: string;
  certPath: string;
  keyPem: string;
  certPem: string;
}

/** An EC key (node crypto) and a self-signed certificate for it (openssl req, via execFile). */
export async function makeSigningIdentity(dir: string, curve: 'P-256' | 'P-384' | 'P-521', name: string = curve): Promise<SigningIdentity> {
  const { generateKeyPairSync } = await import('node:crypto');
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { readFile, writeFile } = await import('node:fs/promises');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const keyPath = join(dir, `${name}.key.pem`);
  const certPath = join(dir, `${name}.cert.pem`);
  await writeFile(keyPath, keyPem);
  await promisify(execFile)('openssl', ['req', '-new', '-x509', '-key', keyPath, '-out', certPath, '-days', '2', '-subj', `/C=US/O=Test/CN=${name}`]);
  return { keyPath, certPath, keyPem, certPem: await readFile(certPath, 'utf8') };
}
