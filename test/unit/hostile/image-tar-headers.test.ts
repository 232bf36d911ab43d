// Hostile tar headers in an image layer: each is refused in one line naming the layer and the entry
// (as Go's archive/tar, Docker's reader, refuses it), and the merge leaves nothing behind. The
// archives are made byte by byte (test/helpers/raw-tar.ts): no tar library writes these.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/errors.js';
import { openImage } from '../../../src/image/index.js';
import { withTempDir } from '../../helpers/temp-dir.js';
import { LAYER_ENTRY_REFUSAL, mergeRawLayers } from '../../helpers/hostile-image.js';
import { gnuLongName, paxHeader, paxRecord, rawEntry, rawHeader, rawTar, TAR_END } from '../../helpers/raw-tar.js';

const bytes = (...b: number[]): Buffer => Buffer.from(b);
const base256 = (width: number, first: number, fill: number): Buffer => Buffer.concat([bytes(first), Buffer.alloc(width - 1, fill)]);
const file = (name: string, data = 'x'): Buffer => rawEntry({ name }, Buffer.from(data));

interface Refused {
  readonly what: string;
  readonly tar: Buffer;
  /** Part of the one-line message after the layer. */
  readonly says: RegExp;
}

const MIB2 = 'a'.repeat(2 << 20);

