import { defineConfig } from 'vitest/config';
import { testTempDir } from './test/global-setup.js';

// Unit tests: no external services, run everywhere in seconds.
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    env: { TMPDIR: testTempDir() },
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
