import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { byteSourceSize, CHUNK_SIZE, readByteSource } from './byte-source.js';
import {
  DEFAULT_CPUS, DEFAULT_MEM, EIF_FLAG_AARCH64, EIF_VERSION, HEADER, HEADER_SIZE, MAX_NUM_SECTIONS,
  SECTION_HEADER_SIZE, SectionType, type SectionTypeName,
} from './constants.js';
import { crc32, crcHex } from './crc.js';
import { encodeHeader, encodeSectionHeader } from './header.js';
import { SectionMeasurer } from './measure.js';
import { encodeMetadata } from './metadata.js';
import type { ByteSource, EifArch, EifMetadata, EifSectionInfo, WriteEifResult } from './types.js';

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
  const file = new AtomicFile(options.outputPath);
  try {
    const handle = await open(file.tempPath, 'wx', 0o644);
    let crc: number;
    const measurer = new SectionMeasurer();
    try {
      crc = await writeBody(handle, header, sections, measurer);
      const crcBytes = new Uint8Array(4);
      new DataView(crcBytes.buffer).setUint32(0, crc);
      await handle.write(crcBytes, 0, 4, HEADER.crc32[0]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const digests = await digestFile(file.tempPath);
    await file.commit();
    const size = infos.length ? infos[infos.length - 1]!.offset + SECTION_HEADER_SIZE + infos[infos.length - 1]!.size : HEADER_SIZE;
    return { path: options.outputPath, pcrs: measurer.pcrs(), size, ...digests, crc32: crcHex(crc), sections: infos };
  } finally {
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
async function writeBody(handle: FileHandle, header: Uint8Array, sections: PlannedSection[], measurer: SectionMeasurer): Promise<number> {
  await writeAll(handle, header);
  let crc = crc32(header.subarray(0, HEADER.crc32[0]));
  for (const section of sections) {
    const sectionHeader = encodeSectionHeader({ type: SectionType[section.type], flags: 0, size: BigInt(section.size) });
    await writeAll(handle, sectionHeader);
    crc = crc32(sectionHeader, crc);
    measurer.begin(section.type);
    for await (const chunk of readByteSource(section.source, section.size, section.what)) {
      measurer.update(chunk);
      crc = crc32(chunk, crc);
      await writeAll(handle, chunk);
    }
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

/** SHA-256 and SHA-384 of a whole file, in one read. */
export async function digestFile(path: string): Promise<{ sha256: string; sha384: string }> {
  const sha256 = createHash('sha256');
  const sha384 = createHash('sha384');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_SIZE, null);
      if (bytesRead === 0) break;
      sha256.update(buffer.subarray(0, bytesRead));
      sha384.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return { sha256: sha256.digest('hex'), sha384: sha384.digest('hex') };
}
