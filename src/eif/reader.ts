import { FormatError } from '../errors.js';
import { openRegularFile } from '../io/regular-file.js';
import {
  EIF_FLAG_AARCH64, HEADER, HEADER_SIZE, MAX_NUM_SECTIONS, SECTION_HEADER_SIZE, sectionTypeName, type SectionTypeName,
} from './constants.js';
import { CHUNK_SIZE } from './byte-source.js';
import { crc32, crcHex } from './crc.js';
import { FileCursor, type ByteReader, type CursorTee, type FileDigest } from './file-cursor.js';
import { HashWorkers, singleBufferPool } from './hash-workers.js';
import { decodeHeader, decodeSectionHeader, type EifHeader } from './header.js';
import { SectionMeasurer } from './measure.js';
import { checkSignatureSection } from './signature.js';
import type { EifInspection, EifSectionInfo } from './types.js';

export interface InspectEifOptions {
  /**
   * Compute the whole file's SHA-256 and SHA-384 (default true; describe-eif does not need them), or
   * only those listed. With workers they are hashed on the workers' threads, beside the PCRs.
   */
  fileDigests?: boolean | readonly FileDigest[];
  /**
   * Every byte read is handed to this too, as it is read (see CursorTee): e.g. a download written to
   * disk. The inspection returns once the tee is done with every byte.
   */
  tee?: CursorTee;
  /** Cap on sections held in memory (cmdline, metadata, signature). Default 16 MiB. */
  maxInMemorySection?: number;
  /** Read size in bytes (default 2 MiB when parallel, else 1 MiB; at least the 548-byte header). */
  chunkSize?: number;
  /** Hash PCR0 and PCR1/PCR2 on two worker threads (default: for files of 32 MiB or more). */
  parallel?: boolean;
}

const PARALLEL_FROM = 32 << 20;
/** 2 MiB reads: a sixth of the syscalls and messages of 1 MiB, 12 MiB of shared slots (RSS < 128 MiB). */
const READ_CHUNK_PARALLEL = 2 << 20;

/** Format version in which each optional section type first appeared (spec §1.2). */
const SINCE_VERSION: Partial<Record<SectionTypeName, number>> = { signature: 3, metadata: 4 };
const HOLD_IN_MEMORY = new Set<SectionTypeName>(['cmdline', 'metadata', 'signature']);

interface WalkState {
  file: string;
  header: EifHeader;
  cursor: FileCursor;
  fileSize: number;
  measurer: SectionMeasurer;
  crc: number;
  held: Map<SectionTypeName, Uint8Array>;
  sections: EifSectionInfo[];
  maxHeld: number;
}

/**
 * Strictly validates the EIF at `path` and recomputes its measurements in one streaming read:
 * header (magic, version 2–4, ≤ 32 sections), a sequential walk of the sections cross-checked with
 * the header's offset/size table, section types allowed by the version, sizes within the file, no
 * trailing data; then PCR0/1/2, PCR8 and the signature check when signed, the CRC (a mismatch is
 * reported, not thrown) and the metadata. Throws FormatError naming the file, field and offset.
 */
export async function inspectEif(path: string, options: InspectEifOptions = {}): Promise<EifInspection> {
  // Every read below stays within the size fstat gave: the walk is bounded by it, whatever the table says.
  const { handle, size } = await openRegularFile(path);
  try {
    return await inspectEifFrom(handle, size, path, options);
  } finally {
    await handle.close();
  }
}

/**
 * inspectEif over any sequential byte source of a known size (e.g. a download, checked as it arrives);
 * `path` names it in errors. The source must not yield more than `fileSize` bytes.
 */
export async function inspectEifFrom(handle: ByteReader, fileSize: number, path: string, options: InspectEifOptions = {}): Promise<EifInspection> {
  if (fileSize < HEADER_SIZE) throw new FormatError(`${path}: truncated: ${fileSize} bytes is less than the ${HEADER_SIZE}-byte EIF header`);
  const parallel = options.parallel ?? fileSize >= PARALLEL_FROM;
  const chunkSize = Math.max(options.chunkSize ?? (parallel ? READ_CHUNK_PARALLEL : CHUNK_SIZE), HEADER_SIZE);
  const workers = parallel ? new HashWorkers(2, 6, chunkSize) : undefined;
  const digests = options.fileDigests ?? true;
  const cursor = new FileCursor(handle, {
    fileDigests: digests === true ? ['sha256', 'sha384'] : digests === false ? [] : digests,
    pool: workers ?? singleBufferPool(chunkSize),
    ...(options.tee ? { tee: options.tee } : {}),
  });
  try {
    const headerBytes = await cursor.take(HEADER_SIZE);
    const header = decodeHeader(headerBytes, path);
    const state: WalkState = {
      file: path, header, cursor, fileSize, measurer: new SectionMeasurer(workers),
      crc: crc32(headerBytes.subarray(0, HEADER.crc32[0])), held: new Map(), sections: [],
      maxHeld: options.maxInMemorySection ?? 16 << 20,
    };
    for (let i = 0; i < header.numSections; i++) await walkSection(state, i);
    checkTail(state);
    await cursor.teeDone();
    cursor.release();
    // One round trip collects everything the workers hashed: the PCRs and the file digests.
    const fromWorkers = await workers?.digests();
    return await finish(state, await state.measurer.pcrs(fromWorkers), cursor.digests(fromWorkers));
  } finally {
    await workers?.close();
  }
}

