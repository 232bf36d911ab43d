import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DstackUtil, fetchDstackUtil } from '../build/dstack-util.js';
import { proxyFetchFromEnv } from '../io/proxy-fetch.js';
import { errorMessage } from '../errors.js';
import { makeTempDir, removeTempDir } from '../io/cleanup.js';
import type { ActionInputs } from './inputs.js';

const TOOL = 'dstack-util';

/** The tool-cache "version" for a binary: keyed by its SHA-256 (there are no released versions). */
export function cacheVersion(sha256: string): string {
  return `0.0.0-sha256-${sha256}`;
}

/** The verified binary and the private temporary directory that holds it (removed after the run). */
export interface ResolvedDstackUtil extends DstackUtil {
  readonly workDir: string;
}

/**
 * Fetches (https) or reads (path) dstack-util once, verified against dstack-util-sha256, and keeps a
 * copy in the runner's tool cache under its hash. A cached copy is hashed again before use.
 */
export async function resolveDstackUtil(pin: NonNullable<ActionInputs['dstackUtil']>): Promise<ResolvedDstackUtil> {
  // A private temporary directory, not the output directory: a wrong pin leaves no output behind.
  const workDir = await makeTempDir(process.env['RUNNER_TEMP'] || tmpdir(), 'nitro-eif-dstack-util-');
  try {
    return { ...(await fetchPinned(pin, workDir)), workDir };
  } catch (error) {
    await removeTempDir(workDir);
    throw error;
  }
}

/** Removes the temporary copy (the tool cache keeps its own). */
export async function removeDstackUtil(util: ResolvedDstackUtil): Promise<void> {
  await removeTempDir(util.workDir);
}

async function fetchPinned(pin: NonNullable<ActionInputs['dstackUtil']>, workDir: string): Promise<DstackUtil> {
  const cached = findCached(pin.sha256);
  if (cached) {
    try {
      const util = await fetchDstackUtil(join(cached, TOOL), pin.sha256, workDir);
      core.info(`dstack-util ${pin.sha256}: from the tool cache`);
      return util;
    } catch (error) {
      // A damaged cache entry is not the pin's fault: fetch the source again (and check it again).
      core.warning(`dstack-util in the tool cache (${cached}) is unusable, fetching ${pin.source}: ${errorMessage(error)}`);
    }
  }
  const util = await fetchDstackUtil(pin.source, pin.sha256, workDir, { fetch: proxyFetchFromEnv(process.env) });
  core.info(`dstack-util ${pin.sha256}: verified (${util.size} bytes) from ${pin.source}`);
  if (process.env['RUNNER_TOOL_CACHE']) await tc.cacheFile(util.path, TOOL, TOOL, cacheVersion(pin.sha256));
  return util;
}

function findCached(sha256: string): string | undefined {
  if (!process.env['RUNNER_TOOL_CACHE']) return undefined;
  return tc.find(TOOL, cacheVersion(sha256)) || undefined;
}
