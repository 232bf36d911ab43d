// The number of layers is read from the image's manifest and bounded before any layer is read: Docker's
// layer store refuses a chain deeper than 125, so an image with more could never be built by nitro-cli,
// and a manifest naming one small layer thousands of times would otherwise keep the merge busy for minutes.
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { mergeFilesystem, openImage } from '../../../src/image/index.js';
import { buildLayerTar, buildOciArchive } from '../../helpers/oci-builder.js';
import { withTempDir } from '../../helpers/temp-dir.js';

async function mergeImage(format: 'oci-archive' | 'docker-archive', layerCount: number): Promise<{ error?: Error; ms: number; left: string[] }> {
  return withTempDir(async (dir) => {
    const archive = join(dir, 'image.tar');
    const layer = await buildLayerTar([{ name: 'f', data: 'x' }]);
    await buildOciArchive({ dest: archive, format, compress: 'none', layers: new Array<Buffer>(layerCount).fill(layer), config: { Cmd: ['/f'] } });
    const temp = join(dir, 'tmp');
    await mkdir(temp);
    const started = Date.now();
    try {
      const source = format === 'oci-archive' ? { ociArchive: archive } : { dockerArchive: archive };
      const fs = await mergeFilesystem(await openImage(source), { tempDir: temp });
      await fs.close();
      return { ms: Date.now() - started, left: await readdir(temp) };
    } catch (error) {
      return { error: error as Error, ms: Date.now() - started, left: await readdir(temp) };
    }
  });
}

describe('an image whose manifest names more layers than Docker loads', () => {
  it.each(['oci-archive', 'docker-archive'] as const)('%s of 2000 layers: refused in one line before a layer is read', async (format) => {
    const { error, ms, left } = await mergeImage(format, 2000);
    expect(error).toBeInstanceOf(FormatError);
    expect(error!.message).toMatch(/(layers|Layers|diff_ids): 2000 layers, more than Docker loads \(125\)$/);
    expect(ms, 'refused at once').toBeLessThan(3000);
    expect(left).toEqual([]);
  }, 60_000);

  it('125 layers, the most Docker loads, are merged', async () => {
    const { error, left } = await mergeImage('oci-archive', 125);
    expect(error).toBeUndefined();
    expect(left).toEqual([]);
  }, 60_000);
});
