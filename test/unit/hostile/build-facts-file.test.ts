// The build facts file of a registration pull request comes with the pull request, so the registry's
// verify action reads it as hostile input: a symlink to a FIFO (a blocking read would wait forever),
// to /dev/zero (endless bytes) or a file over the JSON cap is refused in one line before it is read.
import { execFileSync } from 'node:child_process';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { readBuildFacts } from '../../../src/governance/index.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const refusal = async (plant: (path: string) => void): Promise<Error | undefined> => withTempDir(async (dir) => {
  const path = join(dir, '0xfacts.json');
  plant(path);
  return readBuildFacts(path).then(() => undefined, (error: unknown) => error as Error);
});

describe('readBuildFacts', () => {
  it.each([
    ['a symlink to a FIFO', (path: string) => { execFileSync('mkfifo', [`${path}.fifo`]); symlinkSync(`${path}.fifo`, path); }, /: not a regular file \(a FIFO\)$/],
    ['a symlink to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), /: not a regular file \(a character device\)$/],
    ['a sparse file of 1 GiB', (path: string) => { writeFileSync(path, ''); truncateSync(path, 1 << 30); }, /: 1073741824 bytes is too large \(at most \d+\)$/],
  ])('refuses %s in one line, at once', async (_what, plant, says) => {
    const started = Date.now();
    const error = await refusal(plant);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(says);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 15_000);

  it('says the pull request must carry the file when it is missing', async () => {
    const error = await refusal(() => undefined);
    expect(error?.message).toMatch(/0xfacts\.json: the registration pull request must carry its build facts/);
  });
});
