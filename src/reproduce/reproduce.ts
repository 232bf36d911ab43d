// reproduce(): verify a provenance bundle, check out the recorded commit, rebuild with exactly the recorded
// parameters (through the same image build as the action), and compare the rebuild with the provenance
// and with a given EIF. Says which registers and which customer-ramdisk paths differ, and why when it can.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, realpath, rm } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { loadBlobs } from '../build/blobs.js';
import { readBuilderInfo } from '../build/builder-info.js';
import { CONTEXT_DIGEST_ALGORITHM, digestContext } from '../build/context-digest.js';
import { baseImages, parseFromInstructions } from '../build/dockerfile-pins.js';
import { proxyFetchFromEnv } from '../io/proxy-fetch.js';
import { readRegularText } from '../io/regular-file.js';
import { fetchDstackUtil, type DstackUtil } from '../build/dstack-util.js';
import { buildFromContext } from '../build/context-build.js';
import type { ImageExport } from '../build/image-build.js';
import { inspectEif, osImageHash } from '../eif/index.js';
import type { EifArch, Pcrs } from '../eif/types.js';
import { errorMessage, UserError, VerificationError } from '../errors.js';
import { fileSha256, openManifest, type ManifestFile } from '../build/manifest-reader.js';
import { describeChange, diffManifests, type FileChange } from '../review/manifest-diff.js';
import { artifactKey, normalizeOsImageHash } from '../store/layout.js';
import type { ArtifactStore } from '../store/types.js';
import { verifyProvenanceBundle, type BundleTrust } from '../trust/provenance/index.js';
import { readRecipe, type RebuildRecipe } from './recipe.js';
import { checkoutCommit } from './source.js';

export interface ReproduceOptions {
  /** The parsed bundle JSON and its name for messages. */
  readonly bundle: unknown;
  readonly bundleName: string;
  readonly trust: BundleTrust;
  /** A local clone or a git URL. */
  readonly source: string;
  /** The EIF to compare with: a file (and optionally its manifest), or pulled by hash from a store. */
  readonly eif?: { readonly path: string; readonly manifestPath?: string };
  readonly store?: { readonly store: ArtifactStore; readonly osImageHash?: string };
  /** The blobs: a directory, or (a public set) the directory for the recorded architecture. */
  readonly blobs: { readonly dir: string } | { readonly dirFor: (arch: EifArch) => Promise<string> };
  /** A dstack-util file to use instead of the recorded https URL (checked against the recorded SHA-256). */
  readonly dstackUtil?: string;
  /** An empty or absent directory for the checkout, the builds and downloads. */
  readonly workDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** How the rebuilt image reaches the EIF builder (default auto); the EIF is the same either way. */
  readonly imageExport?: ImageExport;
  /** Build output (docker's log) and progress lines. */
  readonly onOutput?: (text: string) => void;
}

export interface ReproduceReport {
  reproduced: boolean;
  /** The rebuild's. */
  os_image_hash: string;
  pcrs: Pcrs;
  eif: { sha256: string; sha384: string };
  recorded: { os_image_hash: string; pcrs: Pcrs; eif_sha256: string; measurements_sha256?: string };
  /** The rebuild's measurements file against the signed one (the verdict rests on the PCRs and the EIF bytes). */
  measurements?: { sha256: string; same_as_recorded?: boolean };
  source: { repository?: string; commit: string; head_commit?: string };
  compared_eif?: { path: string; sha256: string; pcrs: Pcrs; signed: boolean };
  differences?: { registers: string[]; paths: string[]; eif_bytes: boolean };
  /** Human explanations: why the rebuild differs, where that is known. */
  reasons: string[];
}

const WORK_ENTRIES = ['pulled', 'dstack-util', 'source', 'rebuild', 'rebuild-2'];

interface Rebuild {
  readonly pcrs: Pcrs;
  readonly sha256: string;
  readonly sha384: string;
  readonly manifest: ManifestFile;
  readonly manifestSha256: string;
  readonly measurementsSha256: string;
  readonly configDigest: string;
}

