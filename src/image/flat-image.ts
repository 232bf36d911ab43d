// A reproducible one-layer ("flattened") OCI image of a merged filesystem: one uncompressed layer
// holding a canonical tar of the tree, a config made from the runtime fields, and a manifest. A
// build path that streams the merged root filesystem has no reproducible image of its own, so both
// build paths identify the image by this one, computed from the same TreeEntry sequence: every byte
// depends only on the entries (names as their raw bytes, see byte-names.ts), never on which build
// path produced them.

import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nameBytes } from '../io/byte-names.js';
import { removeOnInterrupt } from '../io/cleanup.js';
import { WorkerHash } from '../io/worker-hash.js';
import type { TreeEntry, TreeEntryType } from './types.js';

const BLOCK = 512;
/** Largest values of the ustar numeric fields (7 and 11 octal digits). */
const MAX_OCTAL_7 = 0o7777777;
const MAX_OCTAL_11 = 0o77777777777;
/** Header bytes gathered before one sink call (file data goes straight through). */
const BATCH = 64 * 1024;
const MAGIC = Buffer.from('ustar\x0000', 'latin1');
const PAX_NAME = Buffer.from('PaxHeader', 'latin1');

const TYPE_FLAGS: Readonly<Record<TreeEntryType, number>> = {
  file: 0x30, hardlink: 0x31, symlink: 0x32, char: 0x33, block: 0x34, dir: 0x35, fifo: 0x36,
};
const PAX_FLAG = 0x78; // 'x'

type Sink = (chunk: Uint8Array) => void | Promise<void>;

/** The ustar fields of one header, names as bytes (cut to 100 by the writer). */
interface HeaderFields {
  readonly name: Uint8Array;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  readonly mtime: number;
  readonly typeflag: number;
  readonly linkname?: Uint8Array;
  readonly devmajor: number;
  readonly devminor: number;
}

/** `value` in octal, zero-padded to width - 1 digits, then NUL (the caller checked it fits). */
function putOctal(buf: Buffer, at: number, width: number, value: number): void {
  let v = value;
  for (let i = width - 2; i >= 0; i -= 1) {
    buf[at + i] = 0x30 + (v % 8);
    v = Math.floor(v / 8);
  }
  buf[at + width - 1] = 0;
}

/** Writes one 512-byte header at `at` of `buf` (zeroed here first). */
function putHeader(buf: Buffer, at: number, h: HeaderFields): void {
  buf.fill(0, at, at + BLOCK);
  buf.set(h.name.subarray(0, 100), at);
  putOctal(buf, at + 100, 8, h.mode);
  putOctal(buf, at + 108, 8, h.uid);
  putOctal(buf, at + 116, 8, h.gid);
  putOctal(buf, at + 124, 12, h.size);
  putOctal(buf, at + 136, 12, h.mtime);
  buf.fill(0x20, at + 148, at + 156);
  buf[at + 156] = h.typeflag;
  if (h.linkname) buf.set(h.linkname.subarray(0, 100), at + 157);
  MAGIC.copy(buf, at + 257);
  // uname and gname stay empty; devmajor/devminor are octal zeros unless a device's.
  putOctal(buf, at + 329, 8, h.devmajor);
  putOctal(buf, at + 337, 8, h.devminor);
  let sum = 0;
  for (let i = at; i < at + BLOCK; i += 1) sum += buf[i]!;
  putOctal(buf, at + 148, 7, sum);
  buf[at + 155] = 0x20;
}

/** One PAX record, `"<len> <key>=<value>\n"`, its length counting its own digits. */
function paxRecord(key: string, value: Uint8Array): Buffer {
  const rest = Buffer.byteLength(key, 'latin1') + value.length + 3; // space, '=', newline
  let len = rest + 1;
  while (String(len).length + rest !== len) len = String(len).length + rest;
  return Buffer.concat([Buffer.from(`${len} ${key}=`, 'latin1'), value, Buffer.from('\n', 'latin1')]);
}

