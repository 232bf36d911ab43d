import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { blobHashes, checkBlobLock, eifArchOf, loadBlobs, readBlobLock } from '../../../src/build/blobs.js';
import { parseKernelConfig } from '../../../src/build/kernel-config.js';
import { PUBLIC_BLOB_SETS, recogniseBlobSet, type BlobDigests } from '../../../src/build/known-blobs.js';
import { VerificationError } from '../../../src/errors.js';
import { makeSyntheticBlobs, SYNTHETIC_CMDLINE } from '../../helpers/synthetic-blobs.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function blobsDir(arch: 'x86_64' | 'aarch64' = 'x86_64'): string {
  const dir = makeSyntheticBlobs(arch);
  dirs.push(dir);
  return dir;
}
function sha384sum(path: string): string {
  return execFileSync('sha384sum', [path], { encoding: 'utf8' }).split(' ')[0] ?? '';
}

describe('blob set', () => {
  it('picks bzImage for x86_64 and reports every blob hash as sha384sum computes it', async () => {
    const dir = blobsDir();
    const set = await loadBlobs({ dir, arch: 'x86_64' });
    expect(set.kernel.name).toBe('bzImage');
    const hashes = blobHashes(set);
    expect(Object.keys(hashes).sort()).toEqual(['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko']);
    for (const [name, sha] of Object.entries(hashes)) expect(sha).toBe(sha384sum(join(dir, name)));
    expect(set.cmdlineText).toBe(SYNTHETIC_CMDLINE);
    expect(set.kernelInfo).toEqual({ os: 'Linux', version: '4.14.256', arch: 'x86_64' });
    expect(set.recognisedSet).toBeUndefined();
  });

  it('picks Image for aarch64', async () => {
    const set = await loadBlobs({ dir: blobsDir('aarch64'), arch: 'aarch64' });
    expect(set.kernel.name).toBe('Image');
    expect(set.kernelInfo.arch).toBe('aarch64');
  });

  it('refuses a blob set of the other architecture', async () => {
    await expect(loadBlobs({ dir: blobsDir('aarch64'), arch: 'x86_64' })).rejects.toThrow(/aarch64 kernel \(Image\).*image is x86_64/);
    const dir = blobsDir('x86_64');
    writeFileSync(join(dir, 'bzImage.config'), '#\n#\n# Linux/arm64 5.10.0 Kernel Configuration\n');
    await expect(loadBlobs({ dir, arch: 'x86_64' })).rejects.toThrow(/bzImage.config is for aarch64, but the image is x86_64/);
  });

  it('names a missing blob', async () => {
    const dir = blobsDir();
    rmSync(join(dir, 'nsm.ko'));
    await expect(loadBlobs({ dir, arch: 'x86_64' })).rejects.toThrow(/missing nsm.ko/);
  });

  it('checks a lock: a mismatch is an error naming the blob', async () => {
    const dir = blobsDir();
    const good = Object.fromEntries(['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko'].map((n) => [n, sha384sum(join(dir, n))]));
    await expect(loadBlobs({ dir, arch: 'x86_64', lock: good })).resolves.toBeTruthy();
    const bad = { ...good, init: 'a'.repeat(96) };
    await expect(loadBlobs({ dir, arch: 'x86_64', lock: bad })).rejects.toThrow(VerificationError);
    await expect(loadBlobs({ dir, arch: 'x86_64', lock: bad })).rejects.toThrow(/blob init: sha384 [0-9a-f]{96} does not match/);
    const partial: Record<string, string> = { ...good };
    delete partial['cmdline'];
    expect(() => checkBlobLock(good, partial)).toThrow(/does not pin cmdline/);
    expect(() => checkBlobLock(good, { ...good, Image: 'b'.repeat(96) })).toThrow(/names "Image", which this build does not use/);
  });

  it('reads lock files strictly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    dirs.push(dir);
    const path = join(dir, 'lock.json');
    writeFileSync(path, JSON.stringify({ init: 'A'.repeat(96) }));
    await expect(readBlobLock(path)).resolves.toEqual({ init: 'A'.repeat(96) });
    writeFileSync(path, JSON.stringify({ init: 'abc' }));
    await expect(readBlobLock(path)).rejects.toThrow(/init is not a sha384/);
    writeFileSync(path, '[');
    await expect(readBlobLock(path)).rejects.toThrow(/not valid JSON/);
  });

  it('recognises the public GitHub sets by their pins (git blob id and SHA-384), and not a set with one blob changed', () => {
    const pinned = (arch: 'x86_64' | 'aarch64'): Record<string, BlobDigests> => Object.fromEntries(
      Object.entries(PUBLIC_BLOB_SETS[0]!.files[arch]).map(([name, pin]) => [name, { size: pin.size ?? 1, sha384: pin.sha384 ?? '', gitBlob: pin.gitBlob ?? '' }]),
    );
    // Releases v1.3.4 … v1.5.0 share one blobs tree: a directory matching it is any of them.
    expect(recogniseBlobSet('x86_64', pinned('x86_64'))).toBe('aws-nitro-enclaves-cli@v1.3.4 … v1.5.0 (identical blobs)');
    expect(recogniseBlobSet('aarch64', pinned('aarch64'))).toBe('aws-nitro-enclaves-cli@v1.3.4 … v1.5.0 (identical blobs)');
    const x86 = pinned('x86_64');
    expect(recogniseBlobSet('x86_64', { ...x86, init: { ...x86['init']!, sha384: 'd'.repeat(96) } })).toBeUndefined();
    expect(recogniseBlobSet('x86_64', { ...x86, bzImage: { ...x86['bzImage']!, gitBlob: 'e'.repeat(40) } })).toBeUndefined();
    expect(recogniseBlobSet('aarch64', x86)).toBeUndefined();
  });

  it('checks the very bytes it loads against a public set\'s pins, and reports that set', async () => {
    const dir = blobsDir('aarch64');
    const gitId = (name: string) => execFileSync('git', ['hash-object', '--no-filters', join(dir, name)], { encoding: 'utf8' }).trim();
    const pins = Object.fromEntries(['Image', 'Image.config', 'cmdline', 'init', 'nsm.ko'].map((n) => [n, { gitBlob: gitId(n) }]));
    const set = await loadBlobs({ dir, arch: 'aarch64', pinned: { setName: 'test@v1', pins } });
    expect(set.recognisedSet).toBe('test@v1');
    expect(set.kernel.gitBlob).toBe(gitId('Image'));
    writeFileSync(join(dir, 'nsm.ko'), 'changed');
    await expect(loadBlobs({ dir, arch: 'aarch64', pinned: { setName: 'test@v1', pins } })).rejects.toThrow(
      `blob nsm.ko (test@v1) at ${join(dir, 'nsm.ko')}: git blob id ${gitId('nsm.ko')}, pinned ${pins['nsm.ko']!.gitBlob}`,
    );
  });

  it('maps image architectures to EIF architectures', () => {
    expect(eifArchOf('amd64')).toBe('x86_64');
    expect(eifArchOf('arm64')).toBe('aarch64');
    expect(() => eifArchOf('riscv64')).toThrow(/not supported/);
  });

  // nitro-cli reads the cmdline file with read_to_string (UTF-8 or an error) and trims it with
  // Rust's str::trim: a byte-order mark is not white space there, so it stays in the EIF.
  it('keeps a byte-order mark in the cmdline as nitro-cli does, and refuses a cmdline that is not UTF-8', async () => {
    const dir = blobsDir();
    writeFileSync(join(dir, 'cmdline'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('console=ttyS0\n')]));
    expect(Buffer.from((await loadBlobs({ dir, arch: 'x86_64' })).cmdlineText, 'utf8').toString('hex'))
      .toBe('efbbbf636f6e736f6c653d7474795330');
    writeFileSync(join(dir, 'cmdline'), Buffer.from([0x61, 0x3d, 0xff, 0x0a]));
    await expect(loadBlobs({ dir, arch: 'x86_64' })).rejects.toThrow(/cmdline: not valid UTF-8/);
  });
});

describe('kernel config line 3', () => {
  it("splits like nitro-cli: '# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration'", () => {
    const text = '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration\n';
    expect(parseKernelConfig(text, 'c')).toEqual({ os: 'Linux', version: '4.14.256', arch: 'x86_64' });
  });

  it('gives Unknown for missing words and refuses a file under 3 lines', () => {
    expect(parseKernelConfig('a\nb\n#', 'c')).toEqual({ os: 'Unknown', version: 'Unknown', arch: undefined });
    expect(() => parseKernelConfig('a\nb', 'cfg')).toThrow(/kernel config cfg: fewer than 3 lines/);
  });
});
