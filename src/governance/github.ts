// The pull-request side of registration, through the GitHub REST API (@octokit/core, which uses
// the global fetch: a local node:http server given as baseUrl stands in for GitHub in tests).
import { Octokit } from '@octokit/core';
import { UserError } from '../errors.js';

export interface PullRequestRef {
  number: number;
  url: string;
}

export interface PullRequestSpec {
  owner: string;
  repo: string;
  head: string;
  base: string;
  title: string;
  body: string;
}

export class GitHubPulls {
  readonly #octokit: Octokit;

  constructor(options: { token?: string; baseUrl: string }) {
    this.#octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl.replace(/\/+$/, '') });
  }

  /**
   * Creates the PR, or updates the open one from the same head branch. A concurrent run that
   * created it between the lookup and the create (HTTP 422) turns into an update.
   */
  async createOrUpdate(spec: PullRequestSpec): Promise<PullRequestRef & { operation: 'created' | 'updated' }> {
    try {
      const existing = await this.#findOpen(spec);
      if (existing !== undefined) return { ...(await this.#update(spec, existing)), operation: 'updated' };
      try {
        const created = await this.#octokit.request('POST /repos/{owner}/{repo}/pulls', {
          owner: spec.owner, repo: spec.repo, head: spec.head, base: spec.base, title: spec.title, body: spec.body,
        });
        return { number: created.data.number, url: created.data.html_url, operation: 'created' };
      } catch (error) {
        const raced = (error as { status?: number }).status === 422 ? await this.#findOpen(spec) : undefined;
        if (raced === undefined) throw error;
        return { ...(await this.#update(spec, raced)), operation: 'updated' };
      }
    } catch (error) {
      const status = (error as { status?: number }).status;
      const message = error instanceof Error ? error.message : String(error);
      throw new UserError(`GitHub API (${spec.owner}/${spec.repo}): ${status ? `HTTP ${status}: ` : ''}${message}`, {
        code: 'external',
        cause: error,
      });
    }
  }

  async #findOpen(spec: PullRequestSpec): Promise<number | undefined> {
    const open = await this.#octokit.request('GET /repos/{owner}/{repo}/pulls', {
      owner: spec.owner, repo: spec.repo, state: 'open', head: `${spec.owner}:${spec.head}`, base: spec.base, per_page: 10,
    });
    return open.data.find((pr) => pr.head.ref === spec.head)?.number;
  }

  async #update(spec: PullRequestSpec, number: number): Promise<PullRequestRef> {
    const updated = await this.#octokit.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: spec.owner, repo: spec.repo, pull_number: number, title: spec.title, body: spec.body,
    });
    return { number: updated.data.number, url: updated.data.html_url };
  }
}
