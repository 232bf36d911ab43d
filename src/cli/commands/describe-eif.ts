import type { Command } from 'commander';
import { inspectEif, renderDescribeEif } from '../../eif/index.js';
import { newCommand } from '../program.js';

/** `nitro-eif describe-eif --eif-path F`: nitro-cli's describe-eif JSON, PCRs recomputed from the bytes. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('describe-eif')
      .description('Validate an EIF strictly and print its measurements, CRC/signature checks and metadata (as nitro-cli)')
      .requiredOption('--eif-path <file>', 'path to the EIF to describe')
      .action(async (options: { eifPath: string }) => {
        const inspection = await inspectEif(options.eifPath, { fileDigests: false });
        process.stdout.write(`${renderDescribeEif(inspection, options.eifPath)}\n`);
      }),
  );
}
