import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSigningKey, signProvenanceWithKey, writeProvenanceBundle } from '../../src/trust/provenance/index.js';
import { exec } from '../helpers/docker.js';
import { describeWithInfra } from '../helpers/infra.js';
import { repoRoot } from '../helpers/paths.js';
import { runAction } from '../helpers/run-action.js';
import { COMMIT_TIME, FAKE_DSTACK_UTIL, gitAt, makeActionWorkspace, makeExampleApp, makeProvenanceKeys, sha256 } from '../helpers/action-workspace.js';

// `nitro-eif reproduce` (dist/cli.js) on builds made by the bundled action (dist/index.js) with
// `provenance: key`: real Docker engine, real git repositories, synthetic blobs.

const UTIL = FAKE_DSTACK_UTIL;

interface CliRun { code: number; stdout: string; stderr: string }

function cli(args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

/** The last stderr line: the one-line verdict or refusal. */
const lastLine = (run: CliRun) => run.stderr.trim().split('\n').pop() ?? '';

describeWithInfra('nitro-eif reproduce', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let base: string;
  let blobs: string;
  let blobPins: string;
  let utilPath: string;
  let keys: string;
  let app: string;
  let first: Awaited<ReturnType<typeof runAction>>;
  let firstCommit: string;

  const git = gitAt;
  const inputs = () => ({ 'blobs-dir': blobs, 'blobs-sha384': blobPins, 'build-args': `BASE=${base}`, 'dstack-util': utilPath,
    'dstack-util-sha256': sha256(UTIL), provenance: 'key', 'provenance-key': join(keys, 'key.pem') });
  const buildAt = async (cwd: string, extra: Record<string, string> = {}, event?: { name: string; payload: unknown }) => {
    const commit = (await git(cwd, 'rev-parse', 'HEAD')).trim();
    const run = await runAction({ cwd, inputs: { ...inputs(), ...extra }, event,
      env: { GITHUB_SHA: commit, GITHUB_REF: 'refs/heads/main', GITHUB_SERVER_URL: 'https://example.test' } });
    expect(run.code, run.stdout).toBe(0);
    return { run, commit };
  };
  const reproduceArgs = (provenance: string, source: string, extra: string[] = []) => ['reproduce', '--provenance', provenance, '--key', join(keys, 'pub.pem'),
    '--source', source, '--blobs-dir', blobs, '--dstack-util', utilPath, ...extra];

  beforeAll(async () => {
    ({ dir, cleanup, base, blobs, blobPins, utilPath } = await makeActionWorkspace('reproduce-itg-'));
    keys = await makeProvenanceKeys(join(dir, 'keys'));
    app = await makeExampleApp(dir, 'app');
    const head = 'e'.repeat(40);
    ({ run: first, commit: firstCommit } = await buildAt(app, {}, { name: 'pull_request', payload: { pull_request: { number: 3, head: { sha: head } } } }));
    // A later build in the same checkout writes the same output directory: keep the first build's files.
    const kept = join(dir, 'first-build');
    await mkdir(kept);
    const outputs = { ...first.outputs };
    for (const name of ['provenance-path', 'eif-path', 'manifest-path', 'measurements-path']) {
      outputs[name] = join(kept, name);
      await copyFile(first.outputs[name]!, outputs[name]);
    }
    first = { ...first, outputs };
  });
  afterAll(async () => cleanup());

  it('records what a rebuild needs (network, dstack-util placement, paths, context digest, image and manifest digests)', async () => {
    const envelope = JSON.parse(await readFile(first.outputs['provenance-path']!, 'utf8')).dsseEnvelope;
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
    const ext = statement.predicate.buildDefinition.externalParameters;
    expect(ext).toMatchObject({ commit: firstCommit, network: 'none', context: '.', dockerfile: 'Dockerfile', pathsRelativeTo: 'repository-root',
      dstackUtil: { kind: 'build-context', name: 'dstack-util' }, sourceDateEpoch: COMMIT_TIME, platform: 'linux/amd64' });
    expect(ext.contextDigest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ext.headCommit).toBe('e'.repeat(40));
    const tools = statement.predicate.runDetails.builder.builderDependencies as Array<{ name: string; digest?: Record<string, string>; annotations?: Record<string, string> }>;
    // The action's code: dist/index.js and its chunks, as `sha256sum … | sha256sum` gives it (docs/provenance.md).
    const dist = join(repoRoot(), 'dist');
    const chunks = (await readdir(join(dist, 'action-chunks'))).filter((n) => n.endsWith('.js')).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const listing = execFileSync('sha256sum', ['index.js', ...chunks.map((n) => `action-chunks/${n}`)], { cwd: dist });
    expect(tools.find((t) => t.name === 'nitro-eif-build')!.digest!['sha256']).toBe(sha256(listing));
    expect(tools.find((t) => t.name === 'docker-buildx')!.annotations!['driver']).toMatch(/^docker/);
    // in-toto ResourceDescriptor v1: every descriptor has a uri or a digest.
    for (const tool of tools as Array<{ uri?: string; digest?: Record<string, string> }>) expect(tool.uri ?? tool.digest).toBeDefined();
    expect(statement.predicate.buildDefinition.internalParameters.statementLayout).toBe(2);
    const byproducts = statement.predicate.runDetails.byproducts as Array<{ name: string; digest: Record<string, string>; annotations?: Record<string, string> }>;
    expect(byproducts.find((b) => b.name === 'ramdisk-manifest')!.digest.sha256).toBe(sha256(await readFile(first.outputs['manifest-path']!)));
    expect(byproducts.find((b) => b.name === 'oci-image')!.annotations!['manifestDigest']).toBe(first.outputs['image-digest']);
    const measurements = JSON.parse(first.outputs['measurements']!);
    expect(byproducts.find((b) => b.name === 'oci-image')!.annotations!['configDigest']).toBe(measurements.image.config_digest);
  });

  it('reproduces the action\'s build from a fresh clone', async () => {
    const clone = join(dir, 'fresh-clone');
    await exec('git', ['clone', '-q', app, clone]);
    const run = await cli(reproduceArgs(first.outputs['provenance-path']!, clone, ['--eif-path', first.outputs['eif-path']!]));
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.reproduced).toBe(true);
    expect(report.os_image_hash).toBe(first.outputs['os-image-hash']);
    expect(report.pcrs.PCR2).toBe(first.outputs['pcr2']);
    expect(report.eif.sha256).toBe(first.outputs['eif-sha256']);
    expect(report.differences).toBeUndefined();
    // The measurements file the action signed, byte for byte (its digest from the file the action wrote).
    expect(report.measurements).toEqual({ sha256: createHash('sha256').update(readFileSync(first.outputs['measurements-path']!)).digest('hex'), same_as_recorded: true });
  });

  it('keeps the verdict after a later commit on the branch and with a dirty tree; an EIF of the changed source is not reproduced, naming PCR2 and the path', async () => {
    await writeFile(join(app, 'run.sh'), '#!/bin/sh\necho changed\n', { mode: 0o755 });
    await git(app, 'commit', '-q', '-am', 'change run.sh');
    const later = await buildAt(app);
    await writeFile(join(app, 'Dockerfile'), 'FROM scratch\n'); // uncommitted: never built
    const again = await cli(reproduceArgs(first.outputs['provenance-path']!, app));
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ reproduced: true, os_image_hash: first.outputs['os-image-hash'], source: { commit: firstCommit } });

    const changed = await cli(reproduceArgs(first.outputs['provenance-path']!, app,
      ['--eif-path', later.run.outputs['eif-path']!, '--manifest', later.run.outputs['manifest-path']!]));
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout);
    expect(report.reproduced).toBe(false);
    expect(report.os_image_hash).toBe(first.outputs['os-image-hash']);
    expect(report.differences.registers).toContain('PCR2');
    expect(report.differences.paths).toEqual(['rootfs/app/run.sh']);
    expect(lastLine(changed)).toMatch(/^nitro-eif: error: not reproduced: PCR0, PCR2 differ; files: rootfs\/app\/run\.sh$/);
  });

  it('refuses, in one line, a bundle with one changed byte, a wrong dstack-util and a bundle missing a field', async () => {
    const bundlePath = first.outputs['provenance-path']!;
    const bundle = JSON.parse(await readFile(bundlePath, 'utf8'));
    const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
    const at = payload.indexOf(Buffer.from(firstCommit));
    expect(at).toBeGreaterThan(0);
    payload[at] = payload[at] === 0x61 ? 0x62 : 0x61;
    const tampered = join(dir, 'tampered.sigstore.json');
    await writeFile(tampered, JSON.stringify({ ...bundle, dsseEnvelope: { ...bundle.dsseEnvelope, payload: payload.toString('base64') } }));
    const source = join(dir, 'fresh-clone');
    const bad = await cli(reproduceArgs(tampered, source));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^nitro-eif: error: .*tampered\.sigstore\.json: signature verification failed/)]);

    const wrongUtil = join(dir, 'other-util');
    await writeFile(wrongUtil, 'not the pinned binary');
    const util = await cli([...reproduceArgs(bundlePath, source).slice(0, -2), '--dstack-util', wrongUtil]);
    expect(util.code).toBe(1);
    expect(util.stderr.trim().split('\n')).toEqual([`nitro-eif: error: dstack-util ${wrongUtil}: SHA-256 is ${sha256('not the pinned binary')}, but the provenance pins ${sha256(UTIL)}`]);

    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    delete statement.predicate.buildDefinition.externalParameters.network;
    const old = join(dir, 'no-network.sigstore.json');
    await writeProvenanceBundle(old, await signProvenanceWithKey(statement, loadSigningKey(await readFile(join(keys, 'key.pem'), 'utf8'))));
    const missing = await cli(reproduceArgs(old, source));
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^nitro-eif: error: .*no-network\.sigstore\.json: predicate\.buildDefinition\.externalParameters\.network is missing/)]);
  });

  it('says when a recorded base image can no longer be resolved', async () => {
    const bundle = JSON.parse(await readFile(first.outputs['provenance-path']!, 'utf8'));
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString());
    const gone = `nitro-test/i16-never-pushed@sha256:${'0'.repeat(63)}1`;
    statement.predicate.buildDefinition.externalParameters.buildArgs.BASE = gone;
    const path = join(dir, 'gone-base.sigstore.json');
    await writeProvenanceBundle(path, await signProvenanceWithKey(statement, loadSigningKey(await readFile(join(keys, 'key.pem'), 'utf8'))));
    const run = await cli(reproduceArgs(path, app));
    expect(run.code).toBe(1);
    expect(lastLine(run)).toMatch(/^nitro-eif: error: base image no longer resolvable \(nitro-test\/i16-never-pushed@sha256:0{63}1\): docker buildx build failed .*failed to resolve source metadata/);
  });

  it('says "blobs of another set" when the blobs are not the recorded ones', async () => {
    const other = join(dir, 'other-blobs');
    await mkdir(other);
    for (const name of ['bzImage', 'bzImage.config', 'cmdline', 'nsm.ko']) await copyFile(join(blobs, name), join(other, name));
    await writeFile(join(other, 'init'), Buffer.alloc(1234, 0x4a));
    const run = await cli([...reproduceArgs(first.outputs['provenance-path']!, join(dir, 'fresh-clone')).map((a) => (a === blobs ? other : a))]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^nitro-eif: error: blobs .*other-blobs: not the recorded blob set: .*init/)]);
  });

  it('reproduces a signed EIF: PCR0-2 and the unsigned bytes, with the signing certificate recorded', async () => {
    await exec('openssl', ['ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', join(keys, 'eif-key.pem')]);
    await exec('openssl', ['req', '-new', '-x509', '-key', join(keys, 'eif-key.pem'), '-subj', '/CN=enclave-signer', '-days', '30', '-out', join(keys, 'eif-cert.pem')]);
    const signedApp = join(dir, 'signed-app');
    await exec('git', ['clone', '-q', app, signedApp]);
    await git(signedApp, 'checkout', '-q', firstCommit);
    const { run } = await buildAt(signedApp, { 'signing-certificate': join(keys, 'eif-cert.pem'), 'signing-key': join(keys, 'eif-key.pem') });
    expect(run.outputs['pcr8']).toMatch(/^[0-9a-f]{96}$/);
    const statement = JSON.parse(Buffer.from(JSON.parse(await readFile(run.outputs['provenance-path']!, 'utf8')).dsseEnvelope.payload, 'base64').toString());
    expect(statement.predicate.buildDefinition.externalParameters.signingCertificate).toBe((await readFile(join(keys, 'eif-cert.pem'), 'utf8')).trim());
    const repro = await cli(reproduceArgs(run.outputs['provenance-path']!, signedApp, ['--eif-path', run.outputs['eif-path']!]));
    expect(repro.code, repro.stderr).toBe(0);
    const report = JSON.parse(repro.stdout);
    expect(report).toMatchObject({ reproduced: true, os_image_hash: run.outputs['os-image-hash'], compared_eif: { signed: true } });
    // The unsigned rebuild is the first (unsigned) build of the same commit, byte for byte.
    expect(report.eif.sha256).toBe(first.outputs['eif-sha256']);
  });

  it('names moving content: a RUN step whose output differs between two rebuilds of the same commit', async () => {
    const moving = join(dir, 'moving-app');
    await mkdir(moving);
    await copyFile(join(app, 'run.sh'), join(moving, 'run.sh'));
    await writeFile(join(moving, 'Dockerfile'), 'ARG BASE\nFROM ${BASE}\nRUN cat /proc/sys/kernel/random/uuid > /stamp\nCOPY run.sh /app/run.sh\n');
    await git(moving, 'init', '-q', '--initial-branch=main');
    await git(moving, 'add', '.');
    await git(moving, 'commit', '-q', '-m', 'moving');
    const { run } = await buildAt(moving, { 'dstack-util': '', 'dstack-util-sha256': '' });
    const repro = await cli([...reproduceArgs(run.outputs['provenance-path']!, moving).slice(0, -2)]);
    expect(repro.code).toBe(1);
    const report = JSON.parse(repro.stdout);
    expect(report.reproduced).toBe(false);
    expect(report.differences.registers).toEqual(['PCR0', 'PCR2']);
    expect(report.reasons).toContainEqual(expect.stringMatching(/^moving content: 1 file\(s\) differ between two rebuilds of the same commit .*: rootfs\/stamp$/));
  });

  it('reproduces dstack-util added as a layer at dstack-util-path (path, mode and mtime recorded)', async () => {
    const layered = join(dir, 'layered-app');
    await mkdir(layered);
    await copyFile(join(app, 'run.sh'), join(layered, 'run.sh'));
    await writeFile(join(layered, 'Dockerfile'), 'ARG BASE\nFROM ${BASE}\nCOPY run.sh /app/run.sh\nCMD ["/app/run.sh"]\n');
    await git(layered, 'init', '-q', '--initial-branch=main');
    await git(layered, 'add', '.');
    await git(layered, 'commit', '-q', '-m', 'layered');
    const { run } = await buildAt(layered, { 'dstack-util-path': '/opt/dstack/dstack-util' });
    const statement = JSON.parse(Buffer.from(JSON.parse(await readFile(run.outputs['provenance-path']!, 'utf8')).dsseEnvelope.payload, 'base64').toString());
    expect(statement.predicate.buildDefinition.externalParameters.dstackUtil).toEqual({ kind: 'layer', path: '/opt/dstack/dstack-util', mode: '0755', mtime: COMMIT_TIME });
    const repro = await cli(reproduceArgs(run.outputs['provenance-path']!, layered, ['--eif-path', run.outputs['eif-path']!]));
    expect(repro.code, repro.stderr).toBe(0);
    expect(JSON.parse(repro.stdout)).toMatchObject({ reproduced: true, os_image_hash: run.outputs['os-image-hash'] });
  });
});
