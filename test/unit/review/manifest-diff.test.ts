// The streaming diff (a merge-join over two manifests in archive order) against the diff it replaced
// (every entry of both files in two maps), kept here as a frozen reference copy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../../src/build/manifest.js';
import { nameBytes } from '../../../src/io/byte-names.js';
import { archiveOrder, diffManifests, entrySource, MAX_OUT_OF_ORDER, type FileChange } from '../../../src/review/manifest-diff.js';

const CONTENT_FIELDS = new Set(['sha256', 'sha384', 'digest', 'size', 'linkname', 'target', 'contents']);

function referenceDiff(before: readonly ManifestEntry[], after: readonly ManifestEntry[]): FileChange[] {
  const old = new Map(before.map((e) => [e.path, e as unknown as Record<string, unknown>]));
  const now = new Map(after.map((e) => [e.path, e as unknown as Record<string, unknown>]));
  const changes: FileChange[] = [];
  for (const [path, entry] of now) {
    const prev = old.get(path);
    if (!prev) {
      changes.push({ path, kind: 'added', fields: [] });
      continue;
    }
    const keys = new Set([...Object.keys(prev), ...Object.keys(entry)]);
    keys.delete('path');
    const fields = [...keys].filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(entry[k])).sort();
    if (fields.length === 0) continue;
    changes.push({ path, kind: fields.some((f) => CONTENT_FIELDS.has(f)) ? 'contents' : 'metadata', fields });
  }
  for (const path of old.keys()) if (!now.has(path)) changes.push({ path, kind: 'removed', fields: [] });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The walk's order the long way: name by name, each name's bytes compared. */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = Buffer.compare(nameBytes(x[i]!), nameBytes(y[i]!));
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

const name = fc.constantFrom('a', 'b', 'a-c', 'é', 'caf\uDCE9', '\uDCFF', 'z', '😀', '\uFFFD', 'rootfs');
const path = fc.array(name, { minLength: 1, maxLength: 4 }).chain((names) => fc.constantFrom(names.join('/'), `${names.join('/')}/`));
const entry = fc.record({
  path,
  type: fc.constantFrom('file', 'dir'),
  mode: fc.constantFrom('0644', '0755'),
  uid: fc.constantFrom(0, 1),
  gid: fc.constant(0),
  mtime: fc.constant(0),
  sha256: fc.constantFrom('1', '2'),
}) as fc.Arbitrary<ManifestEntry>;
const sortedThenAny = fc.tuple(fc.array(entry, { maxLength: 60 }), fc.array(entry, { maxLength: 15 }))
  .map(([walk, tail]) => [...walk.sort((a, b) => walkOrder(a.path, b.path)), ...tail]);
const manifest = fc.oneof(fc.array(entry, { maxLength: 60 }), sortedThenAny);

describe('archiveOrder', () => {
  it('is the export walk\'s order: name by name, by bytes, a directory before what it holds', () => {
    fc.assert(fc.property(path, path, (a, b) => {
      const order = Math.sign(archiveOrder(a, b));
      expect(order).toBe(-Math.sign(archiveOrder(b, a)) || 0);
      expect(order === 0).toBe(a === b);
      const walk = Math.sign(walkOrder(a, b));
      if (walk !== 0) expect(order).toBe(walk);
    }), { numRuns: 3000 });
    expect(['a-c', 'a/b', 'a', 'a/'].sort(archiveOrder)).toEqual(['a', 'a/', 'a/b', 'a-c']);
  });
});

describe('diffManifests', () => {
  it('finds what the in-memory diff found, for manifests in any order (a path repeated counts with its last entry)', async () => {
    await fc.assert(fc.asyncProperty(manifest, manifest, async (a, b) => {
      const diff = await diffManifests(entrySource('a', a), entrySource('b', b), { listed: 1000 });
      const expected = referenceDiff(a, b);
      expect(diff.changes).toEqual(expected);
      expect(diff.total).toBe(expected.length);
      expect(diff.counts.added + diff.counts.removed + diff.counts.contents + diff.counts.metadata).toBe(expected.length);
    }), { numRuns: 1500 });
  });

  it('lists the first changes by path and counts them all', async () => {
    await fc.assert(fc.asyncProperty(manifest, manifest, fc.integer({ min: 0, max: 5 }), async (a, b, listed) => {
      const diff = await diffManifests(entrySource('a', a), entrySource('b', b), { listed });
      const expected = referenceDiff(a, b);
      expect(diff.changes).toEqual(expected.slice(0, listed));
      expect(diff.total).toBe(expected.length);
    }), { numRuns: 500 });
  });

  it('tells added, removed, content and metadata changes apart', async () => {
    const file = (p: string, sha256: string, extra: Record<string, unknown> = {}) =>
      ({ path: p, type: 'file', mode: '0755', uid: 0, gid: 0, mtime: 0, size: 1, sha256, ...extra }) as ManifestEntry;
    const a = [file('app/old', '2'), file('app/run.sh', '1'), file('etc/x', '3')];
    const b = [file('app/new', '4'), file('app/run.sh', '9'), file('etc/x', '3', { mode: '0700' })];
    expect(await diffManifests(entrySource('a', a), entrySource('b', b))).toEqual({
      changes: [
        { path: 'app/new', kind: 'added', fields: [] },
        { path: 'app/old', kind: 'removed', fields: [] },
        { path: 'app/run.sh', kind: 'contents', fields: ['sha256'] },
        { path: 'etc/x', kind: 'metadata', fields: ['mode'] },
      ],
      total: 4,
      counts: { added: 1, removed: 1, contents: 1, metadata: 1 },
    });
  });

  it(`refuses a manifest with more than ${MAX_OUT_OF_ORDER} entries out of archive order, naming it`, async () => {
    const entries = Array.from({ length: MAX_OUT_OF_ORDER + 2 }, (_, i) => ({ path: `f${String(MAX_OUT_OF_ORDER + 2 - i).padStart(5, '0')}` }) as ManifestEntry);
    await expect(diffManifests(entrySource('x.json', []), entrySource('y.json', entries)))
      .rejects.toThrow(`y.json: more than ${MAX_OUT_OF_ORDER} entries out of archive order (not a manifest nitro-eif wrote)`);
  });
});
