// buildProvenanceStatement: the in-toto Statement v1 with a SLSA Provenance v1 predicate for one EIF build.
// Pure: same input, same statement (key order included), so it can be rebuilt and compared.
import { UserError } from '../../errors.js';
import type { Pcrs } from '../../eif/types.js';
import { BUILDER_NAME, BUILDER_VERSION } from '../../version.js';
import {
  EIF_BUILD_TYPE, MEASUREMENTS_BYPRODUCT, SLSA_PROVENANCE_V1, STATEMENT_TYPE,
  type ProvenanceStatement, type ResourceDescriptor, type Subject,
} from './types.js';

/** A file the statement is about: its name (usually the basename) and digests as lowercase hex. */
export interface FileDigests {
  readonly name: string;
  readonly sha256: string;
  readonly sha384: string;
}

/** How dstack-util entered the image (see src/build/image-build.ts). */
export type DstackUtilPlacementInput =
  | { readonly kind: 'build-context'; readonly name: string }
  | { readonly kind: 'layer'; readonly path: string; readonly mode: string; readonly mtime: number };

export interface ProvenanceInput {
  readonly eif: FileDigests;
  readonly measurements: FileDigests;
  readonly pcrs: Pcrs;
  /** 0x-prefixed SHA-256 of raw PCR0‖PCR1‖PCR2. */
  readonly osImageHash: string;
  readonly source?: {
    /** e.g. https://github.com/owner/repo */
    readonly repository?: string;
    /** e.g. refs/heads/main, or refs/pull/7/merge */
    readonly ref?: string;
    /** 40 hex digits: the commit built (for a pull request, the merge commit) */
    readonly commit?: string;
    /** For a pull request: the head commit of the pull request's branch. */
    readonly headCommit?: string;
    /** Submodules checked out (path → commit) and whether Git LFS files are in the tree. */
    readonly submodules?: readonly { readonly path: string; readonly commit: string }[];
    readonly lfs?: boolean;
  };
  /** The workflow that ran the build, e.g. {path: '.github/workflows/eif.yml', ref: 'refs/heads/main'}. */
  readonly workflow?: { readonly repository?: string; readonly path?: string; readonly ref?: string; readonly commit?: string };
  readonly build?: {
    /** Paths relative to the repository root (`.` for the root itself). */
    readonly dockerfile?: string;
    readonly context?: string;
    readonly buildArgs?: Readonly<Record<string, string>>;
    readonly platform?: string;
    readonly target?: string;
    readonly sourceDateEpoch?: number;
    /** `none`, `host` or `default` (the builder's network). */
    readonly network?: string;
    readonly dstackUtil?: DstackUtilPlacementInput;
    /** Digest of the build context as it was on disk (src/build/context-digest.ts). */
    readonly contextDigest?: { readonly algorithm: string; readonly sha256: string };
    /** PEM of the certificate the EIF was signed with (PCR8). */
    readonly signingCertificate?: string;
  };
  readonly dependencies?: {
    /** Base images by reference and digest (`sha256:…`). */
    readonly baseImages?: readonly { readonly name: string; readonly digest: string }[];
    readonly dstackUtil?: { readonly sha256: string; readonly uri?: string };
    /** Kernel, init, nsm.ko, cmdline…: name → SHA-384 hex. */
    readonly blobs?: readonly { readonly name: string; readonly sha384: string; readonly uri?: string }[];
    /** The blob set: its name when it is a known or named set, where it came from, its architecture. */
    readonly blobSet?: { readonly name?: string; readonly source?: string; readonly arch: string };
  };
  /** runDetails.builder.id; e.g. https://github.com/dstack/nitro-eif-build@v1 or the workflow URI. */
  readonly builderId?: string;
  readonly builderVersion?: string;
  /** runDetails.builder.builderDependencies: the action's own code, buildx/BuildKit/engine versions. */
  readonly builderDependencies?: readonly ResourceDescriptor[];
  /** Byproducts besides the measurements (image digests, file manifest, unsigned EIF). */
  readonly byproducts?: readonly ResourceDescriptor[];
  readonly internalParameters?: Readonly<Record<string, unknown>>;
  readonly invocationId?: string;
  readonly startedOn?: Date;
  readonly finishedOn?: Date;
}

/** The statement layout this module writes; `reproduce` refuses layouts it cannot rebuild from. */
export const STATEMENT_LAYOUT = 2;

export const DEFAULT_BUILDER_ID = 'https://github.com/dstack/nitro-eif-build@v1';

/** Builds the statement; throws `UserError` for a malformed digest or commit. */
export function buildProvenanceStatement(input: ProvenanceInput): ProvenanceStatement {
  const builderVersion = input.builderVersion ?? BUILDER_VERSION;
  for (const [what, list] of [['builder dependency', input.builderDependencies], ['byproduct', input.byproducts]] as const) {
    for (const descriptor of list ?? []) checkDescriptor(descriptor, what);
  }
  return {
    _type: STATEMENT_TYPE,
    subject: [subject(input.eif, 'eif'), subject(input.measurements, 'measurements')],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: EIF_BUILD_TYPE,
        externalParameters: externalParameters(input),
        internalParameters: { builderVersion, statementLayout: STATEMENT_LAYOUT, ...(input.internalParameters ?? {}) },
        resolvedDependencies: resolvedDependencies(input, builderVersion),
      },
      runDetails: {
        builder: {
          id: input.builderId ?? DEFAULT_BUILDER_ID, version: { [BUILDER_NAME]: builderVersion },
          ...(input.builderDependencies?.length ? { builderDependencies: input.builderDependencies.map((d) => ({ ...d })) } : {}),
        },
        metadata: compact({
          invocationId: input.invocationId,
          startedOn: input.startedOn ? rfc3339(input.startedOn, 'startedOn') : undefined,
          finishedOn: input.finishedOn ? rfc3339(input.finishedOn, 'finishedOn') : undefined,
        }),
        byproducts: [measurementsByproduct(input.pcrs, input.osImageHash), ...(input.byproducts ?? []).map((b) => ({ ...b }))],
      },
    },
  };
}