function checkNumber(value: number, what: string, path: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${path}: ${what} ${value} is not a non-negative integer`);
}

/** Canonical tar writer: entries in the order given, POSIX ustar + PAX where needed, ends with two zero blocks. */
export class FlatTar {
  readonly #sink: Sink;
  readonly #headersOnly: boolean;
  /** The file whose data `data()` takes (push form), and how much of it came. */
  #open: { readonly path: string; readonly size: number; written: number } | undefined;
  /** Pending header (and padding) bytes: reused, so a sink must not keep a chunk past its call. */
  readonly #batch = Buffer.alloc(BATCH);
  #used = 0;
  #total = 0;
  #ended = false;

  /**
   * `sink` gets the archive's bytes in order. A chunk is only valid during the call (or until the
   * promise it returns settles): it may be a view into a buffer reused afterwards.
   */
  constructor(sink: Sink, options: { readonly headersOnly?: boolean } = {}) {
    this.#sink = sink;
    this.#headersOnly = options.headersOnly ?? false;
  }

  /** Writes the entry's header(s) and, for a file, its data from entry.open() (exactly entry.size bytes, else throw Error naming the path) and padding. */
  async add(entry: TreeEntry): Promise<void> {
    await this.begin(entry);
    if (entry.type === 'file' && !this.#headersOnly) await this.#data(entry);
    this.#open = undefined;
  }

  /**
   * The push form of add(), for data read elsewhere (a stream being merged): writes the entry's
   * header(s); a file's data then comes through `data()` and `endEntry()` pads it. With
   * `headersOnly` (a digest of the entries' metadata alone) no data or padding is written.
   */
  async begin(entry: TreeEntry): Promise<void> {
    if (this.#ended) throw new Error(`${entry.path}: added after the end of the archive`);
    if (this.#open) throw new Error(`${entry.path}: added before the data of ${this.#open.path} ended`);
    const header = this.#fields(entry);
    const pax: Buffer[] = [];
    if (header.name.length > 100) pax.push(paxRecord('path', header.name));
    if (header.linkname && header.linkname.length > 100) pax.push(paxRecord('linkpath', header.linkname));
    // A number too large for its field goes in a record; the field then holds 0.
    const big = (key: string, value: number, max: number): number => {
      if (value <= max) return value;
      pax.push(paxRecord(key, Buffer.from(String(value), 'latin1')));
      return 0;
    };
    const uid = big('uid', header.uid, MAX_OCTAL_7);
    const gid = big('gid', header.gid, MAX_OCTAL_7);
    const mtime = big('mtime', header.mtime, MAX_OCTAL_11);
    if (pax.length > 0) {
      const records = Buffer.concat(pax);
      await this.#header({ name: PAX_NAME, mode: 0o644, uid: 0, gid: 0, size: records.length, mtime: 0, typeflag: PAX_FLAG, devmajor: 0, devminor: 0 });
      await this.#put(records);
      await this.#pad(records.length);
    }
    await this.#header({ ...header, uid, gid, mtime });
    if (entry.type === 'file') this.#open = { path: entry.path, size: header.size, written: 0 };
  }

  /** Part of the data of the file begun (push form); the chunk goes to the sink at once. */
  async data(chunk: Uint8Array): Promise<void> {
    const open = this.#open;
    if (!open) throw new Error('data without a file begun');
    if (chunk.length > open.size - open.written) throw new Error(`${open.path}: data longer than its size ${open.size}`);
    open.written += chunk.length;
    if (this.#headersOnly) return;
    await this.#flush();
    this.#total += chunk.length;
    const pending = this.#sink(chunk);
    if (pending) await pending;
  }

  /** Ends the entry begun (push form): checks its data's length and pads it. */
  async endEntry(): Promise<void> {
    const open = this.#open;
    this.#open = undefined;
    if (!open) return;
    if (open.written !== open.size) throw new Error(`${open.path}: data ended after ${open.written} of ${open.size} bytes`);
    if (!this.#headersOnly) await this.#pad(open.size);
  }

  /** Writes the two zero blocks; returns total bytes written. */
  async end(): Promise<number> {
    if (this.#open) throw new Error(`${this.#open.path}: the archive ended before its data`);
    if (!this.#ended) {
      this.#ended = true;
      await this.#put(new Uint8Array(2 * BLOCK));
      await this.#flush();
    }
    return this.#total;
  }

  #fields(entry: TreeEntry): HeaderFields {
    const { path, type } = entry;
    const typeflag = TYPE_FLAGS[type];
    if (typeflag === undefined) throw new Error(`${path}: unknown entry type ${String(type)}`);
    checkNumber(entry.mode, 'mode', path);
    checkNumber(entry.uid, 'uid', path);
    checkNumber(entry.gid, 'gid', path);
    checkNumber(entry.mtime, 'mtime', path);
    const size = type === 'file' ? entry.size : 0;
    checkNumber(size, 'size', path);
    // Files over 8 GiB would need a PAX size record; nothing that size reaches an enclave ramdisk.
    if (size > MAX_OCTAL_11) throw new Error(`${path}: size ${size} does not fit a ustar header`);
    let linkname: Uint8Array | undefined;
    if (type === 'symlink' || type === 'hardlink') {
      if (entry.linkname === undefined) throw new Error(`${path}: ${type} without a link name`);
      linkname = nameBytes(entry.linkname);
    }
    // A device's numbers, also on a hard link that carries them; octal zeros everywhere else.
    const device = type === 'char' || type === 'block' || type === 'hardlink';
    const devmajor = device ? entry.devmajor ?? 0 : 0;
    const devminor = device ? entry.devminor ?? 0 : 0;
    for (const [what, value] of [['devmajor', devmajor], ['devminor', devminor]] as const) {
      checkNumber(value, what, path);
      if (value > MAX_OCTAL_7) throw new Error(`${path}: ${what} ${value} does not fit a ustar header`);
    }
    return { name: nameBytes(path), mode: entry.mode & 0o7777, uid: entry.uid, gid: entry.gid, size, mtime: entry.mtime, typeflag, ...(linkname ? { linkname } : {}), devmajor, devminor };
  }

  async #data(entry: TreeEntry): Promise<void> {
    const { path, size } = entry;
    let written = 0;
    if (entry.open) {
      await this.#flush();
      for await (const chunk of entry.open()) {
        if (chunk.length > size - written) throw new Error(`${path}: data longer than its size ${size}`);
        written += chunk.length;
        this.#total += chunk.length;
        const pending = this.#sink(chunk);
        if (pending) await pending;
      }
    }
    if (written !== size) throw new Error(`${path}: data ended after ${written} of ${size} bytes`);
    await this.#pad(size);
  }

  async #header(h: HeaderFields): Promise<void> {
    await this.#room(BLOCK);
    putHeader(this.#batch, this.#used, h);
    this.#used += BLOCK;
    this.#total += BLOCK;
  }

  async #pad(length: number): Promise<void> {
    const pad = (BLOCK - (length % BLOCK)) % BLOCK;
    if (pad === 0) return;
    await this.#room(pad);
    this.#batch.fill(0, this.#used, this.#used + pad);
    this.#used += pad;
    this.#total += pad;
  }

  async #put(bytes: Uint8Array): Promise<void> {
    if (bytes.length > BATCH) {
      // Rare (PAX records of huge names): straight through rather than in pieces.
      await this.#flush();
      this.#total += bytes.length;
      const pending = this.#sink(bytes);
      if (pending) await pending;
      return;
    }
    await this.#room(bytes.length);
    this.#batch.set(bytes, this.#used);
    this.#used += bytes.length;
    this.#total += bytes.length;
  }

  async #room(length: number): Promise<void> {
    if (this.#used + length > BATCH) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#used === 0) return;
    const chunk = this.#batch.subarray(0, this.#used);
    const pending = this.#sink(chunk);
    if (pending) await pending;
    this.#used = 0;
  }
}

