// Reads the test infrastructure started by scripts/infra/up.sh (env file $NITRO_INFRA_RUN/env, sourced
// by scripts/test.sh). In CI (CI=true) missing infra is an error; locally such tests are skipped.
import { describe, it } from 'vitest';

export interface InfraEnv {
  /** unix:// socket of the dockerd with BuildKit and the containerd snapshotter. */
  dockerHost: string;
  /** http://127.0.0.1:PORT of the moto S3 server (path-style, any credentials). */
  s3Endpoint: string;
  /** Path of the cosign binary. */
  cosign: string;
  /** Path of a static busybox binary (for local base images). */
  busybox: string;
}

const SETUP_HINT =
  'integration infra is not running: run `bash scripts/infra/install.sh && bash scripts/infra/up.sh` ' +
  'then `source ${NITRO_INFRA_RUN:-/tmp/nitro-eif-infra}/env` (scripts/test.sh does all of this)';

// The infra from the environment, or undefined when any of its variables is missing.
export function infraEnv(env: NodeJS.ProcessEnv = process.env): InfraEnv | undefined {
  const dockerHost = env.DOCKER_HOST;
  const s3Endpoint = env.NITRO_TEST_S3_ENDPOINT;
  const cosign = env.NITRO_TEST_COSIGN;
  const busybox = env.NITRO_TEST_BUSYBOX;
  if (!dockerHost || !s3Endpoint || !cosign || !busybox || !env.DOCKER_CONFIG) return undefined;
  return { dockerHost, s3Endpoint, cosign, busybox };
}

// The infra, or an Error naming the scripts that start it.
export function requireInfra(env: NodeJS.ProcessEnv = process.env): InfraEnv {
  const infra = infraEnv(env);
  if (!infra) {
    throw new Error(
      `${SETUP_HINT}; missing one of DOCKER_HOST, DOCKER_CONFIG, NITRO_TEST_S3_ENDPOINT, NITRO_TEST_COSIGN, NITRO_TEST_BUSYBOX`,
    );
  }
  return infra;
}

// True when CI=true (or 1): integration tests must fail, not skip, without infra.
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

// describe() that receives the infra. Without infra: fails in CI, is skipped (with the hint) locally.
export function describeWithInfra(name: string, body: (infra: InfraEnv) => void): void {
  const infra = infraEnv();
  if (infra) {
    describe(name, () => body(infra));
  } else if (inCi()) {
    describe(name, () => {
      it('has the integration infra (CI=true)', () => {
        requireInfra();
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${SETUP_HINT})`, () => {
      it('needs infra', () => undefined);
    });
  }
}
