import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root (this file lives in <repo>/test/helpers).
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

// The shared fixtures/spec directory: `<repo>/../shared` (CI clones beside it), else /work/shared.
export function sharedDir(): string {
  const beside = resolve(repoRoot(), '..', 'shared');
  return existsSync(beside) ? beside : '/work/shared';
}
