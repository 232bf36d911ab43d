// The action outputs of a push, apart from the store's adapters so the action sets them without loading the AWS SDK.
import type { PushResult } from './push.js';

/** The action outputs of a push, keyed as in action.yml. */
export function pushOutputs(result: PushResult): { 'eif-uri': string; 'store-uri': string } {
  return { 'eif-uri': result.eifUri, 'store-uri': result.storeUri };
}
