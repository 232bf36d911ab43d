import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inspectEif, writeEif, type ByteSource } from '../../../src/eif/index.js';
import { withTempDir } from './helpers.js';

/** PCR computed directly with node crypto over the concatenated content (spec §2). */
function pcr(parts: Uint8Array[]): string {
  const inner = createHash('sha384');
  for (const p of parts) inner.update(p);
  return createHash('sha384').update(Buffer.alloc(48)).update(inner.digest()).digest('hex');
}

function chunked(bytes: Uint8Array, cut: number): ByteSource {
  return {
    size: bytes.byteLength,
    stream: async function* () {
      for (let at = 0; at < bytes.byteLength; at += cut) yield bytes.subarray(at, at + cut);
    },
  };
}

const section = fc.uint8Array({ minLength: 0, maxLength: 3000 });

describe('writer/reader round trip', () => {
  it('matches an independent PCR, CRC and layout computation for random section sets', async () => {
    await withTempDir(async (dir) => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          section, fc.string({ maxLength: 200 }), fc.array(section, { minLength: 1, maxLength: 5 }),
          fc.constantFrom('x86_64', 'aarch64') as fc.Arbitrary<'x86_64' | 'aarch64'>, fc.integer({ min: 1, max: 700 }),
          async (kernel, cmdlineText, ramdisks, arch, cut) => {
            const out = join(dir, `r${run++}.eif`);
            const kernelPath = join(dir, 'kernel');
            await writeFile(kernelPath, kernel);
            const metadata = JSON.stringify({ n: run });
            const result = await writeEif({
              outputPath: out, arch, kernel: { path: kernelPath }, cmdline: cmdlineText, metadata, parallel: run % 4 === 0,
              ramdisks: ramdisks.map((r, i) => (i % 2 ? chunked(r, cut) : r)),
            });
            const cmdline = Buffer.from(cmdlineText.trim());
            const expected = {
              PCR0: pcr([kernel, cmdline, ...ramdisks]),
              PCR1: pcr([kernel, cmdline, ramdisks[0]!]),
              PCR2: pcr(ramdisks.slice(1)),
            };
            const file = await readFile(out);
            const crc = zlib.crc32(Buffer.concat([file.subarray(0, 544), file.subarray(548)]));
            expect(result.pcrs).toEqual(expected);
            expect(result.crc32).toBe(crc.toString(16).padStart(8, '0'));
            expect(file.readUInt32BE(544)).toBe(crc);
            expect(result.sha384).toBe(createHash('sha384').update(file).digest('hex'));
            expect(result.size).toBe(548 + 12 * (3 + ramdisks.length) + kernel.length + cmdline.length + metadata.length + ramdisks.reduce((n, r) => n + r.length, 0));
            const info = await inspectEif(out, { chunkSize: 548 + cut });
            expect(info.pcrs).toEqual(expected);
            if (run % 4 === 1) expect(await inspectEif(out, { chunkSize: 548 + cut, parallel: true })).toEqual(info);
            expect(info.crc.ok).toBe(true);
            expect(info.sections).toEqual(result.sections);
            expect(info.arch).toBe(arch);
            expect(info.metadata).toEqual({ n: run });
            expect(info.cmdline).toBe(cmdline.toString());
            expect(info.sha256).toBe(result.sha256);
          },
        ),
        { numRuns: 40 },
      );
    });
  });

  it('has PCR2 of the empty string with a single ramdisk', async () => {
    await withTempDir(async (dir) => {
      const r = await writeEif({ outputPath: join(dir, 'one.eif'), arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'x', ramdisks: [Uint8Array.of(2)] });
      expect(r.pcrs.PCR2).toBe('21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c90ba67310f7b964fc500a');
    });
  });

  it('refuses a stream that yields fewer or more bytes than declared, leaving no output', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'bad.eif');
      const lying = (declared: number, actual: number): ByteSource => ({ size: declared, stream: async function* () { yield new Uint8Array(actual); } });
      await expect(writeEif({ outputPath: out, arch: 'x86_64', kernel: lying(10, 9), cmdline: 'c', ramdisks: [Uint8Array.of(1)] }))
        .rejects.toThrow(/kernel: size mismatch: declared 10 bytes, source gave 9/);
      await expect(writeEif({ outputPath: out, arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'c', ramdisks: [lying(10, 11)] }))
        .rejects.toThrow(/ramdisk 0: size mismatch: declared 10 bytes, source gave more/);
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(dir)).toEqual([]);
    });
  });

  it('refuses no ramdisks and too many sections', async () => {
    await withTempDir(async (dir) => {
      const base = { outputPath: join(dir, 'x.eif'), arch: 'x86_64' as const, kernel: Uint8Array.of(1), cmdline: 'c' };
      await expect(writeEif({ ...base, ramdisks: [] })).rejects.toThrow(/at least one ramdisk/);
      await expect(writeEif({ ...base, ramdisks: Array.from({ length: 30 }, () => Uint8Array.of(1)) })).rejects.toThrow(/33 sections exceed/);
    });
  });

  it('serializes EifMetadata in nitro-cli field order, serde_json Values with sorted keys', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'm.eif');
      await writeEif({
        outputPath: out, arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'c', ramdisks: [Uint8Array.of(1)],
        metadata: {
          CustomMetadata: { b: 2, a: 1 }, DockerInfo: { RepoDigests: ['r'], Id: 'sha256:x', Config: { Env: [], Cmd: null } }, ImageVersion: '1', ImageName: 'app',
          BuildMetadata: { KernelVersion: '4.14', OperatingSystem: 'Linux', BuildToolVersion: '0.1', BuildTool: 'nitro-eif', BuildTime: 't' },
        },
      });
      const text = (await readFile(out)).subarray(548 + 12 + 1 + 12 + 1 + 12).toString('utf8');
      expect(text.startsWith('{"ImageName":"app","ImageVersion":"1","BuildMetadata":{"BuildTime":"t","BuildTool":"nitro-eif","BuildToolVersion":"0.1","OperatingSystem":"Linux","KernelVersion":"4.14"},"DockerInfo":{"Config":{"Cmd":null,"Env":[]},"Id":"sha256:x","RepoDigests":["r"]},"CustomMetadata":{"a":1,"b":2}}')).toBe(true);
    });
  });
});

