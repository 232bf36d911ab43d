import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError, VerificationError } from '../../errors.js';
import { checkOutputPath, writeFileAtomic } from '../../io/atomic-file.js';
import { makeTempDir, removeTempDir } from '../../io/cleanup.js';
import { MAX_PEM_BYTES, readJsonFile, readRegularText } from '../../io/regular-file.js';
import type { BundleTrust } from '../../trust/provenance/index.js';
import { hexArgument, newCommand } from '../program.js';
import { blobSourceFromFlags, requireBlobSource } from './blob-source.js';
import { storeFromFlags } from './store-flags.js';

interface Options {
  provenance: string;
  key?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
  trustedRoot?: string;
  source: string;
  eifPath?: string;
  manifest?: string;
  store?: string;
  s3Endpoint?: string;
  s3Region?: string;
  blobsDir?: string;
  blobs?: string;
  blobsBaseUrl?: string;
  blobsTimeout?: string;
  dstackUtil?: string;
  workDir?: string;
  reportFile?: string;
  imageExport?: string;
}

/** `nitro-eif reproduce`: rebuild an EIF from its signed provenance and say whether it is the same. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('reproduce')
      .description('Verify a provenance bundle, rebuild the EIF from the recorded commit with the recorded parameters, and compare '
        + '(stdout: JSON verdict; exit 0 reproduced, 1 not reproduced or refused, 2 usage)')
      .argument('[os-image-hash]', 'with --store: the image to compare with (default: the provenance\'s OS_IMAGE_HASH)')
      .requiredOption('--provenance <file>', 'provenance Sigstore bundle (provenance.sigstore.json)')
      .option('--key <pem>', 'public key the provenance was signed with')
      .option('--certificate-identity <uri>', 'exact signer identity of a keyless bundle (workflow URI)')
      .option('--certificate-oidc-issuer <url>', 'exact OIDC issuer of a keyless bundle')
      .option('--trusted-root <file>', 'Sigstore trusted_root.json for keyless bundles (not fetched)')
      .requiredOption('--source <dir-or-url>', 'a clone of the source repository (its HEAD does not matter) or a git URL')
      .option('--eif-path <file>', 'the EIF to compare the rebuild with')
      .option('--manifest <file>', 'the file manifest of --eif-path (names the paths that differ)')
      .option('--store <uri>', 'pull the EIF (and its manifest) to compare with from this store, by hash')
      .option('--s3-endpoint <url>', 'S3-compatible endpoint (default: $AWS_ENDPOINT_URL_S3)')
      .option('--s3-region <region>', 'S3 region')
      .option('--blobs-dir <dir>', 'blobs of the recorded set (checked by SHA-384; default: /usr/share/nitro_enclaves/blobs)')
      .option('--blobs <set>', 'a public blob set instead, e.g. aws-nitro-enclaves-cli@v1.5.0 (user cache, verified on every use)')
      .option('--blobs-base-url <url>', 'with --blobs: mirror holding blobs/<arch>/<file>')
      .option('--blobs-timeout <seconds>', 'with --blobs: give up on a server silent this long (default: 60)')
      .option('--dstack-util <file>', 'dstack-util binary (checked against the recorded SHA-256; default: the recorded https URL)')
      .option('--image-export <path>', 'how the rebuilt image reaches the EIF builder: auto (default), rootfs-stream (docker driver) or oci-layout; the EIF is the same either way')
      .option('--work-dir <dir>', 'keep the checkout and the rebuild here (default: a temporary directory, removed)')
      .option('--report-file <file>', 'also write the JSON verdict here')
      .action(async (hash: string | undefined, options: Options) => {
        if (options.eifPath && options.store) throw new UserError('give either --eif-path or --store, not both', { code: 'usage' });
        if (hash !== undefined && !options.store) throw new UserError('an OS_IMAGE_HASH argument needs --store', { code: 'usage' });
        if (hash !== undefined) hexArgument(hash, 32, '<os-image-hash>');
        if (options.manifest && !options.eifPath) throw new UserError('--manifest goes with --eif-path', { code: 'usage' });
        const imageExport = options.imageExport ?? 'auto';
        if (imageExport !== 'auto' && imageExport !== 'rootfs-stream' && imageExport !== 'oci-layout') {
          throw new UserError(`--image-export: expected auto, rootfs-stream or oci-layout, got ${JSON.stringify(imageExport)}`, { code: 'usage' });
        }
        // Checked now: the verdict is written after a whole rebuild.
        if (options.reportFile) await checkOutputPath(options.reportFile, '--report-file');
        const blobSource = blobSourceFromFlags(options, 'reproduce');
        const blobs = blobSource.blobSet ? { dirFor: blobSource.blobSet.dirFor } : { dir: blobSource.blobsDir };
        const trust = await bundleTrust(options);
        requireBlobSource(blobSource, options);
        const bundle = await readJson(options.provenance, '--provenance');
        const store = options.store ? { store: await storeFromFlags({ store: options.store, s3Endpoint: options.s3Endpoint, s3Region: options.s3Region }), osImageHash: hash } : undefined;
        const workDir = options.workDir ? resolve(options.workDir) : await makeTempDir(tmpdir(), 'nitro-eif-reproduce-');
        try {
          const { reproduce } = await import('../../reproduce/reproduce.js');
          const report = await reproduce({
            bundle, bundleName: options.provenance, trust, source: options.source, blobs, workDir, env: process.env, imageExport,
            ...(options.eifPath ? { eif: { path: options.eifPath, ...(options.manifest ? { manifestPath: options.manifest } : {}) } } : {}),
            ...(store ? { store } : {}), ...(options.dstackUtil ? { dstackUtil: options.dstackUtil } : {}),
            onOutput: (text) => process.stderr.write(text),
          });
          const json = `${JSON.stringify(report, null, 2)}\n`;
          if (options.reportFile) await writeFileAtomic(options.reportFile, json);
          process.stdout.write(json);
          process.stderr.write(summary(report));
          if (!report.reproduced) {
            const d = report.differences;
            throw new VerificationError(`not reproduced: ${d?.registers.length ? `${d.registers.join(', ')} differ` : 'the EIF bytes differ'}`
              + `${d?.paths.length ? `; files: ${d.paths.slice(0, 5).join(', ')}${d.paths.length > 5 ? ', …' : ''}` : ''}`);
          }
        } finally {
          if (!options.workDir) await removeTempDir(workDir);
        }
      }),
  );
}

function summary(report: import('../../reproduce/reproduce.js').ReproduceReport): string {
  const lines = [report.reproduced
    ? `reproduced: commit ${report.source.commit} rebuilds OS_IMAGE_HASH ${report.os_image_hash} (PCR0-2 and EIF bytes match)`
    : `NOT reproduced from commit ${report.source.commit}: rebuild ${report.os_image_hash}, recorded ${report.recorded.os_image_hash}`];
  if (report.differences?.registers.length) lines.push(`  registers that differ: ${report.differences.registers.join(', ')}`);
  for (const reason of report.reasons) lines.push(`  ${reason}`);
  return `${lines.join('\n')}\n`;
}

async function bundleTrust(options: Options): Promise<BundleTrust> {
  const byKey = options.key !== undefined;
  const byIdentity = options.certificateIdentity !== undefined || options.certificateOidcIssuer !== undefined;
  if (byKey === byIdentity) throw new UserError('give either --key or --certificate-identity with --certificate-oidc-issuer', { code: 'usage' });
  if (byKey) return { publicKeyPem: await readText(options.key!, '--key') };
  if (!options.certificateIdentity || !options.certificateOidcIssuer) throw new UserError('--certificate-identity and --certificate-oidc-issuer go together', { code: 'usage' });
  if (!options.trustedRoot) throw new UserError('keyless verification needs --trusted-root FILE (a Sigstore trusted_root.json; nothing is fetched)', { code: 'usage' });
  return { trustedRoot: await readJson(options.trustedRoot, '--trusted-root'), certificateIdentity: options.certificateIdentity, certificateOidcIssuer: options.certificateOidcIssuer };
}

async function readText(path: string, flag: string): Promise<string> {
  return readRegularText(path, { maxBytes: MAX_PEM_BYTES, label: `${flag} ${path}` });
}

async function readJson(path: string, flag: string): Promise<unknown> {
  return readJsonFile(path, { label: `${flag} ${path}` });
}
