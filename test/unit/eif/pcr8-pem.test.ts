// PCR8 of signing-certificate PEM files in the shapes users have (CRLF, text around the block, several
// certificates, other blocks first). Expected values: test/fixtures/pcr8/expected.json, written by
// pcr8-reference.c beside it, which calls what nitro-cli calls (PEM_read_bio_X509, i2d_X509, SHA-384 extend).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { certificatePcr8 } from '../../../src/eif/index.js';
import { FormatError } from '../../../src/errors.js';
import { fixture } from '../../helpers/paths.js';

const expected = JSON.parse(readFileSync(fixture('pcr8', 'expected.json'), 'utf8')) as Record<string, string>;

describe('PCR8 of a PEM file, as OpenSSL reads it for nitro-cli', () => {
  it('covers every PEM fixture', () => {
    expect(readdirSync(fixture('pcr8')).filter((f) => f.endsWith('.pem')).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s → %s', (name, want) => {
    const pem = readFileSync(fixture('pcr8', name));
    if (want === 'error') expect(() => certificatePcr8(pem, name)).toThrow(FormatError);
    else expect(certificatePcr8(pem, name)).toBe(want);
  });

  it('says which block is wrong in one line through `nitro-eif pcr --signing-certificate`', async () => {
    let stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
    try {
      const path = fixture('pcr8', 'bad-first-block.pem');
      const code = await main(['pcr', '--signing-certificate', path]);
      expect(code).not.toBe(0);
      expect(stderr).toBe(`nitro-eif: error: ${path}: PEM block "CERTIFICATE" is not valid base64\n`);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
