import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { buildProvenanceStatement, checkProvenanceStatement, type ProvenanceInput } from '../../../src/trust/provenance/index.js';

const digest = (alg: string, text: string): string => createHash(alg).update(text).digest('hex');
const pcr = (n: number): string => digest('sha384', `pcr${n}`);
const COMMIT = 'a'.repeat(40);

function input(overrides: Partial<ProvenanceInput> = {}): ProvenanceInput {
  return {
    eif: { name: 'enclave.eif', sha256: digest('sha256', 'eif'), sha384: digest('sha384', 'eif') },
    measurements: { name: 'measurements.json', sha256: digest('sha256', 'm'), sha384: digest('sha384', 'm') },
    pcrs: { PCR0: pcr(0), PCR1: pcr(1), PCR2: pcr(2) },
    osImageHash: `0x${digest('sha256', 'os')}`,
    source: { repository: 'https://github.com/acme/app', ref: 'refs/heads/main', commit: COMMIT },
    workflow: { repository: 'https://github.com/acme/app', path: '.github/workflows/eif.yml', ref: 'refs/heads/main' },
    build: { dockerfile: 'Dockerfile', context: '.', buildArgs: { B: '2', A: '1' }, platform: 'linux/amd64', sourceDateEpoch: 1700000000 },
    dependencies: {
      baseImages: [{ name: 'docker.io/library/alpine:3.20', digest: `sha256:${digest('sha256', 'alpine')}` }],
      dstackUtil: { sha256: digest('sha256', 'dstack-util') },
      blobs: [{ name: 'bzImage', sha384: digest('sha384', 'kernel') }],
    },
    builderId: 'https://github.com/acme/app/.github/workflows/eif.yml@refs/heads/main',
    invocationId: 'https://github.com/acme/app/actions/runs/1/attempts/1',
    startedOn: new Date('2026-01-01T00:00:00Z'),
    finishedOn: new Date('2026-01-01T00:01:00Z'),
    ...overrides,
  };
}

const isUri = (value: unknown): boolean => typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/.test(value);

