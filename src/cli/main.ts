import { CommanderError } from 'commander';
import { errorLine, UserError } from '../errors.js';
import { buildProgram } from './program.js';

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * A user's mistake is one line on stderr, never a stack trace; set NITRO_EIF_DEBUG=1 for one.
 */
export async function main(argv: string[]): Promise<number> {
  // The AWS SDK's multi-line Node-version warning, printed on every S3 command when it judges the
  // runtime old, is noise around our one-line errors. A user can still set the variable to "false".
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (help, version or usage error); usage errors exit 2 like ours.
      return error.exitCode === 0 ? 0 : 2;
    }
    // One line whatever the error (a library message may span several).
    process.stderr.write(`nitro-eif: error: ${errorLine(error)}\n`);
    if (process.env['NITRO_EIF_DEBUG'] && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    if (error instanceof UserError) return error.code === 'usage' ? 2 : 1;
    return 1;
  }
}
