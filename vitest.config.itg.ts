import { defineConfig } from 'vitest/config';

// Integration tests: real Docker engine, S3 server, cosign and git, started by scripts/test.sh.
export default defineConfig({
  test: {
    include: ['test/integration/**/*.itg.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
