// Hostile rebuild recipes: a provenance statement signed by the trusted key is still input. Fields of
// the wrong type, a commit that is not a commit id, and a checked-out Dockerfile or context that is a
// symlink to a FIFO, a device or out of the checkout are refused in one line, quickly, with nothing
// left behind. Each case runs the real CLI; the statements are signed here with node:crypto (DSSE PAE).
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, refusalProblems, runCli } from '../../helpers/cli-child.js';
import { resignBundle } from '../../helpers/dsse.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

let work: string;
let cli: string;
let image: TestImage;
let blobs: string;
let bundleText: string;
let privateKeyPem: string;

const GIT_ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: GIT_ENV }).toString().trim();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-recipe-'));
  cli = await bundleCli(work);
  image = await makeImage(work, 'app');
  blobs = makeSyntheticBlobs('x86_64', join(work, 'blobs'));
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  privateKeyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(join(work, 'key.pem'), privateKeyPem);
  writeFileSync(join(work, 'pub.pem'), publicKey.export({ format: 'pem', type: 'spki' }));
  const attest = await runCli(cli, ['attest', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--private-key', 'key.pem',
    '--output-file', 'bundle.json', '--source-repository', 'https://github.com/acme/app', '--source-commit', 'a'.repeat(40),
    '--dockerfile', 'Dockerfile', '--context', '.', '--platform', 'linux/amd64', '--source-date-epoch', '0'], { cwd: work });
  expect(attest.code, attest.stderr).toBe(0);
  bundleText = readFileSync(join(work, 'bundle.json'), 'utf8');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Statement = { subject: unknown[]; predicate: { buildDefinition: { externalParameters: Record<string, unknown>; resolvedDependencies: unknown[] }; runDetails: Record<string, unknown> } };

/** The bundle with its statement edited and signed again with the trusted key. */
const resigned = (edit: (statement: Statement) => void): string => resignBundle<Statement>(bundleText, privateKeyPem, edit);

/** What a rebuild needs on top of what `attest` records: the blobs by SHA-384, the network, the build arguments. */
function rebuildable(statement: Statement, commit: string): void {
  Object.assign(statement.predicate.buildDefinition.externalParameters, { commit, blobSet: { arch: 'x86_64' }, network: 'none', buildArgs: {} });
  for (const name of ['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko']) {
    const sha384 = createHash('sha384').update(readFileSync(join(blobs, name))).digest('hex');
    statement.predicate.buildDefinition.resolvedDependencies.push({ name, uri: `file:///blobs/${name}`, digest: { sha384 } });
  }
}

