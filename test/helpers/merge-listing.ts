// Reads a merged filesystem into plain rows (data as sha256) so tests can compare whole streams.

import { createHash } from 'node:crypto';
import type { MergedFilesystem, TreeEntry } from '../../src/image/types.js';

export interface EntryRow {
  path: string;
  type: TreeEntry['type'];
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  size: number;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  sha256?: string;
}

export async function listMerged(fs: MergedFilesystem): Promise<EntryRow[]> {
  const rows: EntryRow[] = [];
  for (const e of fs.entries()) {
    const row: EntryRow = { path: e.path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime, size: e.size };
    if (e.linkname !== undefined) row.linkname = e.linkname;
    if (e.devmajor !== undefined) row.devmajor = e.devmajor;
    if (e.devminor !== undefined) row.devminor = e.devminor;
    if (e.type === 'file') {
      const hash = createHash('sha256');
      let n = 0;
      for await (const chunk of e.open?.() ?? []) {
        hash.update(chunk);
        n += chunk.length;
      }
      if (n !== e.size) throw new Error(`${e.path}: read ${n} bytes, size says ${e.size}`);
      row.sha256 = hash.digest('hex');
    }
    rows.push(row);
  }
  return rows;
}
