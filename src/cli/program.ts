import { Command, Option } from 'commander';
import { errorMessage, UserError } from '../errors.js';
import { parseHex, toHex } from '../io/hex.js';
import { BUILDER_VERSION } from '../version.js';
import { register as registerBlobs } from './commands/blobs.js';
import { register as registerBuildEnclave } from './commands/build-enclave.js';
import { register as registerDescribeEif } from './commands/describe-eif.js';
import { register as registerDiff } from './commands/diff.js';
import { register as registerLock } from './commands/lock.js';
import { register as registerOsImageHash } from './commands/os-image-hash.js';
import { register as registerPcr } from './commands/pcr.js';
import { register as registerSignEif } from './commands/sign-eif.js';
import { register as registerAttest } from './commands/attest.js';
import { register as registerVerify } from './commands/verify.js';
import { register as registerVerifyAttestation } from './commands/verify-attestation.js';
import { register as registerLs } from './commands/ls.js';
import { register as registerPull } from './commands/pull.js';
import { register as registerPush } from './commands/push.js';
import { register as registerRegister } from './commands/register.js';
import { register as registerReproduce } from './commands/reproduce.js';

/** Builds the command tree. Each command lives in its own file under commands/. */
export function buildProgram(): Command {
  const program = new Command('nitro-eif')
    .description('Reproducible AWS Nitro Enclave images (EIF): build, measure, sign, verify, store and register')
    .version(BUILDER_VERSION)
    .exitOverride()
    .configureOutput(OUTPUT);
  // Commands register themselves here, one line each.
  registerBuildEnclave(program);
  registerBlobs(program);
  registerDescribeEif(program);
  registerPcr(program);
  registerOsImageHash(program);
  registerSignEif(program);
  registerAttest(program);
  registerVerify(program);
  registerVerifyAttestation(program);
  registerPush(program);
  registerPull(program);
  registerLs(program);
  registerRegister(program);
  registerLock(program);
  registerDiff(program);
  registerReproduce(program);
  return program;
}

// commander's own usage errors get the same `nitro-eif: error:` prefix as ours (addCommand does not inherit
// it), on one line with the hint (commander puts "Did you mean …?" on a line of its own).
const USAGE_HINT = '(run with --help for usage)';
const OUTPUT = {
  outputError: (text: string, write: (str: string) => void) => write(`nitro-eif: ${text.trim().split(/\s*\n\s*/).join(' ')} ${USAGE_HINT}\n`),
};

/**
 * Keeps an old flag working, hidden from --help, for an option renamed to `current` (its attribute
 * name, e.g. 'outputFile'; shown as `currentFlags` in errors): the old flag's value becomes the
 * new option's, and giving both is a usage error. `required`: the new option must end up with a
 * value (commander's own check would run before the old flag's value is moved across).
 */
export function keepOldFlag(command: Command, oldFlags: string, current: string, currentFlags: string, required = false): Command {
  const old = new Option(oldFlags).hideHelp();
  command.addOption(old);
  return command.hook('preAction', (cmd) => {
    const value: unknown = cmd.getOptionValue(old.attributeName());
    if (value !== undefined) {
      if (cmd.getOptionValueSource(current) === 'cli') cmd.error(`error: ${old.long} is the old name of ${currentFlags.split(' ')[0]}: give only one`);
      cmd.setOptionValueWithSource(current, value, 'cli');
    }
    if (required && cmd.getOptionValue(current) === undefined) cmd.error(`error: required option '${currentFlags}' not specified`);
  });
}

/** Subcommands inherit exit handling so errors reach main() instead of calling process.exit. */
export function newCommand(name: string): Command {
  return new Command(name).exitOverride().configureOutput(OUTPUT);
}

/**
 * A hex flag or argument of `bytes` bytes (0x optional, any case) as lowercase hex; otherwise a usage
 * error (exit 2) naming it, as for every other malformed flag value.
 */
export function hexArgument(value: string, bytes: number, what: string): string {
  try {
    return toHex(parseHex(value, bytes, what));
  } catch (error) {
    throw new UserError(errorMessage(error), { code: 'usage', cause: error });
  }
}
