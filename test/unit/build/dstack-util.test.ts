import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchDstackUtil, parseSha256 } from '../../../src/build/dstack-util.js';
import { VerificationError } from '../../../src/errors.js';

const bytes = Buffer.from('\x7fELF fake dstack-util');
const sha = createHash('sha256').update(bytes).digest('hex');

describe('fetchDstackUtil', () => {
  it('copies a file that matches its pin into a build-context directory, mode 0755', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'du-'));
    await writeFile(join(dir, 'src'), bytes);
    const util = await fetchDstackUtil(join(dir, 'src'), `sha256:${sha.toUpperCase()}`, join(dir, 'work'));
    expect(util).toMatchObject({ sha256: sha, size: bytes.length, dir: join(dir, 'work', 'dstack-util') });
    expect(await readFile(util.path)).toEqual(bytes);
    expect((await stat(util.path)).mode & 0o777).toBe(0o755);
  });

  it('fails closed on a mismatch and leaves no copy behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'du-'));
    await writeFile(join(dir, 'src'), bytes);
    const wrong = 'f'.repeat(64);
    const attempt = fetchDstackUtil(join(dir, 'src'), wrong, join(dir, 'work'));
    await expect(attempt).rejects.toThrow(VerificationError);
    await expect(attempt).rejects.toThrow(`SHA-256 is ${sha}, but dstack-util-sha256 pins ${wrong}`);
    await expect(stat(join(dir, 'work', 'dstack-util'))).rejects.toThrow();
  });

  it('refuses other URL schemes and missing files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'du-'));
    await expect(fetchDstackUtil('http://example.com/x', sha, dir)).rejects.toThrow(/only a file path or an https:\/\/ URL/);
    await expect(fetchDstackUtil(join(dir, 'missing'), sha, dir)).rejects.toThrow(/dstack-util .*missing: cannot read: no such file or directory$/);
  });

  it('checks the pin format', () => {
    expect(() => parseSha256('abc', 'dstack-util-sha256')).toThrow(/dstack-util-sha256: expected 64 hex digits/);
  });
});
