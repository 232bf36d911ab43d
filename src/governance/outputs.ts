// The action outputs of a registration, apart from register() so the action sets them without loading Octokit.
import type { RegisterResult } from './register.js';

/** The action outputs of a registration, keyed as in action.yml ('' when there is no PR). */
export function registerOutputs(result: RegisterResult): {
  'pull-request-number': string;
  'pull-request-url': string;
  'pull-request-operation': RegisterResult['operation'];
} {
  return {
    'pull-request-number': result.pullRequestNumber === undefined ? '' : String(result.pullRequestNumber),
    'pull-request-url': result.pullRequestUrl ?? '',
    'pull-request-operation': result.operation,
  };
}
