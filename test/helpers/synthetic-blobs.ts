// A synthetic blobs directory in nitro-cli's layout (never AWS's binaries).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EifArch } from '../../src/eif/types.js';

export const SYNTHETIC_CMDLINE = 'reboot=k panic=30 pci=off nomodules console=ttyS0 random.trust_cpu=on';

export function kernelConfigText(arch: EifArch): string {
  const name = arch === 'x86_64' ? 'x86_64' : 'arm64';
  return `#\n# Automatically generated file; DO NOT EDIT.\n# Linux/${name} 4.14.256-209.484.amzn2.${arch} Kernel Configuration\n#\nCONFIG_64BIT=y\n`;
}

/** Writes a blobs directory and returns its path. */
export function makeSyntheticBlobs(arch: EifArch = 'x86_64', root?: string): string {
  const dir = root ?? mkdtempSync(join(tmpdir(), 'nitro-blobs-'));
  mkdirSync(dir, { recursive: true });
  const kernel = arch === 'x86_64' ? 'bzImage' : 'Image';
  writeFileSync(join(dir, kernel), Buffer.alloc(4099, 0x4b));
  writeFileSync(join(dir, `${kernel}.config`), kernelConfigText(arch));
  writeFileSync(join(dir, 'cmdline'), `  ${SYNTHETIC_CMDLINE}\n`);
  writeFileSync(join(dir, 'init'), Buffer.alloc(1234, 0x49));
  writeFileSync(join(dir, 'nsm.ko'), Buffer.alloc(567, 0x4e));
  return dir;
}
