import type { Command } from 'commander';
import { osImageHash, parsePcrs, readMeasurements, type Pcrs } from '../../eif/index.js';
import { UserError } from '../../errors.js';
import type { RegisterOptions, RegisterResult } from '../../governance/register.js';
import { checkOutputPath } from '../../io/atomic-file.js';
import { artifactKey } from '../../store/layout.js';
import { hexArgument, newCommand } from '../program.js';
import { storeFromFlags } from './store-flags.js';

interface Options {
  mode: string;
  osImageHash?: string;
  measurements?: string;
  registryRepository: string;
  registryPath: string;
  registryBase: string;
  appId?: string;
  kmsContract?: string;
  appContract?: string;
  chainId?: string;
  safeAddress?: string;
  registryToken?: string;
  gitUrl?: string;
  apiUrl?: string;
  dryRun?: boolean;
  dryRunOutput?: string;
  store?: string;
  sourceRepository?: string;
  sourceCommit?: string;
  provenanceUrl?: string;
  buildUrl?: string;
  eifUri?: string;
  certificateIdentity?: string;
  certificateOidcIssuer?: string;
}

async function hashAndPcrs(options: Options): Promise<{ hash: string; pcrs?: Pcrs }> {
  if (options.osImageHash !== undefined) hexArgument(options.osImageHash, 32, '--os-image-hash');
  if (options.measurements !== undefined) {
    const { pcrs } = await readMeasurements(options.measurements);
    return { hash: options.osImageHash ?? osImageHash(pcrs), pcrs };
  }
  if (options.osImageHash === undefined) throw new UserError('give --os-image-hash or --measurements', { code: 'usage' });
  if (options.store === undefined) return { hash: options.osImageHash };
  // The image must be in the store the reviewer will pull from; its stored PCRs go into the PR.
  const store = await storeFromFlags({ store: options.store });
  const key = artifactKey(options.osImageHash, 'measurements');
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new UserError(`${store.uriOf(key)}: not valid JSON`, { code: 'format', cause: error });
  }
  return { hash: options.osImageHash, pcrs: parsePcrs(json, store.uriOf(key)).pcrs };
}

function createdAt(): number | undefined {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  if (!epoch) return undefined;
  if (!/^\d+$/.test(epoch)) throw new UserError(`SOURCE_DATE_EPOCH: expected whole seconds, got ${JSON.stringify(epoch)}`, { code: 'usage' });
  return Number(epoch) * 1000;
}

/** On GitHub Enterprise (GITHUB_SERVER_URL set by Actions) the registry is cloned from that server. */
function defaultGitUrl(repository: string): string | undefined {
  const server = process.env['GITHUB_SERVER_URL'];
  return server ? `${server.replace(/\/+$/, '')}/${repository.trim()}.git` : undefined;
}

async function toRegisterOptions(options: Options): Promise<RegisterOptions> {
  if (options.mode !== 'auth-simple' && options.mode !== 'onchain') throw new UserError(`--mode: auth-simple or onchain, got ${JSON.stringify(options.mode)}`, { code: 'usage' });
  const { hash, pcrs } = await hashAndPcrs(options);
  const chainId = options.chainId === undefined ? undefined : Number(options.chainId);
  return {
    mode: options.mode, osImageHash: hash, pcrs, registryRepository: options.registryRepository, registryPath: options.registryPath,
    registryBase: options.registryBase, appId: options.appId, kmsContract: options.kmsContract, appContract: options.appContract,
    chainId, safeAddress: options.safeAddress, createdAt: createdAt(),
    token: options.registryToken ?? (process.env['GITHUB_TOKEN'] || undefined),
    gitUrl: options.gitUrl ?? defaultGitUrl(options.registryRepository), apiUrl: options.apiUrl ?? (process.env['GITHUB_API_URL'] || undefined),
    dryRun: options.dryRun, dryRunOutput: options.dryRunOutput,
    evidence: {
      storeUri: options.store, sourceRepository: options.sourceRepository, sourceCommit: options.sourceCommit, provenanceUrl: options.provenanceUrl,
      buildUrl: options.buildUrl, eifUri: options.eifUri, certificateIdentity: options.certificateIdentity, certificateOidcIssuer: options.certificateOidcIssuer,
    },
    // The registry's verify action needs the store and the source to reproduce the image.
    ...(options.store && options.sourceRepository && /^[0-9a-f]{40}$/.test(options.sourceCommit ?? '')
      ? { buildFacts: { store: options.store, source: { repository: options.sourceRepository, commit: options.sourceCommit! },
        ...(options.eifUri ? { eif_uri: options.eifUri } : {}), ...(options.buildUrl ? { build_url: options.buildUrl } : {}) } }
      : {}),
  };
}

