// The customer ramdisk manifest: every entry as written (after linuxkit's conversions), with the
// SHA-256 of each file's data. One entry per line in archive order, no offsets or inode numbers,
// so that two builds' manifests diff cleanly ("which files changed PCR2").
import type { WriteObserver, WrittenEntry } from '../ramdisk/cpio-writer.js';
import { MODE_TYPE } from '../ramdisk/cpio-header.js';

export const MANIFEST_SCHEMA = 'nitro-eif-build/ramdisk-manifest@1';

export type ManifestEntryType = 'file' | 'dir' | 'symlink' | 'char' | 'block' | 'fifo';

/** One archive entry. Keys are always in this order; optional keys appear only for their types. */
export interface ManifestEntry {
  /** Name in the archive (`rootfs/…`, `cmd`, `env`); directories from the image keep their `/`. */
  readonly path: string;
  readonly type: ManifestEntryType;
  /** Permission bits as 4 octal digits, e.g. `0755`, `4755`. */
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  /** Regular files: data size and SHA-256. */
  readonly size?: number;
  readonly sha256?: string;
  /** Symlinks (hard links are written as relative symlinks): the target. */
  readonly target?: string;
  /** Devices: `major:minor`. */
  readonly rdev?: string;
}

export interface RamdiskManifest {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly ramdisk: 'customer';
  readonly size: number;
  readonly sha384: string;
  /** Archive order; a path may repeat (linuxkit writes `rootfs` twice). */
  readonly entries: readonly ManifestEntry[];
}

const TYPE_BY_BITS = new Map<number, ManifestEntryType>(
  Object.entries(MODE_TYPE).map(([name, bits]) => [bits, name as ManifestEntryType]),
);

/** The manifest line for one written entry. */
export function manifestEntry(written: WrittenEntry): ManifestEntry {
  const { header } = written;
  const type = TYPE_BY_BITS.get(header.mode & 0o170000) ?? 'file';
  const base = {
    path: written.name,
    type,
    mode: (header.mode & 0o7777).toString(8).padStart(4, '0'),
    uid: header.uid,
    gid: header.gid,
    mtime: header.mtime,
  };
  if (type === 'file') return { ...base, size: header.filesize, sha256: written.sha256 };
  if (type === 'symlink') return { ...base, target: written.linkTarget };
  if (type === 'char' || type === 'block') return { ...base, rdev: `${header.rdevmajor}:${header.rdevminor}` };
  return base;
}

/** Collects manifest entries while the ramdisk is written. */
export class ManifestCollector implements WriteObserver {
  readonly hashData = true;
  readonly entries: ManifestEntry[] = [];
  onEntry(entry: WrittenEntry): void {
    this.entries.push(manifestEntry(entry));
  }
}

/** The manifest as text: pretty JSON with exactly one entry per line, ending with a newline. */
export function renderManifest(manifest: RamdiskManifest): string {
  const head = JSON.stringify({ schema: manifest.schema, ramdisk: manifest.ramdisk, size: manifest.size, sha384: manifest.sha384 }, null, 2);
  const lines = manifest.entries.map((entry) => `    ${JSON.stringify(entry)}`);
  return `${head.slice(0, -2)},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`;
}
