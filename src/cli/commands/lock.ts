import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { checkOutputPath, writeFileAtomic } from '../../io/atomic-file.js';
import { copyManifest } from '../../build/manifest-reader.js';
import { MAX_JSON_BYTES, parseJsonBounded, readRegularFile } from '../../io/regular-file.js';
import { factsFromJson } from '../../review/facts.js';
import { createLock, DEFAULT_LOCK_NAME, manifestNameFor, serializeLock } from '../../review/lock.js';
import { keepOldFlag, newCommand } from '../program.js';

interface LockOptions {
  measurements: string;
  manifest?: string;
  outputFile: string;
}

/** `nitro-eif lock`: writes the PCR lock file (and the manifest beside it) from a build's measurements. */
export function register(program: Command): void {
  const command = newCommand('lock')
      .description('Write a PCR lock file (PCRs, OS_IMAGE_HASH, blob and dstack-util hashes) and the manifest beside it, to commit')
      .requiredOption('--measurements <file>', 'measurements JSON written by build-enclave')
      .option('--manifest <file>', 'filesystem manifest of the same build (copied beside the lock file)')
      .option('--output-file <file>', 'lock file to write', DEFAULT_LOCK_NAME)
      .action(async (options: LockOptions) => {
        const lockText = await writeLock(options);
        process.stdout.write(lockText);
      });
  // The earlier name, still accepted: the other commands say --output-file.
  keepOldFlag(command, '--output <file>', 'outputFile', '--output-file <file>');
  program.addCommand(command);
}

/** Writes the lock (and the manifest copy); returns the lock text. */
export async function writeLock(options: LockOptions): Promise<string> {
  await checkOutputPath(options.outputFile, '--output-file');
  const facts = factsFromJson(parseJson(await readRegularFile(options.measurements, { maxBytes: MAX_JSON_BYTES }), options.measurements), options.measurements);
  let manifest: { path: string; sha256: string } | undefined;
  if (options.manifest) {
    // Streamed: copied, then every line of the copy checked before it is put in place.
    const name = manifestNameFor(basename(options.outputFile));
    const { sha256 } = await copyManifest(options.manifest, join(dirname(options.outputFile), name));
    manifest = { path: name, sha256 };
  }
  const text = serializeLock(createLock(facts, manifest));
  await writeFileAtomic(options.outputFile, text);
  return text;
}

function parseJson(bytes: Buffer, file: string): unknown {
  return parseJsonBounded(bytes, file);
}
