// Hostile conditions for a local store, through the real CLI: Ctrl-C in the middle of a push, and a
// store on a read-only file system (a bind mount made read-only in a private mount namespace, so the
// kernel itself refuses the writes, even to root).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, refusalProblems, runCli } from '../../helpers/cli-child.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';

let work: string;
let cli: string;
let big: TestImage;
let small: TestImage;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-store-'));
  cli = await bundleCli(work);
  big = await makeImage(work, 'big', { seed: Buffer.alloc(256 << 20, 3) });
  small = await makeImage(work, 'small');
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir`, recursively, relative to it. */
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : []);

describe('Ctrl-C during a local push', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s while the EIF is being written leaves no .partial in the store', async (signal) => {
    const dir = mkdtempSync(join(work, 'push-'));
    const store = join(dir, 'store');
    const folder = join(store, big.hash);
    let sent = false;
    const result = await runCli(cli, ['push', '--eif-path', big.eifPath, '--measurements', big.measurementsPath, '--store', store], {
      cwd: dir, timeoutMs: 60_000,
      onSpawn: (kill) => {
        const poll = setInterval(() => {
          if (filesUnder(folder).some((f) => f.endsWith('.partial'))) {
            clearInterval(poll);
            sent = true;
            kill(signal);
          }
        }, 2);
        setTimeout(() => clearInterval(poll), 55_000);
      },
    });
    expect(sent, 'the push wrote a temporary file to interrupt').toBe(true);
    expect(result.code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(result.stderr).toBe(`nitro-eif: interrupted (${signal}); temporary files removed\n`);
    expect(filesUnder(folder).filter((f) => f !== 'measurements.json')).toEqual([]);
  }, 90_000);
});

// `unshare -rm` (a user and mount namespace) needs unprivileged user namespaces; without them the
// read-only cases cannot be staged and are skipped with the reason.
const canUnshare = spawnSync('unshare', ['-rm', 'true']).status === 0;
const READ_ONLY = ['unshare', '-rm', 'sh', '-c', 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'];

describe.skipIf(!canUnshare)('a read-only local store', () => {
  it('answers "already present" to a re-push of a stored build, and refuses a new one in one store: line', async () => {
    const dir = mkdtempSync(join(work, 'ro-'));
    const store = join(dir, 'store');
    const first = await runCli(cli, ['push', '--eif-path', small.eifPath, '--measurements', small.measurementsPath, '--store', store], { cwd: dir });
    expect(first.code).toBe(0);

    const again = await runCli(cli, ['push', '--eif-path', small.eifPath, '--measurements', small.measurementsPath, '--store', store], {
      cwd: dir, prefix: [...READ_ONLY, store],
    });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false, objects: [{ kind: 'measurements', created: false }, { kind: 'eif', created: false }] });

    const other = await makeImage(dir, 'other');
    const refused = await runCli(cli, ['push', '--eif-path', other.eifPath, '--measurements', other.measurementsPath, '--store', store], {
      cwd: dir, prefix: [...READ_ONLY, store],
    });
    expect(refusalProblems(refused)).toEqual([]);
    expect(refused.stderr).toBe(`nitro-eif: error: store: cannot write file://${store}/${other.hash}/measurements.json: EROFS: read-only file system\n`);
    expect(filesUnder(store).sort()).toEqual([small.hash, `${small.hash}/enclave.eif`, `${small.hash}/measurements.json`]);
  }, 60_000);
});
