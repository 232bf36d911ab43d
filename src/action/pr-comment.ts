import * as github from '@actions/github';

// One sticky comment per pull request (and lock file): found by a hidden marker, created once, then
// updated on each run, so a PR shows the current PCR review instead of a growing thread.

export interface StickyCommentTarget {
  readonly token: string;
  readonly owner: string;
  readonly repo: string;
  readonly issueNumber: number;
  /** Distinguishes several builds in one repository (e.g. the lock file path). */
  readonly key: string;
  /** What the comment is (default `pcr-review`; the verify action's is `reproduce`). */
  readonly kind?: string;
}

export function markerFor(key: string, kind = 'pcr-review'): string {
  return `<!-- nitro-eif-build:${kind} ${key.replace(/-->/g, '')} -->`;
}

/** Creates or updates the comment; returns whether it was created and its id. */
export async function upsertStickyComment(target: StickyCommentTarget, body: string): Promise<{ created: boolean; id: number }> {
  const octokit = github.getOctokit(target.token);
  const marker = markerFor(target.key, target.kind);
  const text = `${marker}\n${body}`;
  const repo = { owner: target.owner, repo: target.repo };
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: target.issueNumber, per_page: 100 });
  const existing = comments.find((c) => c.body?.includes(marker));
  if (existing) {
    await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: text });
    return { created: false, id: existing.id };
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: target.issueNumber, body: text });
  return { created: true, id: data.id };
}

/** The pull request this run is for, or undefined when the event is not a pull request. */
export function pullRequestTarget(token: string, key: string): StickyCommentTarget | undefined {
  const { eventName, payload, repo } = github.context;
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return undefined;
  const number = payload.pull_request?.number;
  if (typeof number !== 'number') return undefined;
  return { token, owner: repo.owner, repo: repo.repo, issueNumber: number, key };
}
