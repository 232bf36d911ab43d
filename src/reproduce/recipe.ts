// What a rebuild needs, read from a verified provenance statement. Every field is checked here, so a
// statement that lacks one (an older layout) is refused in one line naming it, before anything runs.
import type { DstackUtilPlacement, BuildNetwork } from '../build/image-build.js';
import type { Pcrs } from '../eif/types.js';
import { VerificationError } from '../errors.js';
import {
  checkStatementShape, MEASUREMENTS_BYPRODUCT, STATEMENT_LAYOUT, type ProvenanceStatement, type ResourceDescriptor,
} from '../trust/provenance/index.js';

export interface Digests { readonly sha256: string; readonly sha384: string }

export interface RebuildRecipe {
  readonly layout: number;
  readonly repository?: string;
  readonly ref?: string;
  readonly commit: string;
  readonly headCommit?: string;
  readonly submodules: readonly { readonly path: string; readonly commit: string }[];
  readonly lfs: boolean;
  /** Relative to the repository root, `/`-separated. */
  readonly context: string;
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform: 'linux/amd64' | 'linux/arm64';
  readonly network: BuildNetwork;
  readonly sourceDateEpoch: number;
  readonly contextDigest?: { readonly algorithm: string; readonly sha256: string };
  readonly baseImages: readonly { readonly name: string; readonly sha256: string }[];
  readonly dstackUtil?: { readonly sha256: string; readonly uri?: string; readonly placement: DstackUtilPlacement };
  /** Blob file name → SHA-384 hex. */
  readonly blobs: Readonly<Record<string, string>>;
  readonly blobSet: { readonly name?: string; readonly source?: string; readonly arch?: string };
  readonly eif: Digests & { readonly name: string };
  /** The measurements file the build signed (subject 2), when recorded. */
  readonly measurements?: { readonly name: string; readonly sha256: string };
  readonly pcrs: Pcrs;
  readonly osImageHash: string;
  readonly unsignedEif?: Digests;
  readonly signingCertificate?: string;
  readonly manifest?: { readonly sha256: string };
  readonly image?: { readonly manifestDigest?: string; readonly configDigest?: string };
  readonly builder?: Readonly<Record<string, unknown>>;
}

const EXT = 'predicate.buildDefinition.externalParameters';

