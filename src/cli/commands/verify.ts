import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { MAX_PEM_BYTES, readRegularText } from '../../io/regular-file.js';
import type { BundleTrust } from '../../trust/provenance/index.js';
import { newCommand } from '../program.js';

// The verifier (and with it Sigstore) is loaded when the command runs: every other command starts faster.

interface Options {
  eifPath: string;
  measurements?: string;
  provenance?: string;
  key?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  trustedRoot?: string;
}

/** `nitro-eif verify`: recompute an EIF's measurements and check them against its measurements and provenance. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('verify')
      .description('Recompute an EIF\'s PCRs and digests and check them against a measurements file and a signed provenance bundle')
      .requiredOption('--eif-path <file>', 'the EIF to verify')
      .option('--measurements <file>', 'measurements JSON that must match the EIF (and the provenance subject)')
      .option('--provenance <file>', 'provenance Sigstore bundle (provenance.sigstore.json)')
      .option('--key <pem>', 'public key the provenance was signed with')
      .option('--certificate-identity <uri>', 'exact signer identity of a keyless bundle (workflow URI)')
      .option('--certificate-oidc-issuer <url>', 'exact OIDC issuer of a keyless bundle')
      .option('--trusted-root <file>', 'Sigstore trusted_root.json for keyless bundles (not fetched: this runs offline)')
      .action(async (options: Options) => {
        if (options.provenance === undefined && (options.key ?? options.certificateIdentity) !== undefined) {
          throw new UserError('--key and --certificate-identity need --provenance', { code: 'usage' });
        }
        const { verifyEif } = await import('../../trust/verify/verify-eif.js');
        const report = await verifyEif({
          eifPath: options.eifPath,
          ...(options.measurements === undefined ? {} : { measurementsPath: options.measurements }),
          ...(options.provenance === undefined ? {} : { provenance: { path: options.provenance, trust: await bundleTrust(options) } }),
        });
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      }),
  );
}

async function bundleTrust(options: Options): Promise<BundleTrust> {
  const byKey = options.key !== undefined;
  const byIdentity = options.certificateIdentity !== undefined || options.certificateOidcIssuer !== undefined;
  if (byKey === byIdentity) {
    throw new UserError('--provenance needs either --key or --certificate-identity with --certificate-oidc-issuer', { code: 'usage' });
  }
  if (byKey) return { publicKeyPem: await readText(options.key!, '--key') };
  if (options.certificateIdentity === undefined || options.certificateOidcIssuer === undefined) {
    throw new UserError('--certificate-identity and --certificate-oidc-issuer go together', { code: 'usage' });
  }
  if (options.trustedRoot === undefined) {
    throw new UserError('keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; this command never fetches one)', { code: 'usage' });
  }
  const { readJson } = await import('../../trust/verify/verify-eif.js');
  return {
    trustedRoot: await readJson(options.trustedRoot, 'trusted root'),
    certificateIdentity: options.certificateIdentity,
    certificateOidcIssuer: options.certificateOidcIssuer,
  };
}

async function readText(path: string, flag: string): Promise<string> {
  return readRegularText(path, { label: `${flag} ${path}`, maxBytes: MAX_PEM_BYTES });
}
