import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobCacheRoot, cachedBlobSet, fetchBlobSet, verifyBlobDir } from '../build/blob-fetch.js';
import type { PublicBlobSet } from '../build/known-blobs.js';
import type { EifArch } from '../eif/types.js';
import { errorMessage } from '../errors.js';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import { proxyFetchFromEnv } from '../io/proxy-fetch.js';

// The `blobs` input: a public blob set downloaded once per runner into the tool cache (keyed by the
// release and the architecture) and checked against the compiled-in pins on every use, so a cached
// copy that changed is fetched again rather than trusted. A self-hosted runner keeps the cache across
// jobs; a GitHub-hosted runner starts empty, so each job downloads the set (a few MiB).

const TOOL = 'nitro-eif-blobs';

/** Tool-cache coordinates: tool name per set family, version from the tag, arch in the runner's words. */
function cacheKey(set: PublicBlobSet, arch: EifArch): { tool: string; version: string; arch: string } {
  return { tool: `${TOOL}-${set.repository.replace(/[^\w.-]/g, '-')}`, version: set.tag.replace(/^v/, ''), arch: arch === 'x86_64' ? 'x64' : 'arm64' };
}

/** The set's verified blobs directory for `arch`. */
export async function blobSetDir(blobSet: { readonly set: PublicBlobSet; readonly baseUrl?: string }, arch: EifArch): Promise<string> {
  const { set, baseUrl } = blobSet;
  const fetch = proxyFetchFromEnv(process.env);
  if (!process.env['RUNNER_TOOL_CACHE']) {
    // Not on a runner (a local run): the per-user cache the CLI uses.
    const local = await cachedBlobSet({ set, arch, baseUrl, fetch, cacheRoot: blobCacheRoot(process.env, homedir()), onDamaged: (m) => core.warning(m) });
    core.info(`blobs ${set.name} ${arch}: ${local.fromCache ? 'from' : 'downloaded and verified into'} ${local.dir}`);
    return local.dir;
  }
  const key = cacheKey(set, arch);
  const cached = tc.find(key.tool, key.version, key.arch);
  if (cached) {
    try {
      await verifyBlobDir(cached, set, arch);
      core.info(`blobs ${set.name} ${arch}: from the tool cache, verified`);
      return cached;
    } catch (error) {
      core.warning(`blobs ${set.name} ${arch} in the tool cache (${cached}) are unusable, fetching them again: ${errorMessage(error)}`);
    }
  }
  const work = await makeTempDir(process.env['RUNNER_TEMP'] || tmpdir(), 'nitro-eif-blobs-');
  try {
    const fetched = await fetchBlobSet({ set, arch, baseUrl, outputDir: join(work, arch), fetch });
    core.info(`blobs ${set.name} ${arch}: downloaded and verified (${fetched.files.map((f) => `${f.name} sha384 ${f.sha384}`).join(', ')})`);
    const dir = await tc.cacheDir(fetched.dir, key.tool, key.version, key.arch);
    // Copied into the cache: check the copy, which is what the build reads.
    await verifyBlobDir(dir, set, arch);
    return dir;
  } finally {
    await removeTempDir(work);
  }
}