const refused: Refused[] = [
  { what: 'a GNU base-256 size with the sign bit set (-1)', tar: rawTar(rawHeader({ name: 'neg', size: base256(12, 0xff, 0xff) })), says: /entry "neg": negative size \(-1\)/ },
  { what: 'a large negative base-256 size', tar: rawTar(rawHeader({ name: 'neg', size: base256(12, 0xc0, 0x00) })), says: /entry "neg": size field holds a negative base-256 number beyond -2\^53/ },
  { what: 'a base-256 size past 2^53', tar: rawTar(rawHeader({ name: 'big', size: base256(12, 0x80, 0xff) })), says: /entry "big": size field holds a base-256 number beyond 2\^53/ },
  { what: 'a base-256 uid C0 00…', tar: rawTar(rawEntry({ name: 'f', uid: base256(8, 0xc0, 0) })), says: /entry "f": uid field holds a negative base-256 number/ },
  { what: 'a base-256 uid of all FF (-1)', tar: rawTar(rawEntry({ name: 'f', uid: base256(8, 0xff, 0xff) })), says: /entry "f": uid -1 is outside/ },
  { what: 'a base-256 gid of all FF (-1)', tar: rawTar(rawEntry({ name: 'f', gid: base256(8, 0xff, 0xff) })), says: /entry "f": gid -1 is outside/ },
  { what: 'a uid past 32 bits', tar: rawTar(rawEntry({ name: 'f', uid: base256(8, 0x80, 0x01) })), says: /entry "f": uid \d+ is outside/ },
  { what: 'a size field that is not octal', tar: rawTar(rawHeader({ name: 'f', size: Buffer.from('0000000012x\0', 'latin1') })), says: /entry "f": size field "0000000012x\\u0000" is not octal/ },
  { what: 'a uid field that is not octal', tar: rawTar(rawEntry({ name: 'f', uid: Buffer.from('12 34  \0', 'latin1') })), says: /entry "f": uid field .* is not octal/ },
  {
    what: 'a PAX record with an unreadable length',
    tar: rawTar(paxHeader('99999999999999999999 path=evil\n'), file('f')),
    says: /tar header at byte \d+: PAX header: record at byte 0 has an unreadable length "99999999999999999999"/,
  },
  { what: 'a PAX record longer than the header', tar: rawTar(paxHeader('40 path=x\n'), file('f')), says: /PAX header: record at byte 0 declares 40 bytes, 10 remain/ },
  { what: 'a PAX record without its newline', tar: rawTar(paxHeader('10 path=xy'), file('f')), says: /PAX header: record at byte 0 does not end with a newline/ },
  { what: 'a PAX record without a key', tar: rawTar(paxHeader('7 =abc\n'), file('f')), says: /PAX header: record at byte 0 has no key/ },
  { what: 'a PAX uid that is not a number', tar: rawTar(paxHeader(paxRecord('uid', '12abc')), file('f')), says: /entry "f": PAX uid "12abc" is not a non-negative decimal number/ },
  { what: 'a PAX size that is not a number', tar: rawTar(paxHeader(paxRecord('size', '-1')), file('f')), says: /entry "f": PAX size "-1"/ },
  { what: 'a PAX mtime that is not a time', tar: rawTar(paxHeader(paxRecord('mtime', '1e9')), file('f')), says: /entry "f": PAX mtime "1e9" is not a time/ },
  { what: 'a global PAX header with a broken record', tar: rawTar(rawEntry({ name: 'g', type: 'g' }, Buffer.from('x')), file('f')), says: /global PAX header: record at byte 0 has an unreadable length/ },
  { what: 'a 2 MiB name in a PAX record', tar: rawTar(paxHeader(paxRecord('path', MIB2)), file('f')), says: /tar header at byte 0: .*extended header of \d+ bytes \(at most 1048576\)|entry "PaxHeaders\/x": extended header of \d+ bytes/ },
  { what: 'a 2 MiB name in a GNU long name', tar: rawTar(gnuLongName(Buffer.from(MIB2)), file('f')), says: /extended header of 2097153 bytes \(at most 1048576\)/ },
  { what: 'a 256-byte name component', tar: rawTar(paxHeader(paxRecord('path', `d/${'n'.repeat(256)}`)), file('f')), says: /entry "d\/n+…" \(258 bytes\): name component of 256 bytes \(Linux allows 255\)/ },
  { what: 'a 4097-byte path', tar: rawTar(paxHeader(paxRecord('path', `${'d'.repeat(200)}/`.repeat(20).padEnd(4097, 'f'))), file('f')), says: /name of 4097 bytes \(Linux allows 4096\)/ },
  { what: 'a 256-byte hard-link target component', tar: rawTar(file('a'), paxHeader(paxRecord('linkpath', 'l'.repeat(256))), rawHeader({ name: 'b', type: '1' })), says: /entry "b": link target component of 256 bytes/ },
  { what: 'GNU sparse PAX records', tar: rawTar(paxHeader(paxRecord('GNU.sparse.major', '1')), file('f')), says: /entry "f": GNU sparse files are not supported/ },
  { what: 'a symlink that declares data', tar: rawTar(rawEntry({ name: 's', type: '2', linkname: 't' }, Buffer.from('data'))), says: /entry "s": a symlink entry declares 4 bytes of data/ },
  { what: 'an unknown type flag', tar: rawTar(rawEntry({ name: 'v', type: 'V' })), says: /entry "v": unsupported tar entry type "V"/ },
  { what: 'a regular file named with a trailing slash', tar: rawTar(rawEntry({ name: 'f/' }, Buffer.from('x'))), says: /entry "f\/": a regular file whose name ends with "\/"/ },
  { what: 'a bad header checksum', tar: rawTar((() => { const h = rawEntry({ name: 'f' }, Buffer.from('x')); h[0] = 0x67; return h; })()), says: /tar header at byte 0: bad header checksum/ },
  { what: 'a header that is not ustar, PAX or GNU', tar: rawTar((() => { const h = rawHeader({ name: 'f' }); h.fill(0, 257, 265); return fixChecksum(h); })()), says: /tar header at byte 0: not a ustar, PAX or GNU tar header/ },
  { what: 'a header after a single zero block', tar: Buffer.concat([file('a'), Buffer.alloc(512), file('b'), TAR_END]), says: /tar header at byte 1536: a header follows a single zero block/ },
  { what: 'an archive cut in the middle of an entry', tar: rawHeader({ name: 'cut', size: 5000 }), says: /tar header at byte 512: the archive ends in the middle of an entry/ },
  { what: 'an extended header with no entry after it', tar: rawTar(paxHeader(paxRecord('path', 'x'))), says: /an extended header is followed by the end of the archive/ },
];

