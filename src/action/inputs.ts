import type { ImageExport } from '../build/image-build.js';
import { isAbsolute, join } from 'node:path';
import { findBlobSet, parseBaseUrl } from '../build/blob-fetch.js';
import { parseBlobPinLines } from '../build/blobs.js';
import { parseSha256 } from '../build/dstack-util.js';
import type { PublicBlobSet } from '../build/known-blobs.js';
import { parseByteSize } from '../build/rootfs-size.js';
import { UserError } from '../errors.js';
import { parseStoreUri } from '../store/layout.js';

// The action's inputs, read once and checked up front: every mistake is one line naming the input,
// before anything is fetched or built. `get` is core.getInput in the action, a map in tests.

export interface ActionInputs {
  readonly context: string;
  readonly file: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform: 'linux/amd64' | 'linux/arm64';
  /** Absent: the commit time of HEAD (read by the action with git). */
  readonly sourceDateEpoch?: number;
  /** `--network` for RUN steps; `none` unless the workflow opts in (a rebuilder cannot replay what RUN fetched). */
  readonly network: 'none' | 'host' | 'default';
  /** How the image reaches the EIF builder (build/context-build.ts); the EIF is the same either way. */
  readonly imageExport: ImageExport;
  readonly dstackUtil?: { readonly source: string; readonly sha256: string; readonly path?: string };
  /** Absent exactly when `blobSet` is given (then there is no directory to check before the build). */
  readonly blobsDir?: string;
  /** `blobs`: a public set fetched (and kept in the tool cache) instead of `blobsDir`. */
  readonly blobSet?: { readonly set: PublicBlobSet; readonly baseUrl?: string };
  /** Blob file name → pinned SHA-384 hex. */
  readonly blobsSha384: Readonly<Record<string, string>>;
  readonly outputDir: string;
  /** Limit on the total of the image's file data (bytes); absent means the builder's default. */
  readonly maxRootfsSize?: number;
  readonly requirePinnedBase: boolean;
  readonly reproducibilityCheck: boolean;
  readonly lockfile?: string;
  readonly failOnPcrChange: boolean;
  readonly summary: boolean;
  readonly githubToken?: string;
  readonly crossCheckNitroCli: boolean;
  /** PCR8: certificate (PEM text or path) and key (PEM text, path, or AWS KMS key ARN). */
  readonly signing?: { readonly certificate: string; readonly key: string };
  /** SLSA provenance: signed with `key` (P-256 PEM text or path), or keyless through GitHub's Sigstore. */
  readonly provenance?: { readonly mode: 'key' | 'keyless'; readonly key?: string };
  /** A running enclave's attestation document to check against this build. */
  readonly attestationDocument?: string;
  /** Store URI (path, file://, s3://bucket/prefix) to push the build to. */
  readonly store?: string;
  readonly registration?: {
    readonly mode: 'auth-simple' | 'onchain';
    readonly registryRepository: string;
    readonly registryPath: string;
    readonly registryBase: string;
    readonly appId?: string;
    readonly kmsContract?: string;
    readonly appContract?: string;
    readonly chainId?: number;
    readonly safeAddress?: string;
    readonly token?: string;
  };
}

export type InputGetter = (name: string) => string;

export const DEFAULT_BLOBS_DIR = '/usr/share/nitro_enclaves/blobs';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_EPOCH = 253402300799; // 9999-12-31T23:59:59Z

/** Reads and validates every input; throws a UserError naming the first bad input. */
export function readInputs(get: InputGetter): ActionInputs {
  const value = (name: string): string | undefined => get(name).trim() || undefined;
  const context = value('context') ?? '.';
  const dstackUtil = readDstackUtil(value);
  const lockfile = value('lockfile');
  const failOnPcrChange = bool(get, 'fail-on-pcr-change', false);
  if (failOnPcrChange && !lockfile) throw inputError('fail-on-pcr-change', 'needs lockfile (the build to compare with)');
  return {
    context,
    file: value('file') ?? join(context, 'Dockerfile'),
    buildArgs: readBuildArgs(get('build-args')),
    target: value('target'),
    platform: readPlatform(value('platform')),
    sourceDateEpoch: readEpoch(value('source-date-epoch')),
    network: readNetwork(value('network')),
    imageExport: readImageExport(value('image-export')),
    dstackUtil,
    ...blobSource(value),
    blobsSha384: parseBlobPinLines(get('blobs-sha384'), 'input blobs-sha384'),
    outputDir: value('output-dir') ?? 'nitro-eif-out',
    maxRootfsSize: readSize(value('max-rootfs-size'), 'max-rootfs-size'),
    requirePinnedBase: bool(get, 'require-pinned-base', true),
    reproducibilityCheck: bool(get, 'reproducibility-check', false),
    lockfile,
    failOnPcrChange,
    summary: bool(get, 'summary', true),
    githubToken: value('github-token'),
    crossCheckNitroCli: bool(get, 'cross-check-nitro-cli', false),
    signing: readSigning(value),
    provenance: readProvenance(value),
    attestationDocument: value('attestation-document'),
    store: readStore(value('store')),
    registration: readRegistration(value),
  };
}

