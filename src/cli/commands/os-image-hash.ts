import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { inspectEif, osImageHash, readMeasurements } from '../../eif/index.js';
import type { Pcrs } from '../../eif/index.js';
import { hexArgument, newCommand } from '../program.js';

interface Options { pcr0?: string; pcr1?: string; pcr2?: string; eifPath?: string; measurements?: string }

/** `nitro-eif os-image-hash`: dstack's SHA-256 over raw PCR0‖PCR1‖PCR2, printed as 0x + 64 hex. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('os-image-hash')
      .description('Print dstack\'s OS_IMAGE_HASH = SHA256(raw PCR0 || raw PCR1 || raw PCR2) as 0x + 64 hex')
      .option('--pcr0 <hex>', 'PCR0 (96 hex digits)')
      .option('--pcr1 <hex>', 'PCR1 (96 hex digits)')
      .option('--pcr2 <hex>', 'PCR2 (96 hex digits)')
      .option('--eif-path <file>', 'measure this EIF')
      .option('--measurements <file>', 'nitro-cli\'s {"Measurements": …} JSON or a nitro-eif measurements file')
      .action(async (options: Options) => {
        process.stdout.write(`${osImageHash(await pcrsFrom(options))}\n`);
      }),
  );
}

async function pcrsFrom(options: Options): Promise<Pick<Pcrs, 'PCR0' | 'PCR1' | 'PCR2'>> {
  const direct = [options.pcr0, options.pcr1, options.pcr2];
  const modes = [direct.some((p) => p !== undefined), options.eifPath !== undefined, options.measurements !== undefined];
  if (modes.filter(Boolean).length !== 1) {
    throw new UserError('os-image-hash: give --pcr0/--pcr1/--pcr2, --eif-path or --measurements (exactly one way)', { code: 'usage' });
  }
  if (options.eifPath !== undefined) return (await inspectEif(options.eifPath, { fileDigests: false })).pcrs;
  if (options.measurements !== undefined) return (await readMeasurements(options.measurements)).pcrs;
  const [PCR0, PCR1, PCR2] = direct;
  if (PCR0 === undefined || PCR1 === undefined || PCR2 === undefined) {
    throw new UserError('os-image-hash: --pcr0, --pcr1 and --pcr2 are all required together', { code: 'usage' });
  }
  return { PCR0: hexArgument(PCR0, 48, '--pcr0'), PCR1: hexArgument(PCR1, 48, '--pcr1'), PCR2: hexArgument(PCR2, 48, '--pcr2') };
}
