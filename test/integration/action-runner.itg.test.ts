import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec, makeBusyboxBase, tempDir } from '../helpers/docker.js';
import { DEFAULT_BLOBS_DIR } from '../../src/build/blobs.js';
import { describeWithInfra } from '../helpers/infra.js';
import { fixture, repoRoot } from '../helpers/paths.js';
import { FAKE_DSTACK_UTIL, makeExampleApp, sha256, sha384 } from '../helpers/action-workspace.js';
import { actionDefaults, type ActionRun, inputVariable, JOB_TOKEN, node24, parseInputDefaults, runAction } from '../helpers/run-action.js';

// The bundled action as actions/runner runs it (test/helpers/run-action.ts): Node 24, INPUT_<NAME> with
// hyphens kept, every action.yml default, the GITHUB_* files, SIGINT on cancel. The first block needs
// no Docker (everything fails or stops before the image build); the second builds for real.

const UTIL = FAKE_DSTACK_UTIL;
const PINNED_FROM = `FROM busybox@sha256:${'a'.repeat(64)}\nCOPY run.sh /run.sh\n`;
const BLOB_FILES: Record<string, string | Buffer> = {
  bzImage: Buffer.alloc(4099, 0x4b),
  'bzImage.config': '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration\n#\n',
  cmdline: 'reboot=k panic=30 pci=off nomodules console=ttyS0\n',
  init: Buffer.alloc(1234, 0x49),
  'nsm.ko': Buffer.alloc(567, 0x4e),
};
const BLOB_PINS = Object.entries(BLOB_FILES).map(([name, data]) => `${name}=${sha384(data)}`).join('\n');

/** One `::error::` line, exit 1, no stack trace or error class name anywhere in the log. */
function expectOneCleanError(run: ActionRun, pattern: RegExp): void {
  expect(run.errors, run.stdout).toHaveLength(1);
  expect(run.errors[0]).toMatch(pattern);
  expect(run.code).toBe(1);
  expect(run.stdout).not.toMatch(/^\s+at /m);
  expect(run.stdout).not.toMatch(/\b(User|Format|Verification|Type|Reference)?Error: /);
}

/** Every place a secret could leak: the log (except ::add-mask:: lines), the GITHUB_* files, the outputs on disk. */
async function expectNowhereButMasks(run: ActionRun, secrets: string[], outputDir?: string): Promise<void> {
  const leaks = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::') && secrets.some((s) => line.includes(s)));
  expect(leaks).toEqual([]);
  for (const [name, text] of Object.entries({ ...run.files, summary: run.summary })) {
    for (const secret of secrets) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
  }
  if (outputDir === undefined) return;
  for (const file of await listFiles(outputDir)) {
    const text = (await readFile(file)).toString('latin1');
    for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** PIDs whose command line contains `needle` (any process on the machine). */
async function processesWith(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.replace(/\0/g, ' ').includes(needle)) pids.push(Number(name));
  }
  return pids;
}

async function waitUntil(check: () => Promise<boolean>, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

let dir: string;
let cleanup: () => Promise<void>;
let blobs: string;
let keys: string;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('action-runner-itg-'));
  await exec('node', [join(repoRoot(), 'scripts', 'bundle.mjs')]);
  blobs = join(dir, 'blobs');
  await mkdir(blobs);
  for (const [name, data] of Object.entries(BLOB_FILES)) await writeFile(join(blobs, name), data);
  keys = join(dir, 'keys');
  await mkdir(keys);
  await exec('openssl', ['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', join(keys, 'sign.pem')]);
  await exec('openssl', ['req', '-new', '-x509', '-key', join(keys, 'sign.pem'), '-subj', '/CN=enclave-signer', '-days', '30', '-out', join(keys, 'cert.pem')]);
  await exec('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(keys, 'prov-sec1.pem')]);
  await exec('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', join(keys, 'prov-sec1.pem'), '-out', join(keys, 'prov.pem')]);
}, 120_000);
afterAll(async () => cleanup());

