import * as core from '@actions/core';
import { registerOutputs } from '../governance/outputs.js';
import type { RegisterResult } from '../governance/register.js';
import { pushOutputs } from '../store/outputs.js';
import type { PushResult } from '../store/push.js';
import type { BuildReport } from './report.js';

// The publishing outputs and summary facts, set on every run (empty when nothing was published);
// apart from publish.ts, which loads the store's and registration's dependencies only when used.

/** Sets the publishing outputs ('' when not published). */
export function setPublishOutputs(pushed?: PushResult, registered?: RegisterResult): void {
  const store = pushed ? pushOutputs(pushed) : { 'eif-uri': '', 'store-uri': '' };
  for (const [name, value] of Object.entries(store)) core.setOutput(name, value);
  const pr = registered ? registerOutputs(registered) : { 'pull-request-number': '', 'pull-request-url': '', 'pull-request-operation': '' };
  for (const [name, value] of Object.entries(pr)) core.setOutput(name, value);
}

/** The summary's view of what was published. */
export function publishedFacts(pushed?: PushResult, registered?: RegisterResult): BuildReport['published'] {
  if (!pushed && !registered) return undefined;
  const pullRequest = registered && (registered.alreadyRegistered ? `already allowed in \`${registered.file}\`` : `pull request ${registered.operation}: ${registered.pullRequestUrl ?? ''}`);
  return { eifUri: pushed?.eifUri, pullRequest };
}