describe('writer and reader edge errors', () => {
  it('names the output path when it cannot be written, and the input when it is a directory', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'missing', 'x.eif');
      await expect(writeEif({ outputPath: out, arch: 'x86_64', kernel: Uint8Array.of(1), cmdline: 'c', ramdisks: [Uint8Array.of(1)] }))
        .rejects.toThrow(`${out}: cannot write`);
      await expect(inspectEif(dir)).rejects.toThrow(`${dir}: not a regular file`);
    });
  });
});

describe('large files (worker threads by default from 32 MiB)', () => {
  it('writes and reads a 40 MiB EIF with the same PCRs and digests as node crypto computes', async () => {
    await withTempDir(async (dir) => {
      const MIB = 1 << 20;
      const big = new Uint8Array(38 * MIB).map((_, i) => (i * 7919) >>> 8);
      const out = join(dir, 'big.eif');
      const result = await writeEif({ outputPath: out, arch: 'x86_64', kernel: Uint8Array.of(1, 2), cmdline: 'c', ramdisks: [Uint8Array.of(3), big, Uint8Array.of(4)] });
      const expected = {
        PCR0: pcr([Uint8Array.of(1, 2), Buffer.from('c'), Uint8Array.of(3), big, Uint8Array.of(4)]),
        PCR1: pcr([Uint8Array.of(1, 2), Buffer.from('c'), Uint8Array.of(3)]),
        PCR2: pcr([big, Uint8Array.of(4)]),
      };
      const file = await readFile(out);
      expect(result.pcrs).toEqual(expected);
      expect(result.sha256).toBe(createHash('sha256').update(file).digest('hex'));
      expect(result.sha384).toBe(createHash('sha384').update(file).digest('hex'));
      const info = await inspectEif(out);
      expect(info.pcrs).toEqual(expected);
      expect(info.sha384).toBe(result.sha384);
      expect(info.crc.ok).toBe(true);
    });
  });
});
