// arm64 end to end with the real engine: an arm64 image with no RUN steps (static files on a base of
// Debian's arm64 busybox-static, built by BuildKit without QEMU) becomes an aarch64 EIF: header flag
// bit 0, the `Image` kernel and the aarch64 blobs' cmdline. Its customer ramdisk is byte for byte the
// one the x86_64 path writes for the same files (the same layers with an amd64 config): the ramdisk
// rules do not depend on the architecture. The EIF is parsed here from the spec (big-endian header,
// 12-byte section headers), not with the project's reader. Synthetic blobs only, also as a public set
// served from 127.0.0.1, whose aarch64 half alone is fetched for this image.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cachedBlobSet } from '../../src/build/blob-fetch.js';
import type { BlobPins, PublicBlobSet } from '../../src/build/known-blobs.js';
import { buildEnclave } from '../../src/build/pipeline.js';
import { exec, buildOci, makeBusyboxBase, tempDir } from '../helpers/docker.js';
import { describeWithInfra } from '../helpers/infra.js';
import { makeSyntheticBlobs, SYNTHETIC_CMDLINE } from '../helpers/synthetic-blobs.js';

const EPOCH = 1700000000;

interface Section { readonly type: number; readonly data: Buffer }

/** Header flags and sections of an EIF, read per spec eif-format.md §1 (big-endian). */
function parseEif(bytes: Buffer): { flags: number; sections: Section[] } {
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('.eif');
  const count = bytes.readUInt16BE(26);
  const sections: Section[] = [];
  let offset = 548;
  for (let i = 0; i < count; i++) {
    const size = Number(bytes.readBigUInt64BE(offset + 4));
    sections.push({ type: bytes.readUInt16BE(offset), data: bytes.subarray(offset + 12, offset + 12 + size) });
    offset += 12 + size;
  }
  expect(offset).toBe(bytes.length);
  return { flags: bytes.readUInt16BE(6), sections };
}

const sha384 = (data: Buffer): string => createHash('sha384').update(data).digest('hex');
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** An OCI layout of the same image (same layers) whose config says amd64: the "same files" on the x86_64 path. */
function asAmd64(layout: string): void {
  const blob = (digest: string) => join(layout, 'blobs', 'sha256', digest.replace(/^sha256:/, ''));
  const put = (text: string): { digest: string; size: number } => {
    const digest = `sha256:${sha256(text)}`;
    writeFileSync(blob(digest), text);
    return { digest, size: Buffer.byteLength(text) };
  };
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  expect(index.manifests).toHaveLength(1);
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  const config = JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8'));
  expect(config.architecture).toBe('arm64');
  config.architecture = 'amd64';
  delete config.variant;
  manifest.config = { ...manifest.config, ...put(JSON.stringify(config)) };
  const written = put(JSON.stringify(manifest));
  index.manifests[0] = { ...index.manifests[0], ...written, platform: { architecture: 'amd64', os: 'linux' } };
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
}

