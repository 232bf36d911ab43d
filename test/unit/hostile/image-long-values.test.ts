// Values an image's documents hold are quoted into errors cut short (found by scripts/fuzz-readers.mjs:
// a docker-save manifest.json naming a layer path of a megabyte gave a megabyte-long error line).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openImage } from '../../../src/image/index.js';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const MIB = 'x'.repeat(1 << 20);

describe('a docker-save manifest.json naming a layer path of 1 MiB', () => {
  it('is refused in one short line that quotes the start of the path', async () => {
    await withTempDir(async (dir) => {
      const archive = join(dir, 'image.tar');
      await buildOciArchive({
        dest: archive, format: 'docker-archive', layers: [[{ name: 'f', data: 'x' }]],
        tamper: (files) => {
          const manifest = JSON.parse(files.get('manifest.json')!.toString()) as { Layers: string[] }[];
          manifest[0]!.Layers = [MIB];
          files.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
        },
      });
      const error = await openImage({ dockerArchive: archive }).then(() => undefined, (e: unknown) => e as Error);
      expect(error?.message).toMatch(/image\.tar: missing layer "x{99}… \(1048578 characters\)$/);
    });
  });
});
