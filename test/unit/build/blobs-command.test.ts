import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

  it('refuses an unknown architecture', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['blobs', '--arch', 'mips'])).toBe(2);
    } finally {
      err.mockRestore();
    }
  });
});
