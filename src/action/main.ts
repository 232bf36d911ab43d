import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { baseImages, parseFromInstructions, requirePinnedBases } from '../build/dockerfile-pins.js';
import type { DstackUtil } from '../build/dstack-util.js';
import { errorMessage, UserError } from '../errors.js';
import { buildImage, commitTime } from './build-image.js';
import { crossCheckWithNitroCli } from './cross-check.js';
import { resolveDstackUtil } from './dstack-util.js';
import { buildEnclaveImage } from './enclave.js';
import { type ActionInputs, readInputs } from './inputs.js';
import { setOutputs } from './outputs.js';
import type { BuildReport } from './report.js';
import { requireIdenticalBuilds } from './reproducibility.js';
import { commentOnPullRequest, currentFacts, reviewAgainstLock, writeProposedLock } from './review.js';
import { writeSummary } from './summary.js';

/** The action's composition root: inputs → pinned dstack-util → image → EIF → checks → outputs. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    // dstack-util first: a wrong pin fails before anything is built or published.
    const util = inputs.dstackUtil ? await resolveDstackUtil(inputs.dstackUtil) : undefined;
    const bases = await checkDockerfile(inputs);
    const sourceDateEpoch = inputs.sourceDateEpoch ?? (await commitTime(inputs.context));
    const report = await buildAndCheck(inputs, util, bases, sourceDateEpoch);
    setOutputs(report);
    if (inputs.summary) await writeSummary(report);
    await commentOnPullRequest(inputs.githubToken, report);
    if (report.reproducible === false) throw report.reproducibilityError;
    if (inputs.failOnPcrChange && report.review && !report.review.review.unchanged) {
      const changed = report.review.review.changes.map((c) => c.pcr).join(', ');
      throw new UserError(`fail-on-pcr-change: ${changed} differ from ${report.review.lockfile} (see the summary for why)`, { code: 'mismatch' });
    }
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}

async function checkDockerfile(inputs: ActionInputs): Promise<string[]> {
  const text = await readFile(inputs.file, 'utf8').catch((error: unknown) => {
    throw new UserError(`input file: cannot read ${inputs.file}: ${(error as Error).message}`, { cause: error });
  });
  const froms = inputs.requirePinnedBase ? requirePinnedBases(inputs.file, text, inputs.buildArgs) : parseFromInstructions(text, inputs.buildArgs);
  return baseImages(froms);
}

type Report = BuildReport & { reproducibilityError?: unknown };

async function buildAndCheck(inputs: ActionInputs, util: DstackUtil | undefined, bases: string[], sourceDateEpoch: number): Promise<Report> {
  const image = await core.group('Build the image', () => buildImage(inputs, util, sourceDateEpoch, join(inputs.outputDir, 'work', 'build'), false));
  const request = { sourceDateEpoch, dstackUtilSha256: util?.sha256 };
  const enclave = await core.group('Build the EIF', () => buildEnclaveImage(inputs, { ...request, ociArchive: image.ociArchive, outputDir: inputs.outputDir }));
  const facts = currentFacts(enclave, util?.sha256, bases);
  let reproducible: boolean | undefined;
  let reproducibilityError: unknown;
  if (inputs.reproducibilityCheck) {
    const again = await core.group('Rebuild from scratch (reproducibility check)', async () => {
      const rebuilt = await buildImage(inputs, util, sourceDateEpoch, join(inputs.outputDir, 'work', 'rebuild'), true);
      return buildEnclaveImage(inputs, { ...request, ociArchive: rebuilt.ociArchive, outputDir: join(inputs.outputDir, 'work', 'rebuild', 'out') });
    });
    reproducibilityError = await requireIdenticalBuilds(enclave, again).then(() => undefined, (error: unknown) => error);
    reproducible = reproducibilityError === undefined;
  }
  const review = inputs.lockfile ? await reviewAgainstLock(inputs.lockfile, enclave, facts) : undefined;
  if (inputs.lockfile) core.info(`Proposed lock file for this build: ${await writeProposedLock(inputs.outputDir, enclave, facts)}`);
  const crossCheck = inputs.crossCheckNitroCli
    ? (await crossCheckWithNitroCli(image.ociArchive, enclave.pcrs, join(inputs.outputDir, 'work', 'nitro-cli.eif'), (s) => process.stdout.write(s))).nitroCliPcrs
    : undefined;
  const dstackUtil = util ? { sha256: util.sha256, size: util.size, via: inputs.dstackUtil?.path ? `layer at ${inputs.dstackUtil.path}` : 'build context dstack-util' } : undefined;
  return { sourceDateEpoch, platform: inputs.platform, imageDigest: image.imageDigest, baseImages: bases, dstackUtil, enclave, reproducible, review, crossCheck, reproducibilityError };
}
