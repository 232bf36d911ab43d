// Identity-based (keyless) bundle verification, offline, against a throwaway Sigstore-like PKI made here with the
// openssl CLI: a "Fulcio" CA issuing a workflow-identity certificate and an RFC 3161 timestamp authority. Real
// keyless bundles (Fulcio + Rekor, GitHub) need the network and are not exercised.
import { execFileSync } from 'node:child_process';
import { sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { DSSEBundleBuilder } from '@sigstore/sign';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProvenanceStatement, verifyProvenanceBundle } from '../../../src/trust/provenance/index.js';

const dir = mkdtempSync(join(tmpdir(), 'nitro-keyless-'));
const file = (name: string): string => join(dir, name);
const openssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); };
const derB64 = (name: string): string => new X509Certificate(readFileSync(file(name))).raw.toString('base64');
const IDENTITY = 'https://github.com/acme/app/.github/workflows/eif.yml@refs/heads/main';
const ISSUER = 'https://token.actions.githubusercontent.com';
const digest = (n: number): string => n.toString(16).padStart(2, '0').repeat(48);

function issue(name: string, ca: string, extensions: string): void {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  writeFileSync(file(`${name}.ext`), extensions);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2',
    '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

function root(name: string): void {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl('req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-days', '30', '-sha256',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', `${name}.pem`);
}

async function keylessBundle(leaf: string): Promise<SerializedBundle> {
  const statement = buildProvenanceStatement({
    eif: { name: 'app.eif', sha256: digest(1).slice(0, 64), sha384: digest(2) },
    measurements: { name: 'measurements.json', sha256: digest(3).slice(0, 64), sha384: digest(4) },
    pcrs: { PCR0: digest(5), PCR1: digest(6), PCR2: digest(7) },
    osImageHash: `0x${digest(8).slice(0, 64)}`,
  });
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
}

function trustedRoot(ca: string): unknown {
  const start = new Date(Date.now() - 86_400_000).toISOString();
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], ctlogs: [],
    certificateAuthorities: [{ subject: { commonName: ca }, uri: 'https://fulcio.test', certChain: { certificates: [{ rawBytes: derB64(`${ca}.pem`) }] }, validFor: { start } }],
    timestampAuthorities: [{ subject: { commonName: 'tsa' }, uri: 'https://tsa.test', certChain: { certificates: [{ rawBytes: derB64('tsa.pem') }, { rawBytes: derB64('root.pem') }] }, validFor: { start } }],
  };
}

beforeAll(() => {
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
});

describe('verifyProvenanceBundle with a certificate identity and a trusted root', () => {
  const trust = (overrides: Partial<{ certificateIdentity: string; certificateOidcIssuer: string; ca: string }> = {}) => ({
    trustedRoot: trustedRoot(overrides.ca ?? 'root'),
    certificateIdentity: overrides.certificateIdentity ?? IDENTITY,
    certificateOidcIssuer: overrides.certificateOidcIssuer ?? ISSUER,
  });

  it('accepts the exact identity and issuer, and reports them', async () => {
    const result = verifyProvenanceBundle(await keylessBundle('leaf'), trust());
    expect(result.signer).toEqual({ kind: 'certificate', identity: IDENTITY, issuer: ISSUER });
  });

  it('refuses another identity, even one the expected text would match as a pattern', async () => {
    const bundle = await keylessBundle('leaf');
    expect(() => verifyProvenanceBundle(bundle, trust({ certificateIdentity: 'https://github.com/acme/app/.github/workflows/other.yml@refs/heads/main' })))
      .toThrow(/certificate identity is/);
    expect(() => verifyProvenanceBundle(bundle, trust({ certificateIdentity: 'https://github.com/acme/app/.*' }))).toThrow(/certificate identity is/);
  });

  it('refuses another OIDC issuer', async () => {
    const bundle = await keylessBundle('leaf-other-issuer');
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/OIDC issuer is https:\/\/accounts.example.com/);
  });

  it('refuses a certificate from a CA the trusted root does not hold', async () => {
    const bundle = await keylessBundle('stranger');
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/signature verification failed \(Failed to verify certificate chain\)/);
  });

  it('refuses a tampered payload', async () => {
    const bundle = await keylessBundle('leaf');
    const envelope = (bundle as unknown as { dsseEnvelope: { payload: string } }).dsseEnvelope;
    envelope.payload = Buffer.from(Buffer.from(envelope.payload, 'base64').toString().replace('app.eif', 'evil.eif')).toString('base64');
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/signature verification failed/);
  });

  it('refuses a bundle with no verified time (timestamp removed)', async () => {
    const bundle = await keylessBundle('leaf');
    bundle.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [] };
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/tsa timestamps/);
  });
});
