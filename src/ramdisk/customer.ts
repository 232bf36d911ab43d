// The customer ramdisk (spec ramdisks.md §4): linuxkit's view of `docker export` of the image,
// under `rootfs/`, with the container init layer's entries normalised, then linuxkit's own `files`
// list (`rootfs`, mount points, `cmd`, `env`). Each linuxkit rule is a named constant or function.
import type { TreeEntry } from '../image/types.js';
import type { CmdEnvFiles } from './cmd-env.js';
import { cpioArchive, planCpioYielding, type CpioEntry, type CpioPlan, type SizedStream, type WriteObserver } from './cpio-writer.js';
import { GENERATED_DIR_MODE, GENERATED_FILE_MODE, LINUXKIT_MTIME, ROOTFS_DIR } from './linuxkit-defaults.js';

/** Init-layer entries linuxkit drops (exact export names; `Dockerfile` only at the top level). */
export const EXCLUDED_PATHS: ReadonlySet<string> = new Set(['.dockerenv', 'Dockerfile', 'dev/console', 'etc/hostname']);

/** linuxkit's fixed `etc/hosts` (160 bytes), replacing whatever Docker's init layer put there. */
export const HOSTS_PATH = 'etc/hosts';
export const HOSTS_CONTENT = Buffer.from(
  '127.0.0.1       localhost\n' +
    '::1     localhost ip6-localhost ip6-loopback\n' +
    'fe00::0 ip6-localnet\n' +
    'ff00::0 ip6-mcastprefix\n' +
    'ff02::1 ip6-allnodes\n' +
    'ff02::2 ip6-allrouters\n',
  'latin1',
);
/** `etc/hosts` is always a regular 0755 root file: the mode of Docker's init-layer file. */
export const HOSTS_MODE = 0o755;

/** nitro-cli's linuxkit makes `etc/resolv.conf` this symlink, keeping the init-layer file's 0755. */
export const RESOLV_CONF_PATH = 'etc/resolv.conf';
export const RESOLV_CONF_TARGET = '/run/resolvconf/resolv.conf';
export const RESOLV_CONF_MODE = 0o755;

/** Docker's init layer makes `etc/mtab` a 0777 symlink to `/proc/mounts`. */
export const MTAB_PATH = 'etc/mtab';
export const MTAB_TARGET = '/proc/mounts';
export const MTAB_MODE = 0o777;

/** Entries the runtime may touch: kept as exported, but with linuxkit's mtime. */
export const TOUCHED_DIRS: readonly string[] = ['dev/', 'dev/pts/', 'dev/shm/', 'etc/', 'proc/', 'sys/'];

/** linuxkit's `files` list after the image: mount points `init` needs, in this order. */
export const MOUNT_POINT_DIRS: readonly string[] = ['dev', 'run', 'sys', 'var', 'proc', 'tmp'];

const ROOT_OWNED = { uid: 0, gid: 0 } as const;

/** A directory linuxkit generates (0755, root, fixed mtime). */
function generatedDir(name: string): CpioEntry {
  return { ...ROOT_OWNED, name, type: 'dir', mode: GENERATED_DIR_MODE, mtime: LINUXKIT_MTIME, size: 0 };
}

function prefixed(path: string): string {
  return `${ROOTFS_DIR}/${path}`;
}

/** An exported entry as it goes into the archive, or undefined when linuxkit drops it. */
export function normaliseEntry(entry: TreeEntry): CpioEntry | undefined {
  if (EXCLUDED_PATHS.has(entry.path)) return undefined;
  const name = prefixed(entry.path);
  switch (entry.path) {
    case HOSTS_PATH:
      return hostsEntry(name);
    case RESOLV_CONF_PATH:
      return fixedSymlink(name, RESOLV_CONF_TARGET, RESOLV_CONF_MODE);
    case MTAB_PATH:
      return fixedSymlink(name, MTAB_TARGET, MTAB_MODE);
  }
  const mtime = TOUCHED_DIRS.includes(entry.path) ? LINUXKIT_MTIME : Math.floor(entry.mtime);
  return {
    name,
    type: entry.type,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    mtime,
    size: entry.type === 'file' ? entry.size : 0,
    // Hard links name the data's entry by its export path, which is now under rootfs/ too.
    linkname: entry.type === 'hardlink' && entry.linkname !== undefined ? prefixed(entry.linkname) : entry.linkname,
    rdevmajor: entry.devmajor,
    rdevminor: entry.devminor,
    data: entry.open,
    crc32: entry.crc32,
  };
}

function hostsEntry(name: string): CpioEntry {
  return { ...ROOT_OWNED, name, type: 'file', mode: HOSTS_MODE, mtime: LINUXKIT_MTIME, size: HOSTS_CONTENT.length, data: HOSTS_CONTENT };
}

