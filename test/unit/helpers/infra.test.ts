import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inCi, infraEnv, requireInfra } from '../../helpers/infra.js';
import { fixturesDir, repoRoot } from '../../helpers/paths.js';

const full = {
  DOCKER_HOST: 'unix:///tmp/x/docker.sock',
  DOCKER_CONFIG: '/tmp/x/docker-config',
  NITRO_TEST_S3_ENDPOINT: 'http://127.0.0.1:1234',
  NITRO_TEST_COSIGN: '/c/cosign',
  NITRO_TEST_BUSYBOX: '/b/busybox',
};

describe('infraEnv / requireInfra', () => {
  it('reads the variables written by scripts/infra/up.sh', () => {
    expect(infraEnv(full)).toEqual({
      dockerHost: 'unix:///tmp/x/docker.sock',
      s3Endpoint: 'http://127.0.0.1:1234',
      cosign: '/c/cosign',
      busybox: '/b/busybox',
    });
  });

  it.each(Object.keys(full))('is undefined without %s, and requireInfra names the scripts', (key) => {
    const env: Record<string, string | undefined> = { ...full, [key]: undefined };
    expect(infraEnv(env)).toBeUndefined();
    expect(() => requireInfra(env)).toThrow(/scripts\/infra\/up\.sh/);
  });

  it('treats CI=true as CI', () => {
    expect(inCi({ CI: 'true' })).toBe(true);
    expect(inCi({})).toBe(false);
  });
});

describe('paths', () => {
  it('finds the repository and its own fixtures', () => {
    expect(existsSync(join(repoRoot(), 'package.json'))).toBe(true);
    expect(existsSync(join(fixturesDir(), 'README.md'))).toBe(true);
  });
});
