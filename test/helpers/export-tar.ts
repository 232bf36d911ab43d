// Reads a `docker export` tar into the same rows as listMerged (merge-listing.ts), for parity tests.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-stream';
import type { EntryRow } from './merge-listing.js';

const TYPES: Record<string, EntryRow['type']> = {
  file: 'file', link: 'hardlink', symlink: 'symlink', directory: 'dir',
  'character-device': 'char', 'block-device': 'block', fifo: 'fifo',
};

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
      path: h.name, type, mode: h.mode & 0o7777, uid: h.uid, gid: h.gid,
      mtime: Math.floor(h.mtime.getTime() / 1000), size: type === 'file' ? h.size : 0,
    };
    if (type === 'symlink' || type === 'hardlink') row.linkname = h.linkname;
    if (type === 'char' || type === 'block') Object.assign(row, { devmajor: h.devmajor, devminor: h.devminor });
    if (type === 'file') row.sha256 = hash.digest('hex');
    rows.push(row);
  }
  await feeding;
  return rows;
}
