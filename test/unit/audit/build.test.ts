// Audit: build-enclave end to end (eif-format.md §1–§4, ramdisks.md §1, §5): the EIF parsed here
// by hand, PCRs and metadata recomputed with node crypto from the spec's rules.
import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { withTempDir } from '../../helpers/merge-image.js';
import { makeSyntheticBlobs, SYNTHETIC_CMDLINE } from '../../helpers/synthetic-blobs.js';
import { makeSigningIdentity } from '../eif/helpers.js';
import { runCli } from '../trust/cli-run.js';

function pcrOver(...parts: Buffer[]): string {
  return createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(Buffer.concat(parts)).digest()).digest('hex');
}

/** Sections of an EIF walked from offset 548 (spec §1.2). */
function sections(file: Buffer): { type: number; data: Buffer }[] {
  const out: { type: number; data: Buffer }[] = [];
  for (let at = 548; at < file.length;) {
    const size = Number(file.readBigUInt64BE(at + 4));
    out.push({ type: file.readUInt16BE(at), data: file.subarray(at + 12, at + 12 + size) });
    at += 12 + size;
  }
  return out;
}

async function build(dir: string, platform: string, blobs: string, ...extra: string[]): Promise<{ code: number; stdout: string; stderr: string; eif: string }> {
  const archive = join(dir, 'image.tar');
  await buildOciArchive({ dest: archive, format: 'oci-archive', platform, layers: [[{ name: 'bin/app', data: 'x', mode: 0o755 }]], config: { Cmd: ['/bin/app'] } });
  const eif = join(dir, 'out.eif');
  const result = await runCli('build-enclave', '--oci-archive', archive, '--output-file', eif, '--blobs-dir', blobs, '--source-date-epoch', '1700000000', '--quiet', ...extra);
  return { ...result, eif };
}

describe('audit: build-enclave', () => {
  it.each([['linux/amd64', 'x86_64', 'bzImage', 0], ['linux/arm64', 'aarch64', 'Image', 1]] as const)(
    '%s: kernel %s… flag and PCRs by the spec, Measurements JSON sorted',
    async (platform, arch, kernelName, flag) => {
      await withTempDir(async (dir) => {
        const blobs = makeSyntheticBlobs(arch, join(dir, 'blobs'));
        const { code, stdout, stderr, eif } = await build(dir, platform, blobs);
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const file = await readFile(eif);
        expect(file.readUInt16BE(4)).toBe(4);
        expect(file.readUInt16BE(6)).toBe(flag);
        expect(file.readUInt16BE(26)).toBe(5);
        const s = sections(file);
        expect(s.map((x) => x.type)).toEqual([1, 2, 5, 3, 3]);
        expect(s[0]!.data.equals(await readFile(join(blobs, kernelName)))).toBe(true);
        expect(s[1]!.data.toString()).toBe(SYNTHETIC_CMDLINE);
        const [kernel, cmdline, , boot, customer] = s.map((x) => x.data) as Buffer[];
        const json = JSON.parse(stdout) as { Measurements: Record<string, string> };
        expect(Object.keys(json)).toEqual(['Measurements']);
        expect(Object.keys(json.Measurements)).toEqual(['HashAlgorithm', 'PCR0', 'PCR1', 'PCR2']);
        expect(json.Measurements['PCR0']).toBe(pcrOver(kernel!, cmdline!, boot!, customer!));
        expect(json.Measurements['PCR1']).toBe(pcrOver(kernel!, cmdline!, boot!));
        expect(json.Measurements['PCR2']).toBe(pcrOver(customer!));
        expect(stdout).toBe(`${JSON.stringify(json, null, 2)}\n`);
        // Metadata: nitro-cli field order; build time from SOURCE_DATE_EPOCH as chrono's to_rfc3339.
        const metadata = JSON.parse(s[2]!.data.toString()) as Record<string, unknown>;
        expect(Object.keys(metadata)).toEqual(['ImageName', 'ImageVersion', 'BuildMetadata', 'DockerInfo', 'CustomMetadata']);
        expect(metadata['BuildMetadata']).toMatchObject({ BuildTime: '2023-11-14T22:13:20+00:00', OperatingSystem: 'Linux', KernelVersion: '4.14.256' });
        const described = await runCli('describe-eif', '--eif-path', eif);
        expect(JSON.parse(described.stdout)).toMatchObject({ EifVersion: 4, CheckCRC: true, IsSigned: false });
      });
    },
  );

  it('refuses a blob set of the other architecture', async () => {
    await withTempDir(async (dir) => {
      const blobs = makeSyntheticBlobs('aarch64', join(dir, 'blobs'));
      const { code, stderr } = await build(dir, 'linux/amd64', blobs);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/^nitro-eif: error: .*\n$/);
    });
  });
});

describe('audit: build-enclave signing (nitro-cli build-enclave --signing-certificate --private-key)', () => {
  // eif-format.md §2.1: build-enclave adds PCR8 when signed; §1.3 the signature section comes last.
  it('signs while building: PCR8 in the JSON, the EIF and the measurements file', async () => {
    await withTempDir(async (dir) => {
      const blobs = makeSyntheticBlobs('x86_64', join(dir, 'blobs'));
      const id = await makeSigningIdentity(dir, 'P-384');
      const measurements = join(dir, 'measurements.json');
      const { code, stdout, eif } = await build(dir, 'linux/amd64', blobs,
        '--signing-certificate', id.certPath, '--private-key', id.keyPath, '--measurements-file', measurements);
      expect(code).toBe(0);
      const pcr8 = createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(new X509Certificate(id.certPem).raw).digest()).digest('hex');
      const json = JSON.parse(stdout) as { Measurements: Record<string, string> };
      expect(Object.keys(json.Measurements)).toEqual(['HashAlgorithm', 'PCR0', 'PCR1', 'PCR2', 'PCR8']);
      expect(json.Measurements['PCR8']).toBe(pcr8);
      const file = await readFile(eif);
      expect(file.readUInt16BE(26)).toBe(6);
      expect(sections(file).map((x) => x.type)).toEqual([1, 2, 5, 3, 3, 4]);
      const doc = JSON.parse(await readFile(measurements, 'utf8')) as { pcrs: Record<string, string>; eif: { sha256: string; size: number } };
      expect(doc.pcrs['PCR8']).toBe(pcr8);
      expect(doc.eif).toMatchObject({ sha256: createHash('sha256').update(file).digest('hex'), size: file.length });
    });
  });

  it('wants --signing-certificate and --private-key together', async () => {
    await withTempDir(async (dir) => {
      const blobs = makeSyntheticBlobs('x86_64', join(dir, 'blobs'));
      const id = await makeSigningIdentity(dir, 'P-256');
      const { code, stdout, stderr } = await build(dir, 'linux/amd64', blobs, '--signing-certificate', id.certPath);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/--private-key/);
    });
  });
});
