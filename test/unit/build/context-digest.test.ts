import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestContext } from '../../../src/build/context-digest.js';

describe('digestContext', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'context-digest-'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\n');
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'run.sh'), 'echo hi\n', { mode: 0o644 });
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('changes with a file an earlier step added, an edit, an executable bit or a link target', async () => {
    const base = (await digestContext(dir)).sha256;
    expect((await digestContext(dir)).sha256).toBe(base);
    await writeFile(join(dir, 'generated.txt'), 'x');
    const added = (await digestContext(dir)).sha256;
    expect(added).not.toBe(base);
    await rm(join(dir, 'generated.txt'));
    await chmod(join(dir, 'app', 'run.sh'), 0o755);
    expect((await digestContext(dir)).sha256).not.toBe(base);
    await chmod(join(dir, 'app', 'run.sh'), 0o644);
    expect((await digestContext(dir)).sha256).toBe(base);
    await symlink('run.sh', join(dir, 'app', 'link'));
    const linked = (await digestContext(dir)).sha256;
    await rm(join(dir, 'app', 'link'));
    await symlink('other', join(dir, 'app', 'link'));
    expect((await digestContext(dir)).sha256).not.toBe(linked);
  });

  it('leaves out .git and the output directory', async () => {
    const base = await digestContext(dir);
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await mkdir(join(dir, 'nitro-eif-out'));
    await writeFile(join(dir, 'nitro-eif-out', 'enclave.eif'), 'eif');
    expect(await digestContext(dir, [join(dir, 'nitro-eif-out')])).toEqual(base);
    expect((await digestContext(dir)).sha256).not.toBe(base.sha256);
  });
});
