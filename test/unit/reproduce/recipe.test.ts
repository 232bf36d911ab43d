import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/action/inputs.js';
import { parseBuilderInfo } from '../../../src/build/builder-info.js';
import { readRecipe } from '../../../src/reproduce/recipe.js';
import { buildProvenanceStatement, type ProvenanceInput } from '../../../src/trust/provenance/index.js';

const hex = (c: string, n: number) => c.repeat(n * 2);

function input(): ProvenanceInput {
  return {
    eif: { name: 'enclave.eif', sha256: hex('a', 32), sha384: hex('b', 48) },
    measurements: { name: 'measurements.json', sha256: hex('c', 32), sha384: hex('d', 48) },
    pcrs: { PCR0: hex('0', 48).replace(/^00/, '01'), PCR1: hex('1', 48), PCR2: hex('2', 48) },
    osImageHash: `0x${hex('e', 32)}`,
    source: { repository: 'https://github.com/acme/app', ref: 'refs/pull/7/merge', commit: hex('f', 20), headCommit: hex('9', 20) },
    build: { dockerfile: 'enclave/Dockerfile', context: 'enclave', buildArgs: {}, platform: 'linux/amd64', sourceDateEpoch: 1700000000, network: 'none',
      dstackUtil: { kind: 'layer', path: '/app/dstack-util', mode: '0755', mtime: 1700000000 } },
    dependencies: { dstackUtil: { sha256: hex('7', 32), uri: 'https://example.test/dstack-util' }, blobs: [{ name: 'init', sha384: hex('8', 48) }],
      blobSet: { arch: 'x86_64' } },
  };
}

describe('readRecipe', () => {
  it('reads the rebuild parameters of a statement', () => {
    const recipe = readRecipe(buildProvenanceStatement(input()));
    expect(recipe).toMatchObject({
      layout: 2, commit: hex('f', 20), headCommit: hex('9', 20), context: 'enclave', dockerfile: 'enclave/Dockerfile', network: 'none',
      dstackUtil: { sha256: hex('7', 32), uri: 'https://example.test/dstack-util', placement: { kind: 'layer', path: '/app/dstack-util', mode: '0755', mtime: 1700000000 } },
      blobs: { init: hex('8', 48) }, sourceDateEpoch: 1700000000,
    });
  });

  it('refuses, naming the field, a statement without the network, the dstack-util placement or the layout version', () => {
    const statement = buildProvenanceStatement(input());
    const without = (edit: (s: typeof statement) => void) => {
      const copy = structuredClone(statement);
      edit(copy);
      return () => readRecipe(copy, 'p.json');
    };
    expect(without((s) => delete s.predicate.buildDefinition.externalParameters['network']))
      .toThrow(/^p\.json: predicate\.buildDefinition\.externalParameters\.network is missing/);
    expect(without((s) => delete s.predicate.buildDefinition.externalParameters['dstackUtil']))
      .toThrow(/^p\.json: predicate\.buildDefinition\.externalParameters\.dstackUtil is missing \(how dstack-util entered the image/);
    expect(without((s) => delete s.predicate.buildDefinition.internalParameters!['statementLayout']))
      .toThrow(/^p\.json: predicate\.buildDefinition\.internalParameters\.statementLayout is missing/);
    expect(without((s) => { s.predicate.buildDefinition.externalParameters['context'] = '../elsewhere'; }))
      .toThrow(/externalParameters\.context is malformed/);
  });
});

describe('the action records and defaults the build network', () => {
  it('builds with --network none unless the workflow opts in', () => {
    const get = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';
    expect(readInputs(get({})).network).toBe('none');
    expect(readInputs(get({ network: 'default' })).network).toBe('default');
    expect(readInputs(get({ network: 'host' })).network).toBe('host');
  });
});

describe('parseBuilderInfo', () => {
  it('takes buildx, driver, BuildKit and engine versions from the commands\' output', () => {
    const inspect = 'Name:          default\nDriver:        docker\n\nNodes:\nName:      default\nBuildKit version: v0.13.2\nPlatforms: linux/amd64\n';
    expect(parseBuilderInfo('github.com/docker/buildx 0.13.1 c3c1f2d\n', inspect, '26.1.5+dfsg1\n')).toEqual({
      buildx: 'github.com/docker/buildx 0.13.1 c3c1f2d', driver: 'docker', buildkit: 'v0.13.2', engine: '26.1.5+dfsg1',
    });
    expect(parseBuilderInfo('', '', '')).toEqual({});
  });
});
