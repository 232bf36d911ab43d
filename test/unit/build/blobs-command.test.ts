import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadBlobs } from '../../../src/build/blobs.js';
import { main } from '../../../src/cli/main.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

const work = mkdtempSync(join(tmpdir(), 'blobs-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await main(args);
    return { code, out: write.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    write.mockRestore();
  }
}

describe('nitro-eif blobs', () => {
  it('prints blob hashes and the bootstrap ramdisk size, and writes a lock build-enclave accepts', async () => {
    const dir = makeSyntheticBlobs('x86_64', join(work, 'b'));
    const lock = join(work, 'lock.json');
    const { code, out } = await run(['blobs', '--blobs-dir', dir, '--write-lock', lock]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    for (const name of ['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko']) {
      expect(report.sha384[name]).toBe(execFileSync('sha384sum', [join(dir, name)], { encoding: 'utf8' }).split(' ')[0]);
    }
    // dev 120 + init (116 + 1236) + nsm.ko (120 + 568) + trailer 124 = 2284 → 2560 (512-byte padding).
    expect(report.bootstrap.size).toBe(2560);
    expect(report.set).toBeNull();
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual(report.sha384);
    await expect(loadBlobs({ dir, arch: 'x86_64', lock: report.sha384 })).resolves.toBeTruthy();
  });

  it('takes sha384sum output as the lock (what blobs fetch prints, and what the action accepts)', async () => {
    const dir = makeSyntheticBlobs('x86_64', join(work, 'sums'));
    const names = ['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko'];
    const sums = execFileSync('sha384sum', names.map((n) => join(dir, n)), { encoding: 'utf8' });
    const lock = join(work, 'blobs.sha384');
    writeFileSync(lock, sums);
    expect((await run(['blobs', '--blobs-dir', dir, '--blobs-sha384', lock])).code).toBe(0);

    // One pin changed: refused, naming the blob.
    const initHash = sums.split('\n').find((l) => l.endsWith('/init'))!.split(' ')[0]!;
    writeFileSync(lock, sums.replace(initHash, '0'.repeat(96)));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await run(['blobs', '--blobs-dir', dir, '--blobs-sha384', lock])).code).toBe(1);
      expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/^nitro-eif: error: .*\binit\b/);
      writeFileSync(lock, 'init: not a hash\n');
      expect((await run(['blobs', '--blobs-dir', dir, '--blobs-sha384', lock])).code).toBe(1);
      expect(String(err.mock.calls.at(-1)?.[0])).toBe(`nitro-eif: error: blob lock ${lock}: expected "name=<96 hex digits>" or sha384sum lines, got "init: not a hash"\n`);
    } finally {
      err.mockRestore();
    }
  });

  it('refuses an unknown architecture', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['blobs', '--arch', 'mips'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