interface Given {
  readonly path: string;
  readonly sha256: string;
  readonly pcrs: Pcrs;
  readonly signed: boolean;
  readonly manifest?: { readonly path: string; readonly file: ManifestFile; readonly sha256: string; readonly ramdiskSha384?: string };
}

/** Verifies, rebuilds, compares. Throws (one line) when the bundle or an input is refused; returns the verdict otherwise. */
export async function reproduce(options: ReproduceOptions): Promise<ReproduceReport> {
  // Nothing is built from an unverified statement.
  const verified = verifyProvenanceBundle(options.bundle, options.trust, options.bundleName);
  const recipe = readRecipe(verified.statement, options.bundleName);
  const log = (line: string) => options.onOutput?.(`${line}\n`);
  await mkdir(options.workDir, { recursive: true });
  // A kept --work-dir from an earlier run: start from nothing of ours.
  for (const name of WORK_ENTRIES) await rm(join(options.workDir, name), { recursive: true, force: true });
  const given = await givenEif(options, recipe);
  const util = await pinnedDstackUtil(options, recipe);
  const blobsDir = 'dir' in options.blobs ? options.blobs.dir : await options.blobs.dirFor(recipeArch(recipe));
  await checkBlobs(blobsDir, recipe);
  const sourceDir = join(options.workDir, 'source');
  log(`Checking out ${recipe.commit} from ${options.source}`);
  await checkoutCommit({ source: options.source, commit: recipe.commit, submodules: recipe.submodules.length > 0, dir: sourceDir, env: options.env });
  const reasons: string[] = [];
  if (recipe.lfs) reasons.push('the source tracks files with Git LFS: they are built as checked out here (run git lfs in --source first if they are pointers)');
  // The checked-out tree is the source author's: its Dockerfile or context may be a symlink to anything.
  const context = await insideCheckout(sourceDir, recipe.context, 'build context', recipe.commit);
  const dockerfile = await insideCheckout(sourceDir, recipe.dockerfile, 'Dockerfile', recipe.commit);
  await checkContext(context, recipe, reasons);
  const bases = await checkBaseImages(dockerfile, recipe, reasons);
  const first = await rebuild(options, recipe, util, blobsDir, sourceDir, 'rebuild', bases);
  const recordedEif = recipe.unsignedEif ?? recipe.eif;
  const registers = new Set<string>();
  for (const name of ['PCR0', 'PCR1', 'PCR2'] as const) {
    if (first.pcrs[name] !== recipe.pcrs[name] || (given && given.pcrs[name] !== first.pcrs[name])) registers.add(name);
  }
  if (given?.pcrs.PCR8 !== undefined && recipe.pcrs.PCR8 !== undefined && given.pcrs.PCR8 !== recipe.pcrs.PCR8) registers.add('PCR8');
  const eifBytes = first.sha256 !== recordedEif.sha256 || (given !== undefined && !given.signed && given.sha256 !== first.sha256);
  const reproduced = registers.size === 0 && !eifBytes;
  const report: ReproduceReport = {
    reproduced,
    os_image_hash: osImageHash(first.pcrs),
    pcrs: first.pcrs,
    eif: { sha256: first.sha256, sha384: first.sha384 },
    recorded: {
      os_image_hash: recipe.osImageHash, pcrs: recipe.pcrs, eif_sha256: recordedEif.sha256,
      ...(recipe.measurements ? { measurements_sha256: recipe.measurements.sha256 } : {}),
    },
    measurements: { sha256: first.measurementsSha256, ...(recipe.measurements ? { same_as_recorded: recipe.measurements.sha256 === first.measurementsSha256 } : {}) },
    source: { ...(recipe.repository ? { repository: recipe.repository } : {}), commit: recipe.commit, ...(recipe.headCommit ? { head_commit: recipe.headCommit } : {}) },
    ...(given ? { compared_eif: { path: given.path, sha256: given.sha256, pcrs: given.pcrs, signed: given.signed } } : {}),
    reasons,
  };
  if (recipe.measurements && recipe.measurements.sha256 !== first.measurementsSha256) {
    // Signed builds and other nitro-eif versions record more (PCR8, the tool's version) than the image decides.
    reasons.push(`the measurements file differs from the signed ${recipe.measurements.name} (sha256 ${first.measurementsSha256} vs ${recipe.measurements.sha256})`
      + `${recipe.signingCertificate ? ': expected for a signed EIF' : ''}`);
  }
  if (reproduced) return report;
  const changes = await explain(options, recipe, first, given, reasons, () => rebuild(options, recipe, util, blobsDir, sourceDir, 'rebuild-2', bases));
  report.differences = { registers: [...registers].sort(), paths: [...new Set(changes.map((c) => c.path))], eif_bytes: eifBytes };
  for (const change of changes.slice(0, 50)) reasons.push(`file ${describeChange(change)}`);
  return report;
}

