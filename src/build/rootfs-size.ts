// The limit on the image's root filesystem (the total of its files' data). The files end up in the
// enclave's memory (the customer ramdisk is unpacked into a RAM filesystem) and `run-enclave` needs
// about 4 × the EIF's size of enclave memory, so a 16 GiB root filesystem already needs an enclave
// of some 64 GiB: more than that is not an image anyone runs in an enclave, and refusing it early
// keeps a hostile layer (a gzip bomb) from filling the build machine's disk. docs/build.md explains.
import { UserError } from '../errors.js';

export const DEFAULT_MAX_ROOTFS_SIZE = 16 * 2 ** 30;

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, k: 2 ** 10, kib: 2 ** 10, m: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gib: 2 ** 30, t: 2 ** 40, tib: 2 ** 40 };

/** `17179869184`, `16GiB`, `512M` (binary multiples) → bytes; `what` names the flag or input in the error. */
export function parseByteSize(text: string, what: string): number {
  const match = /^\s*(\d{1,16})\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[(match[2] ?? '').toLowerCase()] : undefined;
  const bytes = match && unit !== undefined ? Number(match[1]) * unit : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UserError(`${what}: expected a size in bytes, optionally with K, M, G or T (binary multiples), got ${JSON.stringify(text)}`, { code: 'usage' });
  }
  return bytes;
}
