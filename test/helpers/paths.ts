import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root (this file lives in <repo>/test/helpers).
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

// The repository's own test fixtures (test/fixtures; test/fixtures/README.md says where each came from).
export function fixturesDir(): string {
  return join(repoRoot(), 'test', 'fixtures');
}

// One fixture file or folder by its path under test/fixtures, e.g. fixture('eif', 'tiny.eif').
export function fixture(...parts: string[]): string {
  return join(fixturesDir(), ...parts);
}