/** Why the rebuild differs: the files (from the manifests), moving content (a second rebuild), the builder. */
async function explain(options: ReproduceOptions, recipe: RebuildRecipe, first: Rebuild, given: Given | undefined, reasons: string[],
  rebuildAgain: () => Promise<Rebuild>): Promise<FileChange[]> {
  const differsFromRecord = first.pcrs.PCR2 !== recipe.pcrs.PCR2 || (recipe.manifest !== undefined && recipe.manifest.sha256 !== first.manifestSha256);
  if (differsFromRecord) {
    // Same commit, same parameters, different files: rebuild once more to tell moving content from a different input.
    const second = await rebuildAgain();
    const moving = await diffManifests(first.manifest, second.manifest, { listed: 10 });
    if (moving.total > 0) {
      reasons.push(`moving content: ${moving.total} file(s) differ between two rebuilds of the same commit (a build step fetched or generated them): `
        + moving.changes.map((c) => c.path).join(', '));
    }
  }
  if (recipe.image?.configDigest && first.configDigest !== recipe.image.configDigest) {
    const here = await readBuilderInfo(options.env);
    reasons.push(`the image config differs (${first.configDigest} vs recorded ${recipe.image.configDigest}); recorded builder ${JSON.stringify(recipe.builder ?? {})}, this one ${JSON.stringify(here)}`);
  }
  if (given?.manifest) {
    // The first changes by path (the report's `paths`), and how many there are in all.
    const files = await diffManifests(given.manifest.file, first.manifest);
    if (files.total > files.changes.length) reasons.push(`${files.total} file(s) differ; the first ${files.changes.length} by path are listed`);
    return [...files.changes];
  }
  if (!given && differsFromRecord) reasons.push('no manifest of the recorded build was given (--manifest, or --store): the differing paths are unknown');
  return [];
}

async function rebuild(options: ReproduceOptions, recipe: RebuildRecipe, util: DstackUtil | undefined, blobsDir: string, sourceDir: string, name: string,
  bases: readonly string[]): Promise<Rebuild> {
  const dir = join(options.workDir, name);
  const log = (line: string) => options.onOutput?.(`${line}\n`);
  const paths = { eif: join(dir, 'enclave.eif'), measurements: join(dir, 'measurements.json'), manifest: join(dir, 'manifest.json') };
  const tempDir = join(dir, 'tmp');
  await mkdir(tempDir, { recursive: true });
  const { result } = await buildFromContext({
    image: {
      context: join(sourceDir, recipe.context), file: join(sourceDir, recipe.dockerfile), buildArgs: recipe.buildArgs, target: recipe.target,
      platform: recipe.platform, network: recipe.network, sourceDateEpoch: recipe.sourceDateEpoch, dir: join(dir, 'image'), noCache: true,
      dstackUtil: util && recipe.dstackUtil ? { dir: util.dir, path: util.path, placement: recipe.dstackUtil.placement } : undefined,
      env: options.env, cwd: sourceDir, onCommand: log, onInfo: log, onOutput: options.onOutput,
    },
    export: options.imageExport ?? 'auto',
    onExport: (path) => log(`Image export: ${path}`),
    enclave: {
      outputPath: paths.eif, blobsDir, blobsLock: recipe.blobs,
      sourceDateEpoch: recipe.sourceDateEpoch, dstackUtilSha256: util?.sha256, measurementsPath: paths.measurements, manifestPath: paths.manifest, tempDir,
    },
  }).catch((error: unknown) => { throw isBuildFailure(error) ? explainBuildFailure(error, bases) : error; });
  log(`Rebuilt ${paths.eif}: OS_IMAGE_HASH ${osImageHash(result.eif.pcrs)}`);
  return {
    pcrs: result.eif.pcrs, sha256: result.eif.sha256!, sha384: result.eif.sha384!,
    manifest: await openManifest(paths.manifest),
    manifestSha256: result.manifest!.sha256, configDigest: result.image.configDigest,
    measurementsSha256: createHash('sha256').update(await readFile(paths.measurements)).digest('hex'),
  };
}

