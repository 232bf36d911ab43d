// `--blobs-dir DIR` or `--blobs SET` (with `--blobs-base-url`, `--blobs-timeout`), shared by
// build-enclave and reproduce: a set resolves to its verified copy in the user cache, per architecture.
import { homedir } from 'node:os';
import { blobCacheRoot, cachedBlobSet, findBlobSet, parseBaseUrl } from '../../build/blob-fetch.js';
import type { PublicBlobSet } from '../../build/known-blobs.js';
import { DEFAULT_BLOBS_DIR } from '../../build/blobs.js';
import type { EifArch } from '../../eif/types.js';
import { UserError } from '../../errors.js';
import { proxyFetchFromEnv } from '../../io/proxy-fetch.js';
import { parseTimeout, requireDefaultBlobsDir } from './blobs.js';

export interface BlobSourceFlags {
  blobsDir?: string;
  blobs?: string;
  blobsBaseUrl?: string;
  blobsTimeout?: string;
  quiet?: boolean;
}

export type BlobSource =
  | { readonly blobsDir: string; readonly blobSet?: undefined }
  | { readonly blobsDir?: undefined; readonly blobSet: { readonly set: PublicBlobSet; readonly dirFor: (arch: EifArch) => Promise<string> } };

/** The blobs the flags name; `command` prefixes usage errors. */
export function blobSourceFromFlags(flags: BlobSourceFlags, command: string): BlobSource {
  if (flags.blobs === undefined) {
    if (flags.blobsBaseUrl !== undefined || flags.blobsTimeout !== undefined) {
      throw new UserError(`${command}: --blobs-base-url and --blobs-timeout go with --blobs`, { code: 'usage' });
    }
    return { blobsDir: flags.blobsDir ?? DEFAULT_BLOBS_DIR };
  }
  if (flags.blobsDir !== undefined) throw new UserError(`${command}: give --blobs-dir or --blobs, not both`, { code: 'usage' });
  const set = findBlobSet(flags.blobs, '--blobs', 'usage');
  const timeoutMs = parseTimeout(flags.blobsTimeout, '--blobs-timeout');
  const baseUrl = flags.blobsBaseUrl === undefined ? undefined : parseBaseUrl(flags.blobsBaseUrl, '--blobs-base-url', 'usage');
  const cacheRoot = blobCacheRoot(process.env, homedir());
  const dirFor = async (arch: EifArch): Promise<string> => {
    const cached = await cachedBlobSet({
      set, arch, cacheRoot, baseUrl, timeoutMs, fetch: proxyFetchFromEnv(process.env), onDamaged: (message) => flags.quiet || process.stderr.write(`nitro-eif: warning: ${message}\n`),
    });
    if (!flags.quiet && !cached.fromCache) process.stderr.write(`nitro-eif: blobs ${set.name} ${arch} downloaded and verified into ${cached.dir}\n`);
    return cached.dir;
  };
  return { blobSet: { set, dirFor } };
}

/** Refuses the default blobs directory when it is absent (no nitro-cli), naming what to give instead. */
export function requireBlobSource(source: BlobSource, flags: BlobSourceFlags): void {
  if (source.blobsDir !== undefined && flags.blobsDir === undefined) {
    requireDefaultBlobsDir('or --blobs aws-nitro-enclaves-cli@v1.5.0 to download AWS\'s public set');
  }
}
