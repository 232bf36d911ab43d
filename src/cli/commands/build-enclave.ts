// `nitro-eif build-enclave`: an image archive → EIF, printing nitro-cli's measurements JSON.
import type { Command } from 'commander';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { DEFAULT_BLOBS_DIR, readBlobLock } from '../../build/blobs.js';
import { parseCustomMetadata, parseSourceDateEpoch } from '../../build/eif-metadata.js';
import { nitroCliMeasurements, renderMeasurements } from '../../build/measurements.js';
import { parseByteSize } from '../../build/rootfs-size.js';
import { buildEnclave, type BuildOptions, type BuildProgress, type BuildResult } from '../../build/pipeline.js';
import { describeBuildProgress } from '../../build/progress.js';
import { checkSigningCertificateValidity, minimumEnclaveMemoryMiB, signEif, type Pcrs } from '../../eif/index.js';
import { checkOutputPath, writeFileAtomic } from '../../io/atomic-file.js';
import { MAX_JSON_BYTES, readRegularText } from '../../io/regular-file.js';
import { UserError } from '../../errors.js';
import type { ImageSource } from '../../image/index.js';
import { newCommand } from '../program.js';
import { blobSourceFromFlags, requireBlobSource } from './blob-source.js';
import { readInput, signerFor } from './sign-eif.js';

interface BuildEnclaveFlags {
  ociArchive?: string;
  ociLayout?: string;
  dockerArchive?: string;
  outputFile: string;
  blobsDir?: string;
  blobs?: string;
  blobsBaseUrl?: string;
  blobsTimeout?: string;
  blobsSha384?: string;
  platform?: string;
  name?: string;
  version?: string;
  metadata?: string;
  sourceDateEpoch?: string;
  measurementsFile?: string;
  manifestFile?: string;
  signingCertificate?: string;
  privateKey?: string;
  maxRootfsSize?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  // nitro-cli's `build-enclave --version V` sets ImageVersion: the root's `--version` must then be
  // recognised only before the subcommand, not anywhere on the line.
  program.enablePositionalOptions();
  program.addCommand(
    newCommand('build-enclave')
      .description('Build an enclave image file (EIF) from an OCI archive, OCI layout or docker-save archive, without Docker')
      .option('--oci-archive <file>', 'OCI image archive (docker buildx --output type=oci)')
      .option('--oci-layout <dir>', 'OCI image layout directory')
      .option('--docker-archive <file>', 'docker save archive')
      .requiredOption('--output-file <file>', 'where to write the EIF')
      .option('--blobs-dir <dir>', `kernel, cmdline, init and nsm.ko in nitro-cli layout (default: ${DEFAULT_BLOBS_DIR})`)
      .option('--blobs <set>', 'a public blob set instead, e.g. aws-nitro-enclaves-cli@v1.5.0: downloaded once into the user cache, verified on every use')
      .option('--blobs-base-url <url>', 'with --blobs: mirror holding blobs/<arch>/<file>')
      .option('--blobs-timeout <seconds>', 'with --blobs: give up on a server silent this long (default: 60)')
      .option('--blobs-sha384 <file>', 'pins every blob must match: JSON {blob name: sha384} (blobs --write-lock) or sha384sum output')
      .option('--platform <platform>', 'image platform to use from a multi-platform index, e.g. linux/amd64')
      .option('--name <name>', 'ImageName in the EIF metadata (default: enclave)')
      .option('--version <version>', 'ImageVersion in the EIF metadata (default: the image config digest)')
      .option('--metadata <file>', 'JSON file stored as CustomMetadata (at most 4096 bytes)')
      .option('--source-date-epoch <seconds>', 'build time recorded in the EIF (default: $SOURCE_DATE_EPOCH, else 0)')
      .option('--measurements-file <file>', 'write PCRs, os_image_hash, digests and blob hashes as JSON')
      .option('--manifest-file <file>', 'write every customer ramdisk entry (for diffing builds)')
      .option('--signing-certificate <pem>', 'sign the EIF (PCR8) with this certificate, as nitro-cli (with --private-key)')
      .option('--private-key <pem|arn>', 'EC private key PEM file, or a KMS key ARN, for --signing-certificate')
      .option('--max-rootfs-size <size>', 'refuse an image whose files hold more data (bytes, or with K/M/G/T; default 16G)')
      .option('--quiet', 'no progress on stderr')
      .action(async (flags: BuildEnclaveFlags) => {
        if ((flags.signingCertificate === undefined) !== (flags.privateKey === undefined)) {
          throw new UserError('build-enclave: --signing-certificate and --private-key go together', { code: 'usage' });
        }
        // A certificate the EIF could not run with fails before the build, not after it.
        if (flags.signingCertificate) {
          checkSigningCertificateValidity(await readInput(flags.signingCertificate), `signing certificate ${flags.signingCertificate}`);
        }
        const options = await buildOptions(flags);
        const result = await buildEnclave(options);
        const pcrs = flags.signingCertificate && flags.privateKey ? await signBuilt(flags, options, result) : result.eif.pcrs;
        process.stdout.write(`${nitroCliMeasurements(pcrs)}\n`);
        warnAboutEnclaveMemory(result.eif.size, flags.quiet);
      }),
  );
}

