import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { RangeDigester } from '../../../src/io/range-digest.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'range-digest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (algorithm: string, bytes: Uint8Array): string => createHash(algorithm).update(bytes).digest('hex');

describe('RangeDigester', () => {
  it('hashes byte ranges of a file on its worker, queued jobs in turn, and says how many bytes it found', async () => {
    const data = randomBytes(9 << 20); // more than the worker's read buffer
    const path = join(dir, 'blob');
    writeFileSync(path, data);
    const digester = new RangeDigester();
    try {
      const [whole, middle, past] = await Promise.all([
        digester.digest(path, 0, data.length, 'sha256'),
        digester.digest(path, 12_345, 5 << 20, 'sha384'),
        digester.digest(path, data.length - 10, 100, 'sha256'),
      ]);
      expect(whole).toEqual({ bytes: data.length, digest: sha('sha256', data) });
      expect(middle).toEqual({ bytes: 5 << 20, digest: sha('sha384', data.subarray(12_345, 12_345 + (5 << 20))) });
      expect(past).toEqual({ bytes: 10, digest: sha('sha256', data.subarray(data.length - 10)) });
      // The worker stopped when the queue ran dry; a later job starts another.
      expect((await digester.digest(path, 1, 1, 'sha256')).digest).toBe(sha('sha256', data.subarray(1, 2)));
    } finally {
      await digester.close();
    }
  });

  it('refuses a FIFO in one line instead of waiting for a writer', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const digester = new RangeDigester();
    try {
      const refused = digester.digest(fifo, 0, 10, 'sha256');
      await expect(refused).rejects.toThrow(UserError);
      await expect(refused).rejects.toThrow(/not a regular file \(a FIFO\)/);
    } finally {
      await digester.close();
    }
  });
});
