import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { checkOutputPath } from '../../io/atomic-file.js';
import { MAX_PEM_BYTES, readJsonFile, readRegularText } from '../../io/regular-file.js';
import type { BundleTrust } from '../../trust/provenance/index.js';
import { hexArgument, newCommand } from '../program.js';
import { addStoreFlags, storeFromFlags, type StoreFlags } from './store-flags.js';

interface Options extends StoreFlags {
  outputFile: string;
  key?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  trustedRoot?: string;
}

/** The provenance trust the flags ask for, or undefined for none. */
async function trustFromFlags(options: Options): Promise<BundleTrust | undefined> {
  const byIdentity = options.certificateIdentity !== undefined || options.certificateOidcIssuer !== undefined;
  if (options.key !== undefined && byIdentity) throw new UserError('give either --key or --certificate-identity, not both', { code: 'usage' });
  if (options.key !== undefined) return { publicKeyPem: await readRegularText(options.key, { label: `--key ${options.key}`, maxBytes: MAX_PEM_BYTES }) };
  if (!byIdentity) return undefined;
  if (!options.certificateIdentity || !options.certificateOidcIssuer) {
    throw new UserError('--certificate-identity and --certificate-oidc-issuer go together', { code: 'usage' });
  }
  if (options.trustedRoot === undefined) {
    throw new UserError('keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; nothing is fetched)', { code: 'usage' });
  }
  const trustedRoot = await readJsonFile(options.trustedRoot, { label: `--trusted-root ${options.trustedRoot}` });
  return { trustedRoot, certificateIdentity: options.certificateIdentity, certificateOidcIssuer: options.certificateOidcIssuer };
}

/** `nitro-eif pull`: download an EIF by OS_IMAGE_HASH and verify it before it appears. */
export function register(program: Command): void {
  program.addCommand(
    addStoreFlags(
      newCommand('pull')
        .description('Download an EIF by OS_IMAGE_HASH, recompute its PCRs and hash, check the stored measurements ' +
          '(and provenance), and only then write --output-file')
        .argument('<os-image-hash>', 'OS_IMAGE_HASH, 64 hex digits, 0x optional')
        .requiredOption('--output-file <file>', 'where the verified EIF goes')
        .option('--key <pem>', 'verify the stored provenance with this public key')
        .option('--certificate-identity <uri>', 'verify the stored provenance was signed by this identity (keyless)')
        .option('--certificate-oidc-issuer <url>', 'OIDC issuer of that identity')
        .option('--trusted-root <file>', 'Sigstore trusted_root.json for keyless provenance'),
    ).action(async (hash: string, options: Options) => {
      hexArgument(hash, 32, '<os-image-hash>');
      await checkOutputPath(options.outputFile, '--output-file');
      const trust = await trustFromFlags(options);
      const { pullArtifact } = await import('../../store/pull.js');
      const result = await pullArtifact({ store: await storeFromFlags(options), osImageHash: hash, outputFile: options.outputFile, ...(trust ? { trust } : {}) });
      process.stdout.write(`${JSON.stringify({ ...result.report, eif_uri: result.eifUri }, null, 2)}\n`);
    }),
  );
}
