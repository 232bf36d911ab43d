// Which OS_IMAGE_HASHes a registration pull request adds: read from git (the base commit vs the checked-out
// head), for auth-simple (osImages of auth-config.json) and on-chain (new `0x<hash>.json` batch files).
import { runProcess } from '../build/docker-build.js';
import { UserError } from '../errors.js';
import { addedOsImages } from './build-facts.js';

export interface RegistrationChangesRequest {
  readonly mode: 'auth-simple' | 'onchain';
  /** auth-config.json, or the batch directory (onchain). */
  readonly registryPath: string;
  /** The pull request's base commit. */
  readonly base: string;
  /** The registry checkout (the pull request's head). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The hashes added (0x + 64 hex); throws naming the file when the pull request adds none. */
export async function addedByPullRequest(request: RegistrationChangesRequest): Promise<string[]> {
  const git = (args: string[]) => runProcess({ command: 'git', args, env: {} }, { env: request.env, cwd: request.cwd });
  if (!/^[0-9a-f]{40}$/.test(request.base)) throw new UserError(`pull request base ${JSON.stringify(request.base)}: not a commit id`);
  const path = request.registryPath.replace(/^\/+/, '');
  if (path === '' || path.split('/').includes('..')) throw new UserError(`input registry-path: invalid path ${JSON.stringify(request.registryPath)}`);
  let added: string[];
  if (request.mode === 'auth-simple') {
    const before = await git(['show', `${request.base}:${path}`]).catch(() => undefined);
    const after = await git(['show', `HEAD:${path}`]).catch((error: unknown) => {
      throw new UserError(`${path}: not in the pull request's head (${(error as Error).message})`, { code: 'not-found', cause: error });
    });
    added = addedOsImages(before, after, path);
  } else {
    const dir = path.replace(/\/+$/, '');
    const names = await git(['diff', '--name-only', '--diff-filter=A', request.base, 'HEAD', '--', dir]);
    added = names.split('\n').map((n) => /\/?(0x[0-9a-f]{64})\.json$/.exec(n.trim())?.[1]).filter((h): h is string => h !== undefined);
  }
  if (added.length === 0) throw new UserError(`${path}: the pull request adds no OS_IMAGE_HASH`, { code: 'not-found' });
  return added;
}
