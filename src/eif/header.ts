import { FormatError } from '../errors.js';
import {
  EIF_FLAG_AARCH64, EIF_MAGIC, HEADER, HEADER_SIZE, MAX_EIF_VERSION, MAX_NUM_SECTIONS, MIN_EIF_VERSION, SECTION_HEADER_SIZE,
} from './constants.js';

/** The 548-byte file header, u64 fields as bigint (spec §1.1). */
export interface EifHeader {
  version: number;
  flags: number;
  defaultMem: bigint;
  defaultCpus: bigint;
  numSections: number;
  /** 32 entries; unused slots 0. Offsets point at section headers. */
  sectionOffsets: bigint[];
  /** 32 entries; data sizes (section header excluded). */
  sectionSizes: bigint[];
  crc32: number;
}

/** A section header (spec §1.2). */
export interface EifSectionHeader {
  type: number;
  flags: number;
  size: bigint;
}

/** Big-endian encoding of `header` (548 bytes). */
export function encodeHeader(header: EifHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  bytes.set(EIF_MAGIC, HEADER.magic[0]);
  view.setUint16(HEADER.version[0], header.version);
  view.setUint16(HEADER.flags[0], header.flags);
  view.setBigUint64(HEADER.defaultMem[0], header.defaultMem);
  view.setBigUint64(HEADER.defaultCpus[0], header.defaultCpus);
  view.setUint16(HEADER.numSections[0], header.numSections);
  for (let i = 0; i < MAX_NUM_SECTIONS; i++) {
    view.setBigUint64(HEADER.sectionOffsets[0] + 8 * i, header.sectionOffsets[i] ?? 0n);
    view.setBigUint64(HEADER.sectionSizes[0] + 8 * i, header.sectionSizes[i] ?? 0n);
  }
  view.setUint32(HEADER.crc32[0], header.crc32 >>> 0);
  return bytes;
}

/**
 * Parses and checks the fixed header fields (magic, version, section count) of `bytes`, which
 * must hold at least 548 bytes. Throws FormatError naming `file`, the field and its offset.
 */
export function decodeHeader(bytes: Uint8Array, file: string): EifHeader {
  if (bytes.length < HEADER_SIZE) {
    throw new FormatError(`${file}: truncated EIF header: ${bytes.length} of ${HEADER_SIZE} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  for (let i = 0; i < EIF_MAGIC.length; i++) {
    if (bytes[i] !== EIF_MAGIC[i]) {
      throw new FormatError(`${file}: not an EIF: bad magic at offset 0 (expected 2e656966)`);
    }
  }
  const version = view.getUint16(HEADER.version[0]);
  if (version < MIN_EIF_VERSION || version > MAX_EIF_VERSION) {
    throw new FormatError(`${file}: unsupported EIF version ${version} at offset ${HEADER.version[0]}`);
  }
  const numSections = view.getUint16(HEADER.numSections[0]);
  if (numSections > MAX_NUM_SECTIONS) {
    throw new FormatError(
      `${file}: num_sections ${numSections} at offset ${HEADER.numSections[0]} exceeds ${MAX_NUM_SECTIONS}`,
    );
  }
  const flags = view.getUint16(HEADER.flags[0]);
  if (flags & ~EIF_FLAG_AARCH64) {
    throw new FormatError(`${file}: unknown header flags 0x${flags.toString(16)} at offset ${HEADER.flags[0]} (only bit 0, aarch64, is defined)`);
  }
  const sectionOffsets: bigint[] = [];
  const sectionSizes: bigint[] = [];
  for (let i = 0; i < MAX_NUM_SECTIONS; i++) {
    sectionOffsets.push(view.getBigUint64(HEADER.sectionOffsets[0] + 8 * i));
    sectionSizes.push(view.getBigUint64(HEADER.sectionSizes[0] + 8 * i));
  }
  return {
    version,
    flags,
    defaultMem: view.getBigUint64(HEADER.defaultMem[0]),
    defaultCpus: view.getBigUint64(HEADER.defaultCpus[0]),
    numSections,
    sectionOffsets,
    sectionSizes,
    crc32: view.getUint32(HEADER.crc32[0]),
  };
}

export function encodeSectionHeader(header: EifSectionHeader): Uint8Array {
  const bytes = new Uint8Array(SECTION_HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, header.type);
  view.setUint16(2, header.flags);
  view.setBigUint64(4, header.size);
  return bytes;
}

/** Parses 12 bytes of a section header; field checks are the reader's job. */
export function decodeSectionHeader(bytes: Uint8Array): EifSectionHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, SECTION_HEADER_SIZE);
  return { type: view.getUint16(0), flags: view.getUint16(2), size: view.getBigUint64(4) };
}
