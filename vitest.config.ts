import { defineConfig } from 'vitest/config';

// Unit tests: no external services, run everywhere in seconds.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
