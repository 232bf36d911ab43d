import * as core from '@actions/core';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { baseImages, parseFromInstructions, requirePinnedBases } from '../build/dockerfile-pins.js';
import type { DstackUtil } from '../build/dstack-util.js';
import type { BuildProgress } from '../build/pipeline.js';
import { describeBuildProgress } from '../build/progress.js';
import { errorLine, UserError } from '../errors.js';
import { cleanUpOnSignals, removeOnInterrupt } from '../io/cleanup.js';
import { commitTime, imageBuildRequest } from './build-image.js';
import { crossCheckWithNitroCli } from './cross-check.js';
import type { ResolvedDstackUtil } from './dstack-util.js';
import { buildEnclaveImage } from './enclave.js';
import { withHeartbeat } from './heartbeat.js';
import { type ActionInputs, readInputs } from './inputs.js';
import { checkBeforeBuild, type Prepared } from './preflight.js';
import { publishedFacts, setPublishOutputs } from './publish-outputs.js';
import { setOutputs } from './outputs.js';
import type { BuildReport, EnclaveOutputs } from './report.js';
import { requireIdenticalBuilds } from './reproducibility.js';
import { commentOnPullRequest, currentFacts, reviewAgainstLock, writeProposedLock } from './review.js';
import { maskSecret, signEnclave } from './signing.js';
import { writeSummary } from './summary.js';
import { MAX_JSON_BYTES, readRegularText } from '../io/regular-file.js';

/** The action's composition root: inputs → checks before the build → pinned dstack-util → image → EIF → checks → outputs. */
export async function run(): Promise<void> {
  let workDir: string | undefined;
  let util: ResolvedDstackUtil | undefined;
  // A cancelled job (SIGINT, then SIGTERM) must not leave half-written outputs on a self-hosted runner.
  cleanUpOnSignals((signal) => core.error(`interrupted (${signal}); temporary files removed`));
  try {
    const inputs = readInputs((name) => core.getInput(name));
    maskSecrets(inputs);
    // Every input that can be checked without building is checked first, keys read once.
    const prepared = await checkBeforeBuild(inputs);
    const bases = await checkDockerfile(inputs);
    // dstack-util before the image: a wrong pin fails before anything is built or published.
    util = inputs.dstackUtil ? await (await import('./dstack-util.js')).resolveDstackUtil(inputs.dstackUtil) : undefined;
    const sourceDateEpoch = inputs.sourceDateEpoch ?? (await commitTime(inputs.context));
    workDir = join(inputs.outputDir, 'work');
    removeOnInterrupt(workDir);
    const { report, failure } = await buildAndCheck({ inputs, prepared, util, bases, sourceDateEpoch, workDir });
    await publishAndReport(inputs, prepared, report, failure);
    if (failure) throw failure;
  } catch (error) {
    fail(error);
  } finally {
    if (workDir) await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    if (util) await (await import('./dstack-util.js')).removeDstackUtil(util);
  }
}

/** Provenance, store and registration only for a build that passed every check; outputs, summary, comment always. */
async function publishAndReport(inputs: ActionInputs, prepared: Prepared, built: BuildReport, failure: unknown): Promise<void> {
  const passed = failure === undefined;
  // Provenance (Sigstore), the store (AWS SDK) and registration (Octokit) load only when asked for.
  const report = inputs.provenance && passed
    ? { ...built, provenancePath: await (await import('./provenance.js')).writeProvenance(inputs, built, prepared.provenanceKey) } : built;
  const publishing = (inputs.store || inputs.registration) && passed ? await import('./publish.js') : undefined;
  const pushed = inputs.store && publishing ? await core.group('Push to the store', () => publishing.pushToStore(inputs.store!, report)) : undefined;
  const registered = inputs.registration && publishing
    ? await core.group('Registration pull request', () => publishing.openRegistration(inputs.registration!, report, pushed)) : undefined;
  setOutputs(report);
  setPublishOutputs(pushed, registered);
  if (inputs.summary) await writeSummary({ ...report, published: publishedFacts(pushed, registered) });
  await commentOnPullRequest(inputs.githubToken, report);
}

/** Fails the step; an error on a line of a file (a Dockerfile's FROM) becomes an annotation on that line. */
function fail(error: unknown): void {
  const location = error instanceof UserError ? error.location : undefined;
  // One line, cut like the CLI's: a message quoting a hostile input stays readable in the log.
  if (!location) return core.setFailed(errorLine(error));
  core.error(errorLine(error), { file: location.file, startLine: location.line });
  process.exitCode = core.ExitCode.Failure;
}

function maskSecrets(inputs: ActionInputs): void {
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  if (inputs.signing && !inputs.signing.key.startsWith('arn:')) maskSecret(inputs.signing.key);
  if (inputs.provenance?.key) maskSecret(inputs.provenance.key);
  if (inputs.registration?.token) core.setSecret(inputs.registration.token);
}