/** The image build's own failure (docker's), as opposed to the EIF builder's. */
function isBuildFailure(error: unknown): boolean {
  return /^docker buildx build failed/.test(errorMessage(error));
}

/** A build that failed because a base image cannot be had any more says so. */
function explainBuildFailure(error: unknown, bases: readonly string[]): unknown {
  const text = errorMessage(error);
  if (bases.length > 0 && /not found|failed to resolve|pull access denied|manifest unknown|failed to do request|no such host|failed to fetch/i.test(text)) {
    return new VerificationError(`base image no longer resolvable (${bases.join(', ')}): ${text}`, { cause: error });
  }
  return error;
}

/** Far above any real Dockerfile; the file is the source author's, so it is bounded before it is read. */
const MAX_DOCKERFILE_BYTES = 1 << 20;

/**
 * `rel` in the checkout with its symlinks resolved, refused when it leads out of the checkout (to a
 * device, a FIFO, the host's files) or is not in the commit.
 */
async function insideCheckout(sourceDir: string, rel: string, what: string, commit: string): Promise<string> {
  const label = `${rel} (the ${what} in commit ${commit})`;
  const root = await realpath(sourceDir);
  const real = await realpath(join(sourceDir, rel)).catch((error: unknown) => {
    throw new VerificationError(`${label}: not in the commit (${(error as Error).message})`, { cause: error });
  });
  if (real !== root && !real.startsWith(`${root}${sep}`)) throw new VerificationError(`${label}: a symlink out of the checkout, to ${real}`);
  return real;
}

/** The base images the commit's Dockerfile names with the recorded build arguments; a difference from the record is a reason. */
async function checkBaseImages(dockerfile: string, recipe: RebuildRecipe, reasons: string[]): Promise<string[]> {
  const text = await readRegularText(dockerfile, { maxBytes: MAX_DOCKERFILE_BYTES, label: `${recipe.dockerfile} (the Dockerfile in commit ${recipe.commit})` });
  const bases = baseImages(parseFromInstructions(text, recipe.buildArgs));
  const recorded = recipe.baseImages.map((b) => `${b.name}@sha256:${b.sha256}`);
  const differ = bases.length !== recorded.length || bases.some((b) => !recorded.includes(b));
  if (differ) reasons.push(`the Dockerfile's base images (${bases.join(', ') || 'none'}) are not the recorded ones (${recorded.join(', ') || 'none'})`);
  return bases;
}

