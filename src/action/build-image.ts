import * as core from '@actions/core';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { planDockerBuild, runProcess } from '../build/docker-build.js';
import type { DstackUtil } from '../build/dstack-util.js';
import { UserError } from '../errors.js';
import { appendFileLayer, readImageDigest } from '../image/append-layer.js';
import type { ActionInputs } from './inputs.js';

// One image build: `docker buildx build` to an OCI archive in a fresh directory, then (with
// dstack-util-path) the dstack-util layer appended. Returns the archive the EIF is built from.

export interface ImageBuild {
  readonly dir: string;
  readonly ociArchive: string;
  /** `sha256:…` of the final image manifest. */
  readonly imageDigest: string;
}

export async function buildImage(inputs: ActionInputs, util: DstackUtil | undefined, sourceDateEpoch: number, dir: string, noCache: boolean): Promise<ImageBuild> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const built = join(dir, 'image.oci.tar');
  const layered = inputs.dstackUtil?.path !== undefined && util !== undefined;
  const plan = planDockerBuild({
    context: inputs.context, file: inputs.file, buildArgs: inputs.buildArgs, target: inputs.target, platform: inputs.platform,
    network: inputs.network, sourceDateEpoch, noCache, outputPath: resolve(built),
    // As a build context only when the Dockerfile copies it; with dstack-util-path it is added afterwards.
    dstackUtilDir: util && !layered ? util.dir : undefined,
  });
  core.info(`docker ${plan.args.join(' ')}`);
  await runProcess(plan, { env: process.env, onOutput: (text) => process.stdout.write(text) });
  if (!layered) return { dir, ociArchive: built, imageDigest: await readImageDigest(built) };
  const ociArchive = join(dir, 'image-with-dstack-util.oci.tar');
  const { manifestDigest } = await appendFileLayer({
    archivePath: built, outputPath: ociArchive, sourcePath: util.path, targetPath: inputs.dstackUtil!.path!, mtime: sourceDateEpoch, mode: 0o755,
  });
  return { dir, ociArchive, imageDigest: manifestDigest };
}

/** The commit time of HEAD in `dir` (the default SOURCE_DATE_EPOCH). */
export async function commitTime(dir: string): Promise<number> {
  const out = await runProcess({ command: 'git', args: ['log', '-1', '--format=%ct', 'HEAD'], env: {} }, { env: process.env, cwd: dir }).catch((error: unknown) => {
    throw new UserError(`input source-date-epoch: not set and the commit time of HEAD is unknown (${(error as Error).message}); check out the repository or set it`, { cause: error });
  });
  const epoch = Number(out.trim());
  if (!Number.isSafeInteger(epoch) || epoch < 0) throw new UserError(`input source-date-epoch: git printed ${JSON.stringify(out.trim())} as the commit time of HEAD`);
  return epoch;
}