describeWithInfra('arm64 image → aarch64 EIF (real engine, no RUN steps)', () => {
  let work: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    work = await tempDir('nitro-arm64-');
  });
  afterAll(async () => {
    await work.cleanup();
  });

  it('builds an aarch64 EIF whose customer ramdisk equals the x86_64 one for the same files', { timeout: 240_000 }, async () => {
    const base = await makeBusyboxBase('nitro-test/busybox-arm64:1', 'arm64');
    const context = join(work.dir, 'context');
    mkdirSync(join(context, 'app', 'data'), { recursive: true });
    writeFileSync(join(context, 'app', 'hello.sh'), '#!/bin/sh\necho hello from arm64\n');
    chmodSync(join(context, 'app', 'hello.sh'), 0o755);
    writeFileSync(join(context, 'app', 'data', 'config.json'), '{"greeting":"hello"}\n');
    writeFileSync(join(context, 'Dockerfile'), `FROM ${base}\nCOPY app/ /app/\nENV GREETING=hello\nCMD ["/app/hello.sh"]\n`);
    const archive = await buildOci(context, { platform: 'linux/arm64', out: join(work.dir, 'arm64.oci.tar'), sourceDateEpoch: EPOCH });

    const aarch64Blobs = makeSyntheticBlobs('aarch64', join(work.dir, 'blobs-aarch64'));
    const x86Blobs = makeSyntheticBlobs('x86_64', join(work.dir, 'blobs-x86_64'));
    const arm = await buildEnclave({
      image: { ociArchive: archive }, outputPath: join(work.dir, 'arm64.eif'), blobsDir: aarch64Blobs, sourceDateEpoch: EPOCH, tempDir: work.dir,
    });
    expect(arm.arch).toBe('aarch64');
    // An x86_64 blob set for this image is refused in one line.
    await expect(buildEnclave({
      image: { ociArchive: archive }, outputPath: join(work.dir, 'wrong.eif'), blobsDir: x86Blobs, sourceDateEpoch: EPOCH, tempDir: work.dir,
    })).rejects.toThrow(`blobs directory ${x86Blobs} holds an x86_64 kernel (bzImage), but the image is aarch64 (needs Image)`);

    const layout = join(work.dir, 'amd64-layout');
    mkdirSync(layout);
    await exec('tar', ['-xf', archive, '-C', layout]);
    asAmd64(layout);
    const x86 = await buildEnclave({
      image: { ociLayout: layout }, outputPath: join(work.dir, 'amd64.eif'), blobsDir: x86Blobs, sourceDateEpoch: EPOCH, tempDir: work.dir,
    });
    expect(x86.arch).toBe('x86_64');

    const armEif = parseEif(readFileSync(join(work.dir, 'arm64.eif')));
    const x86Eif = parseEif(readFileSync(join(work.dir, 'amd64.eif')));
    expect(armEif.flags).toBe(1); // bit 0: aarch64
    expect(x86Eif.flags).toBe(0);
    const ofType = (eif: { sections: Section[] }, type: number) => eif.sections.filter((s) => s.type === type);
    // Kernel: the aarch64 set's Image; cmdline: its file trimmed.
    expect(ofType(armEif, 1)[0]!.data.equals(readFileSync(join(aarch64Blobs, 'Image')))).toBe(true);
    expect(ofType(armEif, 2)[0]!.data.toString('utf8')).toBe(SYNTHETIC_CMDLINE);
    // The same build with a public set (synthetic, served from 127.0.0.1): the set follows the image's
    // architecture, so only its aarch64 files are fetched, and the EIF is the same bytes.
    const requested: string[] = [];
    const server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const m = /^\/blobs\/(x86_64|aarch64)\/([\w.]+)$/.exec(req.url ?? '');
      const path = m && join(m[1] === 'aarch64' ? aarch64Blobs : x86Blobs, m[2]!);
      if (!path) return void res.writeHead(404).end();
      res.writeHead(200).end(readFileSync(path));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      // Pinned by git's own blob ids (git hash-object) and SHA-384.
      const pins = async (dir: string, kernel: string): Promise<BlobPins> => Object.fromEntries(await Promise.all(
        [kernel, `${kernel}.config`, 'cmdline', 'init', 'nsm.ko'].map(async (name) => [name, {
          sha384: sha384(readFileSync(join(dir, name))), gitBlob: (await exec('git', ['hash-object', '--no-filters', join(dir, name)])).trim(),
        }]),
      ));
      const set: PublicBlobSet = {
        name: 'synthetic@v1', repository: 'test/synthetic', tag: 'v1', commit: '0'.repeat(40), blobsTree: '0'.repeat(40),
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        files: { x86_64: await pins(x86Blobs, 'bzImage'), aarch64: await pins(aarch64Blobs, 'Image') },
      };
      const cacheRoot = join(work.dir, 'cache');
      const viaSet = await buildEnclave({
        image: { ociArchive: archive }, outputPath: join(work.dir, 'arm64-set.eif'), sourceDateEpoch: EPOCH, tempDir: work.dir,
        blobSet: { set, dirFor: async (arch) => (await cachedBlobSet({ set, arch, cacheRoot })).dir }, measurementsPath: join(work.dir, 'arm64-set.json'),
      });
      expect(viaSet.arch).toBe('aarch64');
      expect(requested.sort()).toEqual(['Image', 'Image.config', 'cmdline', 'init', 'nsm.ko'].map((n) => `/blobs/aarch64/${n}`).sort());
      expect(readFileSync(join(work.dir, 'arm64-set.eif')).equals(readFileSync(join(work.dir, 'arm64.eif')))).toBe(true);
      expect(JSON.parse(readFileSync(join(work.dir, 'arm64-set.json'), 'utf8')).blobs.set).toBe('synthetic@v1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    const armCustomer = ofType(armEif, 3)[1]?.data;
    const x86Customer = ofType(x86Eif, 3)[1]?.data;
    expect(armCustomer!.length).toBeGreaterThan(1024 * 1024); // the busybox binary is in it
    expect(sha384(armCustomer!)).toBe(sha384(x86Customer!));
    expect(armCustomer!.equals(x86Customer!)).toBe(true);
    expect(arm.eif.pcrs.PCR2).toBe(x86.eif.pcrs.PCR2);
    // The arm64 busybox is in the ramdisk as built (ELF machine 0xb7 = AArch64).
    const busybox = armCustomer!.indexOf(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'));
    expect(busybox).toBeGreaterThan(0);
    expect(armCustomer!.readUInt16LE(busybox + 18)).toBe(0xb7);
  });
});
