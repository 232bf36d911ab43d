// EIF container constants (aws-nitro-enclaves-image-format src/defs/mod.rs; spec eif-format.md §1).

/** ".eif" */
export const EIF_MAGIC = Uint8Array.of(0x2e, 0x65, 0x69, 0x66);
/** Version nitro-cli writes (metadata section since 4, signature since 3). */
export const EIF_VERSION = 4;
export const MIN_EIF_VERSION = 2;
export const MAX_EIF_VERSION = 4;
export const MAX_NUM_SECTIONS = 32;
/** Flag bit 0 set for aarch64 images. */
export const EIF_FLAG_AARCH64 = 0x1;
export const DEFAULT_MEM = 1073741824n;
export const DEFAULT_CPUS = 2n;

/** File header field table: name → [offset, width]. */
export const HEADER = {
  magic: [0, 4],
  version: [4, 2],
  flags: [6, 2],
  defaultMem: [8, 8],
  defaultCpus: [16, 8],
  reserved: [24, 2],
  numSections: [26, 2],
  sectionOffsets: [28, 8 * MAX_NUM_SECTIONS],
  sectionSizes: [284, 8 * MAX_NUM_SECTIONS],
  unused: [540, 4],
  crc32: [544, 4],
} as const;
export const HEADER_SIZE = 548;
/** Section header: type u16, flags u16, size u64. */
export const SECTION_HEADER_SIZE = 12;

export const SectionType = {
  invalid: 0,
  kernel: 1,
  cmdline: 2,
  ramdisk: 3,
  signature: 4,
  metadata: 5,
} as const;
export type SectionTypeName = Exclude<keyof typeof SectionType, 'invalid'>;

/** Section type code → name, or undefined for 0 and unknown codes. */
export function sectionTypeName(code: number): SectionTypeName | undefined {
  switch (code) {
    case 1: return 'kernel';
    case 2: return 'cmdline';
    case 3: return 'ramdisk';
    case 4: return 'signature';
    case 5: return 'metadata';
    default: return undefined;
  }
}

/** PCR2 of an EIF with a single ramdisk: the extend of SHA-384 of nothing (spec §2). */
export const EMPTY_PCR =
  '21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c90ba67310f7b964fc500a';
