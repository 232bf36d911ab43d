import { VerificationError } from '../errors.js';
import { describeChange, diffManifests, manifestEntries } from '../review/manifest-diff.js';
import type { EnclaveOutputs } from './report.js';
import { MAX_MANIFEST_BYTES, readJsonFile } from '../io/regular-file.js';

const LISTED = 20;

/**
 * Throws a VerificationError listing the files whose contents or metadata differ (from the two builds'
 * manifests) unless both EIFs have the same SHA-256.
 */
export async function requireIdenticalBuilds(first: EnclaveOutputs, second: EnclaveOutputs): Promise<void> {
  if (first.eifSha256 === second.eifSha256) return;
  const [a, b] = await Promise.all([first.manifestPath, second.manifestPath].map(async (path) => manifestEntries(await readJsonFile(path, { maxBytes: MAX_MANIFEST_BYTES }), path)));
  const changes = diffManifests(a!, b!).map(describeChange);
  const registers = (['PCR0', 'PCR1', 'PCR2'] as const).filter((n) => first.pcrs[n] !== second.pcrs[n]);
  const what = changes.length === 0
    ? 'no file differs in the manifests (the difference is outside the files: metadata, cmd/env or blobs)'
    : `${changes.length} file(s) differ: ${changes.slice(0, LISTED).join('; ')}${changes.length > LISTED ? '; …' : ''}`;
  throw new VerificationError(`reproducibility-check: the rebuild gave a different EIF (sha256 ${first.eifSha256} vs ${second.eifSha256}`
    + `${registers.length ? `, ${registers.join(', ')} differ` : ''}); ${what}`);
}