function fixChecksum(block: Buffer): Buffer {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `, 'latin1').copy(block, 148);
  return block;
}

describe('hostile tar headers are refused in one line naming the layer and the entry', () => {
  for (const c of refused) {
    it(c.what, async () => {
      const outcome = await mergeRawLayers([c.tar]);
      expect(outcome.error, 'refused').toBeInstanceOf(FormatError);
      const message = outcome.error!.message;
      expect(message).toMatch(LAYER_ENTRY_REFUSAL);
      expect(message).toMatch(c.says);
      expect(message.length, 'a short line, whatever the name').toBeLessThan(400);
      expect(outcome.left, 'nothing left in the temporary directory').toEqual([]);
    });
  }
});

describe('what Go and Docker accept is read as they read it', () => {
  it('a positive base-256 uid and gid (large ids)', async () => {
    const { rows, error } = await mergeRawLayers([rawTar(rawEntry({ name: 'f', uid: base256(8, 0x80, 0), gid: bytes(0x80, 0, 0, 0, 0, 0x01, 0x11, 0x70) }))]);
    expect(error).toBeUndefined();
    expect(rows?.find((r) => r.path === 'f')).toMatchObject({ uid: 0, gid: 70000 });
  });

  it('a negative base-256 mtime (two\'s complement: all FF is -1), which the applier bounds to the epoch', async () => {
    const { rows, error } = await mergeRawLayers([rawTar(rawEntry({ name: 'f', mtime: base256(12, 0xff, 0xff) }))]);
    expect(error).toBeUndefined();
    expect(rows?.find((r) => r.path === 'f')?.mtime).toBe(0);
  });

  it('255-byte name components and a 4096-byte path', async () => {
    const component = 'c'.repeat(255);
    const deep = `${'c'.repeat(254)}/`.repeat(16) + 'z'.repeat(16);
    expect(Buffer.byteLength(deep)).toBe(4096);
    const { rows, error } = await mergeRawLayers([rawTar(paxHeader(paxRecord('path', component)), file('x'), paxHeader(paxRecord('path', deep)), file('y'))]);
    expect(error).toBeUndefined();
    expect(rows?.map((r) => r.path)).toEqual(expect.arrayContaining([component, deep]));
  });

  it('a valid UTF-8 name that contains U+FFFD (the replacement character itself)', async () => {
    const { rows, error } = await mergeRawLayers([rawTar(rawEntry({ name: Buffer.from('bad\uFFFDname', 'utf8') }, Buffer.from('x')))]);
    expect(error).toBeUndefined();
    expect(rows?.map((r) => r.path)).toContain('bad\uFFFDname');
  });

  it('ignores what follows the end-of-archive marker, as Go stops there', async () => {
    const { rows, error } = await mergeRawLayers([Buffer.concat([file('kept'), TAR_END, file('after-the-end'), TAR_END])]);
    expect(error).toBeUndefined();
    expect(rows?.map((r) => r.path)).toContain('kept');
    expect(rows?.map((r) => r.path)).not.toContain('after-the-end');
  });

  it('a PAX path, uid, gid and fractional mtime apply to the next entry only', async () => {
    const pax = Buffer.concat([paxRecord('path', 'long/name'), paxRecord('uid', '1001'), paxRecord('gid', '1002'), paxRecord('mtime', '1600000005.5')]);
    const { rows, error } = await mergeRawLayers([rawTar(paxHeader(pax), file('short'), file('next'))]);
    expect(error).toBeUndefined();
    expect(rows?.find((r) => r.path === 'long/name')).toMatchObject({ uid: 1001, gid: 1002, mtime: 1600000005 });
    expect(rows?.find((r) => r.path === 'next')).toMatchObject({ uid: 0, gid: 0, mtime: 0 });
  });

  it('a global PAX header is ignored, as Docker\'s applier ignores it', async () => {
    const { rows, error } = await mergeRawLayers([rawTar(rawEntry({ name: 'g', type: 'g' }, paxRecord('uid', '5')), paxHeader(paxRecord('gid', '7')), file('f'))]);
    expect(error).toBeUndefined();
    expect(rows?.find((r) => r.path === 'f')).toMatchObject({ uid: 0, gid: 7 });
  });
});

describe('the outer archive (OCI or docker-save tar) is read as strictly', () => {
  const open = async (tar: Buffer): Promise<Error | undefined> => {
    return withTempDir(async (dir) => {
      const path = `${dir}/outer.tar`;
      await writeFile(path, tar);
      return openImage({ ociArchive: path }).then(() => undefined, (error: unknown) => error as Error);
    });
  };

  it('refuses a PAX record with an unreadable length', async () => {
    const error = await open(rawTar(paxHeader('99999999999999999999 path=index.json\n'), rawEntry({ name: 'oci-layout' }, Buffer.from('{}'))));
    expect(error?.message).toMatch(/outer\.tar: unreadable PAX record in the tar header at offset 0$/);
  });

  it('refuses a negative base-256 size', async () => {
    const error = await open(rawTar(rawHeader({ name: 'index.json', size: base256(12, 0xff, 0xff) })));
    expect(error?.message).toMatch(/outer\.tar: negative tar size at offset 0$/);
  });
});
