// The streaming manifest reader: each way a manifest can be malformed is refused in one line naming
// the file and the line; lines, fields and the file are bounded before they are trusted.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES, MAX_MANIFEST_LINE, openManifest } from '../../../src/build/manifest-reader.js';
import { main } from '../../../src/cli/main.js';
import { manifestText } from '../../helpers/manifest-reference.js';

const work = mkdtempSync(join(tmpdir(), 'manifest-reader-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILE = { path: 'rootfs/a', type: 'file', mode: '0644', uid: 0, gid: 0, mtime: 0, size: 1, sha256: 'b'.repeat(64) };
const DIR = { path: 'rootfs', type: 'dir', mode: '0755', uid: 0, gid: 0, mtime: 0 };
const GOOD = manifestText([DIR, FILE]);

async function readAll(path: string): Promise<number> {
  let n = 0;
  for await (const _entry of (await openManifest(path)).entries()) n += 1;
  return n;
}

function file(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

/** The good manifest with line `n` (1-based) replaced. */
function withLine(n: number, line: string): string {
  const lines = GOOD.split('\n');
  lines[n - 1] = line;
  return lines.join('\n');
}

describe('the manifest reader', () => {
  it('reads what the builder writes, and the same file with CRLF line ends', async () => {
    expect(await readAll(file('good.json', GOOD))).toBe(2);
    expect(await readAll(file('crlf.json', GOOD.replaceAll('\n', '\r\n')))).toBe(2);
  });

  const cases: Array<[string, string, string]> = [
    ['an empty file', '', 'empty (not a manifest)'],
    ['not JSON at all', 'hello\n', 'line 1: expected "{" (a nitro-eif ramdisk manifest starts with its schema)'],
    ['another schema', GOOD.replace('ramdisk-manifest@1', 'ramdisk-manifest@9'), 'line 2: schema "nitro-eif-build/ramdisk-manifest@9" is not nitro-eif-build/ramdisk-manifest@1'],
    ['a head key missing', withLine(3, '  "size": 512,'), 'line 3: expected "ramdisk": …, (the head is schema, ramdisk, size, sha384)'],
    ['a bad size', withLine(4, '  "size": -1,'), 'line 6: "size" must be a byte count'],
    ['a bad sha384', withLine(5, '  "sha384": "AB",'), 'line 6: "sha384" must be 96 lowercase hex digits'],
    ['no entries list', withLine(6, '  "files": ['), 'line 6: expected "entries": [ after the head'],
    ['an entry that is not JSON', withLine(7, '    {"path":"rootfs" "type"},'), 'line 7: not valid JSON'],
    ['a cut entry', withLine(7, '    {"path":"rootfs",'), 'line 7: expected one entry {…} on the line'],
    ['two entries on a line', withLine(7, `    ${JSON.stringify(DIR)}, ${JSON.stringify(DIR)},`), 'line 7: not valid JSON'],
    ['an entry split over lines', withLine(7, '    {'), 'line 7: expected one entry {…} on the line'],
    ['a missing comma', withLine(7, `    ${JSON.stringify(DIR)}`), 'line 8: expected "," after the previous entry, or "]"'],
    ['a comma before "]"', withLine(8, `    ${JSON.stringify(FILE)},`), 'line 9: "]" after a comma: an entry is missing'],
    ['an array entry', withLine(7, '    [1],'), 'line 7: expected one entry {…} on the line'],
    ['an unknown field', withLine(8, `    ${JSON.stringify({ ...FILE, owner: 'x' })}`), 'line 8: unexpected field "owner" for a file'],
    ['a field of another type', withLine(7, `    ${JSON.stringify({ ...DIR, target: 'x' })},`), 'line 7: unexpected field "target" for a dir'],
    ['a file without its digest', withLine(8, `    ${JSON.stringify({ ...FILE, sha256: undefined })}`), 'line 8: "sha256" must be 64 lowercase hex digits'],
    ['an empty path', withLine(8, `    ${JSON.stringify({ ...FILE, path: '' })}`), 'line 8: "path" must be a non-empty string'],
    ['an unknown type', withLine(8, `    ${JSON.stringify({ ...FILE, type: 'socket' })}`), 'line 8: "type" must be one of file, dir, symlink, char, block, fifo'],
    ['a numeric mode', withLine(8, `    ${JSON.stringify({ ...FILE, mode: 420 })}`), 'line 8: "mode" must be 4 octal digits'],
    ['a uid out of range', withLine(8, `    ${JSON.stringify({ ...FILE, uid: 2 ** 32 })}`), 'line 8: "uid" must be an integer from 0 to 4294967295'],
    ['a fractional mtime', withLine(8, `    ${JSON.stringify({ ...FILE, mtime: 1.5 })}`), 'line 8: "mtime" must be an integer from 0 to 4294967295'],
    ['a bad device', withLine(8, `    ${JSON.stringify({ ...DIR, type: 'char', rdev: '1' })}`), 'line 8: "rdev" must be major:minor'],
    ['a truncated file', GOOD.slice(0, GOOD.indexOf('  ]')), 'ends early (after line 8: truncated?)'],
    ['text after the end', `${GOOD}{}\n`, 'line 11: unexpected text after the end of the manifest'],
    ['a line longer than the cap', withLine(8, `    ${JSON.stringify({ ...FILE, path: 'x'.repeat(MAX_MANIFEST_LINE) })}`), `line 8: longer than ${MAX_MANIFEST_LINE} bytes`],
    ['a file of one endless line', `{${' '.repeat(3 * MAX_MANIFEST_LINE)}`, `line 1: longer than ${MAX_MANIFEST_LINE} bytes`],
  ];
  for (const [what, content, error] of cases) {
    it(`refuses ${what} in one line naming the file and the line`, async () => {
      const path = file('bad.json', content);
      const refusal = readAll(path);
      await expect(refusal).rejects.toThrow(`${path}: ${error}`);
      const message = await refusal.catch((e: Error) => e.message);
      expect(message).not.toContain('\n');
    });
  }

  it('refuses a line that is not UTF-8', async () => {
    const bytes = Buffer.from(withLine(8, `    ${JSON.stringify({ ...FILE, path: 'rootfs/caf?' })}`));
    bytes[bytes.indexOf('caf?') + 3] = 0xe9;
    const path = file('latin1.json', bytes);
    await expect(readAll(path)).rejects.toThrow(`${path}: line 8: not UTF-8`);
  });

  it('refuses a file over the size cap before reading it, and a FIFO or device', async () => {
    const path = join(work, 'huge.json');
    writeFileSync(path, GOOD);
    truncateSync(path, MAX_MANIFEST_BYTES + 1); // sparse: nothing is written
    await expect(openManifest(path)).rejects.toThrow(`${path}: ${MAX_MANIFEST_BYTES + 1} bytes is too large (at most ${MAX_MANIFEST_BYTES})`);
    rmSync(path);
    await expect(openManifest('/dev/zero')).rejects.toThrow('/dev/zero: not a regular file (a character device)');
  });

  it('makes nitro-eif diff print the one line and fail', async () => {
    const good = file('a.manifest.json', GOOD);
    const bad = file('b.manifest.json', withLine(8, `    ${JSON.stringify({ ...FILE, mode: 'rwx' })}`));
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (stderr.push(chunk), true)) as typeof process.stderr.write;
    try {
      expect(await main(['diff', good, bad])).not.toBe(0);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toBe(`nitro-eif: error: ${bad}: line 8: "mode" must be 4 octal digits\n`);
  });
});
