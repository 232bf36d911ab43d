// Opt-in: AWS's own blobs are never committed, so this runs only when NITRO_EIF_AWS_BLOBS names a
// directory holding them in nitro-cli's per-architecture layout (x86_64/, aarch64/; each with
// init, nsm.ko, cmdline and the kernel: `git show HEAD:blobs/<arch>/<file>` from
// aws/aws-nitro-enclaves-cli gives all but the kernel, which is stored outside git; any file
// stands in for it here, since the bootstrap ramdisk does not contain it). The expected values
// are the spec's (ramdisks.md §3 and §5), not this code's output.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobReport } from '../../../src/build/blob-report.js';
import { loadBlobs } from '../../../src/build/blobs.js';
import { pinMismatch, PUBLIC_BLOB_SETS } from '../../../src/build/known-blobs.js';
import type { EifArch } from '../../../src/eif/types.js';

const root = process.env['NITRO_EIF_AWS_BLOBS'];

const SPEC: Record<EifArch, { size: number; sha384: string; cmdline: string }> = {
  x86_64: {
    size: 764416,
    sha384: '8cd1a7c92774b5351c4969f6998f07f6715dbb291ef8a7ade6c3126435a2227d72904343f41ca3df9984e1f7fa036371',
    cmdline: 'reboot=k panic=30 pci=off nomodules console=ttyS0 i8042.noaux i8042.nomux i8042.nopnp i8042.dumbkbd random.trust_cpu=on',
  },
  aarch64: {
    size: 762368,
    sha384: 'b3fbc404b3ae0bd62c34da60313a407ff4ffeb0a1540389dc0c952905a0616f282a92c18bcd445b89d8dc5b425027249',
    cmdline: 'reboot=k panic=30 pci=off nomodules console=ttyS0 random.trust_cpu=on root=/dev/ram0',
  },
};

describe.skipIf(!root)('the bootstrap ramdisk from AWS\'s published blobs (NITRO_EIF_AWS_BLOBS)', () => {
  for (const arch of ['x86_64', 'aarch64'] as const) {
    it.skipIf(!root || !existsSync(join(root, arch)))(`${arch}: has the spec's size and SHA-384, and the spec's trimmed cmdline`, async () => {
      const report = await blobReport(await loadBlobs({ dir: join(root!, arch), arch }));
      expect(report.bootstrap).toEqual({ size: SPEC[arch].size, sha384: SPEC[arch].sha384 });
      expect(report.cmdline).toBe(SPEC[arch].cmdline);
    });
  }

  for (const arch of ['x86_64', 'aarch64'] as const) {
    it.skipIf(!root || !existsSync(join(root, arch)))(`${arch}: every file present matches the compiled-in pins of the public sets`, async () => {
      // The kernel may be a stand-in (see above): only the files that are AWS's are compared.
      const set = await loadBlobs({ dir: join(root!, arch), arch });
      for (const blob of [set.kernelConfig, set.cmdline, set.init, set.nsm]) {
        const pin = PUBLIC_BLOB_SETS[PUBLIC_BLOB_SETS.length - 1]!.files[arch][blob.name]!;
        expect(pinMismatch(pin, { size: blob.bytes.byteLength, sha384: blob.sha384, gitBlob: blob.gitBlob }), blob.name).toBeUndefined();
      }
    });
  }
});