export interface FlatLayer {
  /** `sha256:<hex>` of the uncompressed layer (its diff_id, and its blob digest). */
  readonly diffId: string;
  readonly size: number;
}

async function writeEntries(tar: FlatTar, entries: Iterable<TreeEntry> | AsyncIterable<TreeEntry>): Promise<number> {
  for await (const entry of entries) await tar.add(entry);
  return tar.end();
}

/**
 * SHA-256 and size of the canonical tar of `entries` (hashed as written, nothing stored). The hash
 * runs on a worker thread, so reading the data and hashing it overlap.
 */
export async function hashFlatLayer(entries: Iterable<TreeEntry> | AsyncIterable<TreeEntry>): Promise<FlatLayer> {
  const hash = new WorkerHash('sha256');
  try {
    const size = await writeEntries(new FlatTar((chunk) => hash.update(chunk)), entries);
    return { diffId: `sha256:${await hash.digest()}`, size };
  } finally {
    await hash.close();
  }
}

/**
 * sha256 hex of the metadata of `entries` alone (their FlatTar headers, no data): equal for two
 * entry sequences exactly when their canonical tars differ at most in the files' data.
 */
export async function flatHeadersDigest(entries: Iterable<TreeEntry> | AsyncIterable<TreeEntry>): Promise<string> {
  const hash = createHash('sha256');
  await writeEntries(new FlatTar((chunk) => void hash.update(chunk), { headersOnly: true }), entries);
  return hash.digest('hex');
}

