// Hostile provenance bundles, signing certificates and long values (cases found by
// scripts/fuzz-readers.mjs): a statement the trusted key signed but whose parts have the wrong type, a
// value of a megabyte quoted into the error, a certificate that is not PEM. Each is refused by the real
// CLI in one short line that names the file, with no stack trace and nothing changed or left behind.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from 'cborg';
import { bundleCli, refusalProblems, runCli } from '../../helpers/cli-child.js';
import { resignBundle } from '../../helpers/dsse.js';
import { fixture } from '../../helpers/paths.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';

let work: string;
let cli: string;
let image: TestImage;
let bundleText: string;
let privateKeyPem: string;
let otherCertificate: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-signed-'));
  cli = await bundleCli(work);
  image = await makeImage(work, 'app');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(join(work, 'key.pem'), privateKeyPem);
  writeFileSync(join(work, 'pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
  const attest = await runCli(cli, ['attest', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--private-key', 'key.pem',
    '--output-file', 'bundle.json', '--source-repository', 'https://github.com/acme/app', '--source-commit', 'a'.repeat(40)], { cwd: work });
  expect(attest.code, attest.stderr).toBe(0);
  bundleText = readFileSync(join(work, 'bundle.json'), 'utf8');
  // A self-signed certificate (openssl, not the code under test) for a key other than key.pem.
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(join(work, 'other.key.pem'), other);
  execFileSync('openssl', ['req', '-new', '-x509', '-key', join(work, 'other.key.pem'), '-out', join(work, 'other.cert.pem'), '-days', '2', '-subj', '/CN=other']);
  otherCertificate = readFileSync(join(work, 'other.cert.pem'), 'utf8');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function caseDir(): { dir: string; env: { TMPDIR: string }; leftovers: () => string[] } {
  const dir = mkdtempSync(join(work, 'case-'));
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  return { dir, env: { TMPDIR: temp }, leftovers: () => readdirSync(temp) };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
type Statement = { predicate: { buildDefinition: Record<string, unknown>; runDetails: Record<string, unknown> } };
const MIB = 'x'.repeat(1 << 20);

describe('verify --provenance: a bundle the trusted key signed is still checked part by part', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a statement without externalParameters', () => resignBundle<Statement>(bundleText, privateKeyPem, (s) => { delete s.predicate.buildDefinition['externalParameters']; }),
      /: predicate\.buildDefinition\.externalParameters is malformed$/],
    ['a builder without an id', () => resignBundle<Statement>(bundleText, privateKeyPem, (s) => { s.predicate.runDetails['builder'] = {}; }),
      /: predicate\.runDetails\.builder is malformed$/],
    ['a payloadType of 1 MiB', () => { const b = JSON.parse(bundleText) as { dsseEnvelope: { payloadType: string } }; b.dsseEnvelope.payloadType = MIB; return JSON.stringify(b); },
      /: DSSE payloadType is "x{99}… \(1048578 characters\), expected application\/vnd\.in-toto\+json$/],
    ['a predicateType of 1 MiB', () => resignBundle<Record<string, unknown>>(bundleText, privateKeyPem, (s) => { s['predicateType'] = MIB; }),
      /: predicateType is "x{99}… \(1048578 characters\), expected https:\/\/slsa\.dev\/provenance\/v1$/],
  ];
  it.each(cases)('%s', async (_what, make, says) => {
    const { dir, env, leftovers } = caseDir();
    const bundle = join(dir, 'p.json');
    writeFileSync(bundle, make());
    const result = await runCli(cli, ['verify', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--provenance', bundle, '--key', join(work, 'pub.pem')],
      { cwd: dir, env, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: provenance ${escape(bundle)}${says.source}`, 'm'));
    expect(leftovers()).toEqual([]);
  }, 30_000);
});

describe('errors quote what a file holds in a bounded line', () => {
  it('diff: a measurements file naming a manifest path of 1 MiB', async () => {
    const { dir, env } = caseDir();
    const measurements = join(dir, 'm.json');
    writeFileSync(measurements, JSON.stringify({ pcrs: image.pcrs, manifest: { path: `../${MIB}`, sha256: '' } }));
    const result = await runCli(cli, ['diff', measurements, image.measurementsPath], { cwd: dir, env, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: ${escape(measurements)}: manifest path "\\.\\./x{96}… \\(1048581 characters\\) must stay beside the measurements file\\n$`));
  }, 30_000);
});

describe('sign-eif: a signing certificate that is not one', () => {
  it.each([
    ['a file of text', 'not a certificate\n', /no PEM certificate \(-----BEGIN CERTIFICATE-----\) found$/],
    ['a PEM private key', () => privateKeyPem, /no PEM certificate \(-----BEGIN CERTIFICATE-----\) found$/],
    ['the certificate of another key', () => otherCertificate, /the signature does not verify with this certificate's key: wrong private key for it\?$/],
  ] as const)('%s is refused naming its file, the EIF unchanged', async (_what, content, says) => {
    const { dir, env, leftovers } = caseDir();
    const eif = join(dir, 'app.eif');
    writeFileSync(eif, readFileSync(image.eifPath));
    const certificate = join(dir, 'cert.pem');
    writeFileSync(certificate, typeof content === 'function' ? content() : content);
    const result = await runCli(cli, ['sign-eif', '--eif-path', eif, '--signing-certificate', certificate, '--private-key', join(work, 'key.pem')],
      { cwd: dir, env, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: signing certificate ${escape(certificate)}: ${says.source}`, 'm'));
    expect(readFileSync(eif).equals(readFileSync(image.eifPath))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['app.eif', 'cert.pem', 'tmp']);
    expect(leftovers()).toEqual([]);
  }, 30_000);
});


describe('verify-attestation: a document whose certificate is broken names the document', () => {
  /** The real document with its leaf certificate's DER edited (the COSE signature then no longer matters: the key is read first). */
  const withCertificate = (edit: (der: Buffer) => Buffer): Uint8Array => {
    const cose = decode(readFileSync(fixture('nitro', 'attestation-prod.cose')), { useMaps: true }) as unknown[];
    const payload = decode(cose[2] as Uint8Array, { useMaps: true }) as Map<string, unknown>;
    payload.set('certificate', edit(Buffer.from(payload.get('certificate') as Uint8Array)));
    cose[2] = encode(payload);
    return encode(cose);
  };
  it.each([
    ['a certificate that is not DER', () => withCertificate(() => Buffer.from('not a certificate')), /attestation certificate is not a valid X\.509 certificate/],
    ['a certificate whose EC point is not one (OpenSSL refuses it when the key is read)', () => withCertificate((der) => {
      const at = der.indexOf(Buffer.from([0x03, 0x62, 0x00, 0x04])); // BIT STRING of a P-384 point, uncompressed
      expect(at).toBeGreaterThan(0);
      der[at + 3] = 0x07;
      return der;
    }), /attestation certificate: its public key cannot be read \(.*decode error\)/],
  ] as const)('%s', async (_what, make, says) => {
    const { dir, env, leftovers } = caseDir();
    const document = join(dir, 'doc.cose');
    writeFileSync(document, make());
    const result = await runCli(cli, ['verify-attestation', '--document', document, '--at-document-time', '--pcr0', image.pcrs.PCR0, '--pcr1', image.pcrs.PCR1, '--pcr2', image.pcrs.PCR2],
      { cwd: dir, env, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: ${escape(document)}: ${says.source}`, 'm'));
    expect(leftovers()).toEqual([]);
  }, 30_000);
});