async function walkSection(state: WalkState, index: number): Promise<void> {
  const { file, header, cursor, fileSize } = state;
  const offset = cursor.position;
  const tableOffset = header.sectionOffsets[index] ?? 0n;
  if (tableOffset !== BigInt(offset)) {
    throw new FormatError(`${file}: section_offsets[${index}] (byte ${HEADER.sectionOffsets[0] + 8 * index}) is ${tableOffset} but section ${index} starts at offset ${offset}`);
  }
  if (offset + SECTION_HEADER_SIZE > fileSize) {
    throw new FormatError(`${file}: truncated: section ${index} header at offset ${offset} runs past the end of the file (${fileSize} bytes)`);
  }
  const rawHeader = await cursor.take(SECTION_HEADER_SIZE);
  const section = decodeSectionHeader(rawHeader);
  const type = sectionTypeName(section.type);
  if (!type) throw new FormatError(`${file}: section ${index} at offset ${offset}: unknown section_type ${section.type}`);
  if (section.flags !== 0) throw new FormatError(`${file}: section ${index} (${type}) at offset ${offset}: flags ${section.flags} at offset ${offset + 2} must be 0`);
  const since = SINCE_VERSION[type];
  if (since !== undefined && header.version < since) {
    throw new FormatError(`${file}: section ${index} at offset ${offset}: ${type} section is not allowed in EIF version ${header.version}`);
  }
  const end = BigInt(offset + SECTION_HEADER_SIZE) + section.size;
  if (end > BigInt(fileSize)) {
    throw new FormatError(`${file}: section ${index} (${type}) at offset ${offset}: section_size ${section.size} runs past the end of the file (${fileSize} bytes)`);
  }
  if ((header.sectionSizes[index] ?? 0n) !== section.size) {
    throw new FormatError(`${file}: section_sizes[${index}] (byte ${HEADER.sectionSizes[0] + 8 * index}) is ${header.sectionSizes[index]} but the section at offset ${offset} holds ${section.size} bytes`);
  }
  const size = Number(section.size);
  state.crc = crc32(rawHeader, state.crc);
  state.sections.push({ index, type, offset, size });
  await pumpData(state, type, size, offset);
}

async function pumpData(state: WalkState, type: SectionTypeName, size: number, offset: number): Promise<void> {
  const hold = HOLD_IN_MEMORY.has(type);
  if (hold && state.held.has(type)) throw new FormatError(`${state.file}: second ${type} section at offset ${offset}`);
  if (hold && size > state.maxHeld) {
    throw new FormatError(`${state.file}: ${type} section at offset ${offset} is ${size} bytes, over the ${state.maxHeld}-byte limit`);
  }
  const kept = hold ? new Uint8Array(size) : undefined;
  let filled = 0;
  state.measurer.begin(type);
  const complete = await state.cursor.pump(size, (chunk) => {
    state.measurer.update(chunk);
    state.crc = crc32(chunk, state.crc);
    if (kept) kept.set(chunk, filled);
    filled += chunk.byteLength;
  });
  if (!complete) throw new FormatError(`${state.file}: truncated: ${type} section at offset ${offset} ends early`);
  if (kept) state.held.set(type, kept);
}

function checkTail(state: WalkState): void {
  const { file, header, cursor, fileSize, sections } = state;
  for (let i = header.numSections; i < MAX_NUM_SECTIONS; i++) {
    if (header.sectionOffsets[i] !== 0n || header.sectionSizes[i] !== 0n) {
      throw new FormatError(`${file}: unused section table slot ${i} (byte ${HEADER.sectionOffsets[0] + 8 * i}) is not zero`);
    }
  }
  if (cursor.position !== fileSize) {
    throw new FormatError(`${file}: ${fileSize - cursor.position} bytes of trailing data at offset ${cursor.position} after the last section`);
  }
  const count = (t: string): number => sections.filter((s) => s.type === t).length;
  for (const required of ['kernel', 'cmdline'] as const) {
    if (count(required) !== 1) throw new FormatError(`${file}: expected one ${required} section, found ${count(required)}`);
  }
  if (count('ramdisk') === 0) throw new FormatError(`${file}: no ramdisk section`);
}

async function finish(state: WalkState, pcrs: EifInspection['pcrs'], digests: Partial<Record<FileDigest, string>>): Promise<EifInspection> {
  const { file, header, held } = state;
  const inspection: EifInspection = {
    path: file, size: state.fileSize, version: header.version,
    arch: header.flags & EIF_FLAG_AARCH64 ? 'aarch64' : 'x86_64', flags: header.flags,
    defaultMem: header.defaultMem, defaultCpus: header.defaultCpus,
    sections: state.sections, pcrs,
    crc: { stored: crcHex(header.crc32), computed: crcHex(state.crc), ok: header.crc32 === state.crc },
    cmdline: new TextDecoder().decode(held.get('cmdline')),
  };
  const metadata = held.get('metadata');
  if (metadata) inspection.metadata = parseMetadata(file, metadata, state.sections);
  const signature = held.get('signature');
  if (signature) {
    const offset = state.sections.find((s) => s.type === 'signature')?.offset ?? 0;
    inspection.signature = checkSignatureSection(signature, pcrs.PCR0, `${file}: signature section at offset ${offset}`);
    pcrs.PCR8 = inspection.signature.pcr8;
  }
  Object.assign(inspection, digests);
  return inspection;
}

function parseMetadata(file: string, bytes: Uint8Array, sections: EifSectionInfo[]): unknown {
  const offset = sections.find((s) => s.type === 'metadata')?.offset ?? 0;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new FormatError(`${file}: metadata section at offset ${offset} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
