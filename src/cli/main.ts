import { CommanderError } from 'commander';
import { errorMessage, UserError } from '../errors.js';
import { cleanUpOnSignals } from '../io/cleanup.js';
import { buildProgram } from './program.js';

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code.
 * A user's mistake is one line on stderr, never a stack trace; set NITRO_EIF_DEBUG=1 for one.
 */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  cleanUpOnSignals((signal) => process.stderr.write(`nitro-eif: interrupted (${signal}); temporary files removed\n`));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander already printed its message (help, version or usage error).
      return error.exitCode;
    }
    process.stderr.write(`nitro-eif: error: ${errorMessage(error)}\n`);
    if (process.env['NITRO_EIF_DEBUG'] && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    if (error instanceof UserError) return error.code === 'usage' ? 2 : 1;
    return 1;
  }
}
