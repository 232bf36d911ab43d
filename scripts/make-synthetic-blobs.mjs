// Writes a synthetic Nitro Enclaves blobs directory (nitro-cli's file names, made-up contents) for
// the example and benchmarks on machines without nitro-cli. Never AWS's binaries.
// Usage: node scripts/make-synthetic-blobs.mjs DIR [x86_64|aarch64]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, arch = 'x86_64'] = process.argv.slice(2);
if (!dir || !['x86_64', 'aarch64'].includes(arch)) {
  console.error('usage: make-synthetic-blobs.mjs DIR [x86_64|aarch64]');
  process.exit(2);
}
const kernel = arch === 'x86_64' ? 'bzImage' : 'Image';
const configArch = arch === 'x86_64' ? 'x86_64' : 'arm64';
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, kernel), Buffer.alloc(4099, 0x4b));
writeFileSync(
  join(dir, `${kernel}.config`),
  `#\n# Automatically generated file; DO NOT EDIT.\n# Linux/${configArch} 4.14.256-synthetic.${arch} Kernel Configuration\n#\n`,
);
writeFileSync(join(dir, 'cmdline'), 'reboot=k panic=30 pci=off nomodules console=ttyS0 random.trust_cpu=on\n');
writeFileSync(join(dir, 'init'), Buffer.alloc(1234, 0x49));
writeFileSync(join(dir, 'nsm.ko'), Buffer.alloc(567, 0x4e));
