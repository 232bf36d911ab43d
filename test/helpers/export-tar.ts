// Reads a `docker export` tar into the same rows as listMerged (merge-listing.ts), for parity tests.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import type { EntryRow } from './merge-listing.js';

const TYPES: Record<string, EntryRow['type']> = {
  file: 'file', link: 'hardlink', symlink: 'symlink', directory: 'dir',
  'character-device': 'char', 'block-device': 'block', fifo: 'fifo',
};

function paxNumber(header: { pax?: unknown }, key: 'uid' | 'gid' | 'mtime', round: (n: number) => number = (n) => n): number | undefined {
  const value = (header.pax as Record<string, string> | undefined)?.[key];
  return value === undefined ? undefined : round(Number(value));
}

export async function readExportTar(path: string): Promise<EntryRow[]> {
  const rows: EntryRow[] = [];
  const ex = extract();
  const feeding = pipeline(createReadStream(path), ex);
  for await (const entry of ex) {
    const h = entry.header;
    const type = TYPES[h.type];
    if (type === undefined) throw new Error(`${path}: ${h.name}: unexpected tar type ${h.type}`);
    const hash = createHash('sha256');
    for await (const chunk of entry) hash.update(chunk as Uint8Array);
    const row: EntryRow = {
      // tar-stream applies PAX path, linkpath and size only: docker writes ids past 0o7777777 and times
      // past 0o77777777777 as PAX records.
      path: h.name, type, mode: h.mode & 0o7777, uid: paxNumber(h, 'uid') ?? h.uid, gid: paxNumber(h, 'gid') ?? h.gid,
      mtime: paxNumber(h, 'mtime', Math.floor) ?? Math.floor(h.mtime.getTime() / 1000), size: type === 'file' ? h.size : 0,
    };
    if (type === 'symlink' || type === 'hardlink') row.linkname = h.linkname;
    if (type === 'char' || type === 'block') Object.assign(row, { devmajor: h.devmajor, devminor: h.devminor });
    // A later name of a device: docker's header keeps the device numbers.
    const target = type === 'hardlink' ? rows.find((r) => r.path === h.linkname) : undefined;
    if (target?.type === 'char' || target?.type === 'block') Object.assign(row, { devmajor: h.devmajor, devminor: h.devminor });
    if (type === 'file') row.sha256 = hash.digest('hex');
    rows.push(row);
  }
  await feeding;
  return rows;
}

/**
 * The names of a `docker export` tar as bytes (for names that are not UTF-8, which tar-stream
 * decodes lossily): [path, type flag, link target] per entry, each name given to `decode` as a
 * latin1 byte string. Reads ustar names with their prefix and PAX `path`/`linkpath` records.
 */
export async function readExportNames(path: string, decode: (bytes: string) => string): Promise<Array<[string, string, string]>> {
  const tar = await readFile(path);
  const out: Array<[string, string, string]> = [];
  const str = (at: number, len: number): string => {
    const end = tar.indexOf(0, at);
    return tar.toString('latin1', at, end < 0 || end > at + len ? at + len : end);
  };
  let pax = new Map<string, string>();
  for (let at = 0; at + 512 <= tar.length; ) {
    if (tar.subarray(at, at + 512).every((b) => b === 0)) break;
    const flag = String.fromCharCode(tar[at + 156]!);
    const size = parseInt(str(at + 124, 12).trim() || '0', 8);
    const data = tar.subarray(at + 512, at + 512 + size);
    if (flag === 'x') {
      pax = new Map();
      for (let p = 0; p < data.length; ) {
        const space = data.indexOf(0x20, p);
        const len = Number(data.toString('latin1', p, space));
        const record = data.toString('latin1', space + 1, p + len - 1);
        const eq = record.indexOf('=');
        pax.set(record.slice(0, eq), record.slice(eq + 1));
        p += len;
      }
    } else if (flag !== 'g') {
      const prefix = str(at + 345, 155);
      const name = pax.get('path') ?? (prefix ? `${prefix}/${str(at, 100)}` : str(at, 100));
      const link = pax.get('linkpath') ?? str(at + 157, 100);
      out.push([decode(name), flag, decode(link)]);
      pax = new Map();
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
