// `nitro-eif attest`: the flags end up where docs/provenance.md says, and the digests are the files' own.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEif } from '../../../src/eif/index.js';
import type { ProvenanceStatement } from '../../../src/trust/provenance/index.js';
import { runCli } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'nitro-attest-cli-'));
const path = (name: string): string => join(dir, name);
const sha = (alg: string, file: string): string => createHash(alg).update(readFileSync(file)).digest('hex');
const BASE = `sha256:${'b'.repeat(64)}`;
const UTIL = 'e'.repeat(64);

beforeAll(async () => {
  const eif = await writeEif({
    outputPath: path('app.eif'), arch: 'x86_64', kernel: Buffer.from('k'), cmdline: 'console=ttyS0',
    ramdisks: [Buffer.from('boot'), Buffer.from('app')],
  });
  writeFileSync(path('m.json'), JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...eif.pcrs } }));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(path('key.pem'), privateKey.export({ format: 'pem', type: 'sec1' }));
});

function statementOf(bundleFile: string): ProvenanceStatement {
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8'));
  return JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString()) as ProvenanceStatement;
}

describe('nitro-eif attest', () => {
  it('records the flags in the statement and the files digests as subjects', async () => {
    const result = await runCli('attest', '--eif-path', path('app.eif'), '--measurements', path('m.json'), '--private-key', path('key.pem'),
      '--output-file', path('p.json'), '--source-repository', 'https://github.com/acme/app', '--source-ref', 'refs/tags/v1',
      '--source-commit', 'f'.repeat(40), '--workflow', '.github/workflows/eif.yml', '--dockerfile', 'enclave/Dockerfile',
      '--context', 'enclave', '--platform', 'linux/amd64', '--build-arg', 'KMS_URL=https://kms.example:12001', '--build-arg', 'X=a=b',
      '--source-date-epoch', '1700000000', '--base-image', `docker.io/library/alpine:3.20@${BASE}`, '--dstack-util-sha256', UTIL,
      '--builder-id', 'https://github.com/acme/app/.github/workflows/eif.yml@refs/tags/v1', '--invocation-id', 'https://ci.example/run/7');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).output).toBe(path('p.json'));
    const s = statementOf(path('p.json'));
    expect(s.subject).toEqual([
      { name: 'app.eif', digest: { sha256: sha('sha256', path('app.eif')), sha384: sha('sha384', path('app.eif')) } },
      { name: 'm.json', digest: { sha256: sha('sha256', path('m.json')), sha384: sha('sha384', path('m.json')) } },
    ]);
    expect(s.predicate.buildDefinition.externalParameters).toEqual({
      repository: 'https://github.com/acme/app', ref: 'refs/tags/v1', commit: 'f'.repeat(40),
      workflow: { path: '.github/workflows/eif.yml' }, pathsRelativeTo: 'repository-root', dockerfile: 'enclave/Dockerfile', context: 'enclave',
      buildArgs: { KMS_URL: 'https://kms.example:12001', X: 'a=b' }, platform: 'linux/amd64', sourceDateEpoch: 1700000000,
    });
    const deps = s.predicate.buildDefinition.resolvedDependencies!;
    expect(deps).toContainEqual({ uri: 'git+https://github.com/acme/app@refs/tags/v1', digest: { gitCommit: 'f'.repeat(40) } });
    expect(deps).toContainEqual({ name: 'docker.io/library/alpine:3.20', uri: 'oci://docker.io/library/alpine:3.20', digest: { sha256: 'b'.repeat(64) } });
    expect(deps).toContainEqual({ name: 'dstack-util', digest: { sha256: UTIL } });
    expect(s.predicate.runDetails.builder.id).toBe('https://github.com/acme/app/.github/workflows/eif.yml@refs/tags/v1');
    expect(s.predicate.runDetails.metadata).toEqual({ invocationId: 'https://ci.example/run/7' });
  });

  it('still takes the earlier flag names --key and --output, but not with the new ones', async () => {
    const base = ['attest', '--eif-path', path('app.eif'), '--measurements', path('m.json')];
    const old = await runCli(...base, '--key', path('key.pem'), '--output', path('old.json'));
    expect(old.stderr).toBe('');
    expect(old.code).toBe(0);
    expect(JSON.parse(old.stdout).output).toBe(path('old.json'));
    expect(statementOf(path('old.json')).subject.map((s) => s.name)).toEqual(['app.eif', 'm.json']);
    const both = await runCli(...base, '--key', path('key.pem'), '--private-key', path('key.pem'), '--output-file', path('both.json'));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^nitro-eif: error: --key is the old name of --private-key: give only one/);
    const bothOut = await runCli(...base, '--private-key', path('key.pem'), '--output', path('a.json'), '--output-file', path('b.json'));
    expect(bothOut.code).toBe(2);
    expect(bothOut.stderr).toMatch(/--output is the old name of --output-file/);
    const none = await runCli(...base, '--output-file', path('none.json'));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^nitro-eif: error: required option '--private-key <pem>' not specified/);
    expect(existsSync(path('both.json')) || existsSync(path('a.json')) || existsSync(path('b.json')) || existsSync(path('none.json'))).toBe(false);
  });

  it('refuses malformed flags as usage errors and a P-384 key as a user error', async () => {
    const base = ['attest', '--eif-path', path('app.eif'), '--measurements', path('m.json'), '--private-key', path('key.pem'), '--output-file', path('x.json')];
    expect((await runCli(...base, '--build-arg', 'novalue')).code).toBe(2);
    expect((await runCli(...base, '--base-image', 'alpine')).code).toBe(2);
    expect((await runCli(...base, '--source-date-epoch', 'yesterday')).code).toBe(2);
    const badCommit = await runCli(...base, '--source-repository', 'https://x', '--source-commit', 'main');
    expect(badCommit.code).toBe(1);
    expect(badCommit.stderr).toMatch(/full git commit id/);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    writeFileSync(path('p384.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const p384 = await runCli(...base.slice(0, 5), '--private-key', path('p384.pem'), '--output-file', path('y.json'));
    expect(p384.code).toBe(1);
    expect(p384.stderr).toMatch(/EC P-256/);
  });
});
