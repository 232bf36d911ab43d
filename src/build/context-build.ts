import { buildEnclave, type BuildOptions, type BuildResult } from './pipeline.js';
import { buildImageArchive, chooseImageExport, startRootfsBuild, type ImageBuildRequest, type ImageExport } from './image-build.js';

// Dockerfile → EIF, shared by the action and `reproduce`, so a rebuild from provenance runs exactly
// the build the action ran. Two ways for the image to reach the EIF builder, with the same EIF:
// - `rootfs-stream` (the `docker` driver): BuildKit streams the merged root filesystem, merged while
//   the engine still writes the image; nothing is exported as layers;
// - `oci-layout`: an OCI layout directory with uncompressed layers, timestamps clamped in place.
// Either way the image is identified by its flattened image (image/flat-image.ts), whose digests do
// not depend on the path taken.

/** How long a failed merge waits for the build to say why before stopping it. */
const BUILD_EXIT_GRACE_MS = 3000;

export interface ContextBuildRequest {
  readonly image: ImageBuildRequest;
  readonly export: ImageExport;
  readonly enclave: Omit<BuildOptions, 'image' | 'flatten'>;
  /** Also write the flattened image here, as an OCI layout directory (for the nitro-cli cross-check). */
  readonly flatLayoutDir?: string;
  /** Told which path was taken, before the build starts. */
  readonly onExport?: (path: 'rootfs-stream' | 'oci-layout') => void;
  /** Told when the image is built and the EIF's turn comes (the layout path's second step). */
  readonly onImageBuilt?: () => void;
}

export interface ContextBuildResult {
  readonly result: BuildResult;
  readonly export: 'rootfs-stream' | 'oci-layout';
  /** The flattened image's manifest digest. */
  readonly imageDigest: string;
}

export async function buildFromContext(request: ContextBuildRequest): Promise<ContextBuildResult> {
  const path = await chooseImageExport(request.export, request.image.env, request.image.cwd);
  request.onExport?.(path);
  const flatten = request.flatLayoutDir !== undefined ? { layoutDir: request.flatLayoutDir } : true;
  const done = (result: BuildResult): ContextBuildResult => {
    if (!result.image.manifestDigest) throw new Error('internal: a flattened image without a manifest digest');
    return { result, export: path, imageDigest: result.image.manifestDigest };
  };
  if (path === 'oci-layout') {
    const image = await buildImageArchive(request.image);
    request.onImageBuilt?.();
    return done(await buildEnclave({ ...request.enclave, image: { ociLayout: image.ociLayout, platform: request.image.platform }, flatten }));
  }
  const build = startRootfsBuild(request.image);
  try {
    const result = await buildEnclave({
      ...request.enclave, image: { rootfsStream: build.rootfs, platform: request.image.platform, config: build.finished }, flatten,
    });
    await build.finished;
    await build.removed;
    return done(result);
  } catch (error) {
    const buildError = await build.failure(BUILD_EXIT_GRACE_MS);
    // A build that had finished has its temporary image removed first.
    await build.removed;
    throw buildError ?? error;
  }
}