function readSize(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseByteSize(text, name);
  } catch (error) {
    throw inputError(name, (error as Error).message.replace(`${name}: `, ''));
  }
}

function inputError(name: string, message: string): UserError {
  return new UserError(`input ${name}: ${message}`, { code: 'input' });
}

function bool(get: InputGetter, name: string, fallback: boolean): boolean {
  const text = get(name).trim();
  if (text === '') return fallback;
  if (/^(true|yes|on)$/i.test(text)) return true;
  if (/^(false|no|off)$/i.test(text)) return false;
  throw inputError(name, `expected true or false, got ${JSON.stringify(text)}`);
}

function readDstackUtil(value: (name: string) => string | undefined): ActionInputs['dstackUtil'] {
  const source = value('dstack-util');
  const sha256 = value('dstack-util-sha256');
  const path = value('dstack-util-path');
  if (!source) {
    if (sha256) throw inputError('dstack-util-sha256', 'is set but dstack-util is not');
    if (path) throw inputError('dstack-util-path', 'is set but dstack-util is not');
    return undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && !/^https:\/\//i.test(source)) {
    throw inputError('dstack-util', 'must be a file path or an https:// URL');
  }
  if (!sha256) throw inputError('dstack-util-sha256', 'is required with dstack-util (the binary is pinned by its SHA-256)');
  const hex = parseSha256(sha256, 'input dstack-util-sha256');
  if (path !== undefined && (!path.startsWith('/') || path.endsWith('/') || path.split('/').some((p) => p === '..' || p === '.'))) {
    throw inputError('dstack-util-path', `expected an absolute file path inside the image (e.g. /app/dstack-util), got ${JSON.stringify(path)}`);
  }
  return { source, sha256: hex, ...(path ? { path } : {}) };
}

function blobSource(value: (name: string) => string | undefined): Pick<ActionInputs, 'blobsDir' | 'blobSet'> {
  const name = value('blobs');
  const baseUrl = value('blobs-base-url');
  if (!name) {
    if (baseUrl) throw inputError('blobs-base-url', 'is set but blobs is not');
    return { blobsDir: value('blobs-dir') ?? DEFAULT_BLOBS_DIR };
  }
  if (value('blobs-dir')) throw inputError('blobs', 'give blobs or blobs-dir, not both');
  return { blobSet: { set: findBlobSet(name, 'input blobs'), ...(baseUrl ? { baseUrl: parseBaseUrl(baseUrl, 'input blobs-base-url') } : {}) } };
}

function readSigning(value: (name: string) => string | undefined): ActionInputs['signing'] {
  const certificate = value('signing-certificate');
  const key = value('signing-key');
  if (!certificate && !key) return undefined;
  if (!certificate) throw inputError('signing-certificate', 'is required with signing-key');
  if (!key) throw inputError('signing-key', 'is required with signing-certificate');
  return { certificate, key };
}

function readProvenance(value: (name: string) => string | undefined): ActionInputs['provenance'] {
  const mode = value('provenance') ?? 'none';
  const key = value('provenance-key');
  if (mode === 'none' || mode === 'false') {
    if (key) throw inputError('provenance-key', 'is set but provenance is none (set provenance: key)');
    return undefined;
  }
  if (mode === 'keyless') return { mode };
  if (mode !== 'key') throw inputError('provenance', `expected none, key or keyless, got ${JSON.stringify(mode)}`);
  if (!key) throw inputError('provenance-key', 'is required with provenance: key (an EC P-256 private key)');
  return { mode, key };
}

