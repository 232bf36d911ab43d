// Key-based provenance checked by an independent verifier: cosign (NITRO_TEST_COSIGN, installed by
// scripts/infra). Offline: an empty trusted root and --insecure-ignore-tlog, as the bundle has no tlog entry.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DSSEBundleBuilder } from '@sigstore/sign';
import { bundleToJSON } from '@sigstore/bundle';
import { writeEif } from '../../src/eif/index.js';
import { verifyEif } from '../../src/trust/verify/verify-eif.js';
import { IDENTITY, ISSUER, makeSigstorePki } from '../helpers/sigstore-pki.js';
import { attestFiles, loadSigningKey, localKeySigner, signProvenanceWithKey, statementForFiles, type ProvenanceStatement } from '../../src/trust/provenance/index.js';

const run = promisify(execFile);
const cosign = process.env['NITRO_TEST_COSIGN'];
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
const dir = mkdtempSync(join(tmpdir(), 'nitro-cosign-'));
const path = (name: string): string => join(dir, name);
const EMPTY_ROOT = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' };

async function cosignVerify(blob: string, bundle = path('provenance.sigstore.json'), key = path('signer.pub')): Promise<{ ok: boolean; output: string }> {
  const args = ['verify-blob-attestation', '--bundle', bundle, '--new-bundle-format', '--trusted-root', path('empty-root.json'),
    '--key', key, '--type', 'https://slsa.dev/provenance/v1', '--insecure-ignore-tlog=true', blob];
  return runCosign(args);
}