/** in-toto ResourceDescriptor v1: "MUST specify at least one of uri, digest or content". */
function checkDescriptor(descriptor: ResourceDescriptor, what: string): void {
  const hasDigest = descriptor.digest !== undefined && Object.keys(descriptor.digest).length > 0;
  if (descriptor.uri === undefined && !hasDigest) {
    throw new UserError(`provenance ${what} ${descriptor.name ?? '(unnamed)'}: a resource descriptor needs a uri or a digest`);
  }
}

function subject(file: FileDigests, what: string): Subject {
  if (file.name.length === 0) throw new UserError(`provenance ${what} subject: empty name`);
  return { name: file.name, digest: { sha256: hex(file.sha256, 32, `${what} sha256`), sha384: hex(file.sha384, 48, `${what} sha384`) } };
}

function externalParameters(input: ProvenanceInput): Record<string, unknown> {
  const build = input.build ?? {};
  return compact({
    repository: input.source?.repository,
    ref: input.source?.ref,
    commit: input.source?.commit === undefined ? undefined : gitCommit(input.source.commit),
    headCommit: input.source?.headCommit === undefined ? undefined : gitCommit(input.source.headCommit),
    submodules: input.source?.submodules?.map((m) => ({ path: m.path, commit: gitCommit(m.commit) })),
    lfs: input.source?.lfs,
    workflow: input.workflow === undefined ? undefined : compact({ ...input.workflow }),
    pathsRelativeTo: build.context === undefined && build.dockerfile === undefined ? undefined : 'repository-root',
    dockerfile: build.dockerfile,
    context: build.context,
    buildArgs: build.buildArgs === undefined ? undefined : sortedRecord(build.buildArgs),
    platform: build.platform,
    target: build.target,
    sourceDateEpoch: build.sourceDateEpoch,
    network: build.network,
    dstackUtil: build.dstackUtil === undefined ? undefined : { ...build.dstackUtil },
    contextDigest: build.contextDigest === undefined ? undefined : { algorithm: build.contextDigest.algorithm, sha256: hex(build.contextDigest.sha256, 32, 'context digest') },
    blobSet: input.dependencies?.blobSet === undefined ? undefined : compact({ ...input.dependencies.blobSet }),
    signingCertificate: build.signingCertificate,
  });
}

function resolvedDependencies(input: ProvenanceInput, builderVersion: string): ResourceDescriptor[] {
  const out: ResourceDescriptor[] = [];
  const { repository, ref, commit } = input.source ?? {};
  if (repository !== undefined && commit !== undefined) {
    out.push({ uri: `git+${repository}${ref === undefined ? '' : `@${ref}`}`, digest: { gitCommit: gitCommit(commit) } });
  }
  for (const image of input.dependencies?.baseImages ?? []) {
    const match = /^sha256:([0-9a-f]{64})$/.exec(image.digest);
    if (!match) throw new UserError(`provenance base image ${image.name}: digest must be sha256:<64 hex>, got ${image.digest}`);
    out.push({ name: image.name, uri: `oci://${image.name}`, digest: { sha256: match[1]! } });
  }
  const util = input.dependencies?.dstackUtil;
  if (util) out.push(compact({ name: 'dstack-util', uri: util.uri, digest: { sha256: hex(util.sha256, 32, 'dstack-util sha256') } }));
  for (const blob of input.dependencies?.blobs ?? []) {
    out.push(compact({ name: blob.name, uri: blob.uri, digest: { sha384: hex(blob.sha384, 48, `blob ${blob.name} sha384`) } }));
  }
  out.push({ name: BUILDER_NAME, uri: `pkg:npm/${BUILDER_NAME}@${builderVersion}` });
  return out;
}

function measurementsByproduct(pcrs: Pcrs, osImageHash: string): ResourceDescriptor {
  const values: Record<string, string> = {};
  for (const name of ['PCR0', 'PCR1', 'PCR2', 'PCR8'] as const) {
    const value = pcrs[name];
    if (value !== undefined) values[name] = hex(value, 48, name);
  }
  const hash = hex(osImageHash.replace(/^0x/, ''), 32, 'OS_IMAGE_HASH');
  return { name: MEASUREMENTS_BYPRODUCT, digest: { sha256: hash }, annotations: { ...values, OS_IMAGE_HASH: `0x${hash}` } };
}

function hex(value: string, bytes: number, what: string): string {
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(value)) {
    throw new UserError(`provenance ${what}: expected ${bytes * 2} lowercase hex digits, got ${JSON.stringify(value)}`);
  }
  return value;
}

function gitCommit(value: string): string {
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(value)) throw new UserError(`provenance source commit: expected a full git commit id, got ${JSON.stringify(value)}`);
  return value;
}

function rfc3339(date: Date, what: string): string {
  if (Number.isNaN(date.getTime())) throw new UserError(`provenance ${what}: invalid date`);
  return date.toISOString();
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Drops undefined fields so the JSON has no `null`s and a stable shape. */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}
