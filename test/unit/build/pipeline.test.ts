import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildEnclave, type BuildOptions, type BuildProgress } from '../../../src/build/pipeline.js';
import { main } from '../../../src/cli/main.js';
import { inspectEif } from '../../../src/eif/index.js';
import { bootstrapRamdisk } from '../../../src/ramdisk/bootstrap.js';
import { collect, pcrOf, sha256, sha384 } from '../../helpers/bytes.js';
import { CASE_A_ARCHIVE, caseAExpected } from '../../helpers/linuxkit-case-a.js';
import { ociArchive } from '../../helpers/oci-archive.js';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';
import { renderManifestReference } from '../../helpers/manifest-reference.js';

let work: string;
let blobs: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pipeline-test-'));
  blobs = makeSyntheticBlobs('x86_64', mkdtempSync(join(work, 'blobs-')));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function options(outputPath: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return { image: { ociArchive: CASE_A_ARCHIVE }, outputPath, blobsDir: blobs, sourceDateEpoch: 0, tempDir: work, ...extra };
}

describe('buildEnclave (linuxkit-case-a)', () => {
  it('reproduces the customer ramdisk linuxkit wrote: size, SHA-384 and PCR2', async () => {
    const expected = caseAExpected();
    const out = join(work, 'a.eif');
    const result = await buildEnclave(options(out, { measurementsPath: join(work, 'a.json'), manifestPath: join(work, 'a.manifest.json') }));
    expect(result.measurements!.ramdisks.customer).toMatchObject(expected.customer_ramdisk);
    expect(result.eif.pcrs.PCR2).toBe(expected.PCR2);
    expect(result.measurements!.image.manifest_digest).toBe(expected.oci_manifest_digest);
    const written = JSON.parse(readFileSync(join(work, 'a.json'), 'utf8'));
    expect(written.pcrs.PCR2).toBe(expected.PCR2);
    const text = readFileSync(join(work, 'a.manifest.json'), 'utf8');
    const manifest = JSON.parse(text);
    expect(manifest.entries).toHaveLength(21);
    expect(manifest.entries[2]).toMatchObject({ path: 'rootfs/bin/busybox', size: 1982256 });
    expect(manifest).toMatchObject({ size: expected.customer_ramdisk.size, sha384: expected.customer_ramdisk.sha384 });
    // Streamed, the file is laid out exactly as the whole-manifest renderer wrote it.
    expect(renderManifestReference(manifest)).toBe(text);
    expect(result.manifest).toEqual({ path: join(work, 'a.manifest.json'), entries: 21, sha256: sha256(Buffer.from(text)), bytes: Buffer.byteLength(text) });
    expect(readdirSync(work).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('fails before the EIF when the manifest cannot be written, leaving nothing', async () => {
    const dir = mkdtempSync(join(work, 'nomanifest-'));
    const temp = mkdtempSync(join(work, 'tmp-'));
    const missing = join(dir, 'no-such-dir', 'm.json');
    await expect(buildEnclave(options(join(dir, 'x.eif'), { manifestPath: missing, tempDir: temp }))).rejects.toThrow(`${missing}: cannot write the manifest: ENOENT`);
    expect(readdirSync(dir)).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('gives identical EIF bytes for the same archive built twice', async () => {
    await buildEnclave(options(join(work, 'b1.eif'), { sourceDateEpoch: 1700000000 }));
    await buildEnclave(options(join(work, 'b2.eif'), { sourceDateEpoch: 1700000000 }));
    expect(sha384(readFileSync(join(work, 'b1.eif')))).toBe(sha384(readFileSync(join(work, 'b2.eif'))));
  });

  it('skips the EIF digests only when no measurements file needs them, with the same EIF bytes', async () => {
    const full = await buildEnclave(options(join(work, 'd1.eif'), { sourceDateEpoch: 1700000000 }));
    const bare = await buildEnclave(options(join(work, 'd2.eif'), { sourceDateEpoch: 1700000000, eifDigests: false }));
    const forced = await buildEnclave(options(join(work, 'd3.eif'), { sourceDateEpoch: 1700000000, eifDigests: false, measurementsPath: join(work, 'd3.json') }));
    const bytes = readFileSync(join(work, 'd1.eif'));
    expect(readFileSync(join(work, 'd2.eif')).equals(bytes)).toBe(true);
    expect(full.measurements!.eif.sha384).toBe(sha384(bytes));
    expect(bare.measurements).toBeUndefined();
    expect(bare.eif.sha256).toBeUndefined();
    expect(bare.eif.pcrs).toEqual(full.eif.pcrs);
    expect(JSON.parse(readFileSync(join(work, 'd3.json'), 'utf8')).eif).toMatchObject({ sha256: sha256(bytes), sha384: sha384(bytes) });
    expect(forced.eif.sha384).toBe(sha384(bytes));
  });

  it('reports progress: open, layers, write up to the ramdisk size, done', async () => {
    const events: BuildProgress[] = [];
    await buildEnclave(options(join(work, 'p.eif'), { onProgress: (e) => events.push(e) }));
    expect(events[0]).toEqual({ phase: 'open' });
    expect(events.at(-1)).toEqual({ phase: 'done' });
    expect(events.some((e) => e.phase === 'layers')).toBe(true);
    const writes = events.filter((e) => e.phase === 'write');
    expect(writes.at(-1)).toEqual({ phase: 'write', bytes: caseAExpected().customer_ramdisk.size, total: caseAExpected().customer_ramdisk.size });
  });

  it('gives the same EIF bytes from the OCI layout directory as from its archive', async () => {
    const layout = mkdtempSync(join(work, 'layout-'));
    execFileSync('tar', ['-xf', CASE_A_ARCHIVE, '-C', layout]);
    await buildEnclave(options(join(work, 'l1.eif')));
    await buildEnclave(options(join(work, 'l2.eif'), { image: { ociLayout: layout } }));
    expect(sha384(readFileSync(join(work, 'l2.eif')))).toBe(sha384(readFileSync(join(work, 'l1.eif'))));
  });

  it('agrees with the strict reader: PCRs, digests, metadata, and an independent PCR1', async () => {
    const out = join(work, 'c.eif');
    const result = await buildEnclave(options(out, { sourceDateEpoch: 1492533000, name: 'case-a', customMetadata: { team: 'x' } }));
    const inspected = await inspectEif(out);
    expect(inspected.pcrs).toEqual(result.eif.pcrs);
    expect(inspected.crc.ok).toBe(true);
    const bytes = readFileSync(out);
    expect(result.measurements!.eif).toEqual({ size: bytes.length, sha256: sha256(bytes), sha384: sha384(bytes), arch: 'x86_64' });
    expect(inspected.metadata).toMatchObject({
      ImageName: 'case-a',
      BuildMetadata: { BuildTime: '2017-04-18T16:30:00+00:00', OperatingSystem: 'Linux', KernelVersion: '4.14.256' },
      DockerInfo: { Id: 'sha256:1e0c9888fcc0d5c66b90633d571de88caad08f88571df39ff7c74a53f5e21893', Os: 'linux', Architecture: 'amd64' },
      CustomMetadata: { team: 'x' },
    });
    // PCR1 = measurement of kernel ‖ trimmed cmdline ‖ bootstrap ramdisk.
    const blob = (name: string) => readFileSync(join(blobs, name));
    const bootstrap = await collect(
      bootstrapRamdisk({ init: { size: blob('init').length, data: blob('init') }, nsm: { size: blob('nsm.ko').length, data: blob('nsm.ko') } }).stream(),
    );
    const cmdline = Buffer.from(blob('cmdline').toString('utf8').trim());
    expect(result.eif.pcrs.PCR1).toBe(pcrOf(Buffer.concat([blob('bzImage'), cmdline, bootstrap])));
    expect(result.measurements!.ramdisks.bootstrap).toEqual({ size: bootstrap.length, sha384: sha384(bootstrap) });
    expect(result.measurements!.os_image_hash).toMatch(/^0x[0-9a-f]{64}$/);
  });
});

describe('buildEnclave failures leave no output', () => {
  function leftovers(dir: string): string[] {
    return readdirSync(dir).filter((f) => f.includes('.partial') || f.endsWith('.eif'));
  }

  it('refuses a file that is not an image archive', async () => {
    const dir = mkdtempSync(join(work, 'bad-'));
    writeFileSync(join(dir, 'junk.tar'), Buffer.alloc(4096, 1));
    await expect(buildEnclave(options(join(dir, 'out.eif'), { image: { ociArchive: join(dir, 'junk.tar') } }))).rejects.toThrow();
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses an archive whose layer is corrupt', async () => {
    const dir = mkdtempSync(join(work, 'corrupt-'));
    const { archive } = await ociArchive({ layers: [[{ name: 'a', data: 'x'.repeat(10000) }]], cmd: ['/a'] });
    // Flip a byte near the end of the archive (inside the last blob: the layer).
    const bad = Buffer.from(archive);
    const at = bad.lastIndexOf(Buffer.from([0x1f, 0x8b])) + 40;
    bad[at] = (bad[at] ?? 0) ^ 0xff;
    writeFileSync(join(dir, 'img.tar'), bad);
    await expect(buildEnclave(options(join(dir, 'out.eif'), { image: { ociArchive: join(dir, 'img.tar') } }))).rejects.toThrow();
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a 5 GiB file from its tar header, before reading or spooling any of it', async () => {
    const dir = mkdtempSync(join(work, 'huge-'));
    const size = 5 * 2 ** 30;
    const layer = tarHeaderOnly('app/huge.bin', size); // the header alone: no 5 GiB of data needed
    const dest = join(dir, 'img.tar');
    await buildOciArchive({ dest, format: 'oci-archive', compress: 'none', layers: [layer], config: { Cmd: ['/a'] } });
    await expect(buildEnclave(options(join(dir, 'out.eif'), { image: { ociArchive: dest } })))
      .rejects.toThrow(/"app\/huge\.bin": 5368709120 bytes; an enclave ramdisk cannot hold a file over 4294967295 bytes/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses blobs that do not match the lock, naming the blob', async () => {
    const dir = mkdtempSync(join(work, 'lock-'));
    const lock = Object.fromEntries(['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko'].map((n) => [n, sha384(readFileSync(join(blobs, n)))]));
    lock['nsm.ko'] = '0'.repeat(96);
    await expect(buildEnclave(options(join(dir, 'out.eif'), { blobsLock: lock }))).rejects.toThrow(/blob nsm.ko/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses an image of the other architecture than the blobs', async () => {
    const dir = mkdtempSync(join(work, 'arch-'));
    const { archive } = await ociArchive({ layers: [[{ name: 'a', data: 'x' }]], cmd: ['/a'], architecture: 'arm64' });
    writeFileSync(join(dir, 'img.tar'), archive);
    await expect(buildEnclave(options(join(dir, 'out.eif'), { image: { ociArchive: join(dir, 'img.tar') } }))).rejects.toThrow(/aarch64/);
    expect(leftovers(dir)).toEqual([]);
  });

  it('names the image when its config cannot make an enclave: no command, or an architecture Nitro does not run', async () => {
    const dir = mkdtempSync(join(work, 'config-'));
    const noCmd = await ociArchive({ layers: [[{ name: 'a', data: 'x' }]] });
    writeFileSync(join(dir, 'nocmd.tar'), noCmd.archive);
    await expect(buildEnclave(options(join(dir, 'out.eif'), { image: { ociArchive: join(dir, 'nocmd.tar') } })))
      .rejects.toThrow(`${join(dir, 'nocmd.tar')} (config ${noCmd.configDigest}): image config has neither Cmd nor Entrypoint`);
    const s390x = await ociArchive({ layers: [[{ name: 'a', data: 'x' }]], cmd: ['/a'], architecture: 's390x' });
    writeFileSync(join(dir, 's390x.tar'), s390x.archive);
    await expect(buildEnclave(options(join(dir, 'out.eif'), { image: { ociArchive: join(dir, 's390x.tar') } })))
      .rejects.toThrow(`${join(dir, 's390x.tar')} (config ${s390x.configDigest}): image architecture "s390x" is not supported`);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('nitro-eif build-enclave', () => {
  it("prints nitro-cli's Measurements JSON matching the EIF, and writes the requested files", async () => {
    const out = join(work, 'cli.eif');
    const m = join(work, 'cli.measurements.json');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let code: number;
    let printed: string;
    try {
      code = await main(['build-enclave', '--oci-archive', CASE_A_ARCHIVE, '--output-file', out, '--blobs-dir', blobs, '--measurements-file', m, '--quiet', '--source-date-epoch', '0']);
      printed = write.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      write.mockRestore();
    }
    expect(code).toBe(0);
    const json = JSON.parse(printed);
    expect(Object.keys(json.Measurements)).toEqual(['HashAlgorithm', 'PCR0', 'PCR1', 'PCR2']);
    expect(json.Measurements.HashAlgorithm).toBe('Sha512_48 { .. }');
    expect(printed.startsWith('{\n  "Measurements": {\n    "HashAlgorithm"')).toBe(true);
    const inspected = await inspectEif(out);
    expect(json.Measurements.PCR0).toBe(inspected.pcrs.PCR0);
    expect(json.Measurements.PCR2).toBe(caseAExpected().PCR2);
    expect(JSON.parse(readFileSync(m, 'utf8')).pcrs.PCR1).toBe(inspected.pcrs.PCR1);
  });

  it('exits non-zero with one line and no output for a missing archive', async () => {
    const out = join(work, 'missing.eif');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let code: number;
    let message: string;
    try {
      code = await main(['build-enclave', '--oci-archive', join(work, 'nope.tar'), '--output-file', out, '--blobs-dir', blobs]);
      message = err.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      err.mockRestore();
    }
    expect(code).not.toBe(0);
    expect(message).toMatch(/^nitro-eif: error: .*nope\.tar/);
    expect(message.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('wants exactly one image input', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['build-enclave', '--output-file', join(work, 'x.eif'), '--blobs-dir', blobs])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});

/** A ustar header for a regular file of `size` bytes, written independently of the code under test. */
function tarHeaderOnly(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${size.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 8, 'ustar\u000000');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}
