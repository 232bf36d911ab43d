import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEif } from '../../../src/eif/index.js';
import { enc, withTempDir } from './helpers.js';

/** The cmdline section's data, read by its offset/size in the header table (slot 1). */
async function cmdlineSection(path: string): Promise<string> {
  const bytes = await readFile(path);
  const offset = Number(bytes.readBigUInt64BE(28 + 8));
  const size = Number(bytes.readBigUInt64BE(284 + 8));
  return bytes.subarray(offset + 12, offset + 12 + size).toString('hex');
}

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

// Expected bytes follow nitro-cli: `cmdline.trim()` is Rust's str::trim, which strips Unicode
// White_Space (U+0085 included) and keeps U+FEFF, a byte-order mark, which is not White_Space.
describe('kernel cmdline section (spec §2: trimmed as nitro-cli trims it)', () => {
  const cases: Array<[string, string, string]> = [
    ['surrounding blanks and newlines', ' \t\r\n console=ttyS0 quiet \n\n', '636f6e736f6c653d7474795330207175696574'],
    ['only a newline', '\n', ''],
    ['empty', '', ''],
    ['a leading byte-order mark, which Rust keeps', '\uFEFFconsole=ttyS0\n', 'efbbbf' + hex('console=ttyS0')],
    ['NEL (U+0085) around it, which Rust strips', '\u0085console=ttyS0\u0085', hex('console=ttyS0')],
    ['ideographic space and NBSP around it', '\u3000\u00a0a=b\u2028', hex('a=b')],
  ];
  for (const [name, given, expected] of cases) {
    it(name, async () => {
      await withTempDir(async (dir) => {
        const path = join(dir, 'c.eif');
        await writeEif({ outputPath: path, arch: 'x86_64', kernel: enc('K'), cmdline: given, ramdisks: [enc('R')] });
        expect(await cmdlineSection(path)).toBe(expected);
      });
    });
  }

  it('refuses a NUL inside the command line (nitro-cli cannot write one)', async () => {
    await withTempDir(async (dir) => {
      await expect(writeEif({ outputPath: join(dir, 'n.eif'), arch: 'x86_64', kernel: enc('K'), cmdline: 'a=1\0b=2', ramdisks: [enc('R')] }))
        .rejects.toThrow(/cmdline: NUL character at position 3/);
    });
  });
});
