// Public API of the image module: open an image, merge its layers into the `docker export` stream.

export { openImage, type ImageSource } from './open-image.js';
export { mergeFilesystem } from './merge.js';
export { mergeRootfsStream, type RootfsStream } from './rootfs-stream.js';
export { flatImage, hashFlatLayer, writeFlatLayout, type FlatConfigFields, type FlatImage, type FlatLayer } from './flat-image.js';
export { zstdAvailable } from './layer-reader.js';
export { INIT_LAYER_PATHS } from './init-layer.js';
export { compareNames } from './export-walk.js';
export type {
  ImageInfo, MergedFilesystem, MergeOptions, MergeProgress, OpenedImage, TreeEntry, TreeEntryType,
} from './types.js';
