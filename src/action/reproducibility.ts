import { VerificationError } from '../errors.js';
import { openManifest } from '../build/manifest-reader.js';
import { describeChange, diffManifests } from '../review/manifest-diff.js';
import type { EnclaveOutputs } from './report.js';

const LISTED = 20;

/**
 * Throws a VerificationError listing the files whose contents or metadata differ (from the two builds'
 * manifests) unless both EIFs have the same SHA-256.
 */
export async function requireIdenticalBuilds(first: EnclaveOutputs, second: EnclaveOutputs): Promise<void> {
  if (first.eifSha256 === second.eifSha256) return;
  const diff = await diffManifests(await openManifest(first.manifestPath), await openManifest(second.manifestPath), { listed: LISTED });
  const changes = diff.changes.map(describeChange);
  const registers = (['PCR0', 'PCR1', 'PCR2'] as const).filter((n) => first.pcrs[n] !== second.pcrs[n]);
  const what = diff.total === 0
    ? 'no file differs in the manifests (the difference is outside the files: metadata, cmd/env or blobs)'
    : `${diff.total} file(s) differ: ${changes.join('; ')}${diff.total > changes.length ? '; …' : ''}`;
  throw new VerificationError(`reproducibility-check: the rebuild gave a different EIF (sha256 ${first.eifSha256} vs ${second.eifSha256}`
    + `${registers.length ? `, ${registers.join(', ')} differ` : ''}); ${what}`);
}
