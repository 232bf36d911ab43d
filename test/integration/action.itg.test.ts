import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exec } from '../helpers/docker.js';
import { type FakeCommentsApi, startFakeCommentsApi } from '../helpers/fake-comments-api.js';
import { describeWithInfra } from '../helpers/infra.js';
import { repoRoot } from '../helpers/paths.js';
import { runAction } from '../helpers/run-action.js';
import { COMMIT_TIME, FAKE_DSTACK_UTIL, makeActionWorkspace, makeExampleApp, makeProvenanceKeys, sha256, sha384 } from '../helpers/action-workspace.js';

// The bundled action (dist/index.js) against the real Docker engine, with synthetic blobs.

const UTIL = FAKE_DSTACK_UTIL;

describeWithInfra('the bundled action', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let base: string;
  let blobs: string;
  let blobPins: string;
  let utilPath: string;
  beforeAll(async () => {
    ({ dir, cleanup, base, blobs, blobPins, utilPath } = await makeActionWorkspace('action-itg-'));
  });
  afterAll(async () => cleanup());

  // A git checkout of examples/hello-enclave (optionally with another Dockerfile), committed at COMMIT_TIME.
  let api: FakeCommentsApi;
  beforeAll(async () => { api = await startFakeCommentsApi('acme', 'app', 12); });
  afterAll(async () => api.close());

  const makeApp = (name: string, dockerfile?: string) => makeExampleApp(dir, name, { dockerfile });

  const common = () => ({ 'blobs-dir': blobs, 'blobs-sha384': blobPins, network: 'none', 'build-args': `BASE=${base}` });

  it('builds the EIF with pinned dstack-util, sets every output and the summary, and rebuilds identical bytes', async () => {
    const app = await makeApp('app-ok');
    const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL), 'reproducibility-check': 'true' } });
    expect(run.errors, run.stdout).toEqual([]);
    expect(run.code).toBe(0);
    const o = run.outputs;
    for (const n of ['pcr0', 'pcr1', 'pcr2']) expect(o[n]).toMatch(/^[0-9a-f]{96}$/);
    expect(o['pcr8']).toBe('');
    const raw = Buffer.concat(['pcr0', 'pcr1', 'pcr2'].map((n) => Buffer.from(o[n]!, 'hex')));
    expect(o['os-image-hash']).toBe(`0x${sha256(raw)}`);
    const eif = await readFile(o['eif-path']!);
    expect(o['eif-sha256']).toBe(sha256(eif));
    expect(o['image-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(o['reproducible']).toBe('true');
    const measurements = JSON.parse(o['measurements']!);
    expect(measurements).toEqual(JSON.parse(await readFile(o['measurements-path']!, 'utf8')));
    expect(measurements.dstack_util).toEqual({ sha256: sha256(UTIL) });
    expect(measurements.source_date_epoch).toBe(COMMIT_TIME);
    expect(measurements.pcrs.PCR2).toBe(o['pcr2']);
    const manifest = JSON.parse(await readFile(o['manifest-path']!, 'utf8'));
    const util = manifest.entries.find((e: { path: string }) => e.path === 'rootfs/app/dstack-util');
    expect(util).toMatchObject({ sha256: sha256(UTIL), mode: '0755', uid: 0 });
    for (const needle of [o['pcr0'], o['os-image-hash'], sha256(UTIL), o['eif-sha256'], base, sha384(Buffer.alloc(1234, 0x49)), 'identical EIF']) {
      expect(run.summary).toContain(needle);
    }

    // A second run of the action from a fresh checkout gives the same EIF bytes.
    const again = await runAction({ cwd: await makeApp('app-ok-2'), inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL) } });
    expect(again.code, again.stdout).toBe(0);
    expect(again.outputs['eif-sha256']).toBe(o['eif-sha256']);
    expect(again.outputs['reproducible']).toBe('false');
  });

  it('refuses an unpinned FROM, naming the file and line, before building', async () => {
    const app = await makeApp('app-unpinned', `# base\nFROM ${base.split('@')[0]}:1\nCOPY run.sh /app/run.sh\n`);
    const run = await runAction({ cwd: app, inputs: common() });
    expect(run.code).not.toBe(0);
    expect(run.errors).toEqual([expect.stringMatching(/^Dockerfile:2: base image nitro-test\/busybox:1 is not pinned by digest/)]);
    // An annotation on that line of the Dockerfile (GitHub shows it in the file and in the PR diff).
    expect(run.annotations.map((e) => e.properties)).toEqual([{ file: 'Dockerfile', line: '2' }]);
    await expect(stat(join(app, 'nitro-eif-out'))).rejects.toThrow();
  });

  it('prints a refusal quoting a huge input as one line, cut as the CLI cuts it', async () => {
    const app = await makeApp('app-long-input');
    const run = await runAction({ cwd: app, inputs: { ...common(), platform: `linux/${'x'.repeat(5000)}\nsecond line` } });
    expect(run.code).not.toBe(0);
    expect(run.errors).toHaveLength(1);
    const [line] = run.errors;
    expect(line).toMatch(/^input platform: expected linux\/amd64 or linux\/arm64 .*… \(\d+ characters\)$/);
    expect(line!.length).toBeLessThan(1000);
  });

  it('refuses a wrong dstack-util hash before anything runs (no docker, no output)', async () => {
    const app = await makeApp('app-badutil');
    const fakeBin = join(dir, 'fake-docker-bin');
    await mkdir(fakeBin, { recursive: true });
    const marker = join(dir, 'docker-was-called');
    await writeFile(join(fakeBin, 'docker'), `#!/bin/sh\ntouch ${marker}\nexit 1\n`, { mode: 0o755 });
    const wrong = 'f'.repeat(64);
    const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': wrong },
      env: { PATH: `${fakeBin}:${process.env['PATH']}` } });
    expect(run.code).not.toBe(0);
    expect(run.errors).toEqual([`dstack-util ${utilPath}: SHA-256 is ${sha256(UTIL)}, but dstack-util-sha256 pins ${wrong}`]);
    await expect(stat(marker)).rejects.toThrow();
    await expect(stat(join(app, 'nitro-eif-out'))).rejects.toThrow();
  });

  it('says that docker buildx is missing when the docker CLI has no buildx plugin', async () => {
    const app = await makeApp('app-no-buildx');
    // The real docker CLI with a config directory that holds no cli-plugins: `docker buildx` is unknown to it.
    const emptyConfig = join(dir, 'docker-config-without-buildx');
    await mkdir(emptyConfig, { recursive: true });
    const run = await runAction({ cwd: app, inputs: common(), env: { DOCKER_CONFIG: emptyConfig } });
    expect(run.code).not.toBe(0);
    expect(run.errors).toEqual([expect.stringMatching(/^docker buildx is not available \(docker: .*buildx.*\); install Docker's buildx plugin \(BuildKit 0\.13 or later\), e\.g\. with docker\/setup-buildx-action$/)]);
    await expect(stat(join(app, 'nitro-eif-out', 'enclave.eif'))).rejects.toThrow();
  });

  it('adds dstack-util as a final layer with dstack-util-path (root, 0755, mtime = SOURCE_DATE_EPOCH)', async () => {
    const app = await makeApp('app-layer', 'ARG BASE\nFROM ${BASE}\nCOPY run.sh /app/run.sh\nCMD ["/app/run.sh"]\n');
    const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL),
      'dstack-util-path': '/opt/dstack/dstack-util', 'source-date-epoch': '1600000000' } });
    expect(run.code, run.stdout).toBe(0);
    const manifest = JSON.parse(await readFile(run.outputs['manifest-path']!, 'utf8'));
    const byPath = new Map(manifest.entries.map((e: { path: string }) => [e.path, e]));
    expect(byPath.get('rootfs/opt/dstack/dstack-util')).toMatchObject({ type: 'file', mode: '0755', uid: 0, gid: 0, mtime: 1600000000, sha256: sha256(UTIL) });
    expect(byPath.get('rootfs/opt/dstack/')).toMatchObject({ type: 'dir', mode: '0755', uid: 0 });
    expect(run.summary).toContain('layer at /opt/dstack/dstack-util');
  });

  it('explains a PCR change against the lock file by file name, and keeps one sticky PR comment', async () => {
    const app = await makeApp('app-lock');
    const withUtil = { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL) };
    const first = await runAction({ cwd: app, inputs: withUtil });
    expect(first.code, first.stdout).toBe(0);
    await exec('node', [join(repoRoot(), 'dist', 'cli.js'), 'lock', '--measurements', first.outputs['measurements-path']!,
      '--manifest', first.outputs['manifest-path']!, '--output-file', join(app, 'nitro-eif.lock.json')]);

    const pr = { name: 'pull_request', payload: { pull_request: { number: 12 } } };
    const inputs = { ...withUtil, lockfile: 'nitro-eif.lock.json', 'github-token': 'ghs_secret', 'source-date-epoch': String(COMMIT_TIME) };
    const env = { GITHUB_API_URL: api.url };
    const unchanged = await runAction({ cwd: app, inputs: { ...inputs, 'fail-on-pcr-change': 'true' }, event: pr, env });
    expect(unchanged.code, unchanged.stdout).toBe(0);
    expect(unchanged.summary).toContain('No register changed');

    await writeFile(join(app, 'run.sh'), '#!/bin/sh\necho changed\n', { mode: 0o755 });
    const changed = await runAction({ cwd: app, inputs: { ...inputs, 'fail-on-pcr-change': 'true' }, event: pr, env });
    expect(changed.code).not.toBe(0);
    expect(changed.errors).toEqual([expect.stringMatching(/^fail-on-pcr-change: PCR0, PCR2 differ from nitro-eif.lock.json/)]);
    expect(changed.outputs['pcr2']).toMatch(/^[0-9a-f]{96}$/);
    expect(changed.summary).toContain('~ rootfs/app/run.sh (contents: sha256, size)');
    // The token is registered as a secret (the runner then masks it) and appears nowhere else.
    expect(changed.stdout).toContain('::add-mask::ghs_secret');
    expect(changed.stdout.replace('::add-mask::ghs_secret', '')).not.toContain('ghs_secret');
    expect(changed.summary).not.toContain('ghs_secret');
    const marked = () => api.comments.filter((c) => c.body.includes('nitro-eif-build:pcr-review'));
    // The unchanged run created the comment; this run updated it in place.
    expect(marked()).toHaveLength(1);
    expect(api.requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
    expect(api.requests.filter((r) => r.startsWith('PATCH'))).toEqual(['PATCH /repos/acme/app/issues/comments/100 token ghs_secret']);
    expect(marked()[0]!.body).toContain('rootfs/app/run.sh');
  });

  it('fails the reproducibility check on a nondeterministic RUN step, listing the file that differs', async () => {
    const app = await makeApp('app-nondeterministic', 'ARG BASE\nFROM ${BASE}\nRUN cat /proc/sys/kernel/random/uuid > /stamp\nCOPY run.sh /app/run.sh\n');
    const run = await runAction({ cwd: app, inputs: { ...common(), 'reproducibility-check': 'true' } });
    expect(run.code).not.toBe(0);
    expect(run.errors).toEqual([expect.stringMatching(/^reproducibility-check: the rebuild gave a different EIF .*PCR0, PCR2 differ.*1 file\(s\) differ: ~ rootfs\/stamp \(contents: sha256\)$/)]);
    expect(run.outputs['reproducible']).toBe('false');
    expect(run.summary).toContain('the second build differs');
  });

  it('reuses the tool cache keyed by the hash (the source may be gone)', async () => {
    const toolCache = join(dir, 'shared-tool-cache');
    await mkdir(toolCache);
    const source = join(dir, 'util-once');
    await copyFile(utilPath, source);
    const inputs = { ...common(), 'dstack-util': source, 'dstack-util-sha256': sha256(UTIL) };
    const first = await runAction({ cwd: await makeApp('app-cache-1'), inputs, env: { RUNNER_TOOL_CACHE: toolCache } });
    expect(first.code, first.stdout).toBe(0);
    await rm(source);
    const second = await runAction({ cwd: await makeApp('app-cache-2'), inputs, env: { RUNNER_TOOL_CACHE: toolCache } });
    expect(second.code, second.stdout).toBe(0);
    expect(second.stdout).toContain('from the tool cache');
    expect(second.outputs['eif-sha256']).toBe(first.outputs['eif-sha256']);
    // A damaged cache entry is refetched from the source, never used.
    await copyFile(utilPath, source);
    const cachedFile = join(toolCache, 'dstack-util', `0.0.0-sha256-${sha256(UTIL)}`, process.arch, 'dstack-util');
    await writeFile(cachedFile, 'tampered');
    const third = await runAction({ cwd: await makeApp('app-cache-3'), inputs, env: { RUNNER_TOOL_CACHE: toolCache } });
    expect(third.code, third.stdout).toBe(0);
    expect(third.stdout).toMatch(/::warning::dstack-util in the tool cache .* is unusable/);
    expect(third.outputs['eif-sha256']).toBe(first.outputs['eif-sha256']);
  });

  it('cross-checks PCRs with nitro-cli on PATH (a fake that prints a Measurements JSON) and fails when they differ or it is absent', async () => {
    const app = await makeApp('app-cross');
    const inputs = { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL), 'source-date-epoch': '1700000001' };
    const plain = await runAction({ cwd: app, inputs });
    expect(plain.code, plain.stdout).toBe(0);
    const bin = join(dir, 'fake-nitro-cli');
    await mkdir(bin, { recursive: true });
    const answer = join(dir, 'nitro-cli-answer.json');
    const log = join(dir, 'nitro-cli-args');
    await writeFile(join(bin, 'nitro-cli'), `#!/bin/sh\necho "$@" > ${log}\necho 'Start building the Enclave Image...'\ncat ${answer}\n`, { mode: 0o755 });
    const measurements = (pcr2: string) => JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', PCR0: plain.outputs['pcr0'], PCR1: plain.outputs['pcr1'], PCR2: pcr2 } }, null, 2);
    const withCli = { PATH: `${bin}:${process.env['PATH']}` };

    await writeFile(answer, measurements(plain.outputs['pcr2']!));
    const same = await runAction({ cwd: app, inputs: { ...inputs, 'cross-check-nitro-cli': 'true' }, env: withCli });
    expect(same.code, same.stdout).toBe(0);
    expect(same.summary).toContain('nitro-cli cross-check');
    expect(await readFile(log, 'utf8')).toMatch(/^build-enclave --docker-uri nitro-eif-cross-check:\S+ --output-file \S+nitro-cli\.eif$/m);

    await writeFile(answer, measurements('0'.repeat(96)));
    const differs = await runAction({ cwd: app, inputs: { ...inputs, 'cross-check-nitro-cli': 'true' }, env: withCli });
    expect(differs.code).not.toBe(0);
    expect(differs.errors).toEqual([expect.stringMatching(/^cross-check-nitro-cli: PCR2 differ: PCR2 nitro-cli 0{96} vs native /)]);

    const absent = await runAction({ cwd: app, inputs: { ...inputs, 'cross-check-nitro-cli': 'true' } });
    expect(absent.errors).toEqual([expect.stringMatching(/^input cross-check-nitro-cli: nitro-cli is not on PATH/)]);
  });

  it('signs the EIF (PCR8) with an inline key, masking it, and records PCR8 in the measurements', async () => {
    const keys = join(dir, 'keys');
    await mkdir(keys, { recursive: true });
    await exec('openssl', ['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', join(keys, 'key.pem')]);
    await exec('openssl', ['req', '-new', '-x509', '-key', join(keys, 'key.pem'), '-subj', '/CN=enclave-signer', '-days', '30', '-out', join(keys, 'cert.pem')]);
    await exec('openssl', ['x509', '-in', join(keys, 'cert.pem'), '-outform', 'DER', '-out', join(keys, 'cert.der')]);
    const der = await readFile(join(keys, 'cert.der'));
    const expectedPcr8 = createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(der).digest()).digest('hex');
    const key = await readFile(join(keys, 'key.pem'), 'utf8');
    const app = await makeApp('app-signed');
    const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL),
      'reproducibility-check': 'true', 'signing-certificate': join(keys, 'cert.pem'), 'signing-key': key } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs['pcr8']).toBe(expectedPcr8);
    expect(run.outputs['reproducible']).toBe('true');
    expect(run.outputs['eif-sha256']).toBe(sha256(await readFile(run.outputs['eif-path']!)));
    expect(JSON.parse(run.outputs['measurements']!).pcrs.PCR8).toBe(expectedPcr8);
    expect(run.summary).toContain(expectedPcr8);
    const keyBody = key.split('\n')[1]!;
    expect(run.stdout).toContain(`::add-mask::${keyBody}`);
    expect(run.stdout.split('\n').filter((l) => l.includes(keyBody) && !l.startsWith('::add-mask::'))).toEqual([]);
  });

  it('writes key-signed provenance that cosign verifies for the EIF, naming dstack-util and the base image', async () => {
    const cosign = process.env['NITRO_TEST_COSIGN']!;
    const keys = await makeProvenanceKeys(join(dir, 'prov-keys'));
    await writeFile(join(keys, 'empty-root.json'), JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' }));
    const app = await makeApp('app-provenance');
    const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL),
      provenance: 'key', 'provenance-key': await readFile(join(keys, 'key.pem'), 'utf8') }, env: { GITHUB_SHA: 'a'.repeat(40), GITHUB_REF: 'refs/heads/main' } });
    expect(run.code, run.stdout).toBe(0);
    const bundle = run.outputs['provenance-path']!;
    const verify = (file: string) => exec(cosign, ['verify-blob-attestation', '--bundle', bundle, '--new-bundle-format', '--trusted-root', join(keys, 'empty-root.json'),
      '--key', join(keys, 'pub.pem'), '--type', 'https://slsa.dev/provenance/v1', '--insecure-ignore-tlog=true', file]);
    await verify(run.outputs['eif-path']!);
    await verify(run.outputs['measurements-path']!);
    await expect(verify(utilPath)).rejects.toThrow();
    const envelope = JSON.parse(await readFile(bundle, 'utf8')).dsseEnvelope;
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
    const deps = statement.predicate.buildDefinition.resolvedDependencies as Array<{ name?: string; digest: Record<string, string> }>;
    expect(deps).toContainEqual(expect.objectContaining({ name: 'dstack-util', digest: { sha256: sha256(UTIL) } }));
    expect(deps).toContainEqual(expect.objectContaining({ name: base.split('@')[0], digest: { sha256: base.split('@sha256:')[1] } }));
    expect(deps).toContainEqual(expect.objectContaining({ digest: { gitCommit: 'a'.repeat(40) } }));
  });

  it('checks an attestation document against the build and fails when the enclave runs something else', async () => {
    const { fixture } = await import('../helpers/paths.js');
    const app = await makeApp('app-attestation');
    const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL),
      'attestation-document': fixture('nitro', 'attestation-prod-2.cose') } });
    expect(run.code).not.toBe(0);
    expect(run.errors).toEqual([expect.stringMatching(/attestation-prod-2\.cose.*PCR0/)]);
  });

  it('pushes a checked build to the store and opens the registration pull request (auth-simple)', async () => {
    const { startFakeGitHub } = await import('../helpers/fake-github.js');
    const pulls = await startFakeGitHub();
    try {
      const server = join(dir, 'git-server');
      const bare = join(server, 'acme', 'registry.git');
      await mkdir(join(server, 'acme'), { recursive: true });
      await exec('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
      const seed = join(dir, 'registry-seed');
      await exec('git', ['clone', '-q', bare, seed]);
      await writeFile(join(seed, 'auth-config.json'), '{\n  "osImages": [],\n  "allowedTcbStatuses": [""]\n}\n');
      const git = (...args: string[]) => exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', seed, ...args]);
      await git('add', '.');
      await git('commit', '-q', '-m', 'registry');
      await git('push', '-q', 'origin', 'main');

      const app = await makeApp('app-publish');
      const store = join(dir, 'eif-store');
      const run = await runAction({ cwd: app, inputs: { ...common(), 'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL), store,
        registration: 'auth-simple', 'registry-repository': 'acme/registry', 'registry-path': 'auth-config.json', 'registry-token': 'reg_secret' },
        env: { GITHUB_SERVER_URL: `file://${server}`, GITHUB_API_URL: pulls.baseUrl } });
      expect(run.code, run.stdout).toBe(0);
      const hash = run.outputs['os-image-hash']!.slice(2);
      expect(run.outputs['store-uri']).toContain(hash);
      expect(sha256(await readFile(join(store, hash, 'enclave.eif')))).toBe(run.outputs['eif-sha256']);
      expect(await readFile(join(store, hash, 'measurements.json'), 'utf8')).toBe(await readFile(run.outputs['measurements-path']!, 'utf8'));
      expect(run.outputs['pull-request-operation']).toBe('created');
      expect(run.outputs['pull-request-number']).toBe('1');
      expect(pulls.pulls[0]!.body).toContain(run.outputs['os-image-hash']);
      const branch = (await exec('git', ['-C', bare, 'branch', '--list', 'nitro-eif/*'])).trim();
      const config = JSON.parse(await exec('git', ['-C', bare, 'show', `${branch}:auth-config.json`]));
      expect(config.osImages).toEqual([run.outputs['os-image-hash']]);
      expect(run.stdout.replace('::add-mask::reg_secret', '')).not.toContain('reg_secret');
    } finally {
      await pulls.close();
    }
  });
  it('downloads dstack-util over https once, then takes it from the tool cache', async () => {
    const tls = join(dir, 'tls');
    await mkdir(tls, { recursive: true });
    await exec('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(tls, 'key.pem'),
      '-out', join(tls, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1']);
    let hits = 0;
    const server = createServer({ key: await readFile(join(tls, 'key.pem')), cert: await readFile(join(tls, 'cert.pem')) }, (req, res) => {
      hits += 1;
      if (req.url === '/dstack-util') res.end(UTIL);
      else { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/dstack-util`;
      const toolCache = join(dir, 'https-tool-cache');
      await mkdir(toolCache, { recursive: true });
      const env = { NODE_EXTRA_CA_CERTS: join(tls, 'cert.pem'), RUNNER_TOOL_CACHE: toolCache };
      const inputs = { ...common(), 'dstack-util': url, 'dstack-util-sha256': sha256(UTIL) };
      const first = await runAction({ cwd: await makeApp('app-https-1'), inputs, env });
      expect(first.code, first.stdout).toBe(0);
      expect(JSON.parse(first.outputs['measurements']!).dstack_util).toEqual({ sha256: sha256(UTIL) });
      expect(hits).toBe(1);
      const second = await runAction({ cwd: await makeApp('app-https-2'), inputs, env });
      expect(second.code, second.stdout).toBe(0);
      expect(hits).toBe(1);
      const missing = await runAction({ cwd: await makeApp('app-https-3'), inputs: { ...inputs, 'dstack-util': `${url}-nope`, 'dstack-util-sha256': 'e'.repeat(64) }, env });
      expect(missing.errors).toEqual([`dstack-util ${url}-nope: download failed: HTTP 404`]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