/** The runtime fields a flattened config keeps (empty arrays and empty strings are treated as absent). */
export interface FlatConfigFields {
  /** `os/arch[/variant]`, e.g. linux/amd64, linux/arm64/v8. */
  readonly platform: string;
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly env?: readonly string[];
  readonly workingDir?: string;
  readonly user?: string;
}

export interface FlatImage {
  readonly config: Buffer;
  readonly configDigest: string;
  readonly manifest: Buffer;
  readonly manifestDigest: string;
  readonly layer: FlatLayer;
}

const CONFIG_TYPE = 'application/vnd.oci.image.config.v1+json';
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const LAYER_TYPE = 'application/vnd.oci.image.layer.v1.tar';
const CREATED_BY = 'nitro-eif-build: flattened root filesystem';
const PLATFORM_PART = /^[A-Za-z0-9_.-]+$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

interface FlatPlatform { readonly os: string; readonly architecture: string; readonly variant?: string }

function flatPlatform(text: string): FlatPlatform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PLATFORM_PART.test(p))) {
    throw new Error(`platform ${JSON.stringify(text)}: expected os/arch[/variant], e.g. linux/amd64`);
  }
  const [os, architecture, variant] = parts as [string, string, string?];
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/** `seconds` as RFC 3339 `YYYY-MM-DDTHH:MM:SSZ` (years 1970-9999). */
function rfc3339(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds >= 253402300800) {
    throw new Error(`SOURCE_DATE_EPOCH ${seconds} is not a time in years 1970-9999`);
  }
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

const sha256 = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const present = <T extends string | readonly string[]>(value: T | undefined): value is T => value !== undefined && value.length > 0;