function readRegistration(value: (name: string) => string | undefined): ActionInputs['registration'] {
  const mode = value('registration') ?? 'none';
  if (mode === 'none') return undefined;
  if (mode !== 'auth-simple' && mode !== 'onchain') throw inputError('registration', `expected none, auth-simple or onchain, got ${JSON.stringify(mode)}`);
  const registryRepository = value('registry-repository');
  if (!registryRepository) throw inputError('registry-repository', `is required with registration: ${mode} (owner/repo)`);
  if (!/^[\w.-]+\/[\w.-]+$/.test(registryRepository)) throw inputError('registry-repository', `expected owner/repo, got ${JSON.stringify(registryRepository)}`);
  const registryPath = value('registry-path');
  if (!registryPath) throw inputError('registry-path', `is required with registration: ${mode}`);
  if (registryPath.split('/').includes('..')) throw inputError('registry-path', `must stay inside the registry repository, got ${JSON.stringify(registryPath)}`);
  const chain = value('chain-id');
  if (chain !== undefined && (!/^\d+$/.test(chain) || !Number.isSafeInteger(Number(chain)) || Number(chain) === 0)) {
    throw inputError('chain-id', `expected a decimal chain id (a positive integer), got ${JSON.stringify(chain)}`);
  }
  if (mode === 'onchain' && (!value('kms-contract') || !value('app-contract') || chain === undefined)) {
    throw inputError(!value('kms-contract') ? 'kms-contract' : !value('app-contract') ? 'app-contract' : 'chain-id', 'is required with registration: onchain');
  }
  // Checked here, not when the pull request is opened: a typo must not cost a build and a store push.
  const appId = value('app-id');
  if (appId !== undefined && !/^(0x)?[0-9a-fA-F]{40}$/.test(appId)) throw inputError('app-id', `expected 0x + 40 hex digits (20 bytes), got ${JSON.stringify(appId)}`);
  for (const name of ['kms-contract', 'app-contract', 'safe-address']) {
    const address = value(name);
    if (address !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(address)) throw inputError(name, `expected a 0x-prefixed 20-byte address (0x + 40 hex digits), got ${JSON.stringify(address)}`);
  }
  return {
    mode, registryRepository, registryPath, registryBase: value('registry-base') ?? 'main', appId,
    kmsContract: value('kms-contract'), appContract: value('app-contract'), chainId: chain === undefined ? undefined : Number(chain),
    safeAddress: value('safe-address'), token: value('registry-token') ?? value('github-token'),
  };
}

/** The store URI as given, once its form is known to be good (a path, file:// or s3://bucket/prefix). */
function readStore(text: string | undefined): string | undefined {
  if (text !== undefined) parseStoreUri(text, 'input store');
  return text;
}

function readBuildArgs(text: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq);
    if (eq < 0 || !NAME.test(name)) throw inputError('build-args', `expected NAME=VALUE lines, got ${JSON.stringify(line)}`);
    args[name] = line.slice(eq + 1);
  }
  return args;
}

function readPlatform(text: string | undefined): ActionInputs['platform'] {
  if (text === undefined || text === 'linux/amd64') return 'linux/amd64';
  if (text === 'linux/arm64') return 'linux/arm64';
  throw inputError('platform', `expected linux/amd64 or linux/arm64 (one platform: an EIF is for one architecture), got ${JSON.stringify(text)}`);
}

function readEpoch(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > MAX_EPOCH) {
    throw inputError('source-date-epoch', `expected whole seconds since 1970 (e.g. 1700000000), got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function readNetwork(text: string | undefined): ActionInputs['network'] {
  if (text === undefined) return 'none';
  if (text === 'none' || text === 'host' || text === 'default') return text;
  throw inputError('network', `expected default, none or host, got ${JSON.stringify(text)}`);
}

function readImageExport(text: string | undefined): ImageExport {
  if (text === undefined) return 'auto';
  if (text === 'auto' || text === 'rootfs-stream' || text === 'oci-layout') return text;
  throw inputError('image-export', `expected auto, rootfs-stream or oci-layout, got ${JSON.stringify(text)}`);
}

/** Resolves `path` against the workspace (relative inputs are relative to the job's working directory). */
export function resolveInPath(base: string, path: string): string {
  return isAbsolute(path) ? path : join(base, path);
}
