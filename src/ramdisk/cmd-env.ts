// The `cmd` and `env` files of the customer ramdisk, by nitro-cli's rules (spec ramdisks.md §1).
import { quoted, UserError } from '../errors.js';

/** The parts of an image config that decide cmd and env. */
export interface CmdEnvConfig {
  readonly cmd?: readonly string[] | null;
  readonly entrypoint?: readonly string[] | null;
  readonly env?: readonly string[] | null;
}

export interface CmdEnvFiles {
  readonly cmd: Uint8Array;
  readonly env: Uint8Array;
}

/**
 * nitro-cli: when `Cmd` is present it is the command and `Entrypoint` is ignored entirely; only
 * without `Cmd` is `Entrypoint` used. They are never concatenated.
 */
export function selectCommand(config: CmdEnvConfig): readonly string[] {
  if (config.cmd !== undefined && config.cmd !== null) return config.cmd;
  if (config.entrypoint !== undefined && config.entrypoint !== null) return config.entrypoint;
  // nitro-cli fails the same way (DockerError::UnsupportedEntryPoint).
  throw new UserError('image config has neither Cmd nor Entrypoint: the enclave would have nothing to run');
}

/** Each element followed by `\n`; `init` reads the file line by line, so `\n` inside is refused. */
export function encodeLines(lines: readonly string[], what: string): Uint8Array {
  for (const line of lines) {
    if (line.includes('\n')) {
      throw new UserError(`image config ${what}: element ${quoted(line)} contains a newline, which the enclave init cannot represent`);
    }
  }
  return Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
}

/** The bytes of the `cmd` and `env` files for an image config. */
export function cmdEnvFiles(config: CmdEnvConfig): CmdEnvFiles {
  return {
    cmd: encodeLines(selectCommand(config), config.cmd ? 'Cmd' : 'Entrypoint'),
    env: encodeLines(config.env ?? [], 'Env'),
  };
}
