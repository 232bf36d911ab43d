import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { MAX_PEM_BYTES, readRegularFile } from '../../io/regular-file.js';
import { HASH_ALGORITHM, localKeySigner, signEif, type EifSigner } from '../../eif/index.js';
import { newCommand } from '../program.js';

interface Options { eifPath: string; signingCertificate: string; privateKey: string }

/** `nitro-eif sign-eif`: adds (or replaces) the signature section, as nitro-cli sign-eif. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('sign-eif')
      .description('Sign an EIF (PCR8) with a local EC key or an AWS KMS key; replaces an existing signature')
      .requiredOption('--eif-path <file>', 'EIF to sign in place')
      .requiredOption('--signing-certificate <pem>', 'X.509 signing certificate (PEM, EC P-256/P-384/P-521), valid now (run-enclave refuses an EIF signed with an expired one)')
      .requiredOption('--private-key <pem|arn>', 'EC private key PEM file, or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)')
      .action(async (options: Options) => {
        const certificatePem = await readInput(options.signingCertificate);
        const result = await signEif(options.eifPath, { certificatePem, signer: await signerFor(options.privateKey), certificateLabel: `signing certificate ${options.signingCertificate}` });
        process.stderr.write('Enclave Image successfully signed.\n');
        const measurements = { HashAlgorithm: HASH_ALGORITHM, ...result.pcrs };
        process.stdout.write(`${JSON.stringify({ Measurements: measurements }, null, 2)}\n`);
      }),
  );
}

/** A signer for `--private-key`: a KMS key ARN, or an EC private key PEM file. */
export async function signerFor(privateKey: string): Promise<EifSigner> {
  // Loaded on demand: the AWS SDK is large and only KMS signing needs it.
  const { kmsSigner, parseKmsKeyArn } = await import('../../trust/kms-signer.js');
  if (parseKmsKeyArn(privateKey)) return kmsSigner({ keyId: privateKey });
  if (privateKey.startsWith('arn:')) throw new UserError(`--private-key: not a KMS key ARN: ${privateKey}`, { code: 'usage' });
  return localKeySigner(await readInput(privateKey), privateKey);
}

/** A file's bytes, or a one-line UserError naming it. */
export async function readInput(path: string): Promise<Uint8Array> {
  return readRegularFile(path, { maxBytes: MAX_PEM_BYTES });
}
