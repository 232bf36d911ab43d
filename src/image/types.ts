// One entry of a container's filesystem as `docker export` streams it (the contract between
// image/, which merges layers, and ramdisk/, which writes the customer ramdisk).

import type { BlobStore } from './blob-store.js';
import type { FlatLayer } from './flat-image.js';
import type { LayerRef } from './layer-reader.js';

export type TreeEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

export interface TreeEntry {
  /** Relative path, no leading `/`; directories end with `/` (e.g. `usr/`, `usr/bin/`). */
  readonly path: string;
  readonly type: TreeEntryType;
  /** Permission bits including setuid/setgid/sticky (`& 0o7777`). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Whole seconds since the epoch (sub-second parts truncated). */
  readonly mtime: number;
  /** Data size: regular files only, 0 for every other type. */
  readonly size: number;
  /**
   * Symlink target as stored, or for a hard link the path (no leading `/`) of the entry holding the
   * data: the first name of the group in walk order. Any non-directory can be hard linked (the
   * first name keeps its own type); mode/uid/gid/mtime of a hard link are the group's.
   */
  readonly linkname?: string;
  /** Device numbers of a char or block device, and of a hard link to one. */
  readonly devmajor?: number;
  readonly devminor?: number;
  /**
   * zlib CRC-32 of a regular file's data when known without reading it (recorded while spooling);
   * lets the ramdisk writer know the archive's CRC up front. Optional: absent means unknown.
   */
  readonly crc32?: number;
  /** Streams a regular file's data (exactly `size` bytes). */
  readonly open?: () => AsyncIterable<Uint8Array>;
}

/**
 * The merged filesystem of an image, as `docker export` of a created container would stream it.
 * Entry metadata is held in memory (bounded by the number of entries, not their sizes) so it can be
 * walked twice: once to plan sizes (the EIF header needs section sizes up front), once to stream data.
 * File data is opened lazily through `TreeEntry.open`.
 */
export interface MergedFilesystem {
  /** Entries in export order; may be iterated any number of times. */
  entries(): Iterable<TreeEntry>;
  /** Releases temporary files (spooled layer data). Never throws. */
  close(): Promise<void>;
  /** The flattened image's layer (MergeOptions.flatten): the canonical tar of the image's tree, before the init layer. */
  readonly flatLayer?: FlatLayer;
}

/** What the build needs from an image's config (OCI image-spec `config`). */
export interface ImageInfo {
  /**
   * Manifest digest, `sha256:…`. Absent only for a legacy `docker save` archive that carries no OCI
   * index.json (the manifest itself is not in such an archive).
   */
  readonly manifestDigest?: string;
  /** Config blob digest, `sha256:…`. */
  readonly configDigest: string;
  /** OCI platform, e.g. `linux/amd64`, `linux/arm64`. */
  readonly platform: string;
  readonly architecture: string;
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env?: readonly string[];
  /**
   * Layer digests in order, bottom first: the manifest's blob digests (for a legacy docker-save
   * layer stored as `<id>/layer.tar`, its diff_id).
   */
  readonly layers: readonly string[];
}

/** An opened image (see `openImage`): its info, and what `mergeFilesystem` reads. */
export interface OpenedImage {
  readonly info: ImageInfo;
  readonly store: BlobStore;
  readonly layers: readonly LayerRef[];
  /** Config `WorkingDir`: `docker create` makes it when missing. */
  readonly workingDir?: string;
}

export interface MergeProgress {
  /** 0-based index of the layer being read, bottom first. */
  readonly layer: number;
  readonly layerCount: number;
  readonly digest: string;
  /** Compressed bytes of this layer read so far, and its size when known. */
  readonly bytes: number;
  readonly size?: number;
  /** Set when the bytes are a root filesystem stream's (rootfs-stream.ts), not a layer's. */
  readonly stream?: true;
}

export interface MergeOptions {
  /** Directory for the spool file (a private subdirectory is made and removed by close()). */
  readonly tempDir: string;
  /**
   * mtime (seconds) of what `docker create` adds or touches: the init-layer entries, the
   * directories they change (always `etc/` and `dev/`), a WorkingDir docker had to create and its
   * parent. docker uses the wall clock; default 0. linuxkit forces the init-layer ones to
   * 1492533000 (spec ramdisks §4); a created WorkingDir keeps docker's clock there (not reproducible
   * with nitro-cli either; BuildKit's WORKDIR always creates it in the image, so this is rare).
   */
  readonly createdAt?: number;
  /** Attributes of parent directories a layer implies without a header (default 0755 root, mtime 0). */
  readonly impliedDirMtime?: number;
  /**
   * Largest regular file accepted (bytes). A larger one is refused from its tar header, before any
   * of its data is read or spooled (the enclave ramdisk's cpio format stops at 0xffffffff).
   */
  readonly maxFileSize?: number;
  /**
   * Largest total of regular file data across all layers (bytes), files a later layer replaces or
   * deletes included: what the spool must hold. Refused from the tar header of the file that would
   * pass it, before its data is spooled. No limit when absent.
   */
  readonly maxRootfsSize?: number;
  /**
   * Entries the layers may add in all, deleted and replaced ones included (default
   * MAX_IMAGE_ENTRIES, 2^24): past it the entry is refused, naming its layer.
   */
  readonly maxEntries?: number;
  /**
   * Each regular file's data will be read once (entries may still be walked any number of times):
   * spool space is then given back as it is read, and shadowed data at once.
   */
  readonly readOnce?: boolean;
  /**
   * Layers expanded at once (1 or 2, default 1). With 2, the next layer inflates on another core
   * while the entries of the one before it are applied (less wall time on two cores), but the main
   * thread's heap then holds dead chunk buffers longer: peak RSS measured 25-45 MiB higher on the
   * 1 GiB benchmark images (226-260 MiB), too close to the 256 MiB budget to be the default.
   * Known limit of 2: the layer read ahead may spool data past maxRootfsSize before the refusal (the
   * entry refused is the same); 1 never does. Not offered by the CLI or the Action.
   */
  readonly layersSideBySide?: 1 | 2;
  /**
   * Given the entries of the merged tree as the image left it (before the init layer, data read
   * from the spool), returns the flattened image's layer (flat-image.ts: hashFlatLayer, or a
   * layout written): one more read of the spooled data per walk. `known`: the layer already
   * hashed from a root filesystem stream whose entries proved to be the walk's.
   */
  readonly flatten?: (entries: () => AsyncIterable<TreeEntry>, known?: FlatLayer) => Promise<FlatLayer>;
  readonly onProgress?: (progress: MergeProgress) => void;
}
