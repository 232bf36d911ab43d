import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { osImageHash, parsePcrs, readMeasurements } from '../../../src/eif/index.js';
import { withTempDir } from './helpers.js';

// dstack.md §1: a real enclave's PCRs and dstack's os_image_hash for them.
const DSTACK = {
  PCR0: 'eb7d0dab08ff41546d7e5659aee883af7b32bb2e58e46815b719f9f7bfae7b880188a10d86317e6509923740526cf74a',
  PCR1: '0343b056cd8485ca7890ddd833476d78460aed2aa161548e4e26bedf321726696257d623e8805f3f605946b3d8b0c6aa',
  PCR2: 'd7b0a76788c1be24898bd148117ea1239578ba0e72f5d87a33a6c6476026675b6f996940f062e0e3f0b5edd2ddf78811',
};
const HASH = '0x1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79';

describe('osImageHash', () => {
  it('matches dstack over the raw bytes, not the hex text', () => {
    expect(osImageHash(DSTACK)).toBe(HASH);
    const textForm = createHash('sha256').update(`${DSTACK.PCR0}${DSTACK.PCR1}${DSTACK.PCR2}\n`).digest('hex');
    expect(HASH).not.toBe(`0x${textForm}`);
  });

  it('accepts upper case and 0x prefixes', () => {
    expect(osImageHash({ PCR0: `0x${DSTACK.PCR0.toUpperCase()}`, PCR1: DSTACK.PCR1, PCR2: DSTACK.PCR2 })).toBe(HASH);
  });

  it('hashes a single all-zero register: debug mode is PCR0-2 all zero together (dstack NitroPcrs::is_debug)', () => {
    // sha256(48 zero bytes ‖ raw PCR1 ‖ raw PCR2), computed independently with Python's hashlib.
    expect(osImageHash({ ...DSTACK, PCR0: '0'.repeat(96) })).toBe('0x91548815aa9b1ab409779bcd00c8b37f7985ef66b1e3a96ef4892830eb6eca40');
  });

  it('refuses all-zero (debug) PCRs and malformed hex', () => {
    const zero = '0'.repeat(96);
    expect(() => osImageHash({ PCR0: zero, PCR1: zero, PCR2: zero })).toThrow(/PCR0, PCR1 and PCR2 are all zeros: a debug-mode enclave/);
    expect(() => osImageHash({ ...DSTACK, PCR2: 'zz'.repeat(48) })).toThrow(/PCR2: expected 96 hex digits/);
    expect(() => osImageHash({ ...DSTACK, PCR1: DSTACK.PCR1.slice(2) })).toThrow(/PCR1/);
  });
});

describe('measurements files', () => {
  it('reads nitro-cli, ours and flat shapes', () => {
    const want = { pcrs: DSTACK, hashAlgorithm: 'Sha384 { ... }' };
    expect(parsePcrs({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...DSTACK } }, 'm')).toEqual(want);
    expect(parsePcrs({ pcrs: DSTACK, osImageHash: HASH }, 'm')).toEqual({ pcrs: DSTACK });
    expect(parsePcrs({ ...DSTACK, PCR8: DSTACK.PCR0 }, 'm')).toEqual({ pcrs: { ...DSTACK, PCR8: DSTACK.PCR0 } });
  });

  it('names the file when PCRs are missing or malformed', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'm.json');
      await writeFile(path, JSON.stringify({ Measurements: { PCR0: DSTACK.PCR0 } }));
      await expect(readMeasurements(path)).rejects.toThrow(`${path}: PCR1 missing`);
      await writeFile(path, '{');
      await expect(readMeasurements(path)).rejects.toThrow(`${path}: not valid JSON`);
      await writeFile(path, JSON.stringify({ pcrs: { ...DSTACK, PCR2: 'abc' } }));
      await expect(readMeasurements(path)).rejects.toThrow(/PCR2: expected 96 hex digits/);
    });
  });
});
