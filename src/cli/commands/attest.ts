import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { checkOutputPath } from '../../io/atomic-file.js';
import { MAX_PEM_BYTES, readRegularText } from '../../io/regular-file.js';
import type { ProvenanceDetails } from '../../trust/provenance/index.js';
import { keepOldFlag, newCommand } from '../program.js';

interface Options {
  eifPath: string;
  measurements: string;
  privateKey: string;
  outputFile: string;
  sourceRepository?: string;
  sourceRef?: string;
  sourceCommit?: string;
  workflow?: string;
  dockerfile?: string;
  context?: string;
  platform?: string;
  buildArg: string[];
  sourceDateEpoch?: string;
  baseImage: string[];
  dstackUtilSha256?: string;
  builderId?: string;
  invocationId?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `nitro-eif attest`: SLSA provenance for an EIF and its measurements, signed offline with a local key. */
export function register(program: Command): void {
  const command = newCommand('attest')
      .description('Make a signed SLSA provenance bundle (provenance.sigstore.json) for an EIF and its measurements, with a local EC P-256 key')
      .requiredOption('--eif-path <file>', 'the EIF (measured here)')
      .requiredOption('--measurements <file>', 'its measurements JSON (must match the EIF)')
      .option('--private-key <pem>', 'unencrypted EC P-256 private key (PEM); required')
      .option('--output-file <file>', 'where to write the bundle', 'provenance.sigstore.json')
      .option('--source-repository <url>', 'source repository, e.g. https://github.com/owner/repo')
      .option('--source-ref <ref>', 'source ref, e.g. refs/heads/main')
      .option('--source-commit <sha>', 'source commit (full id)')
      .option('--workflow <path>', 'workflow file that ran the build')
      .option('--dockerfile <path>', 'Dockerfile used')
      .option('--context <path>', 'build context used')
      .option('--platform <platform>', 'image platform, e.g. linux/amd64')
      .option('--build-arg <name=value>', 'a build argument (repeatable)', collect, [])
      .option('--source-date-epoch <seconds>', 'SOURCE_DATE_EPOCH of the build')
      .option('--base-image <ref@sha256:…>', 'a base image by digest (repeatable)', collect, [])
      .option('--dstack-util-sha256 <hex>', 'SHA-256 of the dstack-util binary in the image')
      .option('--builder-id <uri>', 'runDetails.builder.id')
      .option('--invocation-id <uri>', 'runDetails.metadata.invocationId')
      .action(async (options: Options) => {
        await checkOutputPath(options.outputFile, '--output-file');
        const { attestFiles, loadSigningKey } = await import('../../trust/provenance/index.js');
        const privateKey = loadSigningKey(await readKey(options.privateKey), `--private-key ${options.privateKey}`);
        const { statement } = await attestFiles({
          eifPath: options.eifPath, measurementsPath: options.measurements, privateKey, outputPath: options.outputFile,
          details: details(options),
        });
        const summary = { output: options.outputFile, subjects: statement.subject, predicateType: statement.predicateType };
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      });
  // Earlier names, still accepted: the other commands say --private-key and --output-file.
  keepOldFlag(command, '--key <pem>', 'privateKey', '--private-key <pem>', true);
  keepOldFlag(command, '--output <file>', 'outputFile', '--output-file <file>');
  program.addCommand(command);
}

function details(o: Options): ProvenanceDetails {
  const source = compact({ repository: o.sourceRepository, ref: o.sourceRef, commit: o.sourceCommit });
  const build = compact({
    dockerfile: o.dockerfile, context: o.context, platform: o.platform,
    buildArgs: o.buildArg.length === 0 ? undefined : Object.fromEntries(o.buildArg.map(splitArg)),
    sourceDateEpoch: o.sourceDateEpoch === undefined ? undefined : epoch(o.sourceDateEpoch),
  });
  const dependencies = compact({
    baseImages: o.baseImage.length === 0 ? undefined : o.baseImage.map(splitImage),
    dstackUtil: o.dstackUtilSha256 === undefined ? undefined : { sha256: o.dstackUtilSha256.toLowerCase() },
  });
  return compact({
    source, build, dependencies,
    workflow: o.workflow === undefined ? undefined : { path: o.workflow },
    builderId: o.builderId, invocationId: o.invocationId,
  });
}

function splitArg(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UserError(`--build-arg: expected NAME=VALUE, got ${JSON.stringify(text)}`, { code: 'usage' });
  return [text.slice(0, at), text.slice(at + 1)];
}

function splitImage(text: string): { name: string; digest: string } {
  const at = text.lastIndexOf('@');
  if (at <= 0) throw new UserError(`--base-image: expected REF@sha256:HEX, got ${JSON.stringify(text)}`, { code: 'usage' });
  return { name: text.slice(0, at), digest: text.slice(at + 1) };
}

function epoch(text: string): number {
  if (!/^\d{1,12}$/.test(text)) throw new UserError(`--source-date-epoch: expected whole seconds, got ${JSON.stringify(text)}`, { code: 'usage' });
  return Number(text);
}

async function readKey(path: string): Promise<string> {
  return readRegularText(path, { label: `--private-key ${path}`, maxBytes: MAX_PEM_BYTES });
}

function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