/** cosign's verdict (exit status) and everything it printed. */
async function runCosign(args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(cosign!, args, { timeout: 60_000 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

function keys(name: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(path(`${name}.key`), privateKey.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(path(`${name}.pub`), publicKey.export({ format: 'pem', type: 'spki' }));
}

const suite = cosign ? describe : inCi ? describe : describe.skip;

suite('provenance verified by cosign', () => {
  beforeAll(async () => {
    if (!cosign) throw new Error('NITRO_TEST_COSIGN is not set: run scripts/infra/install.sh and up.sh (scripts/test.sh does)');
    writeFileSync(path('empty-root.json'), JSON.stringify(EMPTY_ROOT));
    const eif = await writeEif({
      outputPath: path('app.eif'), arch: 'x86_64', kernel: Buffer.from('kernel bytes'), cmdline: 'console=ttyS0',
      ramdisks: [Buffer.from('bootstrap'), Buffer.from('customer')],
    });
    writeFileSync(path('measurements.json'), JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...eif.pcrs } }, null, 2));
    keys('signer');
    keys('other');
    await attestFiles({
      eifPath: path('app.eif'), measurementsPath: path('measurements.json'), outputPath: path('provenance.sigstore.json'),
      privateKey: loadSigningKey(readFileSync(path('signer.key'), 'utf8')),
      details: { source: { repository: 'https://github.com/acme/app', commit: 'd'.repeat(40) } },
    });
  });

  it('accepts the EIF and the measurements file as subjects', async () => {
    const eif = await cosignVerify(path('app.eif'));
    expect(eif.output).toMatch(/Verified OK/);
    expect(eif.ok).toBe(true);
    expect((await cosignVerify(path('measurements.json'))).ok).toBe(true);
  });

  it('refuses another blob, another key and a tampered signature', async () => {
    const tampered = readFileSync(path('app.eif'));
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    writeFileSync(path('tampered.eif'), tampered);
    expect((await cosignVerify(path('tampered.eif'))).ok).toBe(false);
    expect((await cosignVerify(path('app.eif'), undefined, path('other.pub'))).ok).toBe(false);
    const bundle = JSON.parse(readFileSync(path('provenance.sigstore.json'), 'utf8'));
    const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64');
    sig[12] = sig[12]! ^ 0xff;
    bundle.dsseEnvelope.signatures[0].sig = sig.toString('base64');
    writeFileSync(path('bad.sigstore.json'), JSON.stringify(bundle));
    expect((await cosignVerify(path('app.eif'), path('bad.sigstore.json'))).ok).toBe(false);
  });

  // The same refusals from both verifiers: a validly signed bundle whose statement is wrong in one way.
  describe('refuses what cosign refuses', () => {
    const ours = async (bundle: string): Promise<boolean> => verifyEif({
      eifPath: path('app.eif'), measurementsPath: path('measurements.json'),
      provenance: { path: bundle, trust: { publicKeyPem: readFileSync(path('signer.pub'), 'utf8') } },
    }).then(() => true, () => false);
    const signed = async (name: string, edit: (s: ProvenanceStatement) => void, payloadType = 'application/vnd.in-toto+json'): Promise<string> => {
      const statement = await statementForFiles(path('app.eif'), path('measurements.json'), {});
      edit(statement);
      const key = loadSigningKey(readFileSync(path('signer.key'), 'utf8'));
      const bundle = payloadType === 'application/vnd.in-toto+json'
        ? await signProvenanceWithKey(statement, key)
        : bundleToJSON(await new DSSEBundleBuilder({ signer: localKeySigner(key), witnesses: [] }).create({ data: Buffer.from(JSON.stringify(statement)), type: payloadType }));
      writeFileSync(path(name), JSON.stringify(bundle));
      return path(name);
    };

    it('accepts the untouched statement (both)', async () => {
      const bundle = await signed('good.sigstore.json', () => {});
      expect((await cosignVerify(path('app.eif'), bundle)).ok).toBe(true);
      expect(await ours(bundle)).toBe(true);
    });

    it('a subject sha256 that is not the EIF\'s', async () => {
      const bundle = await signed('subject.sigstore.json', (s) => { s.subject[0]!.digest.sha256 = '0'.repeat(64); });
      const viaCosign = await cosignVerify(path('app.eif'), bundle);
      expect(viaCosign.ok, viaCosign.output).toBe(false);
      expect(await ours(bundle)).toBe(false);
    });

    // cosign checks --type against the predicate type of new-format bundles only since GHSA-w6c6-c85g-mmv6
    // (sigstore/cosign#4801, 2026-04); the Debian cosign of the test infra predates it and says "Verified OK".
    // The type is checked here either way, and so is the statement type.
    it('a predicate type other than SLSA provenance v1, or a statement type other than in-toto v1 (ours)', async () => {
      const predicate = await signed('type.sigstore.json', (s) => { (s as { predicateType: string }).predicateType = 'https://slsa.dev/provenance/v0.2'; });
      expect(await ours(predicate)).toBe(false);
      const statement = await signed('stype.sigstore.json', (s) => { (s as { _type: string })._type = 'https://in-toto.io/Statement/v0.1'; });
      expect(await ours(statement)).toBe(false);
    });

    it('a DSSE payload type other than in-toto', async () => {
      const bundle = await signed('ptype.sigstore.json', () => {}, 'application/json');
      const viaCosign = await cosignVerify(path('app.eif'), bundle);
      expect(viaCosign.ok, viaCosign.output).toBe(false);
      expect(await ours(bundle)).toBe(false);
    });
  });

  // Keyless: a certificate identity from a throwaway Fulcio-like CA, a time from a local RFC 3161 TSA, offline.
  describe('keyless bundles: identity and issuer, the same verdicts', () => {
    const cosignKeyless = async (bundle: string, root: string, identity = IDENTITY, issuer = ISSUER): Promise<{ ok: boolean; output: string }> => {
      const args = ['verify-blob-attestation', '--bundle', bundle, '--new-bundle-format', '--trusted-root', root,
        '--certificate-identity', identity, '--certificate-oidc-issuer', issuer, '--type', 'https://slsa.dev/provenance/v1',
        '--use-signed-timestamps', '--insecure-ignore-tlog=true', '--insecure-ignore-sct=true', path('app.eif')];
      return runCosign(args);
    };
    const ours = async (bundle: string, root: string, identity = IDENTITY, issuer = ISSUER): Promise<boolean> => verifyEif({
      eifPath: path('app.eif'), measurementsPath: path('measurements.json'),
      provenance: { path: bundle, trust: { trustedRoot: JSON.parse(readFileSync(root, 'utf8')), certificateIdentity: identity, certificateOidcIssuer: issuer } },
    }).then(() => true, () => false);

    it('accepts the right identity and issuer, refuses another identity, issuer or CA (both)', async () => {
      const pki = makeSigstorePki();
      const statement = await statementForFiles(path('app.eif'), path('measurements.json'), {});
      writeFileSync(path('keyless.sigstore.json'), JSON.stringify(await pki.keylessBundle('leaf', statement)));
      writeFileSync(path('keyless-issuer.sigstore.json'), JSON.stringify(await pki.keylessBundle('leaf-other-issuer', statement)));
      writeFileSync(path('trusted-root.json'), JSON.stringify(pki.trustedRoot('root')));
      writeFileSync(path('other-root.json'), JSON.stringify(pki.trustedRoot('other')));
      const good = await cosignKeyless(path('keyless.sigstore.json'), path('trusted-root.json'));
      expect(good.ok, good.output).toBe(true);
      expect(await ours(path('keyless.sigstore.json'), path('trusted-root.json'))).toBe(true);
      const cases: Array<[string, string, string?, string?]> = [
        [path('keyless.sigstore.json'), path('trusted-root.json'), 'https://github.com/acme/app/.github/workflows/other.yml@refs/heads/main'],
        [path('keyless.sigstore.json'), path('trusted-root.json'), IDENTITY, 'https://accounts.example.com'],
        [path('keyless-issuer.sigstore.json'), path('trusted-root.json')],
        [path('keyless.sigstore.json'), path('other-root.json')],
      ];
      for (const [bundle, root, identity, issuer] of cases) {
        const viaCosign = await cosignKeyless(bundle, root, identity, issuer);
        expect(viaCosign.ok, viaCosign.output).toBe(false);
        expect(await ours(bundle, root, identity, issuer)).toBe(false);
      }
    });
  });
});