import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { openTarStore } from '../../../src/image/blob-store.js';
import { indexTar } from '../../../src/image/tar-index.js';
import { buildLayerTar } from '../../helpers/oci-builder.js';
import { withTempDir } from '../../helpers/merge-image.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('tar index (random access into archives)', () => {
  it('finds members by normalised name, long (PAX) names included, and streams exactly their bytes', async () => {
    await withTempDir(async (dir) => {
      const long = `blobs/sha256/${'x'.repeat(150)}`;
      const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
      const tar = await buildLayerTar([
        { name: './oci-layout', data: '{}' },
        { name: 'blobs', type: 'directory' },
        { name: long, data: 'long name data' },
        { name: 'big', data: big },
        { name: 'empty', data: '' },
        { name: 'sym', type: 'symlink', linkname: 'big' },
      ]);
      const path = join(dir, 'a.tar');
      await writeFile(path, tar);
      const index = await indexTar(path);
      expect([...index.keys()].sort()).toEqual(['big', long, 'empty', 'oci-layout']);
      const store = await openTarStore(path);
      const read = async (name: string) => {
        const chunks: Buffer[] = [];
        for await (const c of store.open(name)) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      };
      expect((await read(long)).toString()).toBe('long name data');
      expect(sha(await read('big'))).toBe(sha(big));
      expect((await read('empty')).length).toBe(0);
      expect(await store.peek('big', 4)).toEqual(Buffer.from([7, 7, 7, 7]));
      expect(await store.size('./oci-layout')).toBe(2);
    });
  });

  it('refuses a corrupt header and a member that runs past the end', async () => {
    await withTempDir(async (dir) => {
      const tar = await buildLayerTar([{ name: 'a', data: 'x'.repeat(2000) }]);
      const bad = Buffer.from(tar);
      bad[10] = 0x41; // name byte: checksum no longer matches
      await writeFile(join(dir, 'bad.tar'), bad);
      await expect(indexTar(join(dir, 'bad.tar'))).rejects.toThrow(/bad tar header checksum at offset 0/);
      await writeFile(join(dir, 'short.tar'), tar.subarray(0, 1024));
      await expect(indexTar(join(dir, 'short.tar'))).rejects.toThrow(FormatError);
    });
  });
});