/** Reads the recipe; throws `VerificationError` `provenance: <field> is missing …` for the first absent field. */
export function readRecipe(value: unknown, what = 'provenance'): RebuildRecipe {
  const statement: ProvenanceStatement = checkStatementShape(value, what);
  const { buildDefinition, runDetails } = statement.predicate;
  const internal = buildDefinition.internalParameters ?? {};
  const layout = internal['statementLayout'];
  if (typeof layout !== 'number') throw missing(what, 'predicate.buildDefinition.internalParameters.statementLayout', 'made before statement layout 2');
  if (layout > STATEMENT_LAYOUT) throw new VerificationError(`${what}: statement layout ${layout} is newer than this nitro-eif (${STATEMENT_LAYOUT}); update nitro-eif`);
  const ext = buildDefinition.externalParameters ?? {};
  const need = <T>(name: string, check: (v: unknown) => v is T, hint = 'a rebuild needs it'): T => {
    const v = ext[name];
    if (v === undefined) throw missing(what, `${EXT}.${name}`, hint);
    if (!check(v)) throw new VerificationError(`${what}: ${EXT}.${name} is malformed: ${JSON.stringify(v).slice(0, 100)}`);
    return v;
  };
  const deps = buildDefinition.resolvedDependencies ?? [];
  const byproducts = runDetails.byproducts ?? [];
  const measured = byproducts.find((b) => b.name === MEASUREMENTS_BYPRODUCT)?.annotations ?? {};
  const eif = statement.subject[0];
  if (!eif) throw missing(what, 'subject[0]', 'the EIF');
  const util = deps.find((d) => d.name === 'dstack-util');
  const placement = ext['dstackUtil'];
  if (util && placement === undefined) throw missing(what, `${EXT}.dstackUtil`, 'how dstack-util entered the image');
  const blobSet = need('blobSet', isRecord) as RebuildRecipe['blobSet'];
  const blobs = Object.fromEntries(deps.filter((d) => typeof d.digest?.['sha384'] === 'string' && d.name).map((d) => [d.name!, d.digest!['sha384']!]));
  if (Object.keys(blobs).length === 0) throw missing(what, 'predicate.buildDefinition.resolvedDependencies (blobs by sha384)', 'the kernel, init and nsm.ko');
  const image = byproducts.find((b) => b.name === 'oci-image')?.annotations;
  const manifest = byproducts.find((b) => b.name === 'ramdisk-manifest')?.digest?.['sha256'];
  const unsigned = byproducts.find((b) => b.name === 'unsigned-eif')?.digest;
  const pcrs = pcrsOf(measured, what);
  const platform = need('platform', isString);
  if (platform !== 'linux/amd64' && platform !== 'linux/arm64') throw new VerificationError(`${what}: ${EXT}.platform ${platform} is not linux/amd64 or linux/arm64`);
  const network = need('network', isString);
  if (network !== 'none' && network !== 'host' && network !== 'default') throw new VerificationError(`${what}: ${EXT}.network ${network} is not none, host or default`);
  const submodules = ext['submodules'] ?? [];
  if (!Array.isArray(submodules) || !submodules.every((m) => isRecord(m) && isRelativePath(m['path']) && isCommit(m['commit']))) {
    throw new VerificationError(`${what}: ${EXT}.submodules is malformed: ${JSON.stringify(submodules).slice(0, 100)}`);
  }
  const headCommit = ext['headCommit'];
  if (headCommit !== undefined && !isCommit(headCommit)) throw new VerificationError(`${what}: ${EXT}.headCommit is malformed: ${JSON.stringify(headCommit).slice(0, 100)}`);
  return {
    layout,
    repository: typeof ext['repository'] === 'string' ? ext['repository'] : undefined,
    ref: typeof ext['ref'] === 'string' ? ext['ref'] : undefined,
    commit: need('commit', isCommit, 'the commit to rebuild'),
    headCommit,
    submodules: submodules as { path: string; commit: string }[],
    lfs: ext['lfs'] === true,
    context: need('context', isRelativePath),
    dockerfile: need('dockerfile', isRelativePath),
    buildArgs: need('buildArgs', isStringRecord),
    target: typeof ext['target'] === 'string' ? ext['target'] : undefined,
    platform,
    network,
    sourceDateEpoch: need('sourceDateEpoch', (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0),
    contextDigest: isRecord(ext['contextDigest']) ? (ext['contextDigest'] as RebuildRecipe['contextDigest']) : undefined,
    baseImages: deps.filter((d) => d.uri?.startsWith('oci://') && d.digest?.['sha256']).map((d) => ({ name: d.name ?? d.uri!.slice(6), sha256: d.digest!['sha256']! })),
    dstackUtil: util ? { sha256: util.digest?.['sha256'] ?? '', uri: util.uri, placement: checkPlacement(placement, what) } : undefined,
    blobs,
    blobSet,
    eif: { name: eif.name, sha256: eif.digest.sha256, sha384: eif.digest.sha384 },
    measurements: statement.subject[1]?.digest.sha256 ? { name: statement.subject[1].name, sha256: statement.subject[1].digest.sha256 } : undefined,
    pcrs,
    osImageHash: String(measured['OS_IMAGE_HASH'] ?? ''),
    unsignedEif: unsigned?.['sha256'] && unsigned['sha384'] ? { sha256: unsigned['sha256'], sha384: unsigned['sha384'] } : undefined,
    signingCertificate: typeof ext['signingCertificate'] === 'string' ? ext['signingCertificate'] : undefined,
    manifest: manifest ? { sha256: manifest } : undefined,
    image: image ? { manifestDigest: str(image['manifestDigest']), configDigest: str(image['configDigest']) } : undefined,
    builder: (runDetails.builder.builderDependencies ?? []).find((d: ResourceDescriptor) => d.name === 'docker-buildx')?.annotations,
  };
}

function missing(what: string, field: string, hint: string): VerificationError {
  return new VerificationError(`${what}: ${field} is missing (${hint}; rebuild needs statement layout ${STATEMENT_LAYOUT})`);
}

function pcrsOf(annotations: Record<string, unknown>, what: string): Pcrs {
  const get = (name: string): string => {
    const v = annotations[name];
    if (typeof v !== 'string' || !/^[0-9a-f]{96}$/.test(v)) throw missing(what, `runDetails.byproducts[${MEASUREMENTS_BYPRODUCT}].annotations.${name}`, 'the measured PCRs');
    return v;
  };
  const pcr8 = annotations['PCR8'];
  return { PCR0: get('PCR0'), PCR1: get('PCR1'), PCR2: get('PCR2'), ...(typeof pcr8 === 'string' ? { PCR8: pcr8 } : {}) };
}

function checkPlacement(value: unknown, what: string): DstackUtilPlacement {
  if (isRecord(value) && value['kind'] === 'build-context') return { kind: 'build-context', name: 'dstack-util' };
  if (isRecord(value) && value['kind'] === 'layer' && typeof value['path'] === 'string' && value['path'].startsWith('/')
    && typeof value['mode'] === 'string' && /^[0-7]{3,4}$/.test(value['mode']) && Number.isSafeInteger(value['mtime'])) {
    return { kind: 'layer', path: value['path'], mode: value['mode'], mtime: value['mtime'] as number };
  }
  throw new VerificationError(`${what}: ${EXT}.dstackUtil is malformed: ${JSON.stringify(value).slice(0, 100)}`);
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** A full commit id (SHA-1 or SHA-256 object format): never an option or a revision expression for git. */
const isCommit = (v: unknown): v is string => typeof v === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringRecord = (v: unknown): v is Record<string, string> => isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
/** Inside the repository: no absolute path, no `..`. */
const isRelativePath = (v: unknown): v is string => isString(v) && !v.startsWith('/') && !v.split('/').includes('..');
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
