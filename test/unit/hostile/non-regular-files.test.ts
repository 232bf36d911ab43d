// Hostile inputs, family "files that are not regular files": every command that reads a file is given
// /dev/zero, a symlink to it, a FIFO (no writer: a blocking open would wait forever) and a directory,
// in every file slot. Each case runs the real CLI in a child process and must end within the timeout
// with the one expected line, no stack trace, bounded memory and nothing left behind. Also: files too
// large for what they claim to be, and paths inside files that lead elsewhere.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, refusalProblems, runCli } from '../../helpers/cli-child.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';

let work: string;
let cli: string;
let image: TestImage;
let manifest: string;
let publicKey: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-files-'));
  cli = await bundleCli(work);
  image = await makeImage(work, 'good');
  manifest = join(work, 'good.manifest.json');
  writeFileSync(manifest, JSON.stringify({ schema: 'nitro-eif-build/ramdisk-manifest@1', entries: [] }));
  publicKey = join(work, 'provenance.pub.pem');
  writeFileSync(publicKey, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'pem', type: 'spki' }));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Kind = 'device' | 'symlink to a device' | 'FIFO' | 'directory';
const KINDS: Kind[] = ['device', 'symlink to a device', 'FIFO', 'directory'];
const DESCRIBED: Record<Kind, string> = {
  device: 'a character device', 'symlink to a device': 'a character device', FIFO: 'a FIFO', directory: 'a directory',
};

/** Makes the hostile path of `kind` inside `dir`. */
function hostilePath(dir: string, kind: Kind): string {
  if (kind === 'device') return '/dev/zero';
  const path = join(dir, 'input');
  if (kind === 'symlink to a device') symlinkSync('/dev/zero', path);
  else if (kind === 'FIFO') execFileSync('mkfifo', [path]);
  else mkdirSync(path);
  return path;
}

const PCR_FLAGS = (): string[] => ['--pcr0', image.pcrs.PCR0, '--pcr1', image.pcrs.PCR1, '--pcr2', image.pcrs.PCR2];

