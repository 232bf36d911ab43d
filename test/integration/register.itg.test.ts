// register() against a real git repository (a bare repo on file://) and a local stand-in for the
// GitHub pulls API.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import jsSha3 from 'js-sha3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { register } from '../../src/governance/register.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const PCRS = {
  PCR0: 'eb7d0dab08ff41546d7e5659aee883af7b32bb2e58e46815b719f9f7bfae7b880188a10d86317e6509923740526cf74a',
  PCR1: '0343b056cd8485ca7890ddd833476d78460aed2aa161548e4e26bedf321726696257d623e8805f3f605946b3d8b0c6aa',
  PCR2: 'd7b0a76788c1be24898bd148117ea1239578ba0e72f5d87a33a6c6476026675b6f996940f062e0e3f0b5edd2ddf78811',
};
const HASH = '1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79';
const APP_ID = '0x' + 'ab'.repeat(20);
const TOKEN = 'ghs_secretTOKENvalue123';
const CONFIG = `{\n    "osImages": [],\n    "allowedTcbStatuses": [\n        ""\n    ],\n    "apps": {}\n}\n`;

let work: string;
let bare: string;
let github: FakeGitHub;
let argvLog: string;
const savedPath = process.env['PATH'];

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

beforeAll(async () => {
  // A git wrapper on PATH records every argv and whether the auth header came through the env.
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = await mkdtemp(join(tmpdir(), 'nitro-gitwrap-'));
  argvLog = join(bin, 'argv.log');
  await writeFile(join(bin, 'git'), `#!/bin/sh\nprintf '%s|header=%s\\n' "$*" "\${GIT_CONFIG_VALUE_1:+set}" >> '${argvLog}'\nexec '${realGit}' "$@"\n`);
  await chmod(join(bin, 'git'), 0o755);
  process.env['PATH'] = `${bin}:${savedPath}`;
});
afterAll(() => {
  process.env['PATH'] = savedPath;
});

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'nitro-register-itg-'));
  bare = join(work, 'registry.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  const seed = join(work, 'seed');
  execFileSync('git', ['clone', '--quiet', bare, seed], { stdio: 'ignore' });
  await writeFile(join(seed, 'auth-config.json'), CONFIG);
  git(seed, 'add', '.');
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'seed'], { cwd: seed });
  git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
  github = await startFakeGitHub();
});
afterEach(async () => {
  await github.close();
  await rm(work, { recursive: true, force: true });
});

function options(extra: object = {}) {
  return {
    mode: 'auth-simple' as const, osImageHash: HASH, pcrs: PCRS, registryRepository: 'acme/registry',
    registryPath: 'auth-config.json', appId: APP_ID, token: TOKEN, gitUrl: pathToFileURL(bare).href,
    apiUrl: github.baseUrl, evidence: { sourceCommit: 'c0ffee', storeUri: 's3://bucket/eifs' }, ...extra,
  };
}

const branchFile = (branch: string, file: string) => git(bare, 'show', `${branch}:${file}`);

