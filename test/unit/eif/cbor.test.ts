import { describe, expect, it } from 'vitest';
import { cborArray, cborByteVector, cborBytes, cborInt, cborMap, cborText } from '../../../src/eif/cbor.js';
import {
  decodeCoseSign1, decodeSignatureSection, encodeCoseSign1, encodePcrInfo, encodeSignatureSection, protectedHeader,
} from '../../../src/eif/signature.js';
import { enc } from './helpers.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ascii = (s: string): string => Buffer.from(s, 'ascii').toString('hex');
/** A byte as serde_cbor writes a u8 inside a Vec<u8>: itself below 24, else 0x18 b. */
const uintHex = (b: number): string => (b < 24 ? '' : '18') + b.toString(16).padStart(2, '0');

describe('CBOR vectors from the image-format crate (spec §3)', () => {
  it('encodes PcrInfo(0, [0..47]) byte for byte', () => {
    const value = Uint8Array.from({ length: 48 }, (_, i) => i);
    const expected = 'a2' + '6e' + ascii('register_index') + '00' + '6e' + ascii('register_value') + '9830'
      + [...value].map(uintHex).join('');
    expect(hex(encodePcrInfo(0, value))).toBe(expected);
    expect(expected).toContain('1617' + '1818' + '1819');
    expect(expected.endsWith('182f')).toBe(true);
  });

  it('encodes the signature section vector byte for byte', () => {
    const pem = enc('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const cose = Uint8Array.from([0xd2, 0x84, 0x44, 0xa1, 0x01, 0x38, 0x22, 0xa0, 0x40, 0x40]);
    const expected = '81' + 'a2' + '73' + ascii('signing_certificate') + '983b' + [...pem].map(uintHex).join('')
      + '69' + ascii('signature') + '8a' + [...cose].map(uintHex).join('');
    const encoded = encodeSignatureSection(pem, cose);
    expect(hex(encoded)).toBe(expected);
    expect(hex(encoded).startsWith('81a273' + ascii('signing_certificate') + '983b182d')).toBe(true);
    expect(hex(encoded)).toContain('69' + ascii('signature') + '8a18d21884');
    expect(decodeSignatureSection(encoded, 'test')).toEqual({ certificatePem: pem, coseSign1: cose });
  });

  it('writes the protected headers of ES256/384/512', () => {
    expect(hex(protectedHeader('ES256'))).toBe('a10126');
    expect(hex(protectedHeader('ES384'))).toBe('a1013822');
    expect(hex(protectedHeader('ES512'))).toBe('a1013823');
  });

  it('uses minimal lengths at every boundary', () => {
    expect(hex(cborInt(23))).toBe('17');
    expect(hex(cborInt(24))).toBe('1818');
    expect(hex(cborInt(255))).toBe('18ff');
    expect(hex(cborInt(256))).toBe('190100');
    expect(hex(cborInt(65536))).toBe('1a00010000');
    expect(hex(cborInt(2 ** 32))).toBe('1b0000000100000000');
    expect(hex(cborInt(-1))).toBe('20');
    expect(hex(cborInt(-36))).toBe('3823');
    expect(hex(cborBytes(new Uint8Array(24))).slice(0, 4)).toBe('5818');
    expect(hex(cborText('a'))).toBe('6161');
    expect(hex(cborByteVector(new Uint8Array(256))).slice(0, 6)).toBe('990100');
    expect(hex(cborArray([]))).toBe('80');
    expect(hex(cborMap([]))).toBe('a0');
  });

  it('decodes COSE_Sign1 untagged (as nitro-cli writes it) and tagged 18', () => {
    const cose = encodeCoseSign1(protectedHeader('ES384'), Uint8Array.of(1, 2), new Uint8Array(96).fill(7));
    expect(hex(cose).startsWith('8444a1013822a04201025860')).toBe(true);
    for (const bytes of [cose, Uint8Array.of(0xd2, ...cose)]) {
      const decoded = decodeCoseSign1(bytes, 'x');
      expect(decoded.algorithm).toBe(-35);
      expect([...decoded.payload]).toEqual([1, 2]);
      expect(decoded.signature).toHaveLength(96);
    }
    expect(() => decodeCoseSign1(cborArray([cborInt(1)]), 'x.eif')).toThrow(/x.eif: signature is not a COSE_Sign1/);
  });

  it('refuses a section whose byte vectors are not arrays of bytes', () => {
    const bad = cborArray([cborMap([[cborText('signing_certificate'), cborArray([cborInt(256)])], [cborText('signature'), cborByteVector(new Uint8Array(1))]])]);
    expect(() => decodeSignatureSection(bad, 'x.eif')).toThrow(/signing_certificate is not a byte vector/);
    expect(() => decodeSignatureSection(Uint8Array.of(0xff), 'x.eif')).toThrow(/x.eif: invalid CBOR/);
  });
});
