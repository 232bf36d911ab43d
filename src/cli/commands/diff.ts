import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { renderReviewText, type Review } from '../../review/explain.js';
import { inspectEif } from '../../eif/index.js';
import { compareSides, type EifPcrReader, loadReviewSide } from '../../review/load.js';
import { describeChanges, type FileDiff } from '../../review/manifest-diff.js';
import { newCommand } from '../program.js';

interface DiffOptions {
  failOnChange?: boolean;
  json?: boolean;
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
      .option('--json', 'print JSON (changed, registers, os_image_hash, files) instead of text')
      .action(async (before: string, after: string, options: DiffOptions) => {
        const result = await compareSides(await loadReviewSide(before, readEifPcrs), await loadReviewSide(after, readEifPcrs));
        const changed = result.review ? !result.review.unchanged : (result.files?.total ?? 0) > 0;
        if (options.json) process.stdout.write(`${JSON.stringify(diffJson(changed, result.review, result.files), null, 2)}\n`);
        else if (result.review) process.stdout.write(renderReviewText(result.review));
        else process.stdout.write(result.files!.total === 0 ? 'The manifests are identical.\n' : `${describeChanges(result.files!).join('\n')}\n`);
        if (changed && options.failOnChange) throw new UserError(`${before} and ${after} differ`, { code: 'mismatch' });
      }),
  );
}

/** `diff --json`: snake_case like the other commands' JSON; `registers` and `os_image_hash` are null for two manifests. */
function diffJson(changed: boolean, review: Review | undefined, files: FileDiff | undefined): unknown {
  return {
    changed,
    registers: review ? review.changes.map(({ pcr, before, after, reasons }) => ({ pcr, before: before ?? null, after: after ?? null, reasons })) : null,
    os_image_hash: review ? { before: review.osImageHash.before ?? null, after: review.osImageHash.after ?? null, changed: review.osImageHash.changed } : null,
    files: files ? { total: files.total, counts: files.counts, listed: files.changes } : null,
  };
}