/**
 * Signs the built EIF in place (nitro-cli signs while building: signature section last, PCR8) and
 * brings the measurements file up to date (PCR8, EIF digests). All or nothing, like the build.
 */
async function signBuilt(flags: BuildEnclaveFlags, options: BuildOptions, result: BuildResult): Promise<Pcrs> {
  try {
    const certificatePem = await readInput(flags.signingCertificate!);
    const signed = await signEif(options.outputPath, { certificatePem, signer: await signerFor(flags.privateKey!), certificateLabel: `signing certificate ${flags.signingCertificate!}` });
    const doc = result.measurements;
    if (options.measurementsPath && doc) {
      const eif = { ...doc.eif, size: signed.size, sha256: signed.sha256, sha384: signed.sha384 };
      await writeFileAtomic(options.measurementsPath, renderMeasurements({ ...doc, pcrs: signed.pcrs, eif }));
    }
    return signed.pcrs;
  } catch (error) {
    await Promise.all([options.outputPath, options.measurementsPath].map((path) => path && rm(path, { force: true })));
    throw error;
  }
}

/** EIFs past this size get a note: run-enclave needs 4 × the file size of enclave memory (spec §6). */
const LARGE_EIF_BYTES = 256 * 1024 * 1024;

export function warnAboutEnclaveMemory(eifSize: number, quiet: boolean | undefined): void {
  if (quiet || eifSize < LARGE_EIF_BYTES) return;
  process.stderr.write(
    `nitro-eif: warning: the EIF is ${Math.round(eifSize / 2 ** 20)} MiB; run-enclave needs at least ` +
      `${minimumEnclaveMemoryMiB(eifSize)} MiB of enclave memory (--memory) for it\n`,
  );
}

function imageSource(flags: BuildEnclaveFlags): ImageSource {
  const given = [flags.ociArchive, flags.ociLayout, flags.dockerArchive].filter((v) => v !== undefined);
  if (given.length !== 1) {
    throw new UserError('build-enclave: give exactly one of --oci-archive, --oci-layout, --docker-archive', { code: 'usage' });
  }
  const platform = flags.platform;
  if (flags.ociArchive !== undefined) return { ociArchive: flags.ociArchive, platform };
  if (flags.ociLayout !== undefined) return { ociLayout: flags.ociLayout, platform };
  return { dockerArchive: flags.dockerArchive as string, platform };
}

async function buildOptions(flags: BuildEnclaveFlags): Promise<BuildOptions> {
  const image = imageSource(flags);
  const blobs = blobSourceFromFlags(flags, 'build-enclave');
  // A path the final rename cannot take is refused now, not after the whole build.
  await checkOutputPath(flags.outputFile, '--output-file');
  if (flags.measurementsFile !== undefined) await checkOutputPath(flags.measurementsFile, '--measurements-file');
  if (flags.manifestFile !== undefined) await checkOutputPath(flags.manifestFile, '--manifest-file');
  requireBlobSource(blobs, flags);
  const epochText = flags.sourceDateEpoch ?? process.env['SOURCE_DATE_EPOCH'] ?? '0';
  const epochWhat = flags.sourceDateEpoch !== undefined ? '--source-date-epoch' : 'SOURCE_DATE_EPOCH';
  return {
    image,
    outputPath: flags.outputFile,
    ...blobs,
    blobsLock: flags.blobsSha384 ? await readBlobLock(flags.blobsSha384) : undefined,
    sourceDateEpoch: parseSourceDateEpoch(epochText, epochWhat),
    name: flags.name,
    version: flags.version,
    customMetadata: flags.metadata ? parseCustomMetadata(await readText(flags.metadata), flags.metadata) : undefined,
    measurementsPath: flags.measurementsFile,
    // The EIF's own SHA-256/SHA-384 go only into the measurements file: without one, skip that pass.
    eifDigests: false,
    manifestPath: flags.manifestFile,
    tempDir: tmpdir(),
    ...(flags.maxRootfsSize !== undefined ? { maxRootfsSize: parseByteSize(flags.maxRootfsSize, '--max-rootfs-size') } : {}),
    onProgress: !flags.quiet && process.stderr.isTTY ? progressLine() : undefined,
  };
}

async function readText(path: string): Promise<string> {
  return readRegularText(path, { label: `metadata file ${path}`, maxBytes: MAX_JSON_BYTES });
}

/** One self-overwriting stderr line, redrawn at most every 200 ms. */
function progressLine(): (progress: BuildProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.phase !== 'done' && now - last < 200) return;
    last = now;
    const text = describeBuildProgress(p);
    process.stderr.write(`\r\x1b[2K${text}${p.phase === 'done' ? '\n' : ''}`);
  };
}