/** Config + manifest bytes (deterministic: fixed key order, compact JSON). created = sourceDateEpoch as RFC 3339 `YYYY-MM-DDTHH:MM:SSZ`. */
export function flatImage(fields: FlatConfigFields, layer: FlatLayer, sourceDateEpoch: number): FlatImage {
  const platform = flatPlatform(fields.platform);
  if (!DIGEST.test(layer.diffId)) throw new Error(`layer digest ${JSON.stringify(layer.diffId)} is not sha256:<hex>`);
  if (!Number.isSafeInteger(layer.size) || layer.size < 2 * BLOCK) throw new Error(`layer size ${layer.size} is not that of a tar`);
  const created = rfc3339(sourceDateEpoch);
  // Insertion order is the byte order of the JSON: keys sorted as Go's encoding/json writes them.
  const runtime: Record<string, unknown> = {};
  if (present(fields.user)) runtime.User = fields.user;
  if (present(fields.env)) runtime.Env = fields.env;
  if (present(fields.entrypoint)) runtime.Entrypoint = fields.entrypoint;
  if (present(fields.cmd)) runtime.Cmd = fields.cmd;
  if (present(fields.workingDir)) runtime.WorkingDir = fields.workingDir;
  const config = Buffer.from(JSON.stringify({
    architecture: platform.architecture,
    config: runtime,
    created,
    history: [{ created, created_by: CREATED_BY }],
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    ...(platform.variant ? { variant: platform.variant } : {}),
  }), 'utf8');
  const configDigest = sha256(config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: { mediaType: CONFIG_TYPE, digest: configDigest, size: config.length },
    layers: [{ mediaType: LAYER_TYPE, digest: layer.diffId, size: layer.size }],
  }), 'utf8');
  return { config, configDigest, manifest, manifestDigest: sha256(manifest), layer: { diffId: layer.diffId, size: layer.size } };
}

/** Writes all of `chunk` at the file's current end (FileHandle.write may write less). */
async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  for (let done = 0; done < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk, done, chunk.length - done);
    done += bytesWritten;
  }
}

/** Writes the flattened image as an OCI layout directory `dir` (must not exist; written to a sibling temp dir then renamed, removed on failure): oci-layout, index.json (one manifest with its platform), blobs/sha256/{layer,config,manifest}. Checks the layer written has layer.diffId/size (else throws). */
export async function writeFlatLayout(dir: string, image: FlatImage, fields: FlatConfigFields, entries: Iterable<TreeEntry> | AsyncIterable<TreeEntry>): Promise<void> {
  const platform = flatPlatform(fields.platform);
  // The blobs are named by digests computed here, so a FlatImage that does not match itself or the
  // platform would give a layout whose index lies about it.
  if (sha256(image.config) !== image.configDigest || sha256(image.manifest) !== image.manifestDigest) {
    throw new Error(`${dir}: the image's config or manifest does not match its digest`);
  }
  const config = JSON.parse(image.config.toString('utf8')) as Partial<FlatPlatform>;
  if (config.os !== platform.os || config.architecture !== platform.architecture || config.variant !== platform.variant) {
    throw new Error(`${dir}: the image's config is not for platform ${fields.platform}`);
  }
  if (await lstat(dir).then(() => true, () => false)) throw new Error(`${dir}: already exists`);
  const temp = join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.partial`);
  const forget = removeOnInterrupt(temp);
  try {
    const blobs = join(temp, 'blobs', 'sha256');
    await mkdir(temp);
    await mkdir(blobs, { recursive: true });
    const layerPath = join(blobs, image.layer.diffId.slice(7));
    const file = await open(layerPath, 'wx', 0o644);
    const hash = createHash('sha256');
    let size: number;
    try {
      size = await writeEntries(new FlatTar((chunk) => {
        hash.update(chunk);
        return writeAll(file, chunk);
      }), entries);
    } finally {
      await file.close();
    }
    const diffId = `sha256:${hash.digest('hex')}`;
    if (diffId !== image.layer.diffId || size !== image.layer.size) {
      throw new Error(`${dir}: the layer written is ${diffId} (${size} bytes), expected ${image.layer.diffId} (${image.layer.size} bytes)`);
    }
    await writeFile(join(blobs, image.configDigest.slice(7)), image.config, { flag: 'wx' });
    await writeFile(join(blobs, image.manifestDigest.slice(7)), image.manifest, { flag: 'wx' });
    await writeFile(join(temp, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }), { flag: 'wx' });
    const index = {
      schemaVersion: 2,
      mediaType: INDEX_TYPE,
      manifests: [{ mediaType: MANIFEST_TYPE, digest: image.manifestDigest, size: image.manifest.length, platform: { architecture: platform.architecture, os: platform.os, ...(platform.variant ? { variant: platform.variant } : {}) } }],
    };
    await writeFile(join(temp, 'index.json'), JSON.stringify(index), { flag: 'wx' });
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    forget();
  }
}