/** A source repository whose one commit holds `Dockerfile` as made by `plant`; returns its path and commit. */
function sourceRepo(dir: string, plant: (repo: string) => void): { repo: string; commit: string } {
  const repo = join(dir, 'source');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'a'), 'a\n');
  plant(repo);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'app');
  return { repo, commit: git(repo, 'rev-parse', 'HEAD') };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function reproduce(dir: string, bundle: string, source: string, timeoutMs = 15_000) {
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  writeFileSync(join(dir, 'p.json'), bundle);
  const result = await runCli(cli, ['reproduce', '--provenance', 'p.json', '--key', join(work, 'pub.pem'), '--source', source, '--blobs-dir', blobs], {
    cwd: dir, env: { TMPDIR: temp, DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, timeoutMs,
  });
  // reproduce reports its progress on stderr ("Checking out …"); the refusal is the one error line after it.
  const stderr = result.stderr.split('\n').filter((line) => !line.startsWith('Checking out ')).join('\n');
  return { ...result, stderr, leftovers: readdirSync(temp) };
}

describe('a signed statement whose fields have the wrong type is refused in one line naming the field', () => {
  const cases: [string, (s: Statement) => void, RegExp][] = [
    ['a resolved dependency that is null', (s) => s.predicate.buildDefinition.resolvedDependencies.push(null), /resolvedDependencies\[\d+\] is malformed$/],
    ['a subject without a digest', (s) => { s.subject[0] = { name: 'enclave.eif' }; }, /subject\[0\] is malformed$/],
    ['a byproduct that is a string', (s) => { (s.predicate.runDetails['byproducts'] as unknown[]).push('x'); }, /runDetails\.byproducts\[1\] is malformed$/],
    ['byproducts that are an object', (s) => { s.predicate.runDetails['byproducts'] = {}; }, /runDetails\.byproducts is malformed$/],
    ['a dependency digest holding a number', (s) => s.predicate.buildDefinition.resolvedDependencies.push({ name: 'x', digest: { sha384: 1 } }), /resolvedDependencies\[\d+\]\.digest is malformed$/],
    ['a commit that is a git option', (s) => { s.predicate.buildDefinition.externalParameters['commit'] = '--upload-pack=touch /tmp/x'; }, /externalParameters\.commit is malformed/],
    ['blobs the recipe does not pin', (s) => { s.predicate.buildDefinition.resolvedDependencies = s.predicate.buildDefinition.resolvedDependencies.filter((d) => (d as { name?: string }).name !== 'bzImage.config'); },
      /^blobs .*: not the recorded blob set: blob lock does not pin bzImage\.config/],
    ['submodules that are not path and commit', (s) => { s.predicate.buildDefinition.externalParameters['submodules'] = [{ path: '../../x', commit: 'HEAD' }]; }, /externalParameters\.submodules is malformed/],
  ];
  it.each(cases)('%s', async (_what, edit, says) => {
    const dir = mkdtempSync(join(work, 'case-'));
    const result = await reproduce(dir, resigned((s) => { rebuildable(s, 'b'.repeat(40)); edit(s); }), join(work, 'nowhere'));
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: (p\\.json: .*)?${says.source.replace(/^\^/, '')}`, 'm'));
    expect(result.leftovers).toEqual([]);
  }, 30_000);
});

describe('the checked-out Dockerfile and context are read only inside the checkout, and only regular files', () => {
  const cases: [string, (dir: string) => (repo: string) => void, RegExp][] = [
    ['a Dockerfile that is a symlink to a FIFO', (dir) => { const fifo = join(dir, 'fifo'); execFileSync('mkfifo', [fifo]); return (repo) => symlinkSync(fifo, join(repo, 'Dockerfile')); },
      /Dockerfile .*: a symlink out of the checkout/],
    ['a Dockerfile that is a symlink to /dev/zero', () => (repo) => symlinkSync('/dev/zero', join(repo, 'Dockerfile')), /Dockerfile .*: a symlink out of the checkout/],
    ['a Dockerfile that is a directory', () => (repo) => { mkdirSync(join(repo, 'Dockerfile')); writeFileSync(join(repo, 'Dockerfile', 'x'), 'x'); }, /Dockerfile \(the Dockerfile in commit [0-9a-f]+\): not a regular file \(a directory\)$/],
    ['a context that is a symlink to /', () => (repo) => { writeFileSync(join(repo, 'Dockerfile'), 'FROM scratch\n'); symlinkSync('/', join(repo, 'ctx')); }, /ctx \(the build context in commit [0-9a-f]+\): a symlink out of the checkout, to \/$/],
  ];
  it.each(cases)('%s', async (_what, plant, says) => {
    const dir = mkdtempSync(join(work, 'case-'));
    const { repo, commit } = sourceRepo(dir, plant(dir));
    const context = _what.startsWith('a context') ? 'ctx' : '.';
    const result = await reproduce(dir, resigned((s) => { rebuildable(s, commit); s.predicate.buildDefinition.externalParameters['context'] = context; }), repo);
    expect(refusalProblems(result)).toEqual([]);
    expect(result.stderr).toMatch(new RegExp(`^nitro-eif: error: ${says.source}`, 'm'));
    expect(result.stderr).toMatch(new RegExp(escape(commit)));
    expect(result.leftovers).toEqual([]);
  }, 30_000);
});
