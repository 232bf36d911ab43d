import { execFile } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fixture, makeSigningIdentity, TINY_EIF, withTempDir } from '../eif/helpers.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const TINY_PCRS = {
  PCR0: '4e0fe8a033babccd181a1ce2e0b592536ee0ff6cfcfa50d77f8888e2d99c1061d92bfe48659198333dc0cbaf3e82720a',
  PCR1: '6e37b98d2c46c98c1630f0bc35d86ee43577562c3f033e3659fc0a279d9c64dc1b16de25f838321106a94f057097e10e',
  PCR2: 'f3b9e4b60fc5388f37bc184a220c35daf39386a0c7f9ae4668c433efb337833dfbd0917d919504d3077c4f740b7e46ec',
};

/** Runs main(argv), capturing what it writes. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

function expectedOsImageHash(): string {
  const raw = Buffer.concat([TINY_PCRS.PCR0, TINY_PCRS.PCR1, TINY_PCRS.PCR2].map((h) => Buffer.from(h, 'hex')));
  return `0x${createHash('sha256').update(raw).digest('hex')}`;
}

afterEach(() => vi.restoreAllMocks());

describe('nitro-eif describe-eif', () => {
  it('prints nitro-cli\'s shape for tiny.eif', async () => {
    const { code, stdout } = await run('describe-eif', '--eif-path', TINY_EIF);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['EifVersion', 'Measurements', 'IsSigned', 'CheckCRC']);
    expect(json).toMatchObject({ EifVersion: 4, IsSigned: false, CheckCRC: true, Measurements: TINY_PCRS });
    expect(Object.keys(json['Measurements'] as object)).toEqual(['HashAlgorithm', 'PCR0', 'PCR1', 'PCR2']);
    expect(stdout).toContain('\n  "EifVersion": 4,\n');
  });

  it('shows metadata in nitro-cli\'s order with CustomMetadata flattened', async () => {
    await withTempDir(async (dir) => {
      const { writeEif } = await import('../../../src/eif/index.js');
      const path = join(dir, 'm.eif');
      await writeEif({
        outputPath: path, arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'c', ramdisks: [Uint8Array.of(2)],
        metadata: { ImageName: 'app', ImageVersion: '1.0', BuildMetadata: { BuildTime: 't', BuildTool: 'nitro-eif', BuildToolVersion: '0.1', OperatingSystem: 'Linux', KernelVersion: '6.1' }, DockerInfo: { RepoDigests: ['x'], Architecture: 'amd64' }, CustomMetadata: { team: 'a', owner: 'b' } },
      });
      const json = JSON.parse((await run('describe-eif', '--eif-path', path)).stdout) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['EifVersion', 'Measurements', 'IsSigned', 'CheckCRC', 'ImageName', 'ImageVersion', 'Metadata']);
      const metadata = json['Metadata'] as Record<string, unknown>;
      expect(Object.keys(metadata)).toEqual(['BuildTime', 'BuildTool', 'BuildToolVersion', 'OperatingSystem', 'KernelVersion', 'DockerInfo', 'owner', 'team']);
      expect(Object.keys(metadata['DockerInfo'] as object)).toEqual(['Architecture', 'RepoDigests']);
    });
  });

  it('fails with one line and a non-zero exit on a bad file', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'bad.eif');
      await writeFile(path, Buffer.concat([await readFile(TINY_EIF), Buffer.from('x')]));
      const { code, stderr, stdout } = await run('describe-eif', '--eif-path', path);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toBe(`nitro-eif: error: ${path}: 1 bytes of trailing data at offset 635 after the last section\n`);
    });
  });
});

describe('nitro-eif pcr and os-image-hash', () => {
  it('prints {"PCR": …} for --input and {"PCR8": …} for --signing-certificate', async () => {
    const bytes = await readFile(TINY_EIF);
    const inner = createHash('sha384').update(bytes).digest();
    const { stdout } = await run('pcr', '--input', TINY_EIF);
    expect(JSON.parse(stdout)).toEqual({ PCR: createHash('sha384').update(Buffer.alloc(48)).update(inner).digest('hex') });
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-384');
      const der = new X509Certificate(id.certPem).raw;
      const want = createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(der).digest()).digest('hex');
      expect(JSON.parse((await run('pcr', '--signing-certificate', id.certPath)).stdout)).toEqual({ PCR8: want });
    });
    expect((await run('pcr')).code).not.toBe(0);
    expect((await run('pcr', '--input', TINY_EIF, '--signing-certificate', TINY_EIF)).stderr).toMatch(/exactly one of/);
  });

  it('gives the same hash from PCR flags, the EIF and both measurements file shapes', async () => {
    const want = expectedOsImageHash();
    expect((await run('os-image-hash', '--pcr0', TINY_PCRS.PCR0, '--pcr1', TINY_PCRS.PCR1, '--pcr2', TINY_PCRS.PCR2)).stdout).toBe(`${want}\n`);
    expect((await run('os-image-hash', '--eif-path', TINY_EIF)).stdout).toBe(`${want}\n`);
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'nitro.json'), JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...TINY_PCRS } }));
      await writeFile(join(dir, 'ours.json'), JSON.stringify({ pcrs: TINY_PCRS }));
      expect((await run('os-image-hash', '--measurements', join(dir, 'nitro.json'))).stdout).toBe(`${want}\n`);
      expect((await run('os-image-hash', '--measurements', join(dir, 'ours.json'))).stdout).toBe(`${want}\n`);
    });
  });

  it('refuses debug PCRs, malformed hex and mixed inputs with one line', async () => {
    const zero = '0'.repeat(96);
    const debug = await run('os-image-hash', '--pcr0', zero, '--pcr1', zero, '--pcr2', zero);
    expect(debug.code).not.toBe(0);
    expect(debug.stderr).toMatch(/^nitro-eif: error: PCR0, PCR1 and PCR2 are all zeros: a debug-mode enclave.*\n$/);
    expect((await run('os-image-hash', '--pcr0', 'xyz', '--pcr1', TINY_PCRS.PCR1, '--pcr2', TINY_PCRS.PCR2)).stderr).toBe('nitro-eif: error: --pcr0: expected 96 hex digits, got "xyz"\n');
    expect((await run('os-image-hash', '--pcr0', TINY_PCRS.PCR0, '--eif-path', TINY_EIF)).stderr).toMatch(/exactly one way/);
    expect((await run('os-image-hash', '--pcr0', TINY_PCRS.PCR0)).stderr).toMatch(/all required together/);
  });

  it('has --help on every command', async () => {
    for (const command of ['describe-eif', 'pcr', 'os-image-hash', 'sign-eif']) {
      const { code, stdout } = await run(command, '--help');
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: nitro-eif ${command}`);
    }
  });
});

describe('nitro-eif sign-eif', () => {
  it('signs in place; describe-eif then shows the certificate and a passing check', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-384');
      const path = join(dir, 'a.eif');
      await copyFile(TINY_EIF, path);
      const signed = await run('sign-eif', '--eif-path', path, '--signing-certificate', id.certPath, '--private-key', id.keyPath);
      expect(signed.code).toBe(0);
      expect(signed.stderr).toBe('Enclave Image successfully signed.\n');
      const measurements = (JSON.parse(signed.stdout) as { Measurements: Record<string, string> }).Measurements;
      expect(Object.keys(measurements)).toEqual(['HashAlgorithm', 'PCR0', 'PCR1', 'PCR2', 'PCR8']);
      expect(measurements).toMatchObject(TINY_PCRS);
      const json = JSON.parse((await run('describe-eif', '--eif-path', path)).stdout) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['EifVersion', 'Measurements', 'IsSigned', 'SigningCertificate', 'CheckCRC', 'SignatureCheck']);
      expect(json).toMatchObject({ IsSigned: true, CheckCRC: true, SignatureCheck: true });
      const cert = json['SigningCertificate'] as Record<string, unknown>;
      expect(Object.keys(cert)).toEqual(['IssuerName', 'Algorithm', 'NotBefore', 'NotAfter', 'Signature']);
      expect(cert['Algorithm']).toBe('ecdsa-with-SHA256');
      expect(cert['NotBefore']).toBe(new X509Certificate(id.certPem).validFrom);
      expect(cert['Signature']).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2})+$/);
    });
  });

  it('refuses an expired signing certificate in one line, before build-enclave builds anything', async () => {
    await withTempDir(async (dir) => {
      const cert = fixture('signing', 'expired.cert.pem');
      const key = fixture('signing', 'expired.key.pem');
      const path = join(dir, 'a.eif');
      await copyFile(TINY_EIF, path);
      const signed = await run('sign-eif', '--eif-path', path, '--signing-certificate', cert, '--private-key', key);
      expect(signed.code).toBe(1);
      expect(signed.stderr).toBe(`nitro-eif: error: signing certificate ${cert}: expired on 2021-01-01T00:00:00.000Z; nitro-cli run-enclave refuses an EIF signed with an expired certificate\n`);
      expect(Buffer.compare(await readFile(path), await readFile(TINY_EIF))).toBe(0);
      // The image does not exist: the certificate is refused first, so the error is not about the image.
      const out = join(dir, 'out.eif');
      const built = await run('build-enclave', '--oci-archive', join(dir, 'missing.tar'), '--blobs-dir', join(dir, 'no-blobs'), '--output-file', out,
        '--signing-certificate', cert, '--private-key', key);
      expect(built.code).toBe(1);
      expect(built.stderr).toMatch(/^nitro-eif: error: signing certificate .*expired\.cert\.pem: expired on 2021-01-01/);
      expect(existsSync(out)).toBe(false);
    });
  });

  it('refuses a missing key file and a malformed ARN with one line', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-256');
      const missing = await run('sign-eif', '--eif-path', TINY_EIF, '--signing-certificate', id.certPath, '--private-key', join(dir, 'nope.pem'));
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/nope.pem: cannot read/);
      const arn = await run('sign-eif', '--eif-path', TINY_EIF, '--signing-certificate', id.certPath, '--private-key', 'arn:aws:kms:bad');
      expect(arn.stderr).toMatch(/not a KMS key ARN/);
    });
  });
});

describe('the bundled CLI', () => {
  const dist = join(repo, 'dist/cli.js');
  const distBuilt = existsSync(dist) && readFileSync(dist, 'utf8').includes('os-image-hash');
  // dist/ is rebuilt at merge time; until then it may predate these commands.
  it.skipIf(!distBuilt)('runs dist/cli.js describe-eif', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [dist, 'describe-eif', '--eif-path', TINY_EIF]);
    expect(JSON.parse(stdout)).toMatchObject({ EifVersion: 4, CheckCRC: true, Measurements: TINY_PCRS });
  });

  // Commands load their heavy modules (Sigstore, the AWS SDK) from dist/cli-chunks/ when they run.
  it.skipIf(!distBuilt)('runs commands whose modules dist/cli.js loads on demand', async () => {
    await withTempDir(async (dir) => {
      const cli = (...args: string[]) =>
        promisify(execFile)(process.execPath, [dist, ...args]).then(
          (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        );
      const verify = await cli('verify', '--eif-path', join(dir, 'none.eif'));
      expect(verify).toMatchObject({ code: 1, stderr: expect.stringMatching(/^nitro-eif: error: .*none.eif: cannot read/) });
      const ls = await cli('ls', '--store', dir);
      expect(ls).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OS_IMAGE_HASH/) });
      const pull = await cli('pull', `0x${'ab'.repeat(32)}`, '--store', dir, '--output-file', join(dir, 'out.eif'));
      expect(pull).toMatchObject({ code: 1, stderr: expect.stringMatching(/^nitro-eif: error: store: .*enclave.eif not found/) });
    });
  });

  it('runs describe-eif from an esbuild bundle of src/cli/index.ts', async () => {
    await withTempDir(async (dir) => {
      const outfile = join(dir, 'cli.mjs');
      await build({
        entryPoints: [join(repo, 'src/cli/index.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'silent',
        banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      });
      const { stdout } = await promisify(execFile)(process.execPath, [outfile, 'describe-eif', '--eif-path', TINY_EIF]);
      expect(JSON.parse(stdout)).toMatchObject({ EifVersion: 4, CheckCRC: true, Measurements: TINY_PCRS });
      const failed = await promisify(execFile)(process.execPath, [outfile, 'describe-eif', '--eif-path', join(dir, 'none.eif')]).catch((e: { code: number; stderr: string }) => e);
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/^nitro-eif: error: .*none.eif: cannot read/) });
    });
  });
});
