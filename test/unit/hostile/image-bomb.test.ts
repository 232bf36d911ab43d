// Layers that expand far beyond their compressed size: a blob that is not the one the manifest
// names is refused before a byte is expanded, and a valid image whose files pass the root
// filesystem limit is refused from the header of the file that would pass it, before its data is
// spooled. Either way nothing is left behind.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseByteSize } from '../../../src/build/rootfs-size.js';
import { UserError, VerificationError } from '../../../src/errors.js';
import { mergeFilesystem, openImage } from '../../../src/image/index.js';
import { Spool, SpoolRegion } from '../../../src/image/spool.js';
import type { MergeOptions } from '../../../src/image/types.js';
import { LAYER_ENTRY_REFUSAL } from '../../helpers/hostile-image.js';
import { buildOciArchive, type BuildOptions, type LayerEntry } from '../../helpers/oci-builder.js';
import { withTempDir } from '../../helpers/temp-dir.js';

afterEach(() => vi.restoreAllMocks());

/** Merges the image and reports the error, the bytes handed to the spool and what the temp dir kept. */
async function merge(
  layers: LayerEntry[][],
  options: { tamper?: BuildOptions['tamper']; merge?: Partial<MergeOptions> } = {},
): Promise<{ error?: Error; spooled: number; left: string[] }> {
  return withTempDir(async (dir) => {
    const archive = join(dir, 'image.tar');
    await buildOciArchive({ dest: archive, format: 'oci-archive', compress: 'gzip', layers, tamper: options.tamper });
    const temp = join(dir, 'tmp');
    await mkdir(temp);
    let spooled = 0;
    // Layers expanded side by side spool into regions; the spool's own appends are counted too.
    const append = Spool.prototype.append;
    vi.spyOn(Spool.prototype, 'append').mockImplementation(function (this: Spool, body, size) {
      spooled += size;
      return append.call(this, body, size);
    });
    const appendToRegion = SpoolRegion.prototype.append;
    vi.spyOn(SpoolRegion.prototype, 'append').mockImplementation(function (this: SpoolRegion, body, size) {
      spooled += size;
      return appendToRegion.call(this, body, size);
    });
    try {
      const fs = await mergeFilesystem(await openImage({ ociArchive: archive }), { tempDir: temp, ...options.merge });
      await fs.close();
      return { spooled, left: await readdir(temp) };
    } catch (error) {
      return { error: error as Error, spooled, left: await readdir(temp) };
    }
  });
}

/** Edits every layer blob (gzip) in the archive's files, keeping the manifest as it is. */
const tamperLayers = (edit: (blob: Buffer) => Buffer): BuildOptions['tamper'] => (files) => {
  for (const [name, bytes] of files) if (bytes[0] === 0x1f && bytes[1] === 0x8b) files.set(name, edit(bytes));
};

const BOMB = (): LayerEntry[][] => [[{ name: 'zeros.bin', data: Buffer.alloc(64 << 20) }]];

describe('a blob that is not the one the manifest names is refused before anything is expanded', () => {
  it('a gzip bomb with a wrong digest (same size: one byte of the gzip header changed)', async () => {
    // The gzip MTIME field: the data still inflates, to the same 64 MiB, but the digest differs.
    const { error, spooled, left } = await merge(BOMB(), { tamper: tamperLayers((b) => { const c = Buffer.from(b); c[4] = c[4]! ^ 0xff; return c; }) });
    expect(error).toBeInstanceOf(VerificationError);
    expect(error?.message).toMatch(/^layer sha256:[0-9a-f]{64}: blob digest is sha256:[0-9a-f]{64}, the manifest says sha256:[0-9a-f]{64}$/);
    expect(spooled, 'no file data spooled from a blob that failed its digest').toBe(0);
    expect(left).toEqual([]);
  });

  it('a blob longer than the manifest says (a bomb appended): refused from its size, before it is read', async () => {
    const { error, spooled, left } = await merge(BOMB(), { tamper: tamperLayers((b) => Buffer.concat([b, b])) });
    expect(error?.message).toMatch(/: layer sha256:[0-9a-f]{64} is \d+ bytes, the manifest says \d+$/);
    expect(spooled).toBe(0);
    expect(left).toEqual([]);
  });
});

