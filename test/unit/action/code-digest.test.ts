// The provenance's digest of the action's code covers the entry and every chunk it may load, and is
// what `sha256sum` of those files, hashed again, gives (how a user checks it).
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionCodeDigest } from '../../../src/action/code-digest.js';
import { withTempDir } from '../../helpers/temp-dir.js';

async function bundle(dir: string, chunks: Record<string, string>): Promise<string> {
  const dist = join(dir, 'dist');
  await mkdir(join(dist, 'action-chunks'), { recursive: true });
  await writeFile(join(dist, 'index.js'), 'import("./action-chunks/a.js");\n');
  for (const [name, text] of Object.entries(chunks)) await writeFile(join(dist, 'action-chunks', name), text);
  return dist;
}

/** coreutils' answer: `sha256sum index.js action-chunks/… | sha256sum`, files in the C locale's order. */
function sha256sumOfListing(dist: string, chunkNames: string[]): string {
  const listing = execFileSync('sha256sum', ['index.js', ...chunkNames.map((n) => `action-chunks/${n}`)], { cwd: dist });
  return execFileSync('sha256sum', { input: listing }).toString().split(' ')[0]!;
}

describe('actionCodeDigest', () => {
  it('is the SHA-256 of the sha256sum listing of index.js and the chunks, from the entry or from a chunk', async () => {
    await withTempDir(async (dir) => {
      const dist = await bundle(dir, { 'a.js': 'export const a = 1;\n', 'B-X.js': 'export const b = 2;\n', 'notes.txt': 'not code' });
      // C order puts upper case first: B-X.js before a.js.
      const expected = sha256sumOfListing(dist, ['B-X.js', 'a.js']);
      expect(await actionCodeDigest(pathToFileURL(join(dist, 'index.js')).href)).toBe(expected);
      expect(await actionCodeDigest(pathToFileURL(join(dist, 'action-chunks', 'a.js')).href)).toBe(expected);
    });
  });

  it('changes when any chunk changes', async () => {
    await withTempDir(async (dir) => {
      const dist = await bundle(dir, { 'a.js': 'export const a = 1;\n' });
      const before = await actionCodeDigest(pathToFileURL(join(dist, 'index.js')).href);
      await writeFile(join(dist, 'action-chunks', 'a.js'), 'export const a = 2;\n');
      expect(await actionCodeDigest(pathToFileURL(join(dist, 'index.js')).href)).not.toBe(before);
    });
  });

  it('is undefined outside a bundle', async () => {
    await withTempDir(async (dir) => {
      expect(await actionCodeDigest(pathToFileURL(join(dir, 'main.ts')).href)).toBeUndefined();
    });
  });
});
