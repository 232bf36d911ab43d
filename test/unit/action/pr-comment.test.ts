import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCommentsApi, startFakeCommentsApi } from '../../helpers/fake-comments-api.js';

describe('upsertStickyComment against a local stand-in for the GitHub API', () => {
  let api: FakeCommentsApi;
  beforeAll(async () => {
    api = await startFakeCommentsApi('acme', 'app', 7);
    process.env['GITHUB_API_URL'] = api.url; // read by @actions/github when it loads
  });
  afterAll(async () => api.close());

  it('creates the comment once, then updates it in place', async () => {
    const { upsertStickyComment, markerFor } = await import('../../../src/action/pr-comment.js');
    const target = { token: 'secret-token', owner: 'acme', repo: 'app', issueNumber: 7, key: 'app/nitro-eif.lock.json' };
    expect(await upsertStickyComment(target, 'first')).toEqual({ created: true, id: 100 });
    expect(await upsertStickyComment(target, 'second')).toEqual({ created: false, id: 100 });
    expect(api.comments).toHaveLength(2);
    expect(api.comments[1]!.body).toBe(`${markerFor('app/nitro-eif.lock.json')}\nsecond`);
    expect(api.requests.filter((r) => r.startsWith('PATCH'))).toEqual(['PATCH /repos/acme/app/issues/comments/100 token secret-token']);
    // Another lock file in the same pull request keeps its own comment.
    expect((await upsertStickyComment({ ...target, key: 'other.lock.json' }, 'x')).created).toBe(true);
  });
});
