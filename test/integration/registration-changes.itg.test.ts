import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addedByPullRequest } from '../../src/governance/registration-changes.js';

// Which hashes a registration pull request adds, read from a real git repository: base commit vs head.

const H1 = `0x${'11'.repeat(32)}`;
const H2 = `0x${'22'.repeat(32)}`;

describe('addedByPullRequest (real git)', () => {
  let repo: string;
  let base: string;
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', repo, ...args], { encoding: 'utf8' }).trim();
  beforeAll(async () => {
    repo = await mkdtemp(join(tmpdir(), 'registration-changes-'));
    git('init', '-q', '--initial-branch=main');
    await writeFile(join(repo, 'auth-config.json'), JSON.stringify({ osImages: [H1] }, null, 2));
    await mkdir(join(repo, 'batches'));
    await writeFile(join(repo, 'batches', `${H1}.json`), '{}');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    base = git('rev-parse', 'HEAD');
    git('checkout', '-q', '-b', 'pr');
    await writeFile(join(repo, 'auth-config.json'), JSON.stringify({ osImages: [H1, H2] }, null, 2));
    await writeFile(join(repo, 'batches', `${H2}.json`), '{}');
    git('add', '.');
    git('commit', '-q', '-m', 'register');
  });
  afterAll(async () => rm(repo, { recursive: true, force: true }));

  it('finds the hash added to osImages (auth-simple) and the new batch file (onchain)', async () => {
    const common = { base, cwd: repo, env: process.env };
    expect(await addedByPullRequest({ ...common, mode: 'auth-simple', registryPath: 'auth-config.json' })).toEqual([H2]);
    expect(await addedByPullRequest({ ...common, mode: 'onchain', registryPath: 'batches' })).toEqual([H2]);
  });

  it('refuses a pull request that adds nothing, naming the file', async () => {
    await expect(addedByPullRequest({ base, cwd: repo, env: process.env, mode: 'auth-simple', registryPath: 'other.json' }))
      .rejects.toThrow(/^other\.json: not in the pull request's head/);
    const head = git('rev-parse', 'HEAD');
    await expect(addedByPullRequest({ base: head, cwd: repo, env: process.env, mode: 'auth-simple', registryPath: 'auth-config.json' }))
      .rejects.toThrow('auth-config.json: the pull request adds no OS_IMAGE_HASH');
  });

  it('finds a hash added only to an app\'s composeHashes (the image already allowed)', async () => {
    const before = git('rev-parse', 'HEAD');
    const app = `0x${'ab'.repeat(20)}`;
    await writeFile(join(repo, 'auth-config.json'), JSON.stringify({ osImages: [H1, H2], apps: { [app]: { composeHashes: [H2], allowAnyDevice: true } } }, null, 2));
    git('commit', '-q', '-am', 'allow H2 for the app');
    expect(await addedByPullRequest({ base: before, cwd: repo, env: process.env, mode: 'auth-simple', registryPath: 'auth-config.json' })).toEqual([H2]);
  });
});