describe('buildProvenanceStatement (in-toto Statement v1, SLSA Provenance v1)', () => {
  it('has the statement envelope fields of in-toto v1', () => {
    const s = buildProvenanceStatement(input());
    expect(s._type).toBe('https://in-toto.io/Statement/v1');
    expect(s.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(Object.keys(s)).toEqual(['_type', 'subject', 'predicateType', 'predicate']);
  });

  it('names the EIF and the measurements file as subjects with sha256 and sha384', () => {
    const s = buildProvenanceStatement(input());
    expect(s.subject).toEqual([
      { name: 'enclave.eif', digest: { sha256: digest('sha256', 'eif'), sha384: digest('sha384', 'eif') } },
      { name: 'measurements.json', digest: { sha256: digest('sha256', 'm'), sha384: digest('sha384', 'm') } },
    ]);
  });

  it('fills buildDefinition: a URI buildType, the external parameters, resolved dependencies', () => {
    const { buildDefinition } = buildProvenanceStatement(input()).predicate;
    expect(isUri(buildDefinition.buildType)).toBe(true);
    expect(buildDefinition.externalParameters).toMatchObject({
      repository: 'https://github.com/acme/app', ref: 'refs/heads/main', commit: COMMIT,
      workflow: { path: '.github/workflows/eif.yml' }, dockerfile: 'Dockerfile', context: '.',
      platform: 'linux/amd64', sourceDateEpoch: 1700000000,
    });
    expect(Object.keys(buildDefinition.externalParameters['buildArgs'] as object)).toEqual(['A', 'B']);
    const deps = buildDefinition.resolvedDependencies!;
    for (const dep of deps) expect(dep.uri !== undefined || dep.digest !== undefined).toBe(true);
    expect(deps[0]).toEqual({ uri: 'git+https://github.com/acme/app@refs/heads/main', digest: { gitCommit: COMMIT } });
    expect(deps.find((d) => d.name === 'docker.io/library/alpine:3.20')?.digest).toEqual({ sha256: digest('sha256', 'alpine') });
    expect(deps.find((d) => d.name === 'dstack-util')?.digest).toEqual({ sha256: digest('sha256', 'dstack-util') });
    expect(deps.find((d) => d.name === 'bzImage')?.digest).toEqual({ sha384: digest('sha384', 'kernel') });
    expect(deps.some((d) => d.name === 'nitro-eif-build' && isUri(d.uri))).toBe(true);
  });

  it('fills runDetails: builder id, RFC 3339 times, measurements byproduct', () => {
    const { runDetails } = buildProvenanceStatement(input()).predicate;
    expect(isUri(runDetails.builder.id)).toBe(true);
    expect(runDetails.metadata).toEqual({
      invocationId: 'https://github.com/acme/app/actions/runs/1/attempts/1',
      startedOn: '2026-01-01T00:00:00.000Z', finishedOn: '2026-01-01T00:01:00.000Z',
    });
    expect(runDetails.byproducts).toEqual([{
      name: 'eif-measurements', digest: { sha256: digest('sha256', 'os') },
      annotations: { PCR0: pcr(0), PCR1: pcr(1), PCR2: pcr(2), OS_IMAGE_HASH: `0x${digest('sha256', 'os')}` },
    }]);
  });

  it('leaves out what it was not given, without nulls', () => {
    const s = buildProvenanceStatement({ ...input(), source: undefined, workflow: undefined, build: undefined, dependencies: undefined,
      builderId: undefined, invocationId: undefined, startedOn: undefined, finishedOn: undefined });
    expect(JSON.stringify(s)).not.toContain('null');
    expect(s.predicate.buildDefinition.externalParameters).toEqual({});
    expect(s.predicate.runDetails.metadata).toEqual({});
    expect(s.predicate.buildDefinition.resolvedDependencies!.map((d) => d.name)).toEqual(['nitro-eif-build']);
  });

  it('refuses a builder dependency or byproduct with neither uri nor digest (in-toto ResourceDescriptor v1)', () => {
    // spec/v1/resource_descriptor.md: "MUST specify at least one of uri, digest or content".
    expect(() => buildProvenanceStatement(input({ builderDependencies: [{ name: 'docker-buildx', annotations: { buildx: 'v0.17.1' } }] })))
      .toThrow(/^provenance builder dependency docker-buildx: a resource descriptor needs a uri or a digest$/);
    expect(() => buildProvenanceStatement(input({ byproducts: [{ name: 'x', digest: {} }] }))).toThrow(UserError);
    const s = buildProvenanceStatement(input({ builderDependencies: [{ name: 'docker-buildx', uri: 'https://github.com/docker/buildx', annotations: {} }] }));
    const descriptors = [...s.predicate.buildDefinition.resolvedDependencies!, ...s.predicate.runDetails.builder.builderDependencies!, ...s.predicate.runDetails.byproducts!];
    for (const d of descriptors) expect(d.uri !== undefined || Object.keys(d.digest ?? {}).length > 0).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildProvenanceStatement(input()))).toBe(JSON.stringify(buildProvenanceStatement(input())));
  });

  it('refuses malformed digests and commits with a user error naming the field', () => {
    expect(() => buildProvenanceStatement(input({ eif: { name: 'x.eif', sha256: 'abc', sha384: digest('sha384', 'x') } }))).toThrow(/eif sha256/);
    expect(() => buildProvenanceStatement(input({ source: { repository: 'https://x', commit: 'main' } }))).toThrow(UserError);
    expect(() => buildProvenanceStatement(input({ pcrs: { PCR0: 'zz', PCR1: pcr(1), PCR2: pcr(2) } }))).toThrow(/PCR0/);
  });
});

describe('checkProvenanceStatement', () => {
  const good = buildProvenanceStatement(input());
  const expected = { eif: input().eif, measurements: input().measurements, pcrs: input().pcrs, osImageHash: input().osImageHash };

  it('accepts the statement of the same build', () => {
    expect(checkProvenanceStatement(good, expected)).toBe(good);
  });

  it('names the first mismatch', () => {
    expect(() => checkProvenanceStatement(good, { ...expected, eif: { sha256: digest('sha256', 'other'), sha384: expected.eif.sha384 } }))
      .toThrow(/no subject has the EIF's sha256/);
    expect(() => checkProvenanceStatement(good, { ...expected, eif: { sha256: expected.eif.sha256, sha384: digest('sha384', 'other') } }))
      .toThrow(/subject enclave.eif sha384/);
    expect(() => checkProvenanceStatement(good, { ...expected, measurements: { sha256: digest('sha256', 'x'), sha384: digest('sha384', 'x') } }))
      .toThrow(/measurements file's sha256/);
    expect(() => checkProvenanceStatement(good, { ...expected, pcrs: { ...expected.pcrs, PCR2: pcr(9) } })).toThrow(/PCR2 is/);
    expect(() => checkProvenanceStatement(good, { ...expected, pcrs: { ...expected.pcrs, PCR8: pcr(8) } })).toThrow(/PCR8 is \(absent\)/);
    expect(() => checkProvenanceStatement({ ...good, predicateType: 'https://example.com/x' }, expected)).toThrow(/predicateType/);
  });
});
