import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/eif/crc.js';

describe('crc32', () => {
  it('has the CRC-32/ISO-HDLC check value', () => {
    expect(crc32(Buffer.from('123456789')).toString(16)).toBe('cbf43926');
  });

  it('leaves the running CRC unchanged for every kind of empty view', () => {
    // zlib.crc32 returns 0 for an empty view over a fresh zero-length ArrayBuffer (null data pointer).
    const empties = [new Uint8Array(), new Uint8Array(new ArrayBuffer(0)), Buffer.alloc(0), new Uint8Array(new SharedArrayBuffer(0))];
    const running = zlib.crc32('abc');
    for (const empty of empties) expect(crc32(empty, running)).toBe(running);
  });
});
