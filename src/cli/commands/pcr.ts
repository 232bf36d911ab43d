import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { MAX_PEM_BYTES, readRegularFile } from '../../io/regular-file.js';
import { certificatePcr8, pcrOfFile } from '../../eif/index.js';
import { newCommand } from '../program.js';

/** `nitro-eif pcr --input F | --signing-certificate cert.pem`, printing `{"PCR": …}` / `{"PCR8": …}` as nitro-cli. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('pcr')
      .description('Print the PCR of a file\'s bytes (--input) or PCR8 of a signing certificate (--signing-certificate)')
      .option('--input <file>', 'file whose bytes are measured')
      .option('--signing-certificate <pem>', 'signing certificate PEM; prints PCR8 (over the DER of its first certificate)')
      .action(async (options: { input?: string; signingCertificate?: string }) => {
        if ((options.input === undefined) === (options.signingCertificate === undefined)) {
          throw new UserError('pcr: give exactly one of --input or --signing-certificate', { code: 'usage' });
        }
        const result = options.input !== undefined
          ? { PCR: await pcrOfFile(options.input) }
          : { PCR8: certificatePcr8(await readRegularFile(options.signingCertificate!, { maxBytes: MAX_PEM_BYTES }), options.signingCertificate) };
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      }),
  );
}
