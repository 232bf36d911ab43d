import fc from 'fast-check';
import jsSha3 from 'js-sha3';
import { describe, expect, it } from 'vitest';
import { encodeBytes32Call, functionSelector } from '../../../src/governance/abi.js';

// js-sha3 is an independent keccak implementation; @noble/hashes is the one under test.
const independentSelector = (sig: string) => `0x${jsSha3.keccak256(sig).slice(0, 8)}`;

describe('functionSelector', () => {
  it('is keccak-256, not SHA3-256: transfer(address,uint256) = 0xa9059cbb', () => {
    expect(functionSelector('transfer(address,uint256)')).toBe('0xa9059cbb');
  });

  it('agrees with js-sha3 for the registration calls and for arbitrary signatures', () => {
    for (const sig of ['addOsImageHash(bytes32)', 'addComposeHash(bytes32)', 'allowedOsImages(bytes32)']) {
      expect(functionSelector(sig)).toBe(independentSelector(sig));
    }
    fc.assert(fc.property(fc.string(), (sig) => functionSelector(sig) === independentSelector(sig)));
  });
});

describe('encodeBytes32Call', () => {
  it('is the selector followed by the 32-byte argument', () => {
    const hash = '0x1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79';
    const data = encodeBytes32Call('addOsImageHash(bytes32)', hash.toUpperCase().replace('0X', '0x'));
    expect(data).toBe(independentSelector('addOsImageHash(bytes32)') + hash.slice(2));
    expect(data).toHaveLength(2 + 8 + 64);
  });

  it('refuses a value that is not 32 bytes', () => {
    expect(() => encodeBytes32Call('addOsImageHash(bytes32)', '0x1234')).toThrow(/bytes32/);
  });
});
