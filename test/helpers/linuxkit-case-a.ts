// The linuxkit-case-a fixture (test/fixtures/linuxkit-case-a): its expected values, its
// listing, and the export stream hand-made from its single layer plus Docker's init layer.
import { createGunzip } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import type { TreeEntry } from '../../src/image/types.js';
import type { ListedEntry } from '../../src/ramdisk/cpio-reader.js';
import { sha256 } from './bytes.js';
import { fixture } from './paths.js';

export const CASE_A_DIR = fixture('linuxkit-case-a');
export const CASE_A_ARCHIVE = `${CASE_A_DIR}/image.oci.tar`;
const LAYER = 'blobs/sha256/8ee6becf88d55df682eac91e580777c643c4264517832aff41477577b3ee44d5';

export interface CaseAExpected {
  oci_manifest_digest: string;
  customer_ramdisk: { size: number; sha384: string };
  PCR2: string;
}

export function caseAExpected(): CaseAExpected {
  return JSON.parse(readFileSync(`${CASE_A_DIR}/expected.json`, 'utf8')) as CaseAExpected;
}

/** The listing lines (comments dropped). */
export function caseAListing(): string[] {
  return readFileSync(`${CASE_A_DIR}/customer.cpio.list.txt`, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** One listing line in the fixture's format, for a line-by-line comparison. */
export function formatListed(index: number, e: ListedEntry): string {
  const name = `'${e.name}'`;
  const isLink = (e.mode & 0o170000) === 0o120000;
  const target = isLink ? ` -> '${e.data.toString('utf8')}'` : '';
  const digest = (e.mode & 0o170000) === 0o100000 && e.filesize > 0 ? ` sha256:${sha256(e.data).slice(0, 16)}` : '';
  const fields = [index, e.offset, e.ino, e.mode.toString(8), e.uid, e.gid, e.nlink, e.mtime, e.filesize];
  return `${fields.join(' ')} ${e.devmajor}:${e.devminor} ${e.rdevmajor}:${e.rdevminor} ${e.check} ${name}${target}${digest}`;
}

/** bin/busybox from the fixture's only layer. */
export async function caseABusybox(): Promise<Buffer> {
  const outer = extract();
  let layer: Buffer | undefined;
  const done = (async () => {
    for await (const entry of outer) {
      const parts: Buffer[] = [];
      for await (const chunk of entry) parts.push(chunk as Buffer);
      if (entry.header.name === LAYER) layer = Buffer.concat(parts);
    }
  })();
  Readable.from([readFileSync(CASE_A_ARCHIVE)]).pipe(outer);
  await done;
  const inner = extract();
  let busybox: Buffer | undefined;
  const read = (async () => {
    for await (const entry of inner) {
      const parts: Buffer[] = [];
      for await (const chunk of entry) parts.push(chunk as Buffer);
      if (entry.header.name === 'bin/busybox') busybox = Buffer.concat(parts);
    }
  })();
  Readable.from([layer ?? Buffer.alloc(0)]).pipe(createGunzip()).pipe(inner);
  await read;
  if (!busybox) throw new Error('bin/busybox not found in the case-a layer');
  return busybox;
}

const INIT_TIME = 1700000000; // Docker stamps init-layer entries with the creation time.

/** What `docker export` streams for case a: the layer plus Docker's container init layer. */
export function caseAExport(busybox: Buffer): TreeEntry[] {
  const dir = (path: string, mtime = INIT_TIME): TreeEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime, size: 0 });
  const empty = (path: string): TreeEntry => ({ path, type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: INIT_TIME, size: 0, open: () => chunksOf(Buffer.alloc(0)) });
  return [
    empty('.dockerenv'),
    dir('bin/', 0),
    { path: 'bin/busybox', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 0, size: busybox.length, open: () => chunksOf(busybox) },
    dir('dev/'),
    empty('dev/console'),
    dir('dev/pts/'),
    dir('dev/shm/'),
    dir('etc/'),
    empty('etc/hostname'),
    empty('etc/hosts'),
    { path: 'etc/mtab', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: INIT_TIME, size: 0, linkname: '/proc/mounts' },
    empty('etc/resolv.conf'),
    dir('proc/'),
    dir('sys/'),
  ];
}

async function* chunksOf(data: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
}
