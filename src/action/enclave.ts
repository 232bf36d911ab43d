import type { ActionInputs } from './inputs.js';
import type { EnclaveOutputs } from './report.js';
import { UserError } from '../errors.js';

/** What the EIF step needs besides the inputs. */
export interface EnclaveRequest {
  readonly ociArchive: string;
  readonly outputDir: string;
  readonly sourceDateEpoch: number;
  readonly dstackUtilSha256?: string;
}

/** Builds the EIF from the OCI archive with the native builder (build/pipeline.ts, not merged yet). */
export async function buildEnclaveImage(_inputs: ActionInputs, _request: EnclaveRequest): Promise<EnclaveOutputs> {
  throw new UserError('the native EIF build (build/pipeline.ts) is not on main yet', { code: 'unsupported' });
}
