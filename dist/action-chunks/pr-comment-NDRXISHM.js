import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  context,
  getOctokit
} from "./chunk-YVATNTY7.js";
import "./chunk-SOYR2HHU.js";
import "./chunk-OFXABV6A.js";
import "./chunk-T4UOTXU7.js";
import "./chunk-KLP3XVX2.js";

// src/action/pr-comment.ts
function markerFor(key, kind = "pcr-review") {
  return `<!-- nitro-eif-build:${kind} ${key.replace(/-->/g, "")} -->`;
}
async function upsertStickyComment(target, body) {
  const octokit = getOctokit(target.token);
  const marker = markerFor(target.key, target.kind);
  const text = `${marker}
${body}`;
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
function pullRequestTarget(token, key) {
  const { eventName, payload, repo } = context;
  if (eventName !== "pull_request" && eventName !== "pull_request_target") return void 0;
  const number = payload.pull_request?.number;
  if (typeof number !== "number") return void 0;
  return { token, owner: repo.owner, repo: repo.repo, issueNumber: number, key };
}
export {
  markerFor,
  pullRequestTarget,
  upsertStickyComment
};
