import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { FormatError, UserError } from '../errors.js';
import { appendFileLayerInLayout } from '../image/append-layer.js';
import { clampLayoutMtimes } from '../image/clamp-layout.js';
import type { FlatConfigFields } from '../image/flat-image.js';
import type { RootfsStream } from '../image/rootfs-stream.js';
import { parseConfig, platformString } from '../image/oci-schema.js';
import { cleanUpOnInterrupt } from '../io/cleanup.js';
import { planDockerBuild, requireBuildx, runProcess, startStreamingProcess, type DockerBuildOptions } from './docker-build.js';
import { DEFAULT_MAX_ROOTFS_SIZE } from './rootfs-size.js';

// The image build of the action and `reproduce` (through build/context-build.ts), two ways:
// - buildImageArchive: `docker buildx build` to an OCI layout directory (uncompressed layers, never
//   packed into a tarball) in a fresh directory, every timestamp clamped to SOURCE_DATE_EPOCH in
//   place (image/clamp-layout.ts), then (when dstack-util goes in as a layer) that layer appended
//   in place;
// - startRootfsBuild (the docker driver): the root filesystem as a tar stream, read while the
//   build runs, and the image kept in the engine only for its config.

/** The network RUN steps get: `none` (the default: hermetic), `host`, or the builder's `default`. */
export type BuildNetwork = 'none' | 'host' | 'default';

/** How dstack-util entered the image. */
export type DstackUtilPlacement =
  | { readonly kind: 'build-context'; readonly name: 'dstack-util' }
  | { readonly kind: 'layer'; readonly path: string; readonly mode: string; readonly mtime: number };

export interface ImageBuildRequest {
  /** Build context and Dockerfile paths as given to buildx (relative to `cwd` or absolute). */
  readonly context: string;
  readonly file: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform: string;
  readonly network: BuildNetwork;
  readonly sourceDateEpoch: number;
  /** The pinned binary (a directory holding only `dstack-util`, and the file) and where it goes. */
  readonly dstackUtil?: { readonly dir: string; readonly path: string; readonly placement: DstackUtilPlacement };
  /** A fresh directory for the image (removed first). */
  readonly dir: string;
  readonly noCache: boolean;
  /** The environment docker runs with (the core reads no process.env) and its working directory. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  readonly onOutput?: (text: string) => void;
  /** Told the command line before it runs (for logs). */
  readonly onCommand?: (line: string) => void;
  /** Told what the timestamp clamping did (for logs). */
  readonly onInfo?: (line: string) => void;
}

export interface ImageBuildResult {
  readonly dir: string;
  /** The OCI layout directory of the image. */
  readonly ociLayout: string;
  /**
   * `sha256:…` of the final image manifest: uncompressed layers with timestamps clamped, so not the
   * digest a registry push (which compresses the layers) would give; the config digest is the same in both.
   */
  readonly imageDigest: string;
}

/** The mode and mtime a dstack-util layer gets: root-owned, executable, at SOURCE_DATE_EPOCH. */
export function layerPlacement(path: string, sourceDateEpoch: number): DstackUtilPlacement {
  return { kind: 'layer', path, mode: '0755', mtime: sourceDateEpoch };
}

function buildOptions(request: Omit<ImageBuildRequest, 'dir'>, output: DockerBuildOptions['output']): DockerBuildOptions {
  const placement = request.dstackUtil?.placement;
  return {
    context: request.context, file: request.file, buildArgs: request.buildArgs, target: request.target, platform: request.platform,
    network: request.network === 'default' ? undefined : request.network, sourceDateEpoch: request.sourceDateEpoch, noCache: request.noCache,
    output,
    // As a build context only when the Dockerfile copies it; as a layer it is added afterwards.
    dstackUtilDir: placement?.kind === 'build-context' ? request.dstackUtil!.dir : undefined,
  };
}

