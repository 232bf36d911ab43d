import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { appendFileLayerInLayout } from '../image/append-layer.js';
import { clampLayoutMtimes } from '../image/clamp-layout.js';
import { DEFAULT_MAX_ROOTFS_SIZE } from './rootfs-size.js';
import { planDockerBuild, requireBuildx, runProcess } from './docker-build.js';

// One image build, shared by the action and `reproduce`: `docker buildx build` to an OCI layout
// directory (uncompressed layers, never packed into a tarball) in a fresh directory, every
// timestamp clamped to SOURCE_DATE_EPOCH in place (image/clamp-layout.ts), then (when dstack-util
// goes in as a layer) that layer appended in place. Both callers go
// through here, so a rebuild from provenance runs exactly the build the action ran.

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

export async function buildImageArchive(request: ImageBuildRequest): Promise<ImageBuildResult> {
  const { dir } = request;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const ociLayout = join(dir, 'image.oci');
  const placement = request.dstackUtil?.placement;
  const plan = planDockerBuild({
    context: request.context, file: request.file, buildArgs: request.buildArgs, target: request.target, platform: request.platform,
    network: request.network === 'default' ? undefined : request.network, sourceDateEpoch: request.sourceDateEpoch, noCache: request.noCache,
    outputDir: resolve(ociLayout),
    // As a build context only when the Dockerfile copies it; as a layer it is added afterwards.
    dstackUtilDir: placement?.kind === 'build-context' ? request.dstackUtil!.dir : undefined,
  });
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