/** Every command and file slot: X is the hostile path; `label` is what the error line names before it. */
const SLOTS: { name: string; args: (x: string, out: string) => string[]; label?: string }[] = [
  { name: 'pcr --input', args: (x) => ['pcr', '--input', x] },
  { name: 'pcr --signing-certificate', args: (x) => ['pcr', '--signing-certificate', x] },
  { name: 'describe-eif --eif-path', args: (x) => ['describe-eif', '--eif-path', x] },
  { name: 'verify --eif-path', args: (x) => ['verify', '--eif-path', x] },
  { name: 'verify --measurements', args: (x) => ['verify', '--eif-path', image.eifPath, '--measurements', x] },
  { name: 'verify-attestation --document', args: (x) => ['verify-attestation', '--document', x, ...PCR_FLAGS()], label: '--document ' },
  { name: 'verify-attestation --measurements', args: (x) => ['verify-attestation', '--document', image.eifPath, '--measurements', x] },
  { name: 'os-image-hash --measurements', args: (x) => ['os-image-hash', '--measurements', x] },
  { name: 'os-image-hash --eif-path', args: (x) => ['os-image-hash', '--eif-path', x] },
  { name: 'lock --measurements', args: (x, out) => ['lock', '--measurements', x, '--output-file', join(out, 'pcr.lock.json')] },
  { name: 'lock --manifest', args: (x, out) => ['lock', '--measurements', image.measurementsPath, '--manifest', x, '--output-file', join(out, 'pcr.lock.json')] },
  { name: 'diff (before)', args: (x) => ['diff', x, image.measurementsPath] },
  { name: 'diff (after)', args: (x) => ['diff', image.measurementsPath, x] },
  { name: 'push --eif-path', args: (x, out) => ['push', '--eif-path', x, '--measurements', image.measurementsPath, '--store', join(out, 'store')] },
  { name: 'push --measurements', args: (x, out) => ['push', '--eif-path', image.eifPath, '--measurements', x, '--store', join(out, 'store')] },
  { name: 'push --manifest', args: (x, out) => ['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--manifest', x, '--store', join(out, 'store')] },
  { name: 'pull --key', args: (x, out) => ['pull', image.hash, '--store', join(out, 'store'), '--output-file', join(out, 'x.eif'), '--key', x], label: '--key ' },
  { name: 'sign-eif --signing-certificate', args: (x) => ['sign-eif', '--eif-path', image.eifPath, '--signing-certificate', x, '--private-key', x] },
  { name: 'build-enclave --oci-archive', args: (x, out) => ['build-enclave', '--oci-archive', x, '--blobs-dir', out, '--output-file', join(out, 'o.eif'), '--quiet'] },
  { name: 'build-enclave --docker-archive', args: (x, out) => ['build-enclave', '--docker-archive', x, '--blobs-dir', out, '--output-file', join(out, 'o.eif'), '--quiet'] },
  { name: 'reproduce --key', args: (x, out) => ['reproduce', '--provenance', image.measurementsPath, '--key', x, '--source', out, '--blobs-dir', out], label: '--key ' },
  { name: 'reproduce --provenance', args: (x, out) => ['reproduce', '--provenance', x, '--key', publicKey, '--source', out, '--blobs-dir', out], label: '--provenance ' },
  { name: 'reproduce --trusted-root', args: (x, out) => ['reproduce', '--provenance', image.measurementsPath, '--certificate-identity', 'https://x', '--certificate-oidc-issuer', 'https://y',
    '--trusted-root', x, '--source', out, '--blobs-dir', out], label: '--trusted-root ' },
  { name: 'attest --private-key', args: (x, out) => ['attest', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--private-key', x, '--output-file', join(out, 'p.json')], label: '--private-key ' },
];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A fresh case directory (TMPDIR inside it) and a check that the run left nothing in it. */
function caseDir(): { dir: string; out: string; temp: string; leftovers: () => string[] } {
  const dir = mkdtempSync(join(work, 'case-'));
  const out = join(dir, 'out');
  const temp = join(dir, 'tmp');
  mkdirSync(out);
  mkdirSync(temp);
  return { dir, out, temp, leftovers: () => [...readdirSync(out).map((f) => `out/${f}`), ...readdirSync(temp).map((f) => `tmp/${f}`)] };
}

describe.each(KINDS)('a %s as input', (kind) => {
  it.each(SLOTS.map((slot) => [slot.name, slot] as const))('%s is refused in one line', async (_name, slot) => {
    const { dir, out, temp, leftovers } = caseDir();
    const x = hostilePath(dir, kind);
    const result = await runCli(cli, slot.args(x, out), { cwd: dir, env: { TMPDIR: temp }, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: ${escape(slot.label ?? '')}${escape(x)}: not a regular file \\(${DESCRIBED[kind]}\\)\\n$`));
    // A lock/push that got as far as creating its output folder may leave the folder, never a file in it.
    expect(leftovers().filter((f) => f !== 'out/store')).toEqual([]);
  }, 30_000);
});

describe('sizes and paths read from files', () => {
  it('refuses a JSON input larger than any measurements file, before reading it', async () => {
    const { dir, out } = caseDir();
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 4 * 1024 ** 3); // sparse: 4 GiB that cost nothing on disk
    for (const args of [['os-image-hash', '--measurements', huge], ['diff', huge, image.measurementsPath], ['lock', '--measurements', huge, '--output-file', join(out, 'l.json')]]) {
      const result = await runCli(cli, args, { cwd: dir, timeoutMs: 15_000 });
      expect(refusalProblems(result, 256)).toEqual([]);
      expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: ${escape(huge)}: 4294967296 bytes is too large \\(at most \\d+\\)\\n$`));
    }
  }, 60_000);

  it('reads no further into an EIF than its header declares: a sparse 1 TiB file is refused at once', async () => {
    const { dir } = caseDir();
    const eif = join(dir, 'big.eif');
    writeFileSync(eif, '');
    truncateSync(eif, 1024 ** 4);
    const result = await runCli(cli, ['describe-eif', '--eif-path', eif], { cwd: dir, timeoutMs: 15_000 });
    expect(refusalProblems(result, 256)).toEqual([]);
    expect(result.stderr).toMatch(/magic/);
  }, 30_000);

  it.each([
    ['an absolute path', '/dev/zero'],
    ['a path out of the folder', '../../../../../../../../dev/zero'],
  ])('diff refuses a measurements file whose manifest is %s', async (_name, path) => {
    const { dir } = caseDir();
    const measurements = join(dir, 'm.json');
    writeFileSync(measurements, JSON.stringify({ pcrs: image.pcrs, manifest: { path, sha256: '' } }));
    const result = await runCli(cli, ['diff', measurements, image.measurementsPath], { cwd: dir, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toBe(`nitro-eif: error: ${measurements}: manifest path ${JSON.stringify(path)} must stay beside the measurements file\n`);
  }, 30_000);

  it('diff refuses a manifest beside the file that is a symlink to a device', async () => {
    const { dir } = caseDir();
    const measurements = join(dir, 'm.json');
    symlinkSync('/dev/zero', join(dir, 'm.manifest.json'));
    writeFileSync(measurements, JSON.stringify({ pcrs: image.pcrs, manifest: { path: 'm.manifest.json', sha256: '' } }));
    const result = await runCli(cli, ['diff', measurements, image.measurementsPath], { cwd: dir, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toBe(`nitro-eif: error: manifest ${join(dir, 'm.manifest.json')} (named by ${measurements}): not a regular file (a character device)\n`);
  }, 30_000);

  it('pull refuses a local store whose enclave.eif is a symlink to /dev/zero, writing nothing', async () => {
    const { dir, out } = caseDir();
    const store = join(dir, 'store');
    const push = await runCli(cli, ['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--store', store], { cwd: dir });
    expect(push.code).toBe(0);
    const stored = join(store, image.hash, 'enclave.eif');
    rmSync(stored);
    symlinkSync('/dev/zero', stored);
    const result = await runCli(cli, ['pull', image.hash, '--store', store, '--output-file', join(out, 'x.eif')], { cwd: dir, timeoutMs: 15_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toBe(`nitro-eif: error: store: file://${stored}: not a regular file (a character device)\n`);
    expect(readdirSync(out)).toEqual([]);
  }, 30_000);
});
