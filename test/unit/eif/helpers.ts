import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared fixtures dir: `<repo>/../shared`, else /work/shared. */
export function sharedDir(): string {
  const beside = resolve(repo, '../shared');
  return existsSync(join(beside, 'spec')) ? beside : '/work/shared';
}

export const TINY_EIF = join(sharedDir(), 'fixtures/eif/tiny.eif');

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'nitro-eif-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
