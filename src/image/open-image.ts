// Image input: an OCI archive (`docker buildx … --output type=oci`), an OCI layout directory, or
// a `docker save` archive. Resolves the platform's manifest, reads and checks the config, and
// returns the layers to merge. Small JSON documents are verified (size and sha256) before use;
// layer blobs are verified while they are streamed (layer-reader.ts).

import { UserError } from '../errors.js';
import { isDirectory, openDirStore, openTarStore } from './blob-store.js';
import { openDockerArchive } from './docker-archive.js';
import { openOci } from './oci-layout.js';
import type { OpenedImage } from './types.js';

export type ImageSource =
  | { readonly ociArchive: string; readonly platform?: string }
  | { readonly ociLayout: string; readonly platform?: string }
  | { readonly dockerArchive: string; readonly platform?: string };

/** Opens an image and picks its platform (`platform`, or the only one); nothing is merged yet. */
export async function openImage(source: ImageSource): Promise<OpenedImage> {
  if ('dockerArchive' in source) return openDockerArchive(await openTarStore(source.dockerArchive), source.platform);
  if ('ociLayout' in source) {
    if (!(await isDirectory(source.ociLayout))) throw new UserError(`${source.ociLayout}: not an OCI layout directory`);
    return openOci(openDirStore(source.ociLayout), source.platform);
  }
  return openOci(await openTarStore(source.ociArchive), source.platform);
}

