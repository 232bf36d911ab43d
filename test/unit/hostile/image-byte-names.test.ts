// Names that are not UTF-8 (`caf\xe9`): Docker's export and linuxkit keep the raw bytes, so must we,
// through the tar headers, PAX records, whiteouts, hard links and symlinks, into the cpio archive
// (which then holds the same bytes linuxkit writes) and the manifest (unambiguous: such a byte is
// the lone surrogate U+DC80+byte, `\udce9` in JSON).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManifestWriter } from '../../../src/build/manifest.js';
import { openManifest } from '../../../src/build/manifest-reader.js';
import { decodeName, nameBytes } from '../../../src/io/byte-names.js';
import { customerRamdisk } from '../../../src/ramdisk/customer.js';
import { listCpio } from '../../../src/ramdisk/cpio-reader.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { collect } from '../../helpers/bytes.js';
import { mergeRawLayers } from '../../helpers/hostile-image.js';
import { paxHeader, paxRecord, rawEntry, rawTar } from '../../helpers/raw-tar.js';

const latin1 = (b: Buffer): string => b.toString('latin1');
const CAFE = Buffer.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1: not UTF-8

describe('byte names: decodeName and nameBytes', () => {
  it('round-trips any bytes, and keeps valid UTF-8 as text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      const b = Buffer.from(bytes);
      expect(nameBytes(decodeName(latin1(b))).equals(b)).toBe(true);
    }), { numRuns: 2000 });
    expect(decodeName(latin1(Buffer.from('Ａé😀\uFFFD', 'utf8')))).toBe('Ａé😀\uFFFD');
    expect(decodeName(latin1(CAFE))).toBe('caf\uDCE9');
    // Encoded surrogates (ED A0 80) are not UTF-8: kept byte by byte.
    expect(nameBytes(decodeName(latin1(Buffer.from([0xed, 0xa0, 0x80])))).equals(Buffer.from([0xed, 0xa0, 0x80]))).toBe(true);
  });
});

describe('an image with names that are not UTF-8', () => {
  it('is merged with the raw bytes kept, sorted by bytes, through PAX, whiteouts, hard links and symlinks', async () => {
    const { rows, error } = await mergeRawLayers([
      rawTar(
        rawEntry({ name: CAFE }, Buffer.from('x')),
        rawEntry({ name: 'z' }, Buffer.from('z')),
        rawEntry({ name: Buffer.from('é', 'utf8') }, Buffer.from('e')),
        paxHeader(paxRecord('path', Buffer.concat([Buffer.from('d/'), CAFE, Buffer.from('-pax')]))),
        rawEntry({ name: 'ignored' }, Buffer.from('p')),
        rawEntry({ name: Buffer.concat([Buffer.from('gone-'), CAFE]) }, Buffer.from('g')),
        rawEntry({ name: 'link', type: '1', linkname: CAFE }),
        rawEntry({ name: 'sym', type: '2', linkname: Buffer.concat([Buffer.from('/'), CAFE]) }),
      ),
      rawTar(rawEntry({ name: Buffer.concat([Buffer.from('.wh.gone-'), CAFE]) })),
    ]);
    expect(error).toBeUndefined();
    const paths = rows!.filter((r) => ['caf\uDCE9', 'z', 'é', 'd/caf\uDCE9-pax', 'link', 'sym', 'gone-caf\uDCE9'].includes(r.path)).map((r) => r.path);
    // Byte order: 'z' (7A) < 'é' (C3 A9) < 0xE9.
    expect(paths).toEqual(['caf\uDCE9', 'd/caf\uDCE9-pax', 'link', 'sym', 'z', 'é'].sort((a, b) => Buffer.compare(nameBytes(a), nameBytes(b))));
    expect(rows!.find((r) => r.path === 'link')).toMatchObject({ type: 'hardlink', linkname: 'caf\uDCE9' });
    expect(rows!.find((r) => r.path === 'sym')).toMatchObject({ type: 'symlink', linkname: '/caf\uDCE9' });
  });

  it('gives a cpio archive holding the raw bytes (as linuxkit writes them) and an unambiguous manifest', async () => {
    const tree: TreeEntry[] = [
      { path: 'caf\uDCE9', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 1, open: async function* () { yield Buffer.from('x'); } },
      { path: 'sym', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, size: 0, linkname: 'caf\uDCE9' },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'byte-names-'));
    const path = join(dir, 'manifest.json');
    const writer = new ManifestWriter(path);
    const sized = customerRamdisk(() => tree, { cmd: Buffer.from('/a\n'), env: Buffer.alloc(0) }, writer);
    const archive = Buffer.from(await collect(sized.stream()));
    expect(archive.length).toBe(sized.size);
    expect(archive.includes(Buffer.concat([Buffer.from('rootfs/'), CAFE, Buffer.from([0])]))).toBe(true);
    // The symlink's data is the target's bytes, 4 of them.
    const listed = listCpio(archive).entries.find((e) => e.name === 'rootfs/sym');
    expect(listed?.filesize).toBe(4);
    await writer.finish({ size: sized.size, sha384: 'a'.repeat(96) });
    const manifest = readFileSync(path, 'utf8');
    expect(manifest).toContain('"path":"rootfs/caf\\udce9"');
    expect(manifest).toContain('"target":"caf\\udce9"');
    // Read back, the name is the same string: its bytes are the raw bytes.
    const read = [];
    for await (const entry of (await openManifest(path)).entries()) read.push(entry);
    expect(read.find((e) => e.type === 'symlink')).toMatchObject({ path: 'rootfs/sym', target: 'caf\uDCE9' });
    expect(nameBytes(read.find((e) => e.type === 'file' && e.path.startsWith('rootfs/caf'))!.path).equals(Buffer.concat([Buffer.from('rootfs/'), CAFE]))).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
