// The source at the recorded commit, in a clean checkout of its own: whatever the given clone's HEAD,
// index or working tree hold, only the commit's tree is built.
import { mkdir } from 'node:fs/promises';
import { runProcess } from '../build/docker-build.js';
import { UserError, VerificationError } from '../errors.js';

export interface CheckoutRequest {
  /** A local clone (directory) or a git URL. */
  readonly source: string;
  readonly commit: string;
  readonly submodules: boolean;
  /** Where to check out (must not exist yet or be empty). */
  readonly dir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Clones `source` into `dir` without checking out, fetches the commit when no ref reaches it, checks it out detached. */
export async function checkoutCommit(request: CheckoutRequest): Promise<void> {
  if (request.source.startsWith('-')) throw new UserError(`--source ${request.source}: not a directory or git URL`, { code: 'usage' });
  const git = (args: string[], cwd?: string) => runProcess({ command: 'git', args, env: { GIT_TERMINAL_PROMPT: '0' } }, { env: request.env, cwd });
  await mkdir(request.dir, { recursive: true });
  await git(['clone', '--quiet', '--no-checkout', '--', request.source, request.dir]).catch((error: unknown) => {
    throw new UserError(`--source ${request.source}: cannot clone: ${(error as Error).message}`, { code: 'not-found', cause: error });
  });
  const has = () => git(['cat-file', '-e', `${request.commit}^{commit}`], request.dir).then(() => true, () => false);
  if (!(await has())) await git(['fetch', '--quiet', 'origin', request.commit], request.dir).catch(() => undefined);
  if (!(await has())) throw new VerificationError(`--source ${request.source}: has no commit ${request.commit} (the commit the provenance records)`);
  await git(['-c', 'advice.detachedHead=false', 'checkout', '--quiet', '--detach', request.commit], request.dir);
  if (request.submodules) await git(['submodule', 'update', '--quiet', '--init', '--recursive'], request.dir);
}
