// The hostile layers of image-tar-headers.test.ts through the real command: a refusal is one line
// on stderr, exit code 1, no stack trace, and nothing is left in $TMPDIR or beside the output.
// (A negative base-256 size used to make the build print nothing and exit 13, an await that never
// settled, leaving its nitro-eif-image-* directory behind.)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { repoRoot } from '../../helpers/paths.js';
import { paxHeader, rawEntry, rawHeader, rawTar } from '../../helpers/raw-tar.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

let work: string;
let cli: string;
let blobs: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-cli-'));
  cli = join(work, 'cli.mjs');
  await build({
    entryPoints: [join(repoRoot(), 'src/cli/index.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20',
    format: 'esm', logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  blobs = makeSyntheticBlobs('x86_64', join(work, 'blobs'));
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ff = (width: number): Buffer => Buffer.alloc(width, 0xff);

const cases: Array<[string, Buffer, RegExp]> = [
  ['a negative base-256 size', rawTar(rawHeader({ name: 'neg', size: ff(12) })), /: entry "neg": negative size \(-1\)$/],
  ['a base-256 uid of all FF', rawTar(rawEntry({ name: 'f', uid: ff(8) }, Buffer.from('x'))), /: entry "f": uid -1 is outside/],
  ['a PAX record with an unreadable length', rawTar(paxHeader('99999999999999999999 path=x\n'), rawEntry({ name: 'f' }, Buffer.from('x'))), /unreadable length/],
];

for (const [what, layer, says] of cases) {
  it(`build-enclave refuses ${what} in one line, exit 1, nothing left`, async () => {
    const dir = mkdtempSync(join(work, 'case-'));
    const temp = mkdtempSync(join(work, 'tmp-'));
    const archive = join(dir, 'image.oci.tar');
    await buildOciArchive({ dest: archive, format: 'oci-archive', layers: [layer], config: { Cmd: ['/a'] } });
    const child = spawn(process.execPath, [cli, 'build-enclave', '--oci-archive', archive, '--blobs-dir', blobs, '--output-file', join(dir, 'out.eif')], {
      env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^nitro-eif: error: layer sha256:[0-9a-f]{64}: /);
    expect(lines[0]).toMatch(says);
    expect(readdirSync(temp)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['image.oci.tar']);
  }, 60_000);
}

it('build-enclave --max-rootfs-size refuses an image whose files pass it, in one line', async () => {
  const dir = mkdtempSync(join(work, 'cap-'));
  const temp = mkdtempSync(join(work, 'tmp-'));
  const archive = join(dir, 'image.oci.tar');
  await buildOciArchive({ dest: archive, format: 'oci-archive', layers: [[{ name: 'big', data: Buffer.alloc(3000, 1) }]], config: { Cmd: ['/a'] } });
  const child = spawn(process.execPath, [cli, 'build-enclave', '--oci-archive', archive, '--blobs-dir', blobs, '--output-file', join(dir, 'out.eif'), '--max-rootfs-size', '2K'], {
    env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  expect(await new Promise<number | null>((resolve) => child.on('exit', resolve))).toBe(1);
  expect(stderr).toMatch(/^nitro-eif: error: layer sha256:[0-9a-f]{64}: entry "big": the image's files reach 3000 bytes, over the limit of 2048 bytes on the root filesystem \(max-rootfs-size\)\n$/);
  expect(readdirSync(temp)).toEqual([]);
  expect(readdirSync(dir)).toEqual(['image.oci.tar']);
}, 60_000);
