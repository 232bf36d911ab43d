import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from '../../../src/io/crc32-combine.js';

const crc = (bytes: Uint8Array): number => zlib.crc32(bytes) >>> 0;

describe('crc32Combine', () => {
  it('equals zlib.crc32 of the concatenation over random splits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), fc.nat(), fc.nat(), (bytes, i, j) => {
        const cuts = [i % (bytes.length + 1), j % (bytes.length + 1)].sort((a, b) => a - b) as [number, number];
        const parts = [bytes.subarray(0, cuts[0]), bytes.subarray(cuts[0], cuts[1]), bytes.subarray(cuts[1])];
        const combined = parts.reduce((acc, part) => crc32Combine(acc, crc(part), part.length), 0);
        expect(combined).toBe(crc(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('handles long zero runs (large lengths) like zlib', () => {
    const a = Buffer.from('nitro');
    const zeros = Buffer.alloc(5 * 1024 * 1024 + 3);
    expect(crc32Combine(crc(a), crc(zeros), zeros.length)).toBe(crc(Buffer.concat([a, zeros])));
  });

  it('is the identity for an empty second part and rejects invalid lengths', () => {
    expect(crc32Combine(0x12345678, 0, 0)).toBe(0x12345678);
    expect(() => crc32Combine(0, 0, -1)).toThrow(RangeError);
    expect(() => crc32Combine(0, 0, 1.5)).toThrow(RangeError);
  });
});
