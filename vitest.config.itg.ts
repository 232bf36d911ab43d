import { defineConfig } from 'vitest/config';
import { testTempDir } from './test/global-setup.js';

// Integration tests: real Docker engine, S3 server, cosign and git, started by scripts/test.sh.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    env: { TMPDIR: testTempDir() },
    include: ['test/integration/**/*.itg.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