async function checkDockerfile(inputs: ActionInputs): Promise<string[]> {
  const text = await readRegularText(inputs.file, { label: `input file ${inputs.file}`, maxBytes: MAX_JSON_BYTES });
  const froms = inputs.requirePinnedBase ? requirePinnedBases(inputs.file, text, inputs.buildArgs) : parseFromInstructions(text, inputs.buildArgs);
  return baseImages(froms);
}

interface Job {
  readonly inputs: ActionInputs;
  readonly prepared: Prepared;
  readonly util?: DstackUtil;
  readonly bases: string[];
  readonly sourceDateEpoch: number;
  readonly workDir: string;
}

/**
 * Image + EIF, in a fresh directory; `noCache` for the reproducibility rebuild. A line at least
 * every 10 s says what the build is doing.
 */
async function buildOnce(job: Job, name: string, outputDir: string, noCache: boolean): Promise<{ imageDigest: string; flatLayout?: string; enclave: EnclaveOutputs }> {
  const dir = join(job.workDir, name);
  const image = await imageBuildRequest(job.inputs, job.util, job.sourceDateEpoch, dir, noCache);
  const flatLayout = job.inputs.crossCheckNitroCli ? join(job.workDir, `${name}-flat.oci`) : undefined;
  let streamed = false;
  let imageBuilt = false;
  let progress: BuildProgress = { phase: 'open' };
  const { imageDigest, ...enclave } = await withHeartbeat(
    () => buildEnclaveImage(job.inputs, {
      image, outputDir, sourceDateEpoch: job.sourceDateEpoch, dstackUtilSha256: job.util?.sha256, flatLayoutDir: flatLayout,
      onExport: (path) => {
        streamed = path === 'rootfs-stream';
        core.info(streamed
          ? 'The builder uses the docker driver: its root filesystem is read while it builds'
          : 'The image is exported as an OCI layout directory, then the EIF is built from it');
      },
      onImageBuilt: () => { imageBuilt = true; },
      onProgress: (p) => { progress = p; },
    }),
    (s) => streamed ? `building the image and the EIF (${s} s): ${describeBuildProgress(progress)}`
      : imageBuilt ? `building the EIF (${s} s): ${describeBuildProgress(progress)}` : `still building the image (${s} s)`,
  );
  return { imageDigest, ...(flatLayout ? { flatLayout } : {}), enclave };
}

/** Builds, checks and reviews; a failed check is returned (not thrown) so outputs and summary are still written. */
async function buildAndCheck(job: Job): Promise<{ report: BuildReport; failure?: unknown }> {
  const { inputs } = job;
  const first = await core.group('Build the image and the EIF', () => buildOnce(job, 'build', inputs.outputDir, false));
  let failure: unknown;
  let reproducible: boolean | undefined;
  if (inputs.reproducibilityCheck) {
    const again = await core.group('Rebuild from scratch (reproducibility check)', () => buildOnce(job, 'rebuild', join(job.workDir, 'rebuild-out'), true));
    failure = await requireIdenticalBuilds(first.enclave, again.enclave).then(() => undefined, (error: unknown) => error);
    reproducible = failure === undefined;
  }
  const enclave = job.prepared.signing ? await signEnclave(job.prepared.signing, first.enclave) : first.enclave;
  const facts = currentFacts(enclave, job.util?.sha256, job.bases);
  const review = inputs.lockfile ? await reviewAgainstLock(inputs.lockfile, enclave, facts) : undefined;
  if (inputs.lockfile) core.info(`Lock file for this build (commit it if the change is intended): ${await writeProposedLock(inputs.outputDir, enclave, facts)}`);
  const crossCheck = inputs.crossCheckNitroCli
    ? (await crossCheckWithNitroCli(first.flatLayout!, enclave.pcrs, join(job.workDir, 'nitro-cli.eif'), (s) => process.stdout.write(s))).nitroCliPcrs
    : undefined;
  const attestation = inputs.attestationDocument
    ? await (await import('./attestation.js')).checkAttestationDocument(inputs.attestationDocument, enclave) : undefined;
  if (!failure && inputs.failOnPcrChange && review && !review.review.unchanged) {
    const changed = review.review.changes.map((c) => c.pcr).join(', ');
    failure = new UserError(`fail-on-pcr-change: ${changed} differ from ${review.lockfile} (see the summary for why)`, { code: 'mismatch' });
  }
  const dstackUtil = job.util && { sha256: job.util.sha256, size: job.util.size, via: inputs.dstackUtil?.path ? `layer at ${inputs.dstackUtil.path}` : 'build context dstack-util' };
  const report: BuildReport = { sourceDateEpoch: job.sourceDateEpoch, platform: inputs.platform, imageDigest: first.imageDigest, baseImages: job.bases,
    dstackUtil, enclave, reproducible, review, crossCheck, attestation,
    unsignedEif: inputs.signing && first.enclave.eifSha384 ? { sha256: first.enclave.eifSha256, sha384: first.enclave.eifSha384 } : undefined };
  return { report, failure };
}
