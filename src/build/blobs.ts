// The blob set (kernel, its config, cmdline, init, nsm.ko) in nitro-cli's blobs directory layout,
// chosen by the image's architecture, hashed, checked against an optional lock, and recognised
// against the public sets of spec ramdisks.md §5. Blobs are read into memory once (a few MiB), so
// the bytes hashed and reported are exactly the bytes written into the EIF.
import { stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { quoted, UserError, VerificationError } from '../errors.js';
import { MAX_JSON_BYTES, parseJsonBounded, readRegularFile } from '../io/regular-file.js';
import { kernelCmdlineOfBytes } from '../eif/cmdline.js';
import type { EifArch } from '../eif/types.js';
import { parseKernelConfig, type KernelInfo } from './kernel-config.js';
import { pinMismatch, recogniseBlobSet, type BlobPins } from './known-blobs.js';

/** Where nitro-cli installs its blobs. */
export const DEFAULT_BLOBS_DIR = '/usr/share/nitro_enclaves/blobs';
/** No blob of a real set comes near this; a bigger file is the wrong file. */
export const MAX_BLOB_SIZE = 128 * 1024 * 1024;

/** File names in the blobs directory, per architecture (nitro-cli's layout). */
export const KERNEL_FILE: Readonly<Record<EifArch, string>> = { x86_64: 'bzImage', aarch64: 'Image' };
export const CMDLINE_FILE = 'cmdline';
export const INIT_FILE = 'init';
export const NSM_FILE = 'nsm.ko';

export interface Blob {
  /** File name in the blobs directory (the key used by locks and reports). */
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly sha384: string;
  /** Git's object id of these bytes: SHA-1 over `blob <size>\0` + bytes (how a git tree pins a file). */
  readonly gitBlob: string;
}

export interface BlobSet {
  readonly dir: string;
  readonly arch: EifArch;
  readonly kernel: Blob;
  readonly kernelConfig: Blob;
  readonly cmdline: Blob;
  readonly init: Blob;
  readonly nsm: Blob;
  /** The cmdline file's text trimmed of surrounding white space as nitro-cli does (what the EIF holds). */
  readonly cmdlineText: string;
  /** From line 3 of the kernel config. */
  readonly kernelInfo: KernelInfo;
  /** The public set these blobs are: the one asked for (`--blobs SET`), else recognised by hash. */
  readonly recognisedSet?: string;
}

export interface LoadBlobsOptions {
  readonly dir: string;
  readonly arch: EifArch;
  /** Expected SHA-384 per blob file name (`--blobs-sha384`); every blob used must be pinned. */
  readonly lock?: Readonly<Record<string, string>>;
  /**
   * A public set's pins (`--blobs SET`): every blob must match, checked on the very bytes that go into
   * the EIF, and `setName` is what the build reports.
   */
  readonly pinned?: { readonly setName: string; readonly pins: BlobPins };
}

/** Every blob's name → SHA-384, for reports and lock files. */
export function blobHashes(set: BlobSet): Record<string, string> {
  const blobs = [set.kernel, set.kernelConfig, set.cmdline, set.init, set.nsm];
  return Object.fromEntries(blobs.map((b) => [b.name, b.sha384]));
}

/** Loads, hashes and checks the blob set for an image of architecture `arch`. */
export async function loadBlobs(options: LoadBlobsOptions): Promise<BlobSet> {
  const { dir, arch } = options;
  const kernelName = KERNEL_FILE[arch];
  await refuseOtherArch(dir, arch);
  const [kernel, kernelConfig, cmdline, init, nsm] = await Promise.all(
    [kernelName, `${kernelName}.config`, CMDLINE_FILE, INIT_FILE, NSM_FILE].map((name) => readBlob(dir, name)),
  ) as [Blob, Blob, Blob, Blob, Blob];
  const kernelInfo = parseKernelConfig(Buffer.from(kernelConfig.bytes).toString('utf8'), kernelConfig.path);
  if (kernelInfo.arch !== undefined && kernelInfo.arch !== arch) {
    throw new UserError(
      `blobs directory ${dir}: ${kernelConfig.name} is for ${kernelInfo.arch}, but the image is ${arch}`,
      { code: 'mismatch' },
    );
  }
  const set = { dir, arch, kernel, kernelConfig, cmdline, init, nsm, kernelInfo, cmdlineText: kernelCmdlineOfBytes(cmdline.bytes, `blob ${cmdline.path}`) };
  if (options.lock) checkBlobLock(blobHashes(set), options.lock);
  const blobs = [kernel, kernelConfig, cmdline, init, nsm];
  if (options.pinned) {
    for (const blob of blobs) checkPin(options.pinned.setName, options.pinned.pins, blob);
    return { ...set, recognisedSet: options.pinned.setName };
  }
  const digests = Object.fromEntries(blobs.map((b) => [b.name, { size: b.bytes.byteLength, sha384: b.sha384, gitBlob: b.gitBlob }]));
  return { ...set, recognisedSet: recogniseBlobSet(arch, digests) };
}

function checkPin(setName: string, pins: BlobPins, blob: Blob): void {
  const pin = pins[blob.name];
  if (!pin) throw new VerificationError(`blob ${blob.name}: ${setName} does not pin it`);
  const wrong = pinMismatch(pin, { size: blob.bytes.byteLength, sha384: blob.sha384, gitBlob: blob.gitBlob });
  if (wrong) throw new VerificationError(`blob ${blob.name} (${setName}) at ${blob.path}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
}

/** Git's blob id of `bytes` (SHA-1 over `blob <size>\0` + bytes). */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}

async function refuseOtherArch(dir: string, arch: EifArch): Promise<void> {
  const other: EifArch = arch === 'x86_64' ? 'aarch64' : 'x86_64';
  const [mine, theirs] = await Promise.all([exists(join(dir, KERNEL_FILE[arch])), exists(join(dir, KERNEL_FILE[other]))]);
  if (!mine && theirs) {
    throw new UserError(
      `blobs directory ${dir} holds an ${other} kernel (${KERNEL_FILE[other]}), but the image is ${arch} (needs ${KERNEL_FILE[arch]})`,
      { code: 'mismatch' },
    );
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

async function readBlob(dir: string, name: string): Promise<Blob> {
  const path = join(dir, name);
  const info = await stat(path).catch((cause: unknown) => {
    throw new UserError(`blobs directory ${dir}: missing ${name}`, { code: 'not-found', cause });
  });
  if (!info.isFile()) throw new UserError(`blob ${path} is not a regular file`);
  if (info.size > MAX_BLOB_SIZE) throw new UserError(`blob ${path} is ${info.size} bytes, more than any real blob (${MAX_BLOB_SIZE})`);
  const bytes = new Uint8Array(await readRegularFile(path, { label: `blob ${path}`, maxBytes: MAX_BLOB_SIZE }));
  return { name, path, bytes, sha384: createHash('sha384').update(bytes).digest('hex'), gitBlob: gitBlobId(bytes) };
}

/** Fails on the first blob whose hash differs from the lock, or that the lock does not pin. */
export function checkBlobLock(actual: Readonly<Record<string, string>>, lock: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(lock)) {
    if (!(name in actual)) {
      throw new UserError(`blob lock names ${quoted(name)}, which this build does not use (uses ${Object.keys(actual).join(', ')})`);
    }
  }
  for (const [name, sha384] of Object.entries(actual)) {
    const pinned = lock[name];
    if (pinned === undefined) throw new UserError(`blob lock does not pin ${name} (sha384 ${sha384})`);
    if (pinned.toLowerCase().replace(/^0x/, '') !== sha384) {
      throw new VerificationError(`blob ${name}: sha384 ${sha384} does not match the lock's ${pinned}`);
    }
  }
}

