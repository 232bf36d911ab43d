// Ctrl-C or a cancelled CI job in the middle of a build must leave no partial EIF and no spool.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { repoRoot } from '../../helpers/paths.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

let work: string;
let cli: string;
let archive: string;
let blobs: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-interrupt-'));
  cli = join(work, 'cli.mjs');
  await build({
    entryPoints: [join(repoRoot(), 'src/cli/index.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20',
    format: 'esm', logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  archive = join(work, 'big.oci.tar');
  // Large enough that the build is still running when the signal arrives.
  const layers = [0, 1, 2, 3].map((i) => [{ name: `data/${i}.bin`, data: Buffer.alloc(64 << 20, i + 1) }]);
  await buildOciArchive({ dest: archive, format: 'oci-archive', compress: 'none', layers, config: { Cmd: ['/a'] } });
  blobs = makeSyntheticBlobs('x86_64', join(work, 'blobs'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  it(`removes the partial EIF and the spool on ${signal} and exits ${code}`, async () => {
    const out = join(work, `out-${signal}`);
    const temp = join(work, `tmp-${signal}`);
    mkdirSync(out);
    mkdirSync(temp);
    const child = spawn(process.execPath, [cli, 'build-enclave', '--oci-archive', archive, '--blobs-dir', blobs, '--output-file', join(out, 'app.eif')], {
      env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    // Wait until the build has temporary files on disk, then interrupt it.
    const started = Date.now();
    while (readdirSync(temp).length === 0 && readdirSync(out).length === 0 && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(readdirSync(temp).length + readdirSync(out).length, 'the build made temporary files').toBeGreaterThan(0);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr).toMatch(new RegExp(`interrupted \\(${signal}\\); temporary files removed`));
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(join(out, 'app.eif'))).toBe(false);
  }, 60_000);
}
