import * as core from '@actions/core';
import { readdir, readFile } from 'node:fs/promises';
import { emulationProblem, runProcess, type BinfmtHandler } from '../build/docker-build.js';
import type { DstackUtil } from '../build/dstack-util.js';
import { layerPlacement, type DstackUtilPlacement, type ImageBuildRequest } from '../build/image-build.js';
import { UserError } from '../errors.js';
import type { ActionInputs } from './inputs.js';

// The image build request for the action's inputs (src/build/context-build.ts does the work, the
// same code `nitro-eif reproduce` rebuilds with).

/** Where the action puts dstack-util: a final layer with dstack-util-path, else the `dstack-util` build context. */
export function dstackUtilPlacement(inputs: ActionInputs, sourceDateEpoch: number): DstackUtilPlacement | undefined {
  if (!inputs.dstackUtil) return undefined;
  return inputs.dstackUtil.path !== undefined ? layerPlacement(inputs.dstackUtil.path, sourceDateEpoch) : { kind: 'build-context', name: 'dstack-util' };
}

/** The request for one image build; fails first when the platform needs an emulator the runner lacks. */
export async function imageBuildRequest(inputs: ActionInputs, util: DstackUtil | undefined, sourceDateEpoch: number, dir: string, noCache: boolean): Promise<ImageBuildRequest> {
  await requireEmulation(inputs);
  const placement = dstackUtilPlacement(inputs, sourceDateEpoch);
  return {
    context: inputs.context, file: inputs.file, buildArgs: inputs.buildArgs, target: inputs.target, platform: inputs.platform,
    network: inputs.network, sourceDateEpoch, dir, noCache,
    dstackUtil: util && placement ? { dir: util.dir, path: util.path, placement } : undefined,
    env: process.env, onCommand: (line) => core.info(line), onInfo: (line) => core.info(line), onOutput: (text) => process.stdout.write(text),
  };
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
