// Values linuxkit gives the entries it generates itself (spec ramdisks.md §2–§4).

/** mtime of every generated entry: 2017-04-18T16:30:00Z (linuxkit's `defaultModTime`). */
export const LINUXKIT_MTIME = 1492533000;
/** Mode of generated directories (`dev`, `rootfs`, …) and of the bootstrap blobs. */
export const GENERATED_DIR_MODE = 0o755;
/** Mode of the generated `cmd` and `env` files. */
export const GENERATED_FILE_MODE = 0o644;
/** Prefix of every image entry in the customer ramdisk: `init` chroots into it. */
export const ROOTFS_DIR = 'rootfs';
