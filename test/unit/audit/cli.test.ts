// Audit: CLI output formats against eif-format.md §2/§2.1/§5 and dstack.md §1, with expected values
// from the spec text or node crypto (never from the code under test).
import { createHash, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../trust/cli-run.js';
import { fixture, makeSigningIdentity, TINY_EIF, withTempDir } from '../eif/helpers.js';

const SPEC = {
  PCR0: '4e0fe8a033babccd181a1ce2e0b592536ee0ff6cfcfa50d77f8888e2d99c1061d92bfe48659198333dc0cbaf3e82720a',
  PCR1: '6e37b98d2c46c98c1630f0bc35d86ee43577562c3f033e3659fc0a279d9c64dc1b16de25f838321106a94f057097e10e',
  PCR2: 'f3b9e4b60fc5388f37bc184a220c35daf39386a0c7f9ae4668c433efb337833dfbd0917d919504d3077c4f740b7e46ec',
};
// dstack.md §1: the real fixture and its os_image_hash.
const DSTACK = {
  PCR0: 'eb7d0dab08ff41546d7e5659aee883af7b32bb2e58e46815b719f9f7bfae7b880188a10d86317e6509923740526cf74a',
  PCR1: '0343b056cd8485ca7890ddd833476d78460aed2aa161548e4e26bedf321726696257d623e8805f3f605946b3d8b0c6aa',
  PCR2: 'd7b0a76788c1be24898bd148117ea1239578ba0e72f5d87a33a6c6476026675b6f996940f062e0e3f0b5edd2ddf78811',
  hash: '1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79',
};

function pcrOver(bytes: Uint8Array): string {
  return createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(bytes).digest()).digest('hex');
}

describe('audit: describe-eif output', () => {
  it('prints tiny.eif in nitro-cli key order, 2-space JSON, PCRs recomputed', async () => {
    const { code, stdout } = await runCli('describe-eif', '--eif-path', TINY_EIF);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    // Unsigned, metadata `{}` (no nitro-cli identity): no SigningCertificate/SignatureCheck/ImageName.
    expect(Object.keys(json)).toEqual(['EifVersion', 'Measurements', 'IsSigned', 'CheckCRC']);
    expect(json['EifVersion']).toBe(4);
    const m = json['Measurements'] as Record<string, string>;
    expect(Object.keys(m)).toEqual(['HashAlgorithm', 'PCR0', 'PCR1', 'PCR2']);
    expect({ PCR0: m['PCR0'], PCR1: m['PCR1'], PCR2: m['PCR2'] }).toEqual(SPEC);
    expect(json['IsSigned']).toBe(false);
    expect(json['CheckCRC']).toBe(true);
    expect(stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
  });
});

describe('audit: pcr', () => {
  it('--input prints {"PCR": …} over the file bytes', async () => {
    const { code, stdout } = await runCli('pcr', '--input', TINY_EIF);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ PCR: pcrOver(await readFile(TINY_EIF)) });
  });

  it('--signing-certificate measures the DER of the FIRST certificate of a PEM bundle', async () => {
    await withTempDir(async (dir) => {
      const a = await makeSigningIdentity(dir, 'P-384', 'first');
      const b = await makeSigningIdentity(dir, 'P-256', 'second');
      const bundle = join(dir, 'bundle.pem');
      await writeFile(bundle, `${a.certPem}${b.certPem}`);
      const { code, stdout } = await runCli('pcr', '--signing-certificate', bundle);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ PCR8: pcrOver(new X509Certificate(a.certPem).raw) });
    });
  });
});

describe('audit: os-image-hash', () => {
  it('hashes the raw PCR bytes (dstack fixture), not the hex text', async () => {
    const { code, stdout } = await runCli('os-image-hash', '--pcr0', DSTACK.PCR0, '--pcr1', DSTACK.PCR1, '--pcr2', DSTACK.PCR2);
    expect(code).toBe(0);
    expect(stdout.trim().replace(/^0x/, '')).toBe(DSTACK.hash);
    const textForm = createHash('sha256').update(`${DSTACK.PCR0}${DSTACK.PCR1}${DSTACK.PCR2}\n`).digest('hex');
    expect(stdout).not.toContain(textForm);
  });

  it('accepts 0x-prefixed and upper-case PCRs', async () => {
    const { stdout } = await runCli('os-image-hash', '--pcr0', `0x${DSTACK.PCR0.toUpperCase()}`, '--pcr1', DSTACK.PCR1, '--pcr2', DSTACK.PCR2);
    expect(stdout.trim().replace(/^0x/, '')).toBe(DSTACK.hash);
  });

  it('refuses all-zero (debug-mode) PCRs with a one-line error', async () => {
    const zero = '0'.repeat(96);
    const { code, stdout, stderr } = await runCli('os-image-hash', '--pcr0', zero, '--pcr1', zero, '--pcr2', zero);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^nitro-eif: error: .*\n$/);
  });

  it('from an EIF equals SHA-256 over the raw spec PCRs of tiny.eif', async () => {
    const expected = createHash('sha256').update(Buffer.from(SPEC.PCR0 + SPEC.PCR1 + SPEC.PCR2, 'hex')).digest('hex');
    const { stdout } = await runCli('os-image-hash', '--eif-path', TINY_EIF);
    expect(stdout.trim().replace(/^0x/, '')).toBe(expected);
  });
});

describe('audit: verify-attestation', () => {
  const nitro = fixture('nitro');
  const expect3 = ['--pcr0', DSTACK.PCR0, '--pcr1', DSTACK.PCR1, '--pcr2', DSTACK.PCR2];

  it('refuses the debug-mode document (PCR0–2 all zero)', async () => {
    const { code, stderr } = await runCli('verify-attestation', '--document', join(nitro, 'attestation-debug.cose'), '--at-document-time', ...expect3);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/debug/i);
  });

  it("reports the dstack os_image_hash of attestation-prod-2 at the document's time", async () => {
    const { code, stdout } = await runCli('verify-attestation', '--document', join(nitro, 'attestation-prod-2.cose'), '--at-document-time', ...expect3);
    expect(code).toBe(0);
    expect(stdout).toContain(DSTACK.hash);
  });

  it('fails with "expired" at the current time', async () => {
    const { code, stderr } = await runCli('verify-attestation', '--document', join(nitro, 'attestation-prod.cose'), ...expect3);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/expired/);
  });
});
