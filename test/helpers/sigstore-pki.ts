// A throwaway Sigstore-like PKI made with the openssl CLI, offline: a "Fulcio" CA issuing workflow-identity
// certificates (SAN URI + the Fulcio OIDC issuer extension) and an RFC 3161 timestamp authority, plus keyless
// DSSE bundles signed with those certificates and the trusted_root.json that trusts them.
import { execFileSync } from 'node:child_process';
import { sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder } from '@sigstore/sign';

export const IDENTITY = 'https://github.com/acme/app/.github/workflows/eif.yml@refs/heads/main';
export const ISSUER = 'https://token.actions.githubusercontent.com';

export interface SigstorePki {
  readonly dir: string;
  /** A DSSE bundle of `statement` signed by certificate `leaf` ('leaf', 'leaf-other-issuer', 'stranger'), with a TSA timestamp. */
  keylessBundle(leaf: string, statement: unknown): Promise<SerializedBundle>;
  /** trusted_root.json content trusting CA `ca` ('root' or 'other') and the TSA. */
  trustedRoot(ca: string): unknown;
}

/** Makes the PKI: CAs `root` and `other`; leaves `leaf`, `leaf-other-issuer` (issuer accounts.example.com), `stranger` (from `other`). */
export function makeSigstorePki(): SigstorePki {
  const dir = mkdtempSync(join(tmpdir(), 'nitro-keyless-'));
  const file = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); };
  const derB64 = (name: string): string => new X509Certificate(readFileSync(file(name))).raw.toString('base64');
  const issue = (name: string, ca: string, extensions: string): void => {
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
    openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
    writeFileSync(file(`${name}.ext`), extensions);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2',
      '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
  };
  const root = (name: string): void => {
    openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
    openssl('req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-days', '30', '-sha256',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', `${name}.pem`);
  };
  root('root');
  root('other');
  const fulcio = (issuer: string): string => `keyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\nsubjectAltName=URI:${IDENTITY}\n1.3.6.1.4.1.57264.1.8=ASN1:UTF8String:${issuer}\n`;
  issue('leaf', 'root', fulcio(ISSUER));
  issue('leaf-other-issuer', 'root', fulcio('https://accounts.example.com'));
  issue('stranger', 'other', fulcio(ISSUER));
  issue('tsa', 'root', 'keyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n');
  writeFileSync(file('tsa.cnf'), [
    '[ tsa ]', 'default_tsa = tsa_config', '[ tsa_config ]', `dir = ${dir}`, 'serial = $dir/tsaserial', 'signer_digest = sha256',
    'default_policy = 1.2.3.4.1', 'digests = sha256', 'accuracy = secs:1', 'ess_cert_id_alg = sha256', 'ess_cert_id_chain = no', '',
  ].join('\n'));
  writeFileSync(file('tsaserial'), '01\n');

  return {
    dir,
    async keylessBundle(leaf, statement) {
      const certificate = readFileSync(file(`${leaf}.pem`), 'utf8');
      const key = readFileSync(file(`${leaf}.key`), 'utf8');
      const builder = new DSSEBundleBuilder({
        signer: { sign: async (data) => ({ signature: sign('sha256', data, key), key: { $case: 'x509Certificate', certificate } }) },
        witnesses: [],
      });
      const json = bundleToJSON(await builder.create({ data: Buffer.from(JSON.stringify(statement)), type: 'application/vnd.in-toto+json' }));
      // RFC 3161 timestamp response over the signature bytes, from the local TSA (what Sigstore bundles hold).
      const sig = Buffer.from((json as unknown as { dsseEnvelope: { signatures: { sig: string }[] } }).dsseEnvelope.signatures[0]!.sig, 'base64');
      writeFileSync(file('sig.bin'), sig);
      openssl('ts', '-query', '-data', 'sig.bin', '-sha256', '-cert', '-no_nonce', '-out', 'req.tsq');
      openssl('ts', '-reply', '-config', 'tsa.cnf', '-queryfile', 'req.tsq', '-signer', 'tsa.pem', '-inkey', 'tsa.key', '-out', 'response.der');
      json.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [{ signedTimestamp: readFileSync(file('response.der')).toString('base64') }] };
      return json;
    },
    trustedRoot(ca) {
      const start = new Date(Date.now() - 86_400_000).toISOString();
      return {
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        tlogs: [], ctlogs: [],
        certificateAuthorities: [{ subject: { commonName: ca }, uri: 'https://fulcio.test', certChain: { certificates: [{ rawBytes: derB64(`${ca}.pem`) }] }, validFor: { start } }],
        timestampAuthorities: [{ subject: { commonName: 'tsa' }, uri: 'https://tsa.test', certChain: { certificates: [{ rawBytes: derB64('tsa.pem') }, { rawBytes: derB64('root.pem') }] }, validFor: { start } }],
      };
    },
  };
}
