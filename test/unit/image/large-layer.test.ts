import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mergeFilesystem, openImage } from '../../../src/image/index.js';
import { buildOciArchive, type LayerEntry } from '../../helpers/oci-builder.js';
import { imageOnly, mergeRows, withTempDir } from '../../helpers/merge-image.js';

// Large enough (incompressible, > 8 MiB compressed) that the layer digests are hashed on worker
// threads and the tar extractor applies back-pressure many times.
const FILES = 24;
const FILE_SIZE = 512 * 1024;

function bigLayer(): { entries: LayerEntry[]; sums: Map<string, string> } {
  const entries: LayerEntry[] = [];
  const sums = new Map<string, string>();
  for (let i = 0; i < FILES; i++) {
    const data = randomBytes(FILE_SIZE);
    entries.push({ name: `f${String(i).padStart(2, '0')}`, data });
    sums.set(`f${String(i).padStart(2, '0')}`, createHash('sha256').update(data).digest('hex'));
  }
  return { entries, sums };
}

describe('a large layer', () => {
  it('streams every file intact, with no listener-leak warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { entries, sums } = bigLayer();
      const rows = imageOnly(await mergeRows([entries, [{ name: 'small', data: 'x' }]]));
      expect(rows.filter((r) => r.type === 'file').map((r) => [r.path, r.sha256])).toEqual([...sums, ['small', createHash('sha256').update('x').digest('hex')]]);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('verifies each of two large layers expanded side by side with the digest workers', async () => {
    // The layers share the blob worker, and a diff worker is reused once its layer is done: a
    // digest carried over from one layer into another would fail the later one's check.
    const lower = bigLayer();
    const upper = bigLayer();
    const renamed = upper.entries.map((e) => ({ ...e, name: `u/${e.name}` }));
    const rows = imageOnly(await mergeRows([lower.entries, [{ name: 'u/', type: 'directory' }, ...renamed]]));
    const files = rows.filter((r) => r.type === 'file');
    expect(files).toHaveLength(2 * FILES);
    expect(files.find((r) => r.path === 'u/f03')?.sha256).toBe(upper.sums.get('f03'));
  });

  it('refuses a large layer whose bytes changed (digests computed on worker threads)', async () => {
    const { entries } = bigLayer();
    const tamper = (files: Map<string, Buffer>): void => {
      const [key, blob] = [...files].find(([, b]) => b.byteLength > 8 << 20) ?? [];
      if (!key || !blob) throw new Error('no large blob to tamper with');
      const copy = Buffer.from(blob);
      copy[FILE_SIZE] = (copy[FILE_SIZE] ?? 0) ^ 1; // inside the first file's data
      files.set(key, copy);
    };
    await expect(mergeRows([entries], { compress: 'none', tamper })).rejects.toThrow(/blob digest is sha256:[0-9a-f]{64}, the manifest says/);
  });

  it('reads an uncompressed blob once (its digest is its diff_id, checked as it streams); a compressed one is hashed first', async () => {
    const reads = await withTempDir(async (dir) => {
      const counts: Record<string, number> = {};
      for (const compress of ['none', 'gzip'] as const) {
        const dest = join(dir, `${compress}.tar`);
        await buildOciArchive({ dest, format: 'oci-archive', layers: [bigLayer().entries], compress });
        const image = await openImage({ ociArchive: dest });
        // The blob check before expansion reads the blob where it lies (locate); the expansion opens a stream.
        let located = 0;
        const store = { ...image.store, locate: (path: string) => ((located += 1), image.store.locate(path)) };
        const fs = await mergeFilesystem({ ...image, store }, { tempDir: dir });
        await fs.close();
        counts[compress] = located;
      }
      return counts;
    });
    expect(reads).toEqual({ none: 0, gzip: 1 });
  });

  it('expands the next layer while the entries of the one before it are applied', async () => {
    const files = await withTempDir(async (dir) => {
      const dest = join(dir, 'image.tar');
      await buildOciArchive({ dest, format: 'oci-archive', layers: [bigLayer().entries, bigLayer().entries.map((e) => ({ ...e, name: `u${e.name}` }))] });
      const order: number[] = [];
      const fs = await mergeFilesystem(await openImage({ ociArchive: dest }), { tempDir: dir, layersSideBySide: 2, onProgress: (p) => void order.push(p.layer) });
      try {
        // Layer 1's compressed bytes were read before layer 0's last ones: the two streamed side by side.
        expect(order.indexOf(1)).toBeLessThan(order.lastIndexOf(0));
        return [...fs.entries()].filter((e) => e.type === 'file' && /^u?f\d+$/.test(e.path)).length;
      } finally {
        await fs.close();
      }
    });
    expect(files).toBe(2 * FILES);
  });
});