function print(result: RegisterResult, dryRun: boolean): void {
  for (const warning of result.warnings) process.stderr.write(`nitro-eif: warning: ${warning}\n`);
  if (result.alreadyRegistered) process.stderr.write(`nitro-eif: ${result.osImageHash} is already registered in ${result.file}; no pull request\n`);
  if (dryRun && result.body) {
    process.stderr.write(`nitro-eif: dry run: wrote ${result.dryRunFile}; pull request body follows\n`);
    process.stdout.write(result.body);
    return;
  }
  const out = {
    os_image_hash: result.osImageHash, operation: result.operation, already_registered: result.alreadyRegistered,
    pull_request_number: result.pullRequestNumber ?? null, pull_request_url: result.pullRequestUrl ?? null, branch: result.branch, file: result.file,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

/** `nitro-eif register`: open or update the KMS registry pull request that allows one OS_IMAGE_HASH. */
export function register(program: Command): void {
  program.addCommand(
    newCommand('register')
      .description('Open (or update) a pull request on the KMS registry allowing one OS_IMAGE_HASH: an auth-simple ' +
        'auth-config.json edit, or a Safe Transaction Builder batch for the on-chain contracts')
      .requiredOption('--mode <mode>', 'auth-simple | onchain')
      .option('--os-image-hash <hash>', 'the OS_IMAGE_HASH (64 hex, 0x optional)')
      .option('--measurements <file>', 'measurements JSON: the hash is computed from its PCRs, which the PR shows')
      .requiredOption('--registry-repository <owner/repo>', 'the registry repository')
      .requiredOption('--registry-path <path>', 'auth-simple: the auth-config.json path; onchain: the folder for batch files')
      .option('--registry-base <branch>', 'base branch of the pull request', 'main')
      .option('--app-id <hex>', 'dstack app id (20 bytes); auth-simple adds the hash to its composeHashes')
      .option('--kms-contract <address>', 'onchain: DstackKms address (addOsImageHash)')
      .option('--app-contract <address>', 'onchain: DstackApp address (addComposeHash)')
      .option('--chain-id <n>', 'onchain: chain id of the contracts')
      .option('--safe-address <address>', 'onchain: the owner Safe (recorded in the batch meta)')
      .option('--registry-token <token>', 'GitHub token (default: $GITHUB_TOKEN; prefer the variable, flags show in ps)')
      .option('--git-url <url>', 'clone URL (default: $GITHUB_SERVER_URL or https://github.com, /<owner>/<repo>.git)')
      .option('--api-url <url>', 'GitHub API URL (default: $GITHUB_API_URL or https://api.github.com)')
      .option('--dry-run', 'write the changed file locally and print the PR body; push nothing')
      .option('--dry-run-output <file>', 'where --dry-run writes the file (default: its name in the current folder)')
      .option('--store <uri>', 'store holding the image: its PCRs are read from it (without --measurements) and the reviewer pulls from it')
      .option('--source-repository <url>', 'source repository URL (links the commit)')
      .option('--source-commit <sha>', 'source commit of the build')
      .option('--provenance-url <url>', 'link to the build provenance')
      .option('--build-url <url>', 'link to the CI run')
      .option('--eif-uri <uri>', 'where the EIF is stored')
      .option('--certificate-identity <uri>', 'signer identity the reviewer checks the provenance against')
      .option('--certificate-oidc-issuer <url>', 'OIDC issuer of that identity')
      .action(async (options: Options) => {
        if (options.dryRunOutput !== undefined) await checkOutputPath(options.dryRunOutput, '--dry-run-output');
        const { register: registerImage } = await import('../../governance/register.js');
        print(await registerImage(await toRegisterOptions(options)), options.dryRun === true);
      }),
  );
}
