// A build context for the integration tests that run the real engine: a temp dir with synthetic
// blobs, and a context holding the Dockerfile (made from the deterministic busybox base) and a
// `payload` script; `datedFiles` adds past.txt and future.txt, one each side of `epoch`.
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeBusyboxBase, tempDir } from './docker.js';
import { makeSyntheticBlobs } from './synthetic-blobs.js';

export interface BuildContext {
  readonly dir: string;
  readonly cleanup: () => Promise<void>;
  readonly blobs: string;
  readonly ctx: string;
}

export async function makeBuildContext(prefix: string, dockerfile: (base: string) => string, options: { datedFiles?: { epoch: number } } = {}): Promise<BuildContext> {
  const { dir, cleanup } = await tempDir(prefix);
  const blobs = makeSyntheticBlobs('x86_64', join(dir, 'blobs'));
  const ctx = join(dir, 'ctx');
  await mkdir(ctx);
  await writeFile(join(ctx, 'Dockerfile'), dockerfile(await makeBusyboxBase()));
  await writeFile(join(ctx, 'payload'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  if (options.datedFiles) {
    const { epoch } = options.datedFiles;
    await writeFile(join(ctx, 'past.txt'), 'past\n');
    await utimes(join(ctx, 'past.txt'), epoch - 1000, epoch - 1000);
    await writeFile(join(ctx, 'future.txt'), 'future\n');
    await utimes(join(ctx, 'future.txt'), 4_100_000_000, 4_100_000_000);
  }
  return { dir, cleanup, blobs, ctx };
}
