import * as core from '@actions/core';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { emulationProblem, planDockerBuild, runProcess, type BinfmtHandler } from '../build/docker-build.js';
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
  await requireEmulation(inputs);
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

/** An image of the other architecture with RUN steps needs QEMU: fail in one line naming the fix, before building. */
async function requireEmulation(inputs: ActionInputs): Promise<void> {
  if (process.platform !== 'linux') return;
  const dockerfile = await readFile(inputs.file, 'utf8').catch(() => '');
  const problem = emulationProblem({ platform: inputs.platform, hostArch: process.arch, dockerfile, binfmt: await binfmtHandlers() });
  if (problem) throw new UserError(`input platform: ${problem}`, { code: 'unsupported' });
}

const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';

async function binfmtHandlers(): Promise<BinfmtHandler[]> {
  const names = await readdir(BINFMT_DIR).catch(() => [] as string[]);
  const handlers = await Promise.all(names.filter((n) => n !== 'register' && n !== 'status').map(async (name) => {
    const text = await readFile(`${BINFMT_DIR}/${name}`, 'utf8').catch(() => '');
    return { name, enabled: text.startsWith('enabled') };
  }));
  return handlers;
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