/** A git checkout committed at COMMIT_TIME (or, with `git: false`, a plain folder). */
function makeApp(name: string, dockerfile: string, options: { git?: boolean } = {}): Promise<string> {
  return makeExampleApp(dir, name, { dockerfile, ...options });
}

describe('the runner conventions themselves', () => {
  it('runs Node 24 and names inputs as the runner does (hyphens kept)', () => {
    expect(execFileSync(node24(), ['-p', 'process.versions.node'], { encoding: 'utf8' })).toMatch(/^24\./);
    expect(inputVariable('signing-key')).toBe('INPUT_SIGNING-KEY');
    expect(inputVariable('blobs sha384')).toBe('INPUT_BLOBS_SHA384');
  });

  it('passes every action.yml default, github.token evaluated', () => {
    const defaults = actionDefaults('ghs_x');
    expect(defaults).toMatchObject({ context: '.', platform: 'linux/amd64', network: 'none', 'require-pinned-base': 'true',
      provenance: 'none', registration: 'none', 'registry-base': 'main', 'github-token': 'ghs_x' });
    // blobs-dir's default is applied by the action, not action.yml, so that `blobs` with `blobs-dir` is a visible conflict.
    expect(defaults).not.toHaveProperty('blobs-dir');
    // Each `default:` line of action.yml is one entry.
    const text = execFileSync('grep', ['-c', '^    default:', join(repoRoot(), 'action.yml')], { encoding: 'utf8' });
    expect(Object.keys(parseInputDefaults(execFileSync('cat', [join(repoRoot(), 'action.yml')], { encoding: 'utf8' })))).toHaveLength(Number(text));
  });
});

