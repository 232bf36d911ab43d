// `nitro-eif attest` and `nitro-eif verify` end to end on EIFs written by src/eif, with a throwaway key.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { localKeySigner, signEif, writeEif } from '../../../src/eif/index.js';
import { buildProvenanceStatement, signProvenanceWithKey, loadSigningKey, writeProvenanceBundle } from '../../../src/trust/provenance/index.js';
import type { VerifyEifReport } from '../../../src/trust/verify/verify-eif.js';
import { runCli } from './cli-run.js';
import { fixture } from '../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'nitro-verify-'));
const path = (name: string): string => join(dir, name);
const sha = (alg: string, file: string): string => createHash(alg).update(readFileSync(file)).digest('hex');
let pcrs: { PCR0: string; PCR1: string; PCR2: string };

function writeKeys(name: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(path(`${name}.key`), privateKey.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(path(`${name}.pub`), publicKey.export({ format: 'pem', type: 'spki' }));
}

/** Flips one byte of the last ramdisk and, when asked, rewrites the CRC so only the PCRs/digests tell. */
function tamperEif(from: string, to: string, fixCrc: boolean): void {
  const bytes = readFileSync(from);
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
  if (fixCrc) {
    const crc = crc32(bytes.subarray(548), crc32(bytes.subarray(0, 544)));
    bytes.writeUInt32BE(crc, 544);
  }
  writeFileSync(to, bytes);
}

const measurementsJson = (p: typeof pcrs): string =>
  `${JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', PCR0: p.PCR0, PCR1: p.PCR1, PCR2: p.PCR2 } }, null, 2)}\n`;

beforeAll(async () => {
  const result = await writeEif({
    outputPath: path('app.eif'), arch: 'x86_64', kernel: Buffer.from('KERNEL-for-verify'), cmdline: 'console=ttyS0',
    ramdisks: [Buffer.from('bootstrap ramdisk'), Buffer.from('customer ramdisk with the app')],
  });
  pcrs = { PCR0: result.pcrs.PCR0, PCR1: result.pcrs.PCR1, PCR2: result.pcrs.PCR2 };
  writeFileSync(path('measurements.json'), measurementsJson(pcrs));
  writeKeys('signer');
  writeKeys('other');
  const attest = await runCli('attest', '--eif-path', path('app.eif'), '--measurements', path('measurements.json'),
    '--private-key', path('signer.key'), '--output-file', path('provenance.sigstore.json'),
    '--source-repository', 'https://github.com/acme/app', '--source-commit', 'c'.repeat(40), '--build-arg', 'A=1');
  expect(attest.stderr).toBe('');
  expect(attest.code).toBe(0);
});

const verify = (...extra: string[]) => runCli('verify', ...extra);
const good = (): string[] => ['--eif-path', path('app.eif'), '--measurements', path('measurements.json'),
  '--provenance', path('provenance.sigstore.json'), '--key', path('signer.pub')];

describe('nitro-eif verify', () => {
  it('passes for the EIF, its measurements and its provenance, and prints a JSON summary', async () => {
    const result = await verify(...good());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as VerifyEifReport;
    expect(summary.verified).toBe(true);
    expect(summary.eif.sha256).toBe(sha('sha256', path('app.eif')));
    expect(summary.eif.sha384).toBe(sha('sha384', path('app.eif')));
    expect(summary.measurements?.sha256).toBe(sha('sha256', path('measurements.json')));
    expect(summary.provenance?.signer).toEqual({ kind: 'public-key' });
    expect(summary.provenance?.source).toEqual({ repository: 'https://github.com/acme/app', commit: 'c'.repeat(40) });
    const raw = Buffer.concat(['PCR0', 'PCR1', 'PCR2'].map((k) => Buffer.from(pcrs[k as 'PCR0'], 'hex')));
    expect(summary.os_image_hash).toBe(`0x${createHash('sha256').update(raw).digest('hex')}`);
  });

  it('checks an EIF against a measurements file alone (the spec tiny.eif vector)', async () => {
    const spec = {
      PCR0: '4e0fe8a033babccd181a1ce2e0b592536ee0ff6cfcfa50d77f8888e2d99c1061d92bfe48659198333dc0cbaf3e82720a',
      PCR1: '6e37b98d2c46c98c1630f0bc35d86ee43577562c3f033e3659fc0a279d9c64dc1b16de25f838321106a94f057097e10e',
      PCR2: 'f3b9e4b60fc5388f37bc184a220c35daf39386a0c7f9ae4668c433efb337833dfbd0917d919504d3077c4f740b7e46ec',
    };
    writeFileSync(path('tiny.json'), measurementsJson(spec));
    const result = await verify('--eif-path', fixture('eif', 'tiny.eif'), '--measurements', path('tiny.json'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).eif.sha256).toBe('d22ca94de525fcff95db17d97ef2b8362b4bf059ebf9bc65b29e2adb59e22543');
  });

  it('fails a tampered EIF whose CRC was left alone, naming the CRC', async () => {
    tamperEif(path('app.eif'), path('crc.eif'), false);
    const result = await verify('--eif-path', path('crc.eif'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^nitro-eif: error: .*crc\.eif: CRC mismatch/);
  });

  it('fails an EIF signed with a certificate that has expired since, as run-enclave refuses it', async () => {
    copyFileSync(path('app.eif'), path('expired.eif'));
    // Signed in 2020, while the fixture certificate (2020-2021) was valid.
    await signEif(path('expired.eif'), {
      certificatePem: readFileSync(fixture('signing', 'expired.cert.pem')),
      signer: localKeySigner(readFileSync(fixture('signing', 'expired.key.pem'), 'utf8')),
      now: new Date('2020-06-01T00:00:00Z'),
    });
    const result = await verify('--eif-path', path('expired.eif'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^nitro-eif: error: .*expired\.eif: its signing certificate: expired on 2021-01-01T00:00:00\.000Z; nitro-cli run-enclave refuses/);
  });

  it('fails a tampered EIF (CRC fixed) against the measurements, naming the register', async () => {
    tamperEif(path('app.eif'), path('bad.eif'), true);
    const result = await verify(...good().map((a) => (a === path('app.eif') ? path('bad.eif') : a)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/measurements file .*: PCR0 is [0-9a-f]{96}, recomputed from the EIF: [0-9a-f]{96}/);
  });

  it('fails a tampered EIF (CRC fixed) against the provenance subjects', async () => {
    const result = await verify('--eif-path', path('bad.eif'), '--provenance', path('provenance.sigstore.json'), '--key', path('signer.pub'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no subject has the EIF's sha256/);
  });

  it('fails a tampered measurements file: a changed PCR, or changed bytes that the provenance covers', async () => {
    writeFileSync(path('m-pcr.json'), measurementsJson({ ...pcrs, PCR2: pcrs.PCR1 }));
    const pcr = await verify('--eif-path', path('app.eif'), '--measurements', path('m-pcr.json'));
    expect(pcr.code).toBe(1);
    expect(pcr.stderr).toMatch(/PCR2 is/);
    writeFileSync(path('m-bytes.json'), measurementsJson(pcrs).replace('\n', '\n\n'));
    const bytes = await verify(...good().map((a) => (a === path('measurements.json') ? path('m-bytes.json') : a)));
    expect(bytes.code).toBe(1);
    expect(bytes.stderr).toMatch(/no subject has the measurements file's sha256/);
  });

  it("checks the EIF size and digests and the os_image_hash a build's measurements document records", async () => {
    const raw = Buffer.concat(['PCR0', 'PCR1', 'PCR2'].map((k) => Buffer.from(pcrs[k as 'PCR0'], 'hex')));
    const document = (change: Record<string, unknown> = {}, eif: Record<string, unknown> = {}): string => `${JSON.stringify({
      schema: 'nitro-eif-build/measurements@1', pcrs,
      os_image_hash: `0x${createHash('sha256').update(raw).digest('hex')}`,
      eif: { size: readFileSync(path('app.eif')).length, sha256: sha('sha256', path('app.eif')), sha384: sha('sha384', path('app.eif')), arch: 'x86_64', ...eif },
      ...change,
    }, null, 2)}\n`;
    writeFileSync(path('doc.json'), document());
    const good = await verify('--eif-path', path('app.eif'), '--measurements', path('doc.json'));
    expect(good.stderr).toBe('');
    expect(JSON.parse(good.stdout).measurements.eif_match).toBe(true);

    writeFileSync(path('doc-sha.json'), document({}, { sha256: 'ab'.repeat(32) }));
    const sha256 = await verify('--eif-path', path('app.eif'), '--measurements', path('doc-sha.json'));
    expect(sha256.code).toBe(1);
    expect(sha256.stderr).toMatch(/doc-sha\.json: eif\.sha256 is (ab){32}, the EIF's is [0-9a-f]{64}\n$/);

    writeFileSync(path('doc-size.json'), document({}, { size: 1 }));
    const size = await verify('--eif-path', path('app.eif'), '--measurements', path('doc-size.json'));
    expect(size.code).toBe(1);
    expect(size.stderr).toMatch(/eif\.size is 1, the EIF's is \d+/);

    // A hand-edited hash next to the real PCRs: refused wherever the file is read.
    writeFileSync(path('doc-hash.json'), document({ os_image_hash: `0x${'11'.repeat(32)}` }));
    for (const args of [['verify', '--eif-path', path('app.eif'), '--measurements', path('doc-hash.json')], ['os-image-hash', '--measurements', path('doc-hash.json')]]) {
      const result = await runCli(...(args as [string, ...string[]]));
      expect(result.code, args[0]).not.toBe(0);
      expect(result.stderr).toMatch(/doc-hash\.json: os_image_hash 0x(11){32} is not the hash of its PCR0–2 \(0x[0-9a-f]{64}\)\n$/);
    }
  });

  it('fails a tampered bundle: payload, signature, or another key', async () => {
    const bundle = JSON.parse(readFileSync(path('provenance.sigstore.json'), 'utf8'));
    const payload = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    payload.predicate.runDetails.builder.id = 'https://evil.example/builder';
    const badPayload = structuredClone(bundle);
    badPayload.dsseEnvelope.payload = Buffer.from(JSON.stringify(payload)).toString('base64');
    writeFileSync(path('bad-payload.json'), JSON.stringify(badPayload));
    const badSig = structuredClone(bundle);
    const sig = Buffer.from(bundle.dsseEnvelope.signatures[0].sig, 'base64');
    sig[20] = sig[20]! ^ 0xff;
    badSig.dsseEnvelope.signatures[0].sig = sig.toString('base64');
    writeFileSync(path('bad-sig.json'), JSON.stringify(badSig));
    for (const file of ['bad-payload.json', 'bad-sig.json']) {
      const result = await verify(...good().map((a) => (a === path('provenance.sigstore.json') ? path(file) : a)));
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/provenance .*: signature verification failed/);
    }
    const other = await verify(...good().map((a) => (a === path('signer.pub') ? path('other.pub') : a)));
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/provenance\.sigstore\.json: signature verification failed \(not signed by the given key\)\n$/);
  });

  it('fails a validly signed bundle whose recorded PCRs differ from the EIF', async () => {
    const statement = buildProvenanceStatement({
      eif: { name: 'app.eif', sha256: sha('sha256', path('app.eif')), sha384: sha('sha384', path('app.eif')) },
      measurements: { name: 'measurements.json', sha256: sha('sha256', path('measurements.json')), sha384: sha('sha384', path('measurements.json')) },
      pcrs: { ...pcrs, PCR1: pcrs.PCR2 },
      osImageHash: `0x${'0'.repeat(63)}1`,
    });
    const key = loadSigningKey(readFileSync(path('signer.key'), 'utf8'));
    await writeProvenanceBundle(path('lying.json'), await signProvenanceWithKey(statement, key));
    const result = await verify(...good().map((a) => (a === path('provenance.sigstore.json') ? path('lying.json') : a)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PCR1 is [0-9a-f]{96}, recomputed from the EIF/);
  });

  it('refuses incomplete trust options with a usage error', async () => {
    const noTrust = await verify('--eif-path', path('app.eif'), '--provenance', path('provenance.sigstore.json'));
    expect(noTrust.code).toBe(2);
    expect(noTrust.stderr).toMatch(/--key or --certificate-identity/);
    const noRoot = await verify('--eif-path', path('app.eif'), '--provenance', path('provenance.sigstore.json'),
      '--certificate-identity', 'https://github.com/acme/app/.github/workflows/eif.yml@refs/heads/main',
      '--certificate-oidc-issuer', 'https://token.actions.githubusercontent.com');
    expect(noRoot.code).toBe(2);
    expect(noRoot.stderr).toMatch(/--trusted-root/);
  });
});

describe('nitro-eif attest', () => {
  it('refuses a measurements file that does not match the EIF', async () => {
    copyFileSync(path('m-pcr.json'), path('m-pcr-2.json'));
    const result = await runCli('attest', '--eif-path', path('app.eif'), '--measurements', path('m-pcr-2.json'),
      '--private-key', path('signer.key'), '--output-file', path('never.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PCR2 is/);
    expect(() => readFileSync(path('never.json'))).toThrow();
  });
});
