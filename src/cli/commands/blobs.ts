// `nitro-eif blobs`: hashes a blob set and prints what it measures to (bootstrap ramdisk included),
// optionally writing the lock file `build-enclave --blobs-sha384` checks. `nitro-eif blobs fetch`
// downloads a public set (aws-nitro-enclaves-cli@vX) and verifies it against the compiled-in pins.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { DEFAULT_BLOB_TIMEOUT_MS, fetchBlobSet, findBlobSet, parseBaseUrl } from '../../build/blob-fetch.js';
import { blobReport } from '../../build/blob-report.js';
import { DEFAULT_BLOBS_DIR, loadBlobs, readBlobLock } from '../../build/blobs.js';
import type { EifArch } from '../../eif/types.js';
import { UserError } from '../../errors.js';
import { checkOutputPath, writeFileAtomic } from '../../io/atomic-file.js';
import { proxyFetchFromEnv } from '../../io/proxy-fetch.js';
import { newCommand } from '../program.js';

interface BlobsFlags {
  blobsDir: string;
  arch: string;
  blobsSha384?: string;
  writeLock?: string;
}

interface FetchFlags {
  set: string;
  arch: string;
  outputDir: string;
  baseUrl?: string;
  timeout?: string;
}

export function register(program: Command): void {
  const blobs = newCommand('blobs')
    // Options after `fetch` belong to fetch (both have --arch).
    .enablePositionalOptions()
    .description('Hash a blob set (kernel, cmdline, init, nsm.ko) and print its bootstrap ramdisk size and SHA-384')
    .option('--blobs-dir <dir>', 'blobs in nitro-cli layout', DEFAULT_BLOBS_DIR)
    .option('--arch <arch>', 'x86_64 or aarch64', 'x86_64')
    .option('--blobs-sha384 <file>', 'check the blobs against this lock file (JSON, or sha384sum output)')
    .option('--write-lock <file>', 'write the blobs\' SHA-384 as a lock file for build-enclave --blobs-sha384')
    .action(async (flags: BlobsFlags) => {
      const arch = parseArch(flags.arch);
      if (flags.writeLock) await checkOutputPath(flags.writeLock, '--write-lock');
      if (blobs.getOptionValueSource('blobsDir') === 'default') requireDefaultBlobsDir('or download AWS\'s public set with nitro-eif blobs fetch');
      const lock = flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : undefined;
      const set = await loadBlobs({ dir: flags.blobsDir, arch, lock });
      const report = await blobReport(set);
      if (flags.writeLock) await writeFileAtomic(flags.writeLock, `${JSON.stringify(report.sha384, null, 2)}\n`);
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
  blobs.addCommand(
    newCommand('fetch')
      .description('Download a public blob set (e.g. aws-nitro-enclaves-cli@v1.5.0) and verify every file against the pins built into nitro-eif')
      .requiredOption('--set <name>', 'blob set, e.g. aws-nitro-enclaves-cli@v1.5.0')
      .option('--arch <arch>', 'x86_64 or aarch64', 'x86_64')
      .requiredOption('--output-dir <dir>', 'where to write the blobs (must not exist or be empty; written only when all verified)')
      .option('--base-url <url>', 'mirror holding blobs/<arch>/<file> (default: the repository\'s raw files at the tag\'s commit)')
      .option('--timeout <seconds>', 'give up on a server silent this long', String(DEFAULT_BLOB_TIMEOUT_MS / 1000))
      .action(async (flags: FetchFlags) => {
        const set = findBlobSet(flags.set, '--set', 'usage');
        if (flags.baseUrl !== undefined) parseBaseUrl(flags.baseUrl, '--base-url', 'usage');
        const arch = parseArch(flags.arch);
        const fetched = await fetchBlobSet({
          set, arch, outputDir: flags.outputDir, baseUrl: flags.baseUrl, timeoutMs: parseTimeout(flags.timeout, '--timeout'),
          fetch: proxyFetchFromEnv(process.env),
        });
        // sha384sum's format: `sha384sum -c` in the output directory checks the files again.
        process.stdout.write(fetched.files.map((f) => `${f.sha384}  ${f.name}\n`).join(''));
      }),
  );
  program.addCommand(blobs);
}

export function parseArch(text: string): EifArch {
  if (text === 'x86_64' || text === 'aarch64') return text;
  throw new UserError(`--arch: expected x86_64 or aarch64, got ${JSON.stringify(text)}`, { code: 'usage' });
}

/** Whole seconds from 1 to 3600 → milliseconds (default 60 s). */
export function parseTimeout(text: string | undefined, what: string): number {
  if (text === undefined) return DEFAULT_BLOB_TIMEOUT_MS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 3600) {
    throw new UserError(`${what}: expected whole seconds from 1 to 3600, got ${JSON.stringify(text)}`, { code: 'usage' });
  }
  return Number(text) * 1000;
}

/** Without nitro-cli installed its blobs directory is absent: say what to give instead (`alternative`). */
export function requireDefaultBlobsDir(alternative: string): void {
  if (existsSync(DEFAULT_BLOBS_DIR)) return;
  throw new UserError(`no blobs: ${DEFAULT_BLOBS_DIR} (where nitro-cli installs them) does not exist; give --blobs-dir DIR, ${alternative}`, { code: 'not-found' });
}
