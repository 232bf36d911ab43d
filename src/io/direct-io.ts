// Direct I/O (O_DIRECT): file data goes between our buffers and the disk without passing through
// the page cache. The build streams a GiB through a temporary spool and into the EIF, each byte
// written once and read at most once; through the page cache, each of those bytes first needs a
// fresh cache page, and on the VMs measured (docs/benchmarks.md) taking fresh pages cost several
// times the hashing of them. O_DIRECT wants buffer addresses, file offsets and lengths aligned to
// the device's block size: buffers here come from WebAssembly memory (page-aligned, unlike
// Buffer's), offsets and lengths are multiples of DIRECT_ALIGN. Where a filesystem or platform
// refuses it (EINVAL, or no O_DIRECT), callers fall back to ordinary buffered I/O.

import { constants } from 'node:fs';

/** Alignment of every direct transfer: the largest logical block size in common use. */
export const DIRECT_ALIGN = 4096;

const WASM_PAGE = 64 * 1024;

/** WebAssembly.Memory, typed here (the project's TypeScript libs carry no WebAssembly types). */
type WasmMemory = new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => { readonly buffer: ArrayBuffer };
const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: WasmMemory } }).WebAssembly;

/**
 * The O_DIRECT open flag, or undefined where there is none (not Linux) or it is turned off with
 * NITRO_EIF_DIRECT_IO=0 (for filesystems that accept O_DIRECT but misbehave with it).
 */
export function directFlag(): number | undefined {
  if (process.env['NITRO_EIF_DIRECT_IO'] === '0') return undefined;
  const flag = (constants as { O_DIRECT?: number }).O_DIRECT;
  return typeof flag === 'number' && flag !== 0 ? flag : undefined;
}

/** A page-aligned buffer of `size` bytes (a multiple of 64 KiB), never moved or freed while referenced. */
export function alignedBuffer(size: number): Buffer {
  return Buffer.from(new Memory({ initial: pages(size), maximum: pages(size) }).buffer, 0, size);
}

/**
 * Tests only: `size` bytes the kernel always refuses for direct I/O (one byte past a 16-byte
 * boundary; plain heap memory is page-aligned now and then, which made "refused" runs flaky).
 */
export function misalignedBuffer(size: number): Buffer {
  return Buffer.allocUnsafeSlow(size + 1).subarray(1);
}

/** A page-aligned SharedArrayBuffer of `size` bytes (a multiple of 64 KiB). */
export function alignedSharedBuffer(size: number): SharedArrayBuffer {
  return new Memory({ initial: pages(size), maximum: pages(size), shared: true }).buffer as unknown as SharedArrayBuffer;
}

function pages(size: number): number {
  if (size <= 0 || size % WASM_PAGE !== 0) throw new RangeError(`aligned buffer size ${size} is not a positive multiple of 64 KiB`);
  return size / WASM_PAGE;
}

export function alignUp(n: number): number {
  return Math.ceil(n / DIRECT_ALIGN) * DIRECT_ALIGN;
}

export function alignDown(n: number): number {
  return Math.floor(n / DIRECT_ALIGN) * DIRECT_ALIGN;
}

/** Whether `error` is the kernel refusing a direct open or transfer (so buffered I/O should be used). */
export function isDirectRefusal(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EINVAL' || code === 'EOPNOTSUPP' || code === 'ENOTSUP';
}
