// Ctrl-C (or the runner's SIGTERM) in the middle of a pull from a local store: the pull writes the EIF
// to a temporary file and renames it only once every check passed, so an interrupt at any moment leaves
// neither the output file nor a temporary file behind (in the output folder or TMPDIR).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, runCli } from '../../helpers/cli-child.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';

let work: string;
let cli: string;
let big: TestImage;
let store: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-pull-'));
  cli = await bundleCli(work);
  big = await makeImage(work, 'big', { seed: Buffer.alloc(128 << 20, 5) });
  store = join(work, 'store');
  const pushed = await runCli(cli, ['push', '--eif-path', big.eifPath, '--measurements', big.measurementsPath, '--store', store], { cwd: work, timeoutMs: 120_000 });
  expect(pushed.code, pushed.stderr).toBe(0);
  rmSync(big.eifPath);
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : []);

describe('an interrupted pull', () => {
  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s once the pull has written part of the EIF leaves nothing behind', async (signal, code) => {
    const dir = mkdtempSync(join(work, 'pull-'));
    const out = join(dir, 'out');
    const temp = join(dir, 'tmp');
    mkdirSync(out);
    mkdirSync(temp);
    let sent = false;
    const result = await runCli(cli, ['pull', big.hash, '--store', store, '--output-file', join(out, 'app.eif')], {
      cwd: dir, env: { TMPDIR: temp }, timeoutMs: 60_000,
      onSpawn: (kill) => {
        const poll = setInterval(() => {
          if (filesUnder(out).length + filesUnder(temp).length > 0) {
            clearInterval(poll);
            sent = true;
            kill(signal);
          }
        }, 2);
        setTimeout(() => clearInterval(poll), 55_000);
      },
    });
    expect(sent, 'the pull wrote a temporary file to interrupt').toBe(true);
    expect(result.code).toBe(code);
    expect(result.stderr).toBe(`nitro-eif: interrupted (${signal}); temporary files removed\n`);
    expect([...filesUnder(out), ...filesUnder(temp)]).toEqual([]);
  }, 90_000);
});