export async function buildImageArchive(request: ImageBuildRequest): Promise<ImageBuildResult> {
  const { dir } = request;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const ociLayout = join(dir, 'image.oci');
  const placement = request.dstackUtil?.placement;
  const plan = planDockerBuild(buildOptions(request, { ociLayout: resolve(ociLayout) }));
  request.onCommand?.(`docker ${plan.args.join(' ')}`);
  await runProcess(plan, { env: request.env, cwd: request.cwd, onOutput: request.onOutput }).catch(async (error: unknown) => {
    // A missing buildx plugin fails with a docker CLI usage message that does not say so: name it.
    await requireBuildx({ env: request.env, cwd: request.cwd });
    throw error;
  });
  const started = performance.now();
  const clamped = await clampLayoutMtimes({ layoutDir: ociLayout, epoch: request.sourceDateEpoch, maxLayerBytes: DEFAULT_MAX_ROOTFS_SIZE });
  request.onInfo?.(`timestamps after SOURCE_DATE_EPOCH (${request.sourceDateEpoch}) clamped: ${clamped.timestampsClamped} in ` +
    `${clamped.layersRewritten} layer(s), ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (placement?.kind !== 'layer') return { dir, ociLayout, imageDigest: clamped.manifestDigest };
  const { manifestDigest } = await appendFileLayerInLayout({
    layoutDir: ociLayout, sourcePath: request.dstackUtil!.path, targetPath: placement.path,
    mtime: placement.mtime, mode: Number.parseInt(placement.mode, 8),
  });
  return { dir, ociLayout, imageDigest: manifestDigest };
}

/** How the built image reaches the EIF builder. */
export type ImageExport = 'auto' | 'rootfs-stream' | 'oci-layout';

/**
 * The path `auto` takes: the root filesystem stream when the builder's driver is `docker` (the
 * engine's own BuildKit, whose image store gives the config), the OCI layout directory otherwise.
 */
export async function chooseImageExport(wanted: ImageExport, env: ImageBuildRequest['env'], cwd?: string): Promise<'rootfs-stream' | 'oci-layout'> {
  if (wanted === 'oci-layout') return wanted;
  const inspect = await runProcess({ command: 'docker', args: ['buildx', 'inspect'], env: {} }, { env, cwd }).catch(() => '');
  const driver = /^Driver:\s*(\S+)\s*$/m.exec(inspect)?.[1];
  if (wanted === 'auto') return driver === 'docker' ? 'rootfs-stream' : 'oci-layout';
  // Another driver keeps the image in its own store, where `docker image inspect` cannot read its config.
  if (driver !== undefined && driver !== 'docker') {
    throw new UserError(`image-export rootfs-stream needs a buildx builder with the docker driver, this one's is ${driver}; use auto or oci-layout`, { code: 'usage' });
  }
  return 'rootfs-stream';
}

/** A build whose root filesystem is read while it runs (`startRootfsBuild`). */
export interface RootfsBuild {
  /** The stream to merge, with the clamping and the dstack-util file the layout path applies. */
  readonly rootfs: Omit<RootfsStream, 'workingDir'>;
  /**
   * The image's runtime config once the build has finished (exit 0), read from the engine's image
   * (then removed: `removed`); rejects with the build's error.
   */
  readonly finished: Promise<FlatConfigFields>;
  /** Settles (never rejects) once the temporary image is removed, or the build failed without making it. */
  readonly removed: Promise<void>;
  /**
   * After the reader failed: the build's own error when it failed by itself (its stream then ends
   * early, so the reader's error is only a symptom), waiting up to `graceMs` for it to exit; else
   * (the reader refused the stream, or the build is still running) the build is stopped and
   * undefined returned.
   */
  failure(graceMs: number): Promise<unknown>;
}

