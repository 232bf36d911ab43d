// A synthetic blobs directory in nitro-cli's layout (never AWS's binaries).
import { createHash } from 'node:crypto';
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

/** The x86_64 blob files the action tests build with: small, synthetic, fixed bytes. */
export const ACTION_TEST_BLOBS: Readonly<Record<string, string | Buffer>> = {
  bzImage: Buffer.alloc(4099, 0x4b),
  'bzImage.config': '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration\n#\n',
  cmdline: 'reboot=k panic=30 pci=off nomodules console=ttyS0\n',
  init: Buffer.alloc(1234, 0x49),
  'nsm.ko': Buffer.alloc(567, 0x4e),
};

/**
 * Writes ACTION_TEST_BLOBS into `dir` (created) and returns the `blobs-sha384` input pinning them
 * (`name=sha384` lines, computed here with node:crypto, not by the code under test).
 */
export function writePinnedBlobs(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(ACTION_TEST_BLOBS)) writeFileSync(join(dir, name), data);
  return Object.entries(ACTION_TEST_BLOBS).map(([name, data]) => `${name}=${createHash('sha384').update(data).digest('hex')}`).join('\n');
}
