import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { renderReviewText } from '../../review/explain.js';
import { inspectEif } from '../../eif/index.js';
import { compareSides, type EifPcrReader, loadReviewSide } from '../../review/load.js';
import { describeChanges } from '../../review/manifest-diff.js';
import { newCommand } from '../program.js';

interface DiffOptions {
  failOnChange?: boolean;
}

const readEifPcrs: EifPcrReader = async (path) => (await inspectEif(path, { fileDigests: false })).pcrs;

/** `nitro-eif diff A B`: which registers changed between two builds, and which files caused it. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('diff')
      .description('Explain the PCR differences between two builds (EIFs, measurement files, lock files or manifests)')
      .argument('<before>', 'EIF, measurements JSON, lock file or manifest of the earlier build')
      .argument('<after>', 'the same kind of file for the later build')
      .option('--fail-on-change', 'exit with status 1 when a register (or a file) changed')
      .action(async (before: string, after: string, options: DiffOptions) => {
        const result = await compareSides(await loadReviewSide(before, readEifPcrs), await loadReviewSide(after, readEifPcrs));
        const changed = result.review ? !result.review.unchanged : (result.files?.total ?? 0) > 0;
        if (result.review) process.stdout.write(renderReviewText(result.review));
        else process.stdout.write(result.files!.total === 0 ? 'The manifests are identical.\n' : `${describeChanges(result.files!).join('\n')}\n`);
        if (changed && options.failOnChange) throw new UserError(`${before} and ${after} differ`, { code: 'mismatch' });
      }),
  );
}
