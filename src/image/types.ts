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
