// register(): open (or update) a pull request on the KMS registry repository that allows one
// OS_IMAGE_HASH — an auth-simple config edit or a Safe batch for the on-chain contracts.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import { MAX_JSON_BYTES, readRegularText } from '../io/regular-file.js';
import { UserError } from '../errors.js';
import type { Pcrs } from '../eif/types.js';
import { Git, type GitIdentity } from './git.js';
import { GitHubPulls } from './github.js';
import { checkRegistrableHash, planChange, targetFile, type TargetOptions } from './plan.js';
import { buildFactsPath, renderBuildFacts, type BuildFacts } from './build-facts.js';
import { renderPrBody, type RegistrationEvidence } from './pr-body.js';

export interface RegisterOptions extends TargetOptions {
  /** OS_IMAGE_HASH, with or without 0x. */
  osImageHash: string;
  /** PCR0–2 from the measurements: checked against the hash and shown in the PR. */
  pcrs?: Pcrs;
  /** `owner/repo` of the registry. */
  registryRepository: string;
  /** Base branch, default `main`. */
  registryBase?: string;
  /** GitHub token: reaches git through the environment only, and the API as a header. */
  token?: string;
  /** Clone URL; default `https://github.com/<owner>/<repo>.git`. */
  gitUrl?: string;
  /** REST API base; default `https://api.github.com`. */
  apiUrl?: string;
  /** Write the changed file to `dryRunOutput` and return the PR body; no push, no API call. */
  dryRun?: boolean;
  dryRunOutput?: string;
  evidence?: RegistrationEvidence;
  /** Written as `nitro-eif-builds/0x<hash>.json` on the registration branch, for the registry's verify action. */
  buildFacts?: Omit<BuildFacts, 'schema' | 'os_image_hash'>;
  identity?: GitIdentity;
}

export type PullRequestOperation = 'created' | 'updated' | 'none';

export interface RegisterResult {
  /** 0x + 64 lowercase hex. */
  osImageHash: string;
  operation: PullRequestOperation;
  /** The base branch already allows the hash (operation `none`, no PR). */
  alreadyRegistered: boolean;
  branch: string;
  /** The registry file added or changed (repository path). */
  file: string;
  pullRequestNumber?: number;
  pullRequestUrl?: string;
  /** The PR body (also what --dry-run prints). */
  body?: string;
  /** Where --dry-run wrote the changed file. */
  dryRunFile?: string;
  warnings: string[];
}

/** The deterministic head branch for one hash (64 hex, no 0x). */
export function registrationBranch(hash: string): string {
  return `nitro-eif/register-${hash.slice(0, 16)}`;
}

function parseRepository(value: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value.trim());
  if (!match) throw new UserError(`--registry-repository: expected owner/repo, got ${JSON.stringify(value)}`, { code: 'usage' });
  return { owner: match[1]!, repo: match[2]! };
}

/**
 * Registers the hash: clones the registry's base branch, and unless the hash is already allowed
 * there, commits the change on `nitro-eif/register-<hash[0:16]>`, force-pushes it (skipped when the
 * remote branch already has the same tree) and creates or updates the pull request.
 */
export async function register(options: RegisterOptions): Promise<RegisterResult> {
  const hash = checkRegistrableHash(options.osImageHash, options.pcrs);
  const { owner, repo } = parseRepository(options.registryRepository);
  const base = options.registryBase ?? 'main';
  const work = await makeTempDir(tmpdir(), 'nitro-eif-register-');
  try {
    const git = await cloneBase(work, options.gitUrl ?? `https://github.com/${owner}/${repo}.git`, base, options);
    const plan = planChange(options, hash, await readOptional(join(git.cwd, targetFile(options, hash))));
    const result: RegisterResult = {
      osImageHash: `0x${hash}`, operation: 'none', alreadyRegistered: plan.registered, branch: registrationBranch(hash), file: plan.file, warnings: plan.warnings,
    };
    if (plan.registered) return result;
    const body = renderPrBody({
      mode: options.mode, hashBytes32: `0x${hash}`, pcrs: options.pcrs, file: plan.file, evidence: options.evidence ?? {}, batch: plan.batch, appId: options.appId, warnings: plan.warnings,
      ...(options.buildFacts ? { factsFile: buildFactsPath(hash) } : {}),
    });
    if (options.dryRun) {
      const out = options.dryRunOutput ?? plan.file.split('/').pop()!;
      await writeFile(out, plan.text!);
      return { ...result, body, dryRunFile: out };
    }
    const files = [{ file: plan.file, text: plan.text! }];
    if (options.buildFacts) files.push({ file: buildFactsPath(hash), text: renderBuildFacts({ os_image_hash: `0x${hash}`, ...options.buildFacts }) });
    await commitAndPush(git, files, result.branch, result.osImageHash);
    const pulls = new GitHubPulls({ token: options.token, baseUrl: options.apiUrl ?? 'https://api.github.com' });
    const title = `Register Nitro OS image 0x${hash.slice(0, 16)}… (${options.mode})`;
    const pr = await pulls.createOrUpdate({ owner, repo, head: result.branch, base, title, body });
    return { ...result, operation: pr.operation, pullRequestNumber: pr.number, pullRequestUrl: pr.url, body };
  } finally {
    await removeTempDir(work);
  }
}

async function cloneBase(work: string, url: string, base: string, options: RegisterOptions): Promise<Git> {
  await new Git(work, { token: options.token }).run(['clone', '--quiet', '--depth', '1', '--single-branch', '--branch', base, '--', url, 'repo']);
  return new Git(join(work, 'repo'), { token: options.token, identity: options.identity });
}

async function readOptional(path: string): Promise<string | undefined> {
  return readRegularText(path, { maxBytes: MAX_JSON_BYTES }).catch((error: UserError) => {
    if ((error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Commits the change on the registration branch and pushes it, unless the remote already has it. */
async function commitAndPush(git: Git, files: readonly { file: string; text: string }[], branch: string, bytes32: string): Promise<void> {
  for (const { file, text } of files) {
    const path = join(git.cwd, ...file.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  await git.run(['checkout', '--quiet', '-B', branch]);
  await git.run(['add', '--', ...files.map((f) => f.file)]);
  await git.run(['commit', '--quiet', '--no-verify', '-m', `Register Nitro OS image ${bytes32}`]);
  const remote = await git.out(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]);
  if (remote) {
    await git.run(['fetch', '--quiet', '--depth', '1', 'origin', `refs/heads/${branch}`]);
    const [ours, theirs] = await Promise.all([git.out(['rev-parse', 'HEAD^{tree}']), git.out(['rev-parse', 'FETCH_HEAD^{tree}'])]);
    if (ours === theirs) return;
  }
  await git.run(['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`]);
}
