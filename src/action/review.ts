import * as core from '@actions/core';
import { join } from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-file.js';
import { explainChanges, renderReviewMarkdown } from '../review/explain.js';
import type { BuildFacts } from '../review/facts.js';
import { loadReviewSide } from '../review/load.js';
import { createLock, DEFAULT_LOCK_NAME, manifestNameFor, serializeLock } from '../review/lock.js';
import { diffManifests } from '../review/manifest-diff.js';
import type { BuildReport, EnclaveOutputs } from './report.js';
import { copyManifest, openManifest } from '../build/manifest-reader.js';

/** Changed files listed in the job summary and the pull-request comment (GitHub caps a comment at 65,536 characters). */
const LISTED_CHANGES = 200;

/** The facts of this build, in the terms of a lock file. */
export function currentFacts(enclave: EnclaveOutputs, dstackUtil: string | undefined, baseImages: readonly string[]): BuildFacts {
  return { pcrs: enclave.pcrs, osImageHash: enclave.osImageHash, blobs: enclave.blobs, dstackUtil, baseImages };
}

/** Compares the build with the lock file (file by file when the locked manifest is committed beside it). */
export async function reviewAgainstLock(lockfile: string, enclave: EnclaveOutputs, facts: BuildFacts): Promise<NonNullable<BuildReport['review']>> {
  const locked = await loadReviewSide(lockfile).catch((error: unknown) => {
    throw new UserError(`input lockfile: ${errorMessage(error)}`, { cause: error });
  });
  if (!locked.facts) throw new UserError(`input lockfile: ${lockfile} is a manifest, not a lock file (write one with nitro-eif lock)`);
  if (locked.manifestNote) core.warning(`PCR review: ${locked.manifestNote}; file-level reasons are not available`);
  const files = locked.manifest ? await diffManifests(locked.manifest, await openManifest(enclave.manifestPath), { listed: LISTED_CHANGES }) : undefined;
  const review = explainChanges(locked.facts, facts, files);
  return { lockfile, review, markdown: renderReviewMarkdown(review) };
}

/** Writes the lock file this build would commit (and its manifest) into the output directory. */
export async function writeProposedLock(outputDir: string, enclave: EnclaveOutputs, facts: BuildFacts): Promise<string> {
  const manifestName = manifestNameFor(DEFAULT_LOCK_NAME);
  const { sha256 } = await copyManifest(enclave.manifestPath, join(outputDir, manifestName));
  const lock = createLock(facts, { path: manifestName, sha256 });
  const path = join(outputDir, DEFAULT_LOCK_NAME);
  await writeFileAtomic(path, serializeLock(lock));
  return path;
}

/** Posts or updates the sticky PR comment when the run is for a pull request and has a token. */
export async function commentOnPullRequest(token: string | undefined, report: BuildReport): Promise<void> {
  if (!token || !report.review) return;
  // Octokit loads only for a review to post.
  const { pullRequestTarget, upsertStickyComment } = await import('./pr-comment.js');
  const target = pullRequestTarget(token, report.review.lockfile);
  if (!target) return;
  const body = [`### Nitro Enclave PCR review (\`${report.review.lockfile}\`)`, '', report.review.markdown,
    `OS_IMAGE_HASH of this build: \`${report.enclave.osImageHash}\``].join('\n');
  try {
    const { created, id } = await upsertStickyComment(target, body);
    core.info(`PCR review comment ${created ? 'created' : 'updated'} (#${id}) on pull request #${target.issueNumber}`);
  } catch (error) {
    // A fork's pull request gets a read-only token: the review is still in the job summary.
    core.warning(`PCR review comment not posted on pull request #${target.issueNumber}: ${errorMessage(error)} (needs pull-requests: write)`);
  }
}
