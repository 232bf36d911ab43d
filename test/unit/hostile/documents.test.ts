// Hostile inputs, families "CBOR documents", "JSON files", "store entries" and "CLI usage": generated
// cases, each run through the real CLI in a child process, each with the one line it must be refused
// with. Every case must also end within its timeout, print no stack trace, stay under 512 MiB and
// leave no file behind.
import { encode } from 'cborg';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEif } from '../../../src/eif/index.js';
import { bundleCli, refusalProblems, runCli } from '../../helpers/cli-child.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';

let work: string;
let cli: string;
let image: TestImage;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-hostile-docs-'));
  cli = await bundleCli(work);
  image = await makeImage(work, 'good');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const crc32 = (bytes: Uint8Array): number => {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
};

/** An EIF (version 4) whose last section is a signature section holding `data`, table and CRC correct. */
async function eifWithSignatureSection(path: string, data: Uint8Array): Promise<number> {
  await writeEif({ outputPath: path, arch: 'x86_64', kernel: Buffer.from('KERNEL'), cmdline: 'console=ttyS0', ramdisks: [Buffer.from('RD0'), Buffer.from('RD1')] });
  const file = readFileSync(path);
  const count = file.readUInt16BE(26);
  const offset = file.length;
  const sectionHeader = Buffer.alloc(12);
  sectionHeader.writeUInt16BE(4, 0); // signature
  sectionHeader.writeBigUInt64BE(BigInt(data.length), 4);
  const out = Buffer.concat([file, sectionHeader, data]);
  out.writeUInt16BE(count + 1, 26);
  out.writeBigUInt64BE(BigInt(offset), 28 + 8 * count);
  out.writeBigUInt64BE(BigInt(data.length), 284 + 8 * count);
  out.writeUInt32BE(crc32(Buffer.concat([out.subarray(0, 544), out.subarray(548)])), 544);
  writeFileSync(path, out);
  return offset;
}

function arrayOfEmptyArrays(count: number): Uint8Array {
  const bytes = new Uint8Array(5 + count).fill(0x80);
  bytes[0] = 0x9a;
  new DataView(bytes.buffer).setUint32(1, count);
  return bytes;
}
const nested = (depth: number): Uint8Array => Uint8Array.from([...new Array<number>(depth).fill(0x81), 0x80]);
const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Case {
  name: string;
  /** Writes the hostile input in `dir`; returns the CLI arguments and the expected line (a RegExp on the message after `nitro-eif: error: `). */
  make: (dir: string) => Promise<{ args: string[]; expect: RegExp; exitCode?: number }>;
}

const SIGNATURE_SECTIONS: [string, Uint8Array, RegExp][] = [
  ['16 M empty arrays (16 MB)', arrayOfEmptyArrays(16_000_000), /invalid CBOR: more than \d+ data items at byte \d+/],
  ['100 000 nested arrays', nested(100_000), /invalid CBOR: nested deeper than 8 levels/],
  ['an array declaring 2^64-1 entries', hex('9bffffffffffffffff00'), /invalid CBOR: array of \d+ entries runs past the end at byte 0/],
  ['a byte string declaring 4 GiB', hex('5b0000000100000000'), /invalid CBOR: string of 4294967296 bytes runs past the end/],
  ['an endless indefinite array', Uint8Array.from([0x9f, ...new Array<number>(1000).fill(0x80)]), /invalid CBOR: truncated/],
  ['a stray break', hex('ff'), /invalid CBOR: unexpected break/],
];

const ATTESTATION_DOCUMENTS: [string, Uint8Array, RegExp][] = [
  ['a COSE array of 60 000 empty arrays', Uint8Array.from([0x84, ...arrayOfEmptyArrays(60_000).subarray(0)]), /invalid CBOR: more than 4096 data items/],
  ['a payload of 60 000 empty arrays', encode([hex('a1013822'), new Map(), arrayOfEmptyArrays(60_000), new Uint8Array(96)]), /payload: invalid CBOR: more than 4096 data items/],
  ['30 000 nested arrays', nested(30_000), /invalid CBOR: nested deeper than 8 levels/],
  ['a map declaring 2^32 pairs', hex('84bb0000000100000000'), /invalid CBOR: map of \d+ entries runs past the end/],
  ['a document over 64 KiB', Uint8Array.from([0x84, 0x5a, 0x00, 0x01, 0x80, 0x00, ...new Uint8Array(0x18000)]), /bytes is more than an attestation document can be/],
  ['300 KiB of base64', new TextEncoder().encode('A'.repeat(300 << 10)), /bytes is too large \(at most \d+\)/],
];