describe('register (auth-simple)', () => {
  it('creates a PR from the hash branch, then updates it, and never puts the token in argv', async () => {
    const first = await register(options());
    expect(first).toMatchObject({ operation: 'created', pullRequestNumber: 1, branch: `nitro-eif/register-${HASH.slice(0, 16)}`, alreadyRegistered: false });
    expect(first.pullRequestUrl).toBe(`${github.baseUrl}/acme/registry/pull/1`);
    const edited = JSON.parse(branchFile(first.branch, 'auth-config.json'));
    expect(edited.osImages).toEqual([`0x${HASH}`]);
    expect(edited.apps[APP_ID].composeHashes).toEqual([`0x${HASH}`]);
    expect(branchFile(first.branch, 'auth-config.json')).toMatch(/^ {4}"osImages"/m);
    expect(github.pulls[0]).toMatchObject({ base: 'main', head: first.branch });
    expect(github.pulls[0]!.body).toContain(PCRS.PCR2);
    expect(github.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);

    const second = await register(options({ evidence: { sourceCommit: 'beef' } }));
    expect(second).toMatchObject({ operation: 'updated', pullRequestNumber: 1 });
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]!.body).toContain('beef');

    const log = await readFile(argvLog, 'utf8');
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
    expect(log).toMatch(/^clone .*\|header=set$/m);
    expect(log).toMatch(/^push .*\|header=set$/m);
  });

  it('turns a create that lost a race with another run (HTTP 422) into an update', async () => {
    await register(options());
    github.hideNextListing = true;
    const second = await register(options({ evidence: { sourceCommit: 'racer' } }));
    expect(second).toMatchObject({ operation: 'updated', pullRequestNumber: 1 });
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]!.body).toContain('racer');
  });

  it('does nothing when the base branch already has the hash', async () => {
    const seed = join(work, 'seed');
    await writeFile(join(seed, 'auth-config.json'), CONFIG.replace('"osImages": []', `"osImages": ["0x${HASH}"]`).replace('"apps": {}', `"apps": {"${APP_ID}": {"composeHashes": ["${HASH.toUpperCase()}"]}}`));
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-am', 'registered'], { cwd: seed });
    git(seed, 'push', '--quiet', 'origin', 'HEAD:main');
    const result = await register(options());
    expect(result).toMatchObject({ operation: 'none', alreadyRegistered: true });
    expect(result.pullRequestNumber).toBeUndefined();
    expect(github.requests).toEqual([]);
    expect(git(bare, 'branch', '--list', 'nitro-eif/*')).toBe('');
  });

  it('writes the change locally and pushes nothing on --dry-run', async () => {
    const out = join(work, 'dry.json');
    const result = await register(options({ dryRun: true, dryRunOutput: out }));
    expect(result.operation).toBe('none');
    expect(result.alreadyRegistered).toBe(false);
    expect(result.body).toContain(`nitro-eif pull 0x${HASH} --store 's3://bucket/eifs'`);
    expect(JSON.parse(await readFile(out, 'utf8')).osImages).toEqual([`0x${HASH}`]);
    expect(github.requests).toEqual([]);
    expect(git(bare, 'branch', '--list', 'nitro-eif/*')).toBe('');
  });

  it('refuses a debug-mode hash before touching the repository', async () => {
    const zero = '0'.repeat(96);
    await expect(register(options({ pcrs: { PCR0: zero, PCR1: zero, PCR2: zero } }))).rejects.toThrow(/debug-mode/);
    expect(github.requests).toEqual([]);
  });
});

describe('register (onchain)', () => {
  const KMS = '0x' + '11'.repeat(20);
  const APP = '0x' + '22'.repeat(20);
  const onchain = () => options({ mode: 'onchain', registryPath: 'safe-batches', kmsContract: KMS, appContract: APP, chainId: 8453, createdAt: 1_700_000_000_000 });

  it('adds a Safe batch whose calldata matches an independent keccak, then reports it registered once merged', async () => {
    const result = await register(onchain());
    expect(result.operation).toBe('created');
    expect(result.file).toBe(`safe-batches/0x${HASH}.json`);
    const batch = JSON.parse(branchFile(result.branch, result.file));
    expect(batch.chainId).toBe('8453');
    expect(batch.createdAt).toBe(1_700_000_000_000);
    expect(batch.transactions.map((t: { to: string; data: string }) => [t.to, t.data])).toEqual([
      [KMS, `0x${jsSha3.keccak256('addOsImageHash(bytes32)').slice(0, 8)}${HASH}`],
      [APP, `0x${jsSha3.keccak256('addComposeHash(bytes32)').slice(0, 8)}${HASH}`],
    ]);
    expect(await register(onchain())).toMatchObject({ operation: 'updated', pullRequestNumber: 1 });

    git(bare, 'update-ref', 'refs/heads/main', result.branch); // "merge" the PR
    expect(await register(onchain())).toMatchObject({ operation: 'none', alreadyRegistered: true });
  });
});
