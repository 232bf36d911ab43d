import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { byteSourceSize, CHUNK_SIZE, readByteSource } from './byte-source.js';
import {
  DEFAULT_CPUS, DEFAULT_MEM, EIF_FLAG_AARCH64, EIF_VERSION, HEADER, HEADER_SIZE, MAX_NUM_SECTIONS,
  SECTION_HEADER_SIZE, SectionType, type SectionTypeName,
} from './constants.js';
import { crc32, crcHex } from './crc.js';
import { digestFile } from './file-digest.js';
import { HashWorkers } from './hash-workers.js';
import { encodeHeader, encodeSectionHeader } from './header.js';
import { SectionMeasurer } from './measure.js';
import { encodeMetadata } from './metadata.js';
import type { ByteSource, EifArch, EifMetadata, EifSectionInfo, WriteEifResult } from './types.js';

const PARALLEL_FROM = 32 << 20;

export interface WriteEifOptions {
  /** Destination; written to a temporary file beside it and renamed when complete. */
  outputPath: string;
  arch: EifArch;
  kernel: ByteSource;
  /** A string is trimmed of surrounding white space (as nitro-cli does); bytes are written as given. */
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

/**
 * Writes an EIF in nitro-cli's section order (kernel, cmdline, metadata, ramdisks), computing the
 * CRC and PCR0/1/2 while it writes; sections are streamed, never held in memory. The whole-file
 * SHA-256/384 need the final header (it holds the CRC), so they come from one read-back of the
 * temporary file before it is renamed into place. Throws UserError when a source's size changes.
 */
export async function writeEif(options: WriteEifOptions): Promise<WriteEifResult> {
  const sections = await planSections(options);
  const infos = layout(sections);
  const header = encodeHeader({
    version: options.version ?? EIF_VERSION,
    flags: options.arch === 'aarch64' ? EIF_FLAG_AARCH64 : 0,
    defaultMem: options.defaultMem ?? DEFAULT_MEM,
    defaultCpus: options.defaultCpus ?? DEFAULT_CPUS,
    numSections: sections.length,
    sectionOffsets: infos.map((s) => BigInt(s.offset)),
    sectionSizes: infos.map((s) => BigInt(s.size)),
    crc32: 0,
  });
  const size = infos.reduce((end, s) => s.offset + SECTION_HEADER_SIZE + s.size, HEADER_SIZE);
  const workers = (options.parallel ?? size >= PARALLEL_FROM) ? new HashWorkers(2, 8, CHUNK_SIZE) : undefined;
  const file = new AtomicFile(options.outputPath);
  try {
    const handle = await open(file.tempPath, 'wx', 0o644).catch((error: Error) => {
      throw new UserError(`${options.outputPath}: cannot write: ${error.message}`, { cause: error });
    });
    let crc: number;
    const measurer = new SectionMeasurer(workers);
    try {
      crc = await writeBody(handle, header, sections, measurer, workers);
      const crcBytes = new Uint8Array(4);
      new DataView(crcBytes.buffer).setUint32(0, crc);
      await handle.write(crcBytes, 0, 4, HEADER.crc32[0]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const pcrs = await measurer.pcrs();
    const digests = await digestFile(file.tempPath, workers);
    await file.commit();
    return { path: options.outputPath, pcrs, size, ...digests, crc32: crcHex(crc), sections: infos };
  } finally {
    await workers?.close();
    await file.abort();
  }
}

async function planSections(options: WriteEifOptions): Promise<PlannedSection[]> {
  const version = options.version ?? EIF_VERSION;
  if (options.ramdisks.length === 0) throw new UserError('writeEif: at least one ramdisk is required', { code: 'usage' });
  const cmdline = typeof options.cmdline === 'string' ? new TextEncoder().encode(options.cmdline.trim()) : options.cmdline;
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

/** Writes header and sections in order; returns the CRC of every byte except 544..547. */
async function writeBody(
  handle: FileHandle, header: Uint8Array, sections: PlannedSection[], measurer: SectionMeasurer, workers: HashWorkers | undefined,
): Promise<number> {
  await writeAll(handle, header);
  let crc = crc32(header.subarray(0, HEADER.crc32[0]));
  for (const section of sections) {
    const sectionHeader = encodeSectionHeader({ type: SectionType[section.type], flags: 0, size: BigInt(section.size) });
    await writeAll(handle, sectionHeader);
    crc = crc32(sectionHeader, crc);
    measurer.begin(section.type);
    for await (const chunk of readByteSource(section.source, section.size, section.what)) {
      crc = await emit(handle, chunk, measurer, crc, workers);
    }
  }
  return crc;
}

/** Writes and measures `chunk`; when parallel, through the workers' shared buffers. */
async function emit(handle: FileHandle, chunk: Uint8Array, measurer: SectionMeasurer, crc: number, workers: HashWorkers | undefined): Promise<number> {
  if (!workers) {
    measurer.update(chunk);
    await writeAll(handle, chunk);
    return crc32(chunk, crc);
  }
  for (let at = 0; at < chunk.byteLength; at += CHUNK_SIZE) {
    const slot = await workers.acquire();
    const view = slot.subarray(0, Math.min(CHUNK_SIZE, chunk.byteLength - at));
    view.set(chunk.subarray(at, at + view.byteLength));
    measurer.update(view);
    crc = crc32(view, crc);
    await writeAll(handle, view);
    workers.retire(slot);
  }
  return crc;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.byteLength) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.byteLength - done);
    done += bytesWritten;
  }
}