const PCRS = (): string[] => ['--pcr0', image.pcrs.PCR0, '--pcr1', image.pcrs.PCR1, '--pcr2', image.pcrs.PCR2];

const JSON_INPUTS: [string, string, RegExp][] = [
  ['not JSON', '{"pcrs": ', /not valid JSON/],
  ['2 M nested arrays', `${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`, /\d+ JSON values in \d+ bytes is more than any real file holds/],
  ['a PCR that is a number', JSON.stringify({ pcrs: { PCR0: 1, PCR1: 2, PCR2: 3 } }), /PCR0|PCR1|PCR2|not a manifest/],
  ['a PCR of 5 MiB', JSON.stringify({ pcrs: { PCR0: 'a'.repeat(5 << 20) } }), /bytes is too large \(at most \d+\)|PCR0 is not 96 hex digits|not a manifest/],
  ['1.3 M empty arrays', `[${'[],'.repeat(1_300_000)}[]]`, /\d+ JSON values in \d+ bytes is more than any real file holds/],
  ['20 MiB of empty objects', `[${'{},'.repeat(7_000_000)}{}]`, /bytes is too large \(at most \d+\)|\d+ JSON values in \d+ bytes is more than any real file holds/],
];
const JSON_SLOTS: [string, (x: string, out: string) => string[]][] = [
  ['os-image-hash --measurements', (x) => ['os-image-hash', '--measurements', x]],
  ['diff', (x) => ['diff', x, image.measurementsPath]],
  ['lock --measurements', (x, out) => ['lock', '--measurements', x, '--output-file', join(out, 'pcr.lock.json')]],
  ['verify --measurements', (x) => ['verify', '--eif-path', image.eifPath, '--measurements', x]],
  ['push --measurements', (x, out) => ['push', '--eif-path', image.eifPath, '--measurements', x, '--store', join(out, 'store')]],
];

// Manifests are read line by line (build/manifest-reader.ts): each line is bounded, each field checked.
const MANIFEST_HEAD = `{\n  "schema": "nitro-eif-build/ramdisk-manifest@1",\n  "ramdisk": "customer",\n  "size": 512,\n  "sha384": "${'a'.repeat(96)}",\n  "entries": [\n`;
const MANIFEST_INPUTS: [string, string, RegExp][] = [
  ['an entry line of 20 MiB', `${MANIFEST_HEAD}    {"path":"${'x'.repeat(20 << 20)}"}\n  ]\n}\n`, /line 7: longer than 65536 bytes/],
  ['2 M nested arrays on one line', `${MANIFEST_HEAD}${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}\n  ]\n}\n`, /line 7: longer than 65536 bytes/],
  ['nested arrays within the line cap', `${MANIFEST_HEAD}    {"path":${'['.repeat(30_000)}${']'.repeat(30_000)}}\n  ]\n}\n`, /line 7: "path" must be a non-empty string/],
  ['one endless line', `{${' '.repeat(20 << 20)}`, /line 1: longer than 65536 bytes|\d+ bytes is too large \(at most \d+\)/],
  ['a million empty entries', `${MANIFEST_HEAD}${'    {},\n'.repeat(1_000_000)}    {}\n  ]\n}\n`, /line 7: "path" must be a non-empty string/],
  ['an entry with a 1 MiB path split over lines', `${MANIFEST_HEAD}    {"path":"${'x\n'.repeat(1 << 20)}"}\n  ]\n}\n`, /line 7: expected one entry/],
];
const MANIFEST_SLOTS: [string, (x: string, out: string) => string[]][] = [
  ['lock --manifest', (x, out) => ['lock', '--measurements', image.measurementsPath, '--manifest', x, '--output-file', join(out, 'pcr.lock.json')]],
  ['diff', (x) => ['diff', x, x]],
];

