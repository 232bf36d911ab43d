// One entry of a container's filesystem as `docker export` streams it (the contract between
// image/, which merges layers, and ramdisk/, which writes the customer ramdisk).

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
  /** Symlink target as stored, or for a hard link the path (no leading `/`) of the entry holding the data. */
  readonly linkname?: string;
  readonly devmajor?: number;
  readonly devminor?: number;
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
}

/** What the build needs from an image's config (OCI image-spec `config`). */
export interface ImageInfo {
  /** Manifest digest, `sha256:…`. */
  readonly manifestDigest: string;
  /** Config blob digest, `sha256:…`. */
  readonly configDigest: string;
  /** OCI platform, e.g. `linux/amd64`, `linux/arm64`. */
  readonly platform: string;
  readonly architecture: string;
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env?: readonly string[];
  /** Layer digests in order, bottom first. */
  readonly layers: readonly string[];
}
