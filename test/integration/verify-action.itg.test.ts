import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exec } from '../helpers/docker.js';
import { type FakeCommentsApi, startFakeCommentsApi } from '../helpers/fake-comments-api.js';
import { type FakeGitHub, startFakeGitHub } from '../helpers/fake-github.js';
import { describeWithInfra } from '../helpers/infra.js';
import { runAction } from '../helpers/run-action.js';
import { FAKE_DSTACK_UTIL, gitAt, makeActionWorkspace, makeExampleApp, makeProvenanceKeys, sha256 } from '../helpers/action-workspace.js';

// The registry side: the build action (provenance: key, store, registration) opens a registration pull
// request carrying its build facts; the verify action (dist/verify/index.js), run in a checkout of that
// pull request, rebuilds the image from source and passes or fails the check. Real engine and git, local
// store, GitHub API stand-ins on loopback.

const UTIL = FAKE_DSTACK_UTIL;

describeWithInfra('the verify action on registration pull requests', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let base: string;
  let blobs: string;
  let blobPins: string;
  let utilPath: string;
  let keys: string;
  let server: string;
  let app: string;
  let store: string;
  let pulls: FakeGitHub;
  const comments: FakeCommentsApi[] = [];

  const git = gitAt;

  beforeAll(async () => {
    ({ dir, cleanup, base, blobs, blobPins, utilPath } = await makeActionWorkspace('verify-action-itg-'));
    keys = await makeProvenanceKeys(join(dir, 'keys'));

    // file://<server>/acme/registry.git (the allow-list) and file://<server>/acme/app (the source).
    server = join(dir, 'git-server');
    const bare = join(server, 'acme', 'registry.git');
    await mkdir(join(server, 'acme'), { recursive: true });
    await exec('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
    const seed = join(dir, 'registry-seed');
    await exec('git', ['clone', '-q', bare, seed]);
    await writeFile(join(seed, 'auth-config.json'), '{\n  "osImages": [],\n  "allowedTcbStatuses": [""]\n}\n');
    await git(seed, 'add', '.');
    await git(seed, 'commit', '-q', '-m', 'registry');
    await git(seed, 'push', '-q', 'origin', 'main');

    app = await makeExampleApp(join(server, 'acme'), 'app');
    store = join(dir, 'eif-store');
    pulls = await startFakeGitHub();
    comments.push(await startFakeCommentsApi('acme', 'registry', 1), await startFakeCommentsApi('acme', 'registry', 2));
  });
  afterAll(async () => {
    await pulls.close();
    for (const api of comments) await api.close();
    await cleanup();
  });

  /** The build action with provenance, store and registration; returns its OS_IMAGE_HASH. */
  async function buildAndRegister(): Promise<string> {
    const commit = (await git(app, 'rev-parse', 'HEAD')).trim();
    const run = await runAction({ cwd: app, inputs: { 'blobs-dir': blobs, 'blobs-sha384': blobPins, 'build-args': `BASE=${base}`, 'dstack-util': utilPath,
      'dstack-util-sha256': sha256(UTIL), provenance: 'key', 'provenance-key': join(keys, 'key.pem'), store,
      registration: 'auth-simple', 'registry-repository': 'acme/registry', 'registry-path': 'auth-config.json', 'registry-token': 'reg_secret' },
    env: { GITHUB_SERVER_URL: `file://${server}`, GITHUB_API_URL: pulls.baseUrl, GITHUB_SHA: commit, GITHUB_REF: 'refs/heads/main' } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['pull-request-operation']).toBe('created');
    return run.outputs['os-image-hash']!;
  }

  /** A checkout of the registration branch, and the verify action run in it as on its pull request. */
  async function verifyPullRequest(hash: string, number: number) {
    const checkout = join(dir, `registry-pr-${number}`);
    await exec('git', ['clone', '-q', join(server, 'acme', 'registry.git'), checkout]);
    const mainSha = (await git(checkout, 'rev-parse', 'origin/main')).trim();
    await git(checkout, 'checkout', '-q', `nitro-eif/register-${hash.slice(2, 18)}`);
    return runAction({ cwd: checkout, entry: 'verify/index.js',
      inputs: { 'provenance-key': join(keys, 'pub.pem'), 'blobs-dir': blobs, 'dstack-util': utilPath, 'github-token': 'ghs_registry', 'work-dir': join(dir, `verify-work-${number}`) },
      event: { name: 'pull_request', payload: { pull_request: { number, base: { sha: mainSha } } } },
      env: { GITHUB_REPOSITORY: 'acme/registry', GITHUB_API_URL: comments[number - 1]!.url } });
  }

  it('passes a registration pull request whose image rebuilds from source, with the PCRs in the summary and a sticky comment', async () => {
    const hash = await buildAndRegister();
    const facts = JSON.parse(await exec('git', ['-C', join(server, 'acme', 'registry.git'), 'show', `nitro-eif/register-${hash.slice(2, 18)}:nitro-eif-builds/${hash}.json`]));
    expect(facts).toMatchObject({ schema: 'nitro-eif-build/registration-build@1', os_image_hash: hash, source: { repository: `file://${server}/acme/app` } });
    expect(pulls.pulls[0]!.body).toContain(`nitro-eif-builds/${hash}.json`);
    const run = await verifyPullRequest(hash, 1);
    expect(run.errors, run.stdout).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ 'os-image-hashes': hash, reproduced: 'true' });
    expect(run.summary).toContain(`✅ \`${hash}\` reproduced from commit`);
    const measurements = JSON.parse(await readFile(join(store, hash.slice(2), 'measurements.json'), 'utf8'));
    expect(run.summary).toContain(measurements.pcrs.PCR2);
    const marked = comments[0]!.comments.filter((c) => c.body.includes('<!-- nitro-eif-build:reproduce registration -->'));
    expect(marked).toHaveLength(1);
    expect(marked[0]!.body).toContain('reproduced');
  });

  it('fails a registration pull request whose image was built from files not in the recorded commit, naming the registers and the file', async () => {
    // An uncommitted edit (as an earlier workflow step could make): the provenance records HEAD, the EIF holds the edit.
    await writeFile(join(app, 'run.sh'), '#!/bin/sh\necho patched in CI\n', { mode: 0o755 });
    const hash = await buildAndRegister();
    const run = await verifyPullRequest(hash, 2);
    expect(run.code).not.toBe(0);
    expect(run.errors).toEqual([`${hash}: not reproduced (PCR0, PCR2)`]);
    expect(run.outputs).toMatchObject({ 'os-image-hashes': hash, reproduced: 'false' });
    expect(run.summary).toContain(`❌ \`${hash}\` NOT reproduced`);
    expect(run.summary).toContain('`rootfs/app/run.sh`');
    expect(run.summary).toMatch(/the build used files that are not in commit [0-9a-f]{40}/);
    expect(comments[1]!.comments.find((c) => c.body.includes('NOT reproduced'))).toBeDefined();
  });
});