const CASES: Case[] = [
  ...SIGNATURE_SECTIONS.flatMap(([name, data, message]) => ['describe-eif', 'verify'].map((command): Case => ({
    name: `${command}: signature section of ${name}`,
    make: async (dir) => {
      const eif = join(dir, 'signed.eif');
      const offset = await eifWithSignatureSection(eif, data);
      return { args: [command, '--eif-path', eif], expect: new RegExp(`^${escape(eif)}: signature section at offset ${offset}: ${message.source}`) };
    },
  }))),
  ...ATTESTATION_DOCUMENTS.map(([name, data, message]): Case => ({
    name: `verify-attestation: ${name}`,
    make: async (dir) => {
      const document = join(dir, 'doc.cose');
      writeFileSync(document, data);
      return { args: ['verify-attestation', '--document', document, ...PCRS()], expect: new RegExp(`^(--document )?${escape(document)}: .*${message.source}`) };
    },
  })),
  ...JSON_INPUTS.flatMap(([name, text, message]) => JSON_SLOTS.map(([slot, args]): Case => ({
    name: `${slot}: ${name}`,
    make: async (dir) => {
      const file = join(dir, 'input.json');
      writeFileSync(file, text);
      return { args: args(file, join(dir, 'out')), expect: new RegExp(`^.*${escape(file)}.*(${message.source})`) };
    },
  }))),
  ...MANIFEST_INPUTS.flatMap(([name, text, message]) => MANIFEST_SLOTS.map(([slot, args]): Case => ({
    name: `${slot}: a manifest with ${name}`,
    make: async (dir) => {
      const file = join(dir, 'input.manifest.json');
      writeFileSync(file, text);
      return { args: args(file, join(dir, 'out')), expect: new RegExp(`^${escape(file)}: (${message.source})`) };
    },
  }))),
  {
    name: 'lock --manifest: a JSON file that is not a nitro-eif manifest',
    make: async (dir) => {
      const file = join(dir, 'input.json');
      writeFileSync(file, JSON.stringify({ entries: [{ path: 'a' }] }));
      return { args: MANIFEST_SLOTS[0]![1](file, join(dir, 'out')), expect: new RegExp(`^${escape(file)}: line 1: expected "\\{" \\(a nitro-eif ramdisk manifest starts with its schema\\)$`) };
    },
  },
  ...(['measurements.json', 'enclave.eif'] as const).flatMap((stored) => [
    ['not JSON / not an EIF', (path: string) => writeFileSync(path, '{{{{'), stored === 'enclave.eif' ? /bytes, but the stored measurements record|truncated/ : /not valid JSON/],
    ['5 MiB of JSON', (path: string) => writeFileSync(path, `"${'x'.repeat(5 << 20)}"`), stored === 'enclave.eif' ? /bytes, but the stored measurements record|magic/ : /bytes is too large \(at most \d+\)/],
    ['a symlink to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), /not a regular file \(a character device\)/],
    ['a FIFO', (path: string) => execFileSync('mkfifo', [path]), /not a regular file \(a FIFO\)/],
  ].map(([what, plant, message]): Case => ({
    name: `pull: stored ${stored} is ${what as string}`,
    make: async (dir) => {
      const store = join(dir, 'store');
      const pushed = await runCli(cli, ['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--store', store], { cwd: dir });
      expect(pushed.code).toBe(0);
      const path = join(store, image.hash, stored);
      rmSync(path);
      (plant as (p: string) => void)(path);
      return { args: ['pull', image.hash, '--store', store, '--output-file', join(dir, 'out', 'x.eif')], expect: new RegExp(`^.*${escape(stored)}.*(${(message as RegExp).source})`) };
    },
  }))),
  ...['describe-eif', 'pcr', 'verify', 'verify-attestation', 'os-image-hash', 'push', 'pull', 'ls', 'lock', 'diff', 'sign-eif', 'attest', 'build-enclave', 'register', 'blobs'].map((command): Case => ({
    name: `${command}: an unknown option`,
    make: async () => ({ args: [command, '--no-such-option'], expect: /^(unknown option '--no-such-option'|required option '[^']+' not specified) \(run with --help for usage\)$/, exitCode: 2 }),
  })),
];

describe('hostile documents, JSON files, store entries and usage', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const dir = mkdtempSync(join(work, 'case-'));
    const out = join(dir, 'out');
    const temp = join(dir, 'tmp');
    mkdirSync(out);
    mkdirSync(temp);
    const { args, expect: line, exitCode } = await testCase.make(dir);
    const result = await runCli(cli, args, { cwd: dir, env: { TMPDIR: temp }, timeoutMs: 30_000 });
    expect(refusalProblems(result)).toEqual([]);
    expect(result.code).toBe(exitCode ?? 1);
    expect(result.stderr.replace(/^nitro-eif: error: /, '').trimEnd()).toMatch(line);
    expect([...readdirSync(out).filter((f) => f !== 'store'), ...readdirSync(temp)]).toEqual([]);
  }, 60_000);
});