/** dstack-util from --dstack-util or the recorded https URL, checked against the recorded SHA-256. */
async function pinnedDstackUtil(options: ReproduceOptions, recipe: RebuildRecipe): Promise<DstackUtil | undefined> {
  const pin = recipe.dstackUtil;
  if (!pin) {
    if (options.dstackUtil) throw new UserError('--dstack-util: the provenance records no dstack-util', { code: 'usage' });
    return undefined;
  }
  const source = options.dstackUtil ?? (pin.uri?.startsWith('https://') ? pin.uri : undefined);
  if (!source) throw new UserError(`dstack-util: the provenance pins sha256 ${pin.sha256} but records no https URL; give --dstack-util FILE`, { code: 'usage' });
  return fetchDstackUtil(source, pin.sha256, join(options.workDir, 'dstack-util'), { pinnedBy: 'the provenance', fetch: proxyFetchFromEnv(options.env) });
}

function recipeArch(recipe: RebuildRecipe): EifArch {
  return recipe.platform === 'linux/arm64' ? 'aarch64' : 'x86_64';
}

/** The blobs given must be the recorded set (every recorded blob, byte for byte). */
async function checkBlobs(dir: string, recipe: RebuildRecipe): Promise<void> {
  const arch = recipeArch(recipe);
  const set = recipe.blobSet.name ? ` (${recipe.blobSet.name})` : '';
  try {
    await loadBlobs({ dir, arch, lock: recipe.blobs });
  } catch (error) {
    // The lock here is the provenance's record: a blob it does not pin is a difference from the record too.
    if (error instanceof UserError && error.code !== 'not-found') throw new VerificationError(`blobs ${dir}: not the recorded blob set${set}: ${error.message}`, { cause: error });
    throw error;
  }
}

async function checkContext(context: string, recipe: RebuildRecipe, reasons: string[]): Promise<void> {
  if (!recipe.contextDigest || recipe.contextDigest.algorithm !== CONTEXT_DIGEST_ALGORITHM) return;
  const here = await digestContext(context);
  if (here.sha256 !== recipe.contextDigest.sha256) {
    reasons.push(`the recorded build context (${recipe.contextDigest.sha256}) is not the commit's (${here.sha256}): the build used files that are not in commit ${recipe.commit} (made by an earlier workflow step, or uncommitted)`);
  }
}

/** The EIF to compare with, from --eif-path or pulled by hash from the store (with its manifest when stored). */
async function givenEif(options: ReproduceOptions, recipe: RebuildRecipe): Promise<Given | undefined> {
  let path = options.eif?.path;
  let manifestPath = options.eif?.manifestPath;
  if (options.store) {
    const hash = normalizeOsImageHash(options.store.osImageHash ?? recipe.osImageHash);
    const dir = join(options.workDir, 'pulled');
    await mkdir(dir, { recursive: true });
    path = join(dir, 'enclave.eif');
    await download(options.store.store, artifactKey(hash, 'eif'), path);
    const manifest = join(dir, 'manifest.json');
    manifestPath = await download(options.store.store, artifactKey(hash, 'manifest'), manifest).then(() => manifest, () => undefined);
  }
  if (!path) return undefined;
  const eif = await inspectEif(path);
  if (!eif.crc.ok) throw new VerificationError(`${path}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  const given: Given = { path, sha256: eif.sha256!, pcrs: eif.pcrs, signed: eif.pcrs.PCR8 !== undefined };
  if (!manifestPath) return given;
  const label = `--manifest ${manifestPath}`;
  const file = await openManifest(manifestPath, { label });
  const ramdisk = file.head.sha384;
  // The manifest must describe the EIF it is compared as: its ramdisk digest gives that EIF's PCR2.
  const pcr2 = ramdisk && createHash('sha384').update(Buffer.alloc(48)).update(Buffer.from(ramdisk, 'hex')).digest('hex');
  if (pcr2 !== eif.pcrs.PCR2) throw new VerificationError(`${manifestPath}: not the manifest of ${path} (its customer ramdisk does not give the EIF's PCR2)`);
  return { ...given, manifest: { path: manifestPath, file, sha256: await fileSha256(manifestPath, label), ramdiskSha384: ramdisk } };
}

async function download(store: ArtifactStore, key: string, path: string): Promise<void> {
  await pipeline(await store.get(key), createWriteStream(path, { flags: 'wx' }));
}
