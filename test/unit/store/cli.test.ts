// The push / pull / ls commands through the CLI's main(), on a local directory store.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';

let dir: string;
let image: TestImage;
let stdout: string;
let stderr: string;
const dirs: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nitro-cli-store-'));
  dirs.push(dir);
  image = await makeImage(dir, 'app');
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('nitro-eif push / pull / ls', () => {
  it('pushes, lists and pulls through the CLI', async () => {
    const store = join(dir, 'store');
    expect(await main(['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--store', store])).toBe(0);
    const pushed = JSON.parse(stdout);
    expect(pushed).toMatchObject({ os_image_hash: `0x${image.hash}`, created: true });
    expect(await readdir(join(store, image.hash))).toEqual(['enclave.eif', 'measurements.json']);

    stdout = '';
    expect(await main(['ls', '--store', store])).toBe(0);
    expect(stdout).toContain(`0x${image.hash}`);

    stdout = '';
    const out = join(dir, 'pulled.eif');
    expect(await main(['pull', image.hash, '--store', store, '--output-file', out])).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ verified: true, os_image_hash: `0x${image.hash}`, pcrs: image.pcrs });
    expect(Buffer.compare(await readFile(out), await readFile(image.eifPath))).toBe(0);
  });

  it('exits non-zero with one line for a mismatch, a missing hash and bad flags', async () => {
    const other = await makeImage(dir, 'other');
    const store = join(dir, 'store');
    expect(await main(['push', '--eif-path', image.eifPath, '--measurements', other.measurementsPath, '--store', store])).toBe(1);
    expect(stderr).toMatch(/^nitro-eif: error: .*PCR0 is/);
    stderr = '';
    expect(await main(['pull', 'ab'.repeat(32), '--store', store, '--output-file', join(dir, 'x.eif')])).toBe(1);
    expect(stderr).toMatch(/not found/);
    expect(await main(['pull', 'xyz', '--store', store, '--output-file', join(dir, 'x.eif')])).toBe(1);
    expect(await main(['pull', image.hash, '--store', store, '--output-file', join(dir, 'x.eif'), '--certificate-identity', 'i'])).toBe(2);
    expect(await main(['push', '--store', 'gs://bucket', '--eif-path', image.eifPath, '--measurements', image.measurementsPath])).toBe(2);
  });

  it('has --help on every command', async () => {
    for (const command of ['push', 'pull', 'ls', 'register']) {
      stdout = '';
      expect(await main([command, '--help'])).toBe(0);
      expect(stdout).toContain(`Usage: nitro-eif ${command}`);
    }
  });
});