/**
 * Starts `docker buildx build` with two outputs: the merged root filesystem as a tar stream (read
 * by the caller while the build runs) and the image kept in the engine under a temporary name, for
 * its config. Needs the `docker` driver. The image as the engine stores it has the build's own
 * timestamps; what identifies the build is the flattened image (image/flat-image.ts).
 */
export function startRootfsBuild(request: Omit<ImageBuildRequest, 'dir'>): RootfsBuild {
  const imageName = `nitro-eif-build/rootfs:${randomBytes(8).toString('hex')}`;
  const plan = planDockerBuild(buildOptions(request, { rootfsStream: true, imageName }));
  request.onCommand?.(`docker ${plan.args.join(' ')}`);
  const run = { env: request.env, cwd: request.cwd };
  // An interrupted run must not leave the temporary image behind (children are stopped first).
  const forget = cleanUpOnInterrupt(async () => {
    await runProcess({ command: 'docker', args: ['image', 'rm', imageName], env: {} }, run).catch(() => undefined);
  });
  const build = startStreamingProcess(plan, { ...run, onOutput: request.onOutput });
  const built = build.exited.catch(async (error: unknown) => {
    await requireBuildx(run);
    throw error;
  });
  const finished = built.then(() => engineImageConfig(imageName, run));
  finished.catch(() => undefined);
  // The EIF does not wait for the image's removal. Tried whatever the outcome: a build stopped
  // (or failing) just after the engine stored the image must not leave it behind.
  const removed = finished.then(() => undefined, () => undefined).then(
    () => runProcess({ command: 'docker', args: ['image', 'rm', imageName], env: {} }, run).then(() => undefined, (error: unknown) => {
      if (!/no such image/i.test((error as Error).message)) request.onInfo?.(`could not remove the temporary image ${imageName}: ${(error as Error).message}`);
    }),
  ).finally(forget);
  const placement = request.dstackUtil?.placement;
  return {
    rootfs: {
      what: "the build's root filesystem stream", source: build.stdout as Readable, clampMtimesTo: request.sourceDateEpoch,
      ...(placement?.kind === 'layer'
        ? { extraFile: { sourcePath: request.dstackUtil!.path, targetPath: placement.path, mode: Number.parseInt(placement.mode, 8), mtime: placement.mtime } }
        : {}),
    },
    finished,
    removed,
    failure: async (graceMs) => {
      // The reader stopped before the stream's end: it refused what it read, and the build (which
      // then fails on a closed pipe) is not the cause.
      if (!build.stdoutEnded()) {
        build.stop();
        return undefined;
      }
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'running'>((resolve) => { timer = setTimeout(() => resolve('running'), graceMs); });
      const outcome = await Promise.race([build.exited.then(() => 'ok' as const, (error: unknown) => ({ error })), waited]);
      clearTimeout(timer);
      if (typeof outcome === 'object') return outcome.error;
      build.stop();
      return undefined;
    },
  };
}

/** The runtime config of an image in the engine (`docker image inspect`), checked as an OCI config is. */
async function engineImageConfig(name: string, run: { env: ImageBuildRequest['env']; cwd?: string }): Promise<FlatConfigFields> {
  const text = await runProcess({ command: 'docker', args: ['image', 'inspect', '--format', '{{json .}}', name], env: {} }, run);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new FormatError(`docker image inspect ${name}: not JSON`, { cause });
  }
  const config = parseConfig({
    os: doc['Os'], architecture: doc['Architecture'], ...(doc['Variant'] ? { variant: doc['Variant'] } : {}),
    config: doc['Config'] ?? {}, rootfs: { type: 'layers', diff_ids: [] },
  } as never, `docker image inspect ${name}`);
  return {
    platform: platformString(config.platform),
    ...(config.cmd ? { cmd: config.cmd } : {}),
    ...(config.entrypoint ? { entrypoint: config.entrypoint } : {}),
    ...(config.env ? { env: config.env } : {}),
    ...(config.workingDir ? { workingDir: config.workingDir } : {}),
  };
}