describe('the bundled action before the image build (no Docker needed)', () => {
  // A `docker` that records being run: none of these runs may get that far.
  let fakeBin: string;
  let dockerRan: string;
  beforeAll(async () => {
    fakeBin = join(dir, 'fake-bin');
    dockerRan = join(dir, 'docker-ran');
    await mkdir(fakeBin);
    await writeFile(join(fakeBin, 'docker'), `#!/bin/sh\ntouch '${dockerRan}'\nexit 1\n`, { mode: 0o755 });
  });
  const noDocker = () => ({ PATH: `${fakeBin}:${process.env['PATH']}` });
  const SIGNING_SENTINEL = 'SENTINEL-signing-key-6b1f0c2e9d';
  const PROVENANCE_SENTINEL = 'SENTINEL-provenance-key-0d7a53e4c1';
  const TOKEN_SENTINEL = 'ghs_SENTINELtoken8f2b19a7c3d4e5';

  type Case = [string, (app: string) => Promise<Record<string, string>>, RegExp];
  const cases: Case[] = [
    ['an unknown platform', async () => ({ platform: 'linux/386' }), /^input platform: expected linux\/amd64 or linux\/arm64/],
    ['a missing blobs-dir', async () => ({ 'blobs-dir': join(dir, 'no-such-blobs') }), /^input blobs-dir: .*no-such-blobs: no such file or directory$/],
    // Where nitro-cli is not installed (a GitHub-hosted runner), the default blobs-dir is absent.
    ...(existsSync(DEFAULT_BLOBS_DIR) ? [] : [['no blobs input on a runner without nitro-cli', async () => ({ 'blobs-dir': '', 'blobs-sha384': '' }),
      /^input blobs-dir: \/usr\/share\/nitro_enclaves\/blobs \(where nitro-cli installs the blobs\) does not exist on this runner; on a GitHub-hosted runner set blobs: aws-nitro-enclaves-cli@v1\.5\.0/] as Case]),
    ['a store URI of another scheme', async () => ({ store: 'gs://bucket/eifs' }), /^input store: unsupported scheme in "gs:\/\/bucket\/eifs"/],
    ['an app id of the wrong length', async () => ({ registration: 'auth-simple', 'registry-repository': 'acme/registry', 'registry-path': 'auth-config.json', 'app-id': '0x1234' }),
      /^input app-id: expected 0x \+ 40 hex digits/],
    ['an incomplete blobs-dir', async () => {
      const partial = join(dir, `partial-blobs-${Math.random().toString(36).slice(2)}`);
      await mkdir(partial);
      for (const name of ['bzImage', 'bzImage.config', 'cmdline', 'nsm.ko']) await copyFile(join(blobs, name), join(partial, name));
      return { 'blobs-dir': partial };
    }, /^input blobs-dir: blobs directory .*: missing init$/],
    ['a blob that differs from its pin', async () => ({ 'blobs-sha384': BLOB_PINS.replace(sha384(BLOB_FILES['init']!), 'f'.repeat(96)) }),
      /^input blobs-sha384: blob init: sha384 [0-9a-f]{96} does not match/],
    ['a missing signing certificate', async () => ({ 'signing-certificate': join(dir, 'no-cert.pem'), 'signing-key': join(keys, 'sign.pem') }),
      /^input signing-certificate: .*no-cert\.pem: no such file or directory$/],
    ['an expired signing certificate (run-enclave would refuse the EIF)', async () => ({
      'signing-certificate': fixture('signing', 'expired.cert.pem'), 'signing-key': fixture('signing', 'expired.key.pem') }),
    /^input signing-certificate: expired on 2021-01-01T00:00:00\.000Z; nitro-cli run-enclave refuses an EIF signed with an expired certificate$/],
    ['a signing-key that is neither PEM nor a file', async () => ({ 'signing-certificate': join(keys, 'cert.pem'), 'signing-key': SIGNING_SENTINEL }),
      /^input signing-key: is neither PEM text .* nor the path of a readable file \(no such file or directory\)$/],
    ['a provenance-key that is neither PEM nor a file', async () => ({ provenance: 'key', 'provenance-key': PROVENANCE_SENTINEL }),
      /^input provenance-key: is neither PEM text .* nor the path of a readable file/],
    ['a provenance-key that is a FIFO', async () => {
      const fifo = join(dir, `fifo-${Math.random().toString(36).slice(2)}`);
      await exec('mkfifo', [fifo]);
      return { provenance: 'key', 'provenance-key': fifo };
    }, /^input provenance-key: is neither PEM text .*\(not a regular file\)$/],
    ['a missing lock file', async () => ({ lockfile: join(dir, 'no-lock.json') }), /^input lockfile: /],
    ['fail-on-pcr-change without a lock file', async () => ({ 'fail-on-pcr-change': 'true' }), /^input fail-on-pcr-change: needs lockfile/],
    ['a missing attestation document', async () => ({ 'attestation-document': join(dir, 'no-doc.cbor') }), /^input attestation-document: .*no-doc\.cbor: no such file/],
    ['a context that is not a directory', async (app) => ({ context: join(app, 'run.sh') }), /^input context: .*run\.sh is not a directory$/],
    ['an unpinned base image', async (app) => {
      await writeFile(join(app, 'Dockerfile'), 'FROM busybox:1\n');
      return {};
    }, /^Dockerfile:1: base image busybox:1 is not pinned by digest/],
  ];
  it.each(cases)('refuses %s: one ::error:: line naming it, exit 1, no stack trace, no secret, nothing run or written', async (name, inputsFor, pattern) => {
    const app = await makeApp(`bad-${name.replace(/\W+/g, '-')}`, PINNED_FROM);
    await rm(dockerRan, { force: true });
    const run = await runAction({
      cwd: app, jobToken: TOKEN_SENTINEL, env: noDocker(),
      inputs: { 'blobs-dir': blobs, 'blobs-sha384': BLOB_PINS, 'registry-token': TOKEN_SENTINEL, ...(await inputsFor(app)) },
    });
    expectOneCleanError(run, pattern);
    await expectNowhereButMasks(run, [SIGNING_SENTINEL, PROVENANCE_SENTINEL, TOKEN_SENTINEL]);
    if (run.stdout.includes(SIGNING_SENTINEL)) expect(run.stdout).toContain(`::add-mask::${SIGNING_SENTINEL}`);
    await expect(stat(dockerRan)).rejects.toThrow();
    await expect(stat(join(app, 'nitro-eif-out'))).rejects.toThrow();
    expect(await readdir(run.runnerTemp)).toEqual([]);
  }, 60_000);

  describe('dstack-util over https', () => {
    let server: ReturnType<typeof createHttpsServer>;
    let proxy: Server;
    let url: string;
    let proxyUrl: string;
    let tlsCa: string;
    const connects: string[] = [];
    beforeAll(async () => {
      const tls = join(dir, 'tls');
      await mkdir(tls);
      await exec('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(tls, 'key.pem'),
        '-out', join(tls, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1']);
      tlsCa = join(tls, 'cert.pem');
      server = createHttpsServer({ key: await readFile(join(tls, 'key.pem')), cert: await readFile(tlsCa) }, (_req, res) => res.end(UTIL));
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/dstack-util`;
      // A minimal HTTP CONNECT proxy on loopback that records each tunnel it opens.
      const sockets = new Set<Socket>();
      proxy = createHttpServer((_req, res) => { res.statusCode = 405; res.end(); });
      proxy.on('connect', (req, client: Socket, head: Buffer) => {
        connects.push(req.url ?? '');
        const [host, port] = (req.url ?? '').split(':');
        const upstream = connect(Number(port), host!, () => {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head);
          upstream.pipe(client);
          client.pipe(upstream);
        });
        for (const s of [client, upstream]) { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => s.destroy()); }
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      afterAll(() => { for (const s of sockets) s.destroy(); });
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
      await new Promise((r) => proxy.close(r));
    });

    // Stops after the download: the folder is no git checkout and source-date-epoch is unset.
    async function download(name: string, env: Record<string, string>): Promise<ActionRun> {
      const app = await makeApp(name, PINNED_FROM, { git: false });
      return runAction({ cwd: app, env: { ...noDocker(), NODE_EXTRA_CA_CERTS: tlsCa, ...env },
        inputs: { 'blobs-dir': blobs, 'blobs-sha384': BLOB_PINS, 'dstack-util': url, 'dstack-util-sha256': sha256(UTIL) } });
    }

    it('goes through HTTPS_PROXY, and removes its temporary folder after the run', async () => {
      connects.length = 0;
      const run = await download('proxied', { HTTPS_PROXY: proxyUrl });
      expect(run.stdout).toContain(`dstack-util ${sha256(UTIL)}: verified (${UTIL.length} bytes) from ${url}`);
      expect(connects).toEqual([new URL(url).host]);
      expectOneCleanError(run, /^input source-date-epoch: not set and the commit time of HEAD is unknown/);
      expect(await readdir(run.runnerTemp)).toEqual([]);
    }, 60_000);

    it('goes direct for a host in NO_PROXY (lower-case https_proxy too)', async () => {
      connects.length = 0;
      const run = await download('not-proxied', { https_proxy: proxyUrl, NO_PROXY: '127.0.0.1' });
      expect(run.stdout).toContain(`dstack-util ${sha256(UTIL)}: verified (${UTIL.length} bytes) from ${url}`);
      expect(connects).toEqual([]);
      expect(await readdir(run.runnerTemp)).toEqual([]);
    }, 60_000);

    it('names the proxy failure when the proxy is down, in one line', async () => {
      const run = await download('proxy-down', { HTTPS_PROXY: 'http://127.0.0.1:9' });
      expectOneCleanError(run, new RegExp(`^dstack-util ${url.replace(/[.]/g, '\\.')}: download failed: `));
      expect(await readdir(run.runnerTemp)).toEqual([]);
    }, 60_000);
  });
});

describeWithInfra('the bundled action as the runner runs it (real Docker engine)', () => {
  let base: string;
  let utilPath: string;
  beforeAll(async () => {
    base = await makeBusyboxBase();
    utilPath = join(dir, 'dstack-util-bin');
    await writeFile(utilPath, UTIL);
  });
  const dockerfile = (run = '') => `ARG BASE\nFROM \${BASE}\n${run}COPY --from=dstack-util --chmod=0755 dstack-util /app/dstack-util\nCOPY run.sh /app/run.sh\n`;

  it('builds with only the required inputs and action.yml defaults, writes outputs, leaves no temporary folder', async () => {
    const app = await makeApp('plain', dockerfile());
    const run = await runAction({ cwd: app, inputs: { 'blobs-dir': blobs, 'build-args': `BASE=${base}`, network: 'none',
      'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL) } });
    expect(run.errors, run.stdout).toEqual([]);
    expect(run.code).toBe(0);
    for (const n of ['pcr0', 'pcr1', 'pcr2']) expect(run.outputs[n]).toMatch(/^[0-9a-f]{96}$/);
    expect(run.outputs['eif-path']).toBe(join(app, 'nitro-eif-out', 'enclave.eif'));
    expect(run.outputs['reproducible']).toBe('false');
    expect(run.summary).toContain(run.outputs['pcr0']);
    expect(run.stdout).toContain(`::add-mask::${JOB_TOKEN}`);
    expect(await readdir(run.runnerTemp)).toEqual([]);
    expect((await readdir(join(app, 'nitro-eif-out'))).sort()).toEqual(['enclave.eif', 'manifest.json', 'measurements.json']);
  }, 300_000);

  it('keeps signing and provenance keys and tokens out of every log line and file but ::add-mask::', async () => {
    const app = await makeApp('secrets', dockerfile());
    const signingKey = await readFile(join(keys, 'sign.pem'), 'utf8');
    const provenanceKey = await readFile(join(keys, 'prov.pem'), 'utf8');
    const token = 'ghs_SENTINELjobToken2c4e6a8b0d1f';
    const run = await runAction({ cwd: app, jobToken: token, env: { GITHUB_SHA: 'b'.repeat(40), GITHUB_REF: 'refs/heads/main' },
      inputs: { 'blobs-dir': blobs, 'blobs-sha384': BLOB_PINS, 'build-args': `BASE=${base}`, network: 'none', 'dstack-util': utilPath,
        'dstack-util-sha256': sha256(UTIL), 'signing-certificate': join(keys, 'cert.pem'), 'signing-key': signingKey,
        provenance: 'key', 'provenance-key': provenanceKey } });
    expect(run.errors, run.stdout).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.outputs['pcr8']).toMatch(/^[0-9a-f]{96}$/);
    expect(run.outputs['provenance-path']).toBe(join(app, 'nitro-eif-out', 'provenance.sigstore.json'));
    // The PEM body lines (each masked on its own) and the token.
    const pemLines = (pem: string) => pem.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'));
    const secrets = [...pemLines(signingKey), ...pemLines(provenanceKey), token];
    for (const line of pemLines(signingKey)) expect(run.stdout).toContain(`::add-mask::${line}`);
    await expectNowhereButMasks(run, secrets, join(app, 'nitro-eif-out'));
  }, 300_000);

  it('on SIGINT during a slow build stops its docker buildx build and leaves no temporary files', async () => {
    const app = await makeApp('cancelled', dockerfile('RUN sleep 3217 && echo never\n'));
    const out = join(app, 'nitro-eif-out');
    const run = await runAction({ cwd: app, inputs: { 'blobs-dir': blobs, 'build-args': `BASE=${base}`, network: 'none',
      'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL) },
    interruptWhen: (log) => /RUN sleep 3217/.test(log) });
    expect(run.interrupted, run.stdout).toBe(true);
    expect(run.code).toBe(130);
    expect(run.errors).toEqual(['interrupted (SIGINT); temporary files removed']);
    // The buildx client is gone (its --output names this run's directory, or, streamed, the
    // temporary image; test files run one at a time), and so is the RUN step it started.
    expect(run.stdout).toMatch(/docker buildx build .*--output (type=tar,dest=-|type=oci)/);
    expect([...await processesWith(out), ...await processesWith('name=nitro-eif-build/rootfs:')]).toEqual([]);
    expect(await waitUntil(async () => (await processesWith('sleep 3217')).length === 0, 30)).toBe(true);
    await expect(stat(join(out, 'work'))).rejects.toThrow();
    expect(await readdir(run.runnerTemp)).toEqual([]);
  }, 300_000);
});

// Leftover guard: a failed assertion above must not leave a sleeping build behind for the next test file.
afterAll(async () => {
  for (const pid of await processesWith('sleep 3217')) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
  }
  await rm(join(dir, 'cancelled'), { recursive: true, force: true });
});
