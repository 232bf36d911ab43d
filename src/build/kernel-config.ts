// OS and kernel version from line 3 of the kernel config blob, split as nitro-cli's
// `generate_build_info` does (on ' ', '/' and '-'), e.g.
// `# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration` → Linux, 4.14.256, x86_64.
import type { EifArch } from '../eif/types.js';
import { UserError } from '../errors.js';

/** nitro-cli's value for a field the line does not have. */
export const UNKNOWN_KERNEL_FIELD = 'Unknown';

export interface KernelInfo {
  readonly os: string;
  readonly version: string;
  /** The kernel's architecture when the config line names one we know. */
  readonly arch?: EifArch;
}

const KERNEL_ARCH: Readonly<Record<string, EifArch>> = { x86_64: 'x86_64', x86: 'x86_64', arm64: 'aarch64', aarch64: 'aarch64' };

/** Parses the config text; `path` names the file in errors. */
export function parseKernelConfig(text: string, path: string): KernelInfo {
  const line = text.split('\n')[2];
  if (line === undefined) throw new UserError(`kernel config ${path}: fewer than 3 lines`, { code: 'format' });
  const words = line.replace(/\r$/, '').split(/[ /-]/);
  return {
    os: words[1] ?? UNKNOWN_KERNEL_FIELD,
    version: words[3] ?? UNKNOWN_KERNEL_FIELD,
    arch: KERNEL_ARCH[words[2] ?? ''],
  };
}
