// The CBOR pre-scan: bombs are refused before any value is built, real shapes pass.
import { encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { decodeSignatureSection, encodeSignatureSection } from '../../../src/eif/signature.js';
import { checkCborShape } from '../../../src/io/cbor-shape.js';
import { verifyAttestation } from '../../../src/trust/attestation/index.js';

const LIMITS = { maxDepth: 4, maxItems: 100 };
const hexBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

/** An array of `count` empty arrays: 5 + count bytes, count + 1 items. */
function arrayOfEmptyArrays(count: number): Uint8Array {
  const bytes = new Uint8Array(5 + count).fill(0x80);
  bytes[0] = 0x9a;
  new DataView(bytes.buffer).setUint32(1, count);
  return bytes;
}

/** `depth` arrays of one element each, around an empty array. */
const nested = (depth: number): Uint8Array => Uint8Array.from([...new Array<number>(depth).fill(0x81), 0x80]);

describe('checkCborShape', () => {
  it('accepts well-formed items within the limits (definite, indefinite, tags, strings)', () => {
    for (const value of [0, -1, 'text', new Uint8Array(10), [1, [2, [3]]], { a: 1, b: [true, null] }]) {
      expect(() => checkCborShape(encode(value), LIMITS, 'x')).not.toThrow();
    }
    expect(() => checkCborShape(hexBytes('9f0102ff'), LIMITS, 'x')).not.toThrow(); // [_ 1, 2]
    expect(() => checkCborShape(hexBytes('5f42010243030405ff'), LIMITS, 'x')).not.toThrow(); // (_ h'0102', h'030405')
    expect(() => checkCborShape(hexBytes('d28480a0f6f6'), LIMITS, 'x')).not.toThrow(); // 18([[], {}, null, null])
  });

  it.each([
    ['too many items', arrayOfEmptyArrays(101), /more than 100 data items at byte 104/],
    ['too deep', nested(4), /nested deeper than 4 levels at byte 4/],
    ['a count past the end', hexBytes('9a7fffffff00'), /array of 2147483647 entries runs past the end at byte 0/],
    ['a map count past the end', hexBytes('b9ffff'), /map of 65535 entries runs past the end/],
    ['a string past the end', hexBytes('5b00000001000000000000'), /string of 4294967296 bytes runs past the end/],
    ['a truncated array', hexBytes('83810102'), /truncated \(an item is missing\) at byte 4/],
    ['a truncated head', hexBytes('19ff'), /truncated item head at byte 0/],
    ['reserved additional information', hexBytes('1c'), /reserved additional information 28/],
    ['a stray break', hexBytes('82ff01'), /unexpected break at byte 1/],
    ['an indefinite integer', hexBytes('1f'), /indefinite length on a type that has none/],
    ['a chunk of another type', hexBytes('5f6161ff'), /chunk of another type/],
    ['an unterminated indefinite array', hexBytes('9f0102'), /truncated/],
  ])('refuses %s', (_name, bytes, message) => {
    expect(() => checkCborShape(bytes, LIMITS, 'input.cbor')).toThrow(message);
    expect(() => checkCborShape(bytes, LIMITS, 'input.cbor')).toThrow(/^input.cbor: invalid CBOR: /);
  });
});

describe('CBOR bombs in the formats that carry CBOR', () => {
  it('refuses an EIF signature section of 16 M empty arrays quickly, before decoding it', () => {
    const bomb = arrayOfEmptyArrays(16 << 20);
    const started = performance.now();
    expect(() => decodeSignatureSection(bomb, 'app.eif: signature section at offset 9000')).toThrow(
      /^app\.eif: signature section at offset 9000: invalid CBOR: more than \d+ data items at byte \d+$/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a deeply nested signature section', () => {
    expect(() => decodeSignatureSection(nested(100_000), 'sig')).toThrow(/^sig: invalid CBOR: nested deeper than 8 levels/);
  });

  it('still decodes a real signature section with a large certificate', () => {
    const pem = new Uint8Array(200_000).fill(0x41);
    const cose = new Uint8Array(300).fill(7);
    expect(decodeSignatureSection(encodeSignatureSection(pem, cose), 'sig')).toEqual({ certificatePem: pem, coseSign1: cose });
  });

  it('refuses an attestation document whose payload is a bomb, by its shape', () => {
    const payload = arrayOfEmptyArrays(60_000);
    const document = encode([Uint8Array.from([0xa1, 0x01, 0x38, 0x22]), new Map(), payload, new Uint8Array(96)]);
    expect(() => verifyAttestation({ document, name: 'doc.cose' })).toThrow(/^doc\.cose: payload: invalid CBOR: more than 4096 data items/);
    expect(() => verifyAttestation({ document: nested(30_000), name: 'doc.cose' })).toThrow(/^doc\.cose: invalid CBOR: nested deeper than 8 levels/);
  });
});
