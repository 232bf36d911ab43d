// `nitro-eif blobs`: hashes a blob set and prints what it measures to (bootstrap ramdisk included),
// optionally writing the lock file `build-enclave --blobs-sha384` checks.
import type { Command } from 'commander';
import { blobReport } from '../../build/blob-report.js';
import { DEFAULT_BLOBS_DIR, loadBlobs, readBlobLock } from '../../build/blobs.js';
import type { EifArch } from '../../eif/types.js';
import { UserError } from '../../errors.js';
import { writeFileAtomic } from '../../io/atomic-file.js';
import { newCommand } from '../program.js';

interface BlobsFlags {
  blobsDir: string;
  arch: string;
  blobsSha384?: string;
  writeLock?: string;
}

export function register(program: Command): void {
  program.addCommand(
    newCommand('blobs')
      .description('Hash a blob set (kernel, cmdline, init, nsm.ko) and print its bootstrap ramdisk size and SHA-384')
      .option('--blobs-dir <dir>', 'blobs in nitro-cli layout', DEFAULT_BLOBS_DIR)
      .option('--arch <arch>', 'x86_64 or aarch64', 'x86_64')
      .option('--blobs-sha384 <file>', 'check the blobs against this lock file')
      .option('--write-lock <file>', 'write the blobs\' SHA-384 as a lock file for build-enclave --blobs-sha384')
      .action(async (flags: BlobsFlags) => {
        if (flags.arch !== 'x86_64' && flags.arch !== 'aarch64') {
          throw new UserError(`--arch: expected x86_64 or aarch64, got ${JSON.stringify(flags.arch)}`, { code: 'usage' });
        }
        const lock = flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : undefined;
        const set = await loadBlobs({ dir: flags.blobsDir, arch: flags.arch as EifArch, lock });
        const report = await blobReport(set);
        if (flags.writeLock) await writeFileAtomic(flags.writeLock, `${JSON.stringify(report.sha384, null, 2)}\n`);
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      }),
  );
}
