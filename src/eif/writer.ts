import { systemErrorReason, UserError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { SequentialWriter, WriteFailed } from '../io/sequential-writer.js';
import { byteSourceSize, readByteSource } from './byte-source.js';
import { kernelCmdline } from './cmdline.js';
import {
  DEFAULT_CPUS, DEFAULT_MEM, EIF_FLAG_AARCH64, EIF_VERSION, HEADER, HEADER_SIZE, MAX_NUM_SECTIONS,
  SECTION_HEADER_SIZE, SectionType, type SectionTypeName,
} from './constants.js';
import { crc32Combine } from '../io/crc32-combine.js';
import { crc32, crcHex } from './crc.js';
import { digestFile } from './file-digest.js';
import { HashWorkers, PARALLEL_CHUNK } from './hash-workers.js';
import { encodeHeader, encodeSectionHeader, type EifHeader } from './header.js';
import { SectionMeasurer } from './measure.js';
import { encodeMetadata } from './metadata.js';
import { FILE_SHA256, FILE_SHA384, Sink } from './write-sink.js';
import type { ByteSource, EifArch, EifMetadata, EifSectionInfo, WriteEifResult } from './types.js';

const PARALLEL_FROM = 32 << 20;

export interface WriteEifOptions {
  /** Destination; written to a temporary file beside it and renamed when complete. */
  outputPath: string;
  arch: EifArch;
  kernel: ByteSource;
  /** A string is trimmed of surrounding white space as nitro-cli does (Rust's `str::trim`); bytes are written as given. */
  cmdline: string | ByteSource;
  /**
   * The metadata section: an EifMetadata (serialized in nitro-cli's field order), or raw JSON
   * text/bytes written as given. Default `{}`. Not written for versions 2 and 3.
   */
  metadata?: EifMetadata | string | ByteSource;
  /** Bootstrap ramdisk first, then customer ramdisk(s). At least one. */
  ramdisks: ByteSource[];
  /** Format version to write, 4 unless testing older readers. */
  version?: 2 | 3 | 4;
  /**
   * Compute the whole-file SHA-256 and SHA-384 (default true). Without them the result has no
   * `sha256`/`sha384`, and two of the three SHA-384 passes over every byte remain (PCR0, PCR2).
   */
  fileDigests?: boolean;
  /** Hash on two worker threads (default: for EIFs of 32 MiB or more). */
  parallel?: boolean;
  /** Header fields the hypervisor ignores; nitro-cli's defaults. */
  defaultMem?: bigint;
  defaultCpus?: bigint;
}

interface PlannedSection {
  type: SectionTypeName;
  source: ByteSource;
  size: number;
  what: string;
}

/** Section sources this small without a declared CRC are read once to CRC them up front. */
const SMALL_SOURCE = 64 << 20;

/**
 * Writes an EIF in nitro-cli's section order (kernel, cmdline, metadata, ramdisks), computing the
 * CRC and PCR0/1/2 while it writes; sections are streamed, never held in memory. When every
 * section's CRC-32 is known up front (in-memory bytes, small files, streams declaring `crc32`), the
 * header is written with the final CRC first and the whole-file SHA-256/384 are hashed in the same
 * pass; the CRC of the bytes actually streamed must then equal the one written, or nothing is
 * written. Otherwise the whole-file digests come from one read-back of the temporary file (they
 * need the final header). Throws UserError when a source's size or CRC changes.
 */
export async function writeEif(options: WriteEifOptions): Promise<WriteEifResult> {
  const sections = await planSections(options);
  const infos = layout(sections);
  const fields = headerFields(options, infos);
  const planned = await plannedCrc(encodeHeader({ ...fields, crc32: 0 }), sections);
  const header = encodeHeader({ ...fields, crc32: planned ?? 0 });
  const size = infos.reduce((end, s) => s.offset + SECTION_HEADER_SIZE + s.size, HEADER_SIZE);
  // One pass hashes every byte into up to three SHA-384s, a SHA-256 and a CRC: three workers share
  // that out (PCR0; PCR1/PCR2; whole-file SHA-384, SHA-256 and CRC); the read-back needs two, and
  // so does one pass without the file digests (the CRC goes with PCR1/PCR2).
  const fileDigests = options.fileDigests ?? true;
  const threads = planned === undefined || !fileDigests ? 2 : 3;
  const workers = (options.parallel ?? size >= PARALLEL_FROM) ? new HashWorkers(threads, 4, PARALLEL_CHUNK) : undefined;
  const file = new AtomicFile(options.outputPath);
  try {
    // The one pass writes the workers' slots as they are: whole aligned blocks, with direct I/O
    // (no read-back from the page cache follows it).
    const slotWrites = planned !== undefined && workers !== undefined;
    const out = await SequentialWriter.create(file.tempPath, { blocks: slotWrites }).catch((error: Error) => {
      throw new UserError(`${options.outputPath}: cannot write: ${systemErrorReason(error)}`, { cause: error });
    });
    let written: Written;
    try {
      written = planned === undefined
        ? await writeThenReadBack(out, header, sections, workers, file.tempPath, fileDigests)
        : await writeOnePass(out, header, sections, workers, { planned, outputPath: options.outputPath, fileDigests });
    } catch (error) {
      // A failed write (a full disk, an I/O error) names the file being written, in one line.
      if (!(error instanceof WriteFailed)) throw error;
      throw new UserError(`${options.outputPath}: cannot write: ${systemErrorReason(error)}`, { cause: error.cause });
    } finally {
      await out.close();
    }
    const { crc, measured: { pcrs, laterRamdisksSha384 }, digests } = written;
    await file.commit();
    return { path: options.outputPath, pcrs, size, ...digests, crc32: crcHex(crc), sections: infos, laterRamdisksSha384 };
  } finally {
    await workers?.close();
    await file.abort();
  }
}

interface Written {
  crc: number;
  measured: Awaited<ReturnType<SectionMeasurer['measure']>>;
  digests: { sha256: string; sha384: string } | undefined;
}

function headerFields(options: WriteEifOptions, infos: EifSectionInfo[]): Omit<EifHeader, 'crc32'> {
  return {
    version: options.version ?? EIF_VERSION,
    flags: options.arch === 'aarch64' ? EIF_FLAG_AARCH64 : 0,
    defaultMem: options.defaultMem ?? DEFAULT_MEM,
    defaultCpus: options.defaultCpus ?? DEFAULT_CPUS,
    numSections: infos.length,
    sectionOffsets: infos.map((s) => BigInt(s.offset)),
    sectionSizes: infos.map((s) => BigInt(s.size)),
  };
}

/** The file's CRC from the sections' CRCs (combined, CRC-32 being linear), or undefined if one is unknown. */
async function plannedCrc(header: Uint8Array, sections: PlannedSection[]): Promise<number | undefined> {
  let crc = crc32(header.subarray(0, HEADER.crc32[0]));
  for (const section of sections) {
    const data = await sectionCrc(section);
    if (data === undefined) return undefined;
    crc = crc32(sectionHeaderOf(section), crc);
    crc = crc32Combine(crc, data, section.size);
  }
  return crc;
}

async function sectionCrc({ source, size, what }: PlannedSection): Promise<number | undefined> {
  if (source instanceof Uint8Array) return crc32(source);
  if ('stream' in source) return source.crc32;
  if (size > SMALL_SOURCE) return undefined;
  let crc = 0;
  for await (const chunk of readByteSource(source, size, what)) crc = crc32(chunk, crc);
  return crc;
}

/** Today's two passes: write (CRC and PCRs on the way), store the CRC, read the file back for its digests. */
async function writeThenReadBack(
  out: SequentialWriter, header: Uint8Array, sections: PlannedSection[], workers: HashWorkers | undefined, tempPath: string,
  fileDigests: boolean,
): Promise<Written> {
  const measurer = new SectionMeasurer(workers);
  const sink = new Sink(out, measurer, workers, 0, { onePass: false, fileDigests: false });
  const crc = await writeBody(sink, header, sections);
  const crcBytes = new Uint8Array(4);
  new DataView(crcBytes.buffer).setUint32(0, crc);
  await out.patch(crcBytes, HEADER.crc32[0]);
  // The fsync overlaps the read-back (from the page cache); the PCRs come first, as both use the workers.
  const reading = measurer.measure().then(async (measured) => ({
    crc, measured, digests: fileDigests ? await digestFile(tempPath, workers) : undefined,
  }));
  return settleWithSync(sink, reading);
}

/** One pass: the header already holds the planned CRC; the whole-file digests are hashed as written. */
async function writeOnePass(
  out: SequentialWriter, header: Uint8Array, sections: PlannedSection[], workers: HashWorkers | undefined,
  expect: { planned: number; outputPath: string; fileDigests: boolean },
): Promise<Written> {
  const measurer = new SectionMeasurer(workers);
  const sink = new Sink(out, measurer, workers, 0, { onePass: true, fileDigests: expect.fileDigests });
  await writeBody(sink, header, sections);
  const collecting = (async (): Promise<Written> => {
    const fromWorkers = workers ? await workers.digests() : undefined;
    const crc = sink.finalCrc(fromWorkers);
    if (crc !== expect.planned) {
      throw new UserError(
        `${expect.outputPath}: section data changed while being written (CRC-32 ${crcHex(crc)}, planned ${crcHex(expect.planned)}); nothing written`,
        { code: 'integrity' },
      );
    }
    const measured = await measurer.measure(fromWorkers);
    const hex = (name: string): string => fromWorkers?.get(name)?.toString('hex') ?? '';
    const digests = !expect.fileDigests ? undefined : (sink.localDigests() ?? { sha256: hex(FILE_SHA256), sha384: hex(FILE_SHA384) });
    return { crc, measured, digests };
  })();
  return settleWithSync(sink, collecting);
}

/** Waits for `work` and the file's fsync together; either failure fails the write. */
async function settleWithSync<T>(sink: Sink, work: Promise<T>): Promise<T> {
  const [synced, done] = await Promise.allSettled([sink.sync(), work]);
  if (synced.status === 'rejected') throw synced.reason;
  if (done.status === 'rejected') throw done.reason;
  return done.value;
}

async function planSections(options: WriteEifOptions): Promise<PlannedSection[]> {
  const version = options.version ?? EIF_VERSION;
  if (options.ramdisks.length === 0) throw new UserError('writeEif: at least one ramdisk is required', { code: 'usage' });
  const cmdline = typeof options.cmdline === 'string' ? new TextEncoder().encode(kernelCmdline(options.cmdline, 'cmdline')) : options.cmdline;
  const raw: Array<[SectionTypeName, ByteSource, string]> = [['kernel', options.kernel, 'kernel'], ['cmdline', cmdline, 'cmdline']];
  if (version >= 4) raw.push(['metadata', metadataSource(options.metadata), 'metadata']);
  options.ramdisks.forEach((r, i) => raw.push(['ramdisk', r, `ramdisk ${i}`]));
  if (raw.length > MAX_NUM_SECTIONS) {
    throw new UserError(`writeEif: ${raw.length} sections exceed the EIF limit of ${MAX_NUM_SECTIONS}`, { code: 'usage' });
  }
  const planned: PlannedSection[] = [];
  for (const [type, source, what] of raw) planned.push({ type, source, what, size: await byteSourceSize(source, what) });
  return planned;
}

function metadataSource(metadata: WriteEifOptions['metadata']): ByteSource {
  if (metadata === undefined) return new TextEncoder().encode('{}');
  if (typeof metadata === 'string') return new TextEncoder().encode(metadata);
  if (metadata instanceof Uint8Array || 'path' in metadata || 'stream' in metadata) return metadata;
  return encodeMetadata(metadata);
}

function layout(sections: PlannedSection[]): EifSectionInfo[] {
  let offset = HEADER_SIZE;
  return sections.map((s, index) => {
    const info = { index, type: s.type, offset, size: s.size };
    offset += SECTION_HEADER_SIZE + s.size;
    return info;
  });
}

function sectionHeaderOf(section: PlannedSection): Uint8Array {
  return encodeSectionHeader({ type: SectionType[section.type], flags: 0, size: BigInt(section.size) });
}

/**
 * Writes header and sections in order through `sink`; returns the CRC of every byte except
 * 544..547 (the CRC field). With file digests, headers go through the sink too (unmeasured).
 */
async function writeBody(sink: Sink, header: Uint8Array, sections: PlannedSection[]): Promise<number> {
  sink.crc = crc32(header.subarray(0, HEADER.crc32[0]));
  await writeUnmeasured(sink, header, false);
  for (const section of sections) {
    await writeUnmeasured(sink, sectionHeaderOf(section), true);
    await sink.route(section.type, true);
    for await (const chunk of readByteSource(section.source, section.size, section.what)) await sink.add(chunk);
  }
  await sink.flush();
  return sink.crc;
}

async function writeUnmeasured(sink: Sink, bytes: Uint8Array, crc: boolean): Promise<void> {
  if (!sink.mode.onePass) {
    await sink.flush();
    await sink.out.append(bytes);
    if (crc) sink.crc = crc32(bytes, sink.crc);
    return;
  }
  await sink.route(undefined, crc);
  await sink.add(bytes);
}