function fixedSymlink(name: string, linkname: string, mode: number): CpioEntry {
  return { ...ROOT_OWNED, name, type: 'symlink', mode, mtime: LINUXKIT_MTIME, size: 0, linkname };
}

/**
 * linuxkit's `touch` table: entries that must exist, each with the header linuxkit writes when the
 * export lacks it, in the order linuxkit adds them (its names sorted). Docker's init layer creates
 * them all, so one is missing only when the image holds a directory at that name (docker keeps a
 * directory there: the export has `etc/hosts/`, not `etc/hosts`). These headers are linuxkit's own
 * table, not the init layer's: `etc/hosts` 0644 (with the fixed content), `etc/mtab` a 0755
 * symlink, `etc/resolv.conf` a 0644 symlink (the table's regular file, made the resolv symlink).
 */
export const TOUCH_HOSTS_MODE = 0o644;
export const TOUCH_MTAB_MODE = 0o755;
export const TOUCH_RESOLV_CONF_MODE = 0o644;
const TOUCH_TABLE: ReadonlyArray<readonly [string, () => CpioEntry]> = [
  ['dev/', () => generatedDir(prefixed('dev'))],
  ['dev/pts/', () => generatedDir(prefixed('dev/pts'))],
  ['dev/shm/', () => generatedDir(prefixed('dev/shm'))],
  ['etc/', () => generatedDir(prefixed('etc'))],
  [HOSTS_PATH, () => ({ ...hostsEntry(prefixed(HOSTS_PATH)), mode: TOUCH_HOSTS_MODE })],
  [MTAB_PATH, () => fixedSymlink(prefixed(MTAB_PATH), MTAB_TARGET, TOUCH_MTAB_MODE)],
  [RESOLV_CONF_PATH, () => fixedSymlink(prefixed(RESOLV_CONF_PATH), RESOLV_CONF_TARGET, TOUCH_RESOLV_CONF_MODE)],
  ['proc/', () => generatedDir(prefixed('proc'))],
  ['sys/', () => generatedDir(prefixed('sys'))],
];

const TOUCHED: ReadonlySet<string> = new Set(TOUCH_TABLE.map(([path]) => path));

/** Touch entries the export lacked (normally none), as linuxkit adds them after the image. */
export function missingTouchedEntries(seen: ReadonlySet<string>): CpioEntry[] {
  return TOUCH_TABLE.filter(([path]) => !seen.has(path)).map(([, make]) => make());
}

/** linuxkit's `files` list: `rootfs` again, the mount points, then `cmd` and `env`. */
export function linuxkitFiles(files: CmdEnvFiles): CpioEntry[] {
  const file = (name: string, data: Uint8Array): CpioEntry => ({
    ...ROOT_OWNED,
    name,
    type: 'file',
    mode: GENERATED_FILE_MODE,
    mtime: LINUXKIT_MTIME,
    size: data.byteLength,
    data,
  });
  return [
    generatedDir(ROOTFS_DIR),
    ...MOUNT_POINT_DIRS.map((dir) => generatedDir(prefixed(dir))),
    file('cmd', files.cmd),
    file('env', files.env),
  ];
}

/** Every customer ramdisk entry in archive order (trailer excluded). */
export function* customerEntries(tree: Iterable<TreeEntry>, files: CmdEnvFiles): Generator<CpioEntry> {
  yield generatedDir(ROOTFS_DIR);
  // Only the touched paths matter: a set of every path cost 100 bytes per entry.
  const seen = new Set<string>();
  for (const entry of tree) {
    if (TOUCHED.has(entry.path)) seen.add(entry.path);
    const normalised = normaliseEntry(entry);
    if (normalised !== undefined) yield normalised;
  }
  yield* missingTouchedEntries(seen);
  yield* linuxkitFiles(files);
}

/** The customer ramdisk as a sized stream; `tree` is walked twice (plan, then write). */
export function customerRamdisk(
  tree: () => Iterable<TreeEntry>,
  files: CmdEnvFiles,
  observer?: WriteObserver,
  plan?: CpioPlan,
): SizedStream {
  return cpioArchive(() => customerEntries(tree(), files), observer, plan);
}

/** `customerRamdisk`, planned with turns of the event loop (for large trees: signals stay prompt). */
export async function customerRamdiskYielding(tree: () => Iterable<TreeEntry>, files: CmdEnvFiles, observer?: WriteObserver): Promise<SizedStream> {
  const plan = await planCpioYielding(customerEntries(tree(), files));
  return customerRamdisk(tree, files, observer, plan);
}