describe('the root filesystem limit', () => {
  const files = (n: number, size: number): LayerEntry[] => Array.from({ length: n }, (_, i) => ({ name: `f${i}`, data: Buffer.alloc(size, i) }));

  // Side by side, the second layer spools while the first is still read: it must wait rather than
  // pass the limit, and the entry refused must be the one a layer-by-layer merge refuses.
  it.each([1, 2] as const)('refuses the file that would pass it, from its header, before its data is spooled (%i layers at once)', async (layersSideBySide) => {
    const { error, spooled, left } = await merge([files(2, 600 << 10), files(2, 600 << 10).map((f) => ({ ...f, name: `g/${f.name}` }))], { merge: { maxRootfsSize: 2 << 20, layersSideBySide } });
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(LAYER_ENTRY_REFUSAL);
    expect(error?.message).toMatch(/: entry "g\/f1": the image's files reach 2457600 bytes, over the limit of 2097152 bytes on the root filesystem \(max-rootfs-size\)$/);
    // One layer at a time (the default, and all the CLI and the Action use) never spools past the
    // limit. Two at once can still let the layer read ahead spool its data before the refusal (a known
    // race in the library-only option, documented on MergeOptions.layersSideBySide).
    if (layersSideBySide === 1) expect(spooled, 'at most the limit reached the spool').toBeLessThanOrEqual(2 << 20);
    expect(left).toEqual([]);
  });

  it('counts files a later layer deletes (they are on disk all the same)', async () => {
    const { error } = await merge([files(1, 800 << 10), [{ name: '.wh.f0' }], files(1, 800 << 10).map((f) => ({ ...f, name: 'h' }))], { merge: { maxRootfsSize: 1 << 20 } });
    expect(error?.message).toMatch(/entry "h": the image's files reach 1638400 bytes/);
  });

  it('accepts an image at the limit', async () => {
    const { error, spooled } = await merge([files(2, 512 << 10)], { merge: { maxRootfsSize: 1 << 20 } });
    expect(error).toBeUndefined();
    expect(spooled).toBe(1 << 20);
  });

  it('parses sizes in bytes or binary multiples, and refuses anything else in one line', () => {
    expect(parseByteSize('17179869184', '--max-rootfs-size')).toBe(16 * 2 ** 30);
    expect(parseByteSize('16G', 'x')).toBe(16 * 2 ** 30);
    expect(parseByteSize('512MiB', 'x')).toBe(512 * 2 ** 20);
    expect(parseByteSize('1k', 'x')).toBe(1024);
    for (const bad of ['', '0', '-1', '1.5G', '16 GB', '99999999999999999T']) {
      expect(() => parseByteSize(bad, '--max-rootfs-size')).toThrow(/^--max-rootfs-size: expected a size in bytes/);
    }
  });
});

describe('the entry limit', () => {
  const empties = (n: number, prefix = ''): LayerEntry[] => Array.from({ length: n }, (_, i) => ({ name: `${prefix}f${i}`, data: Buffer.alloc(0) }));

  it('refuses the entry past it, naming its layer, and leaves nothing behind', async () => {
    const { error, left } = await merge([empties(20)], { merge: { maxEntries: 10 } });
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(/^layer sha256:[0-9a-f]{64}: entry "f10": the image adds more than 10 entries over its layers \(deleted ones included\)$/);
    expect(left).toEqual([]);
  });

  it('counts what a later layer deletes and adds again, and implied parent directories', async () => {
    const { error } = await merge([empties(4), [{ name: '.wh.f0' }, ...empties(1)], empties(2, 'd/')], { merge: { maxEntries: 6 } });
    // f0–f3, then f0 again (a new name: the deleted one stays counted), then d/ (implied) and d/f0.
    expect(error?.message).toMatch(/: entry "d\/f0": the image adds more than 6 entries/);
  });

  it('accepts an image at the limit', async () => {
    const { error } = await merge([empties(10)], { merge: { maxEntries: 10 } });
    expect(error).toBeUndefined();
  });
});