/** Reads a `--blobs-sha384` file: a JSON object of blob name → 96 hex digits, or `parseBlobPinLines` lines. */
export async function readBlobLock(path: string): Promise<Record<string, string>> {
  const bytes = await readRegularFile(path, { label: `blob lock ${path}`, maxBytes: MAX_JSON_BYTES });
  const text = bytes.toString('utf8');
  // `blobs fetch` prints sha384sum lines, and the action takes them: accept them here too.
  if (!/^\s*[[{]/.test(text)) return parseBlobPinLines(text, `blob lock ${path}`);
  const parsed = parseJsonBounded(bytes, `blob lock ${path}`);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`blob lock ${path}: expected a JSON object of blob name → sha384`, { code: 'format' });
  }
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' || !/^(0x)?[0-9a-fA-F]{96}$/.test(value)) {
      throw new UserError(`blob lock ${path}: ${name} is not a sha384 (96 hex digits)`, { code: 'format' });
    }
  }
  return parsed as Record<string, string>;
}

/**
 * Blob pins written one per line as `name=HEX` or as sha384sum prints them (`HEX  path`, the name
 * being the path's last component); blank lines are skipped. `what` names the file or input in errors.
 */
export function parseBlobPinLines(text: string, what: string): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const named = /^([^\s=]+)\s*=\s*([0-9a-fA-F]{96})$/.exec(line);
    const summed = /^([0-9a-fA-F]{96})\s+\*?(\S+)$/.exec(line);
    const [name, hex] = named ? [named[1]!, named[2]!] : summed ? [summed[2]!, summed[1]!] : [];
    if (name === undefined || hex === undefined) {
      throw new UserError(`${what}: expected "name=<96 hex digits>" or sha384sum lines, got ${JSON.stringify(line.slice(0, 200))}`, { code: 'format' });
    }
    pins[name.split('/').pop()!] = hex.toLowerCase();
  }
  return pins;
}

/** The EIF architecture for an OCI image architecture (amd64 → x86_64, arm64 → aarch64). */
export function eifArchOf(architecture: string): EifArch {
  if (architecture === 'amd64') return 'x86_64';
  if (architecture === 'arm64') return 'aarch64';
  throw new UserError(`image architecture ${quoted(architecture)} is not supported by Nitro Enclaves (amd64 or arm64)`, {
    code: 'unsupported',
  });
}
