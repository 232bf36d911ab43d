// Layer blobs shorter than a compression magic number (found by scripts/fuzz-readers.mjs: a 0–3 byte
// layer made the compression sniffing read past its buffer and fail with Node's RangeError). Each is
// refused in one line naming the layer (a tar that ends inside its first block), with nothing left behind.
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { mergeRawLayers } from '../../helpers/hostile-image.js';

describe('a layer blob of fewer than 4 bytes', () => {
  it('0 bytes: an empty layer, as Go reads an empty tar (end of file at once)', async () => {
    const outcome = await mergeRawLayers([Buffer.alloc(0)], { compress: 'none' });
    expect(outcome.error).toBeUndefined();
  });

  it.each([[1], [2], [3]])('%i bytes, uncompressed', async (size) => {
    const outcome = await mergeRawLayers([Buffer.alloc(size, 0x61)], { compress: 'none' });
    expect(outcome.error, 'refused').toBeInstanceOf(FormatError);
    expect(outcome.error!.message).toMatch(/^layer sha256:[0-9a-f]{64}: /);
    expect(outcome.left).toEqual([]);
  });
});
