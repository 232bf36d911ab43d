// Which way the image reaches the EIF builder: `auto` follows the buildx builder's driver (asked
// from a stand-in `docker` that answers as `docker buildx inspect` does), and a forced
// rootfs-stream is refused, in one line, where the builder's own store would hide the image.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseImageExport } from '../../../src/build/image-build.js';

describe('chooseImageExport', () => {
  let dir = '';
  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'nitro-export-choice-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  /** A `docker` whose `buildx inspect` prints what a builder with `driver` prints. */
  async function dockerWith(driver: string | undefined): Promise<Record<string, string | undefined>> {
    const inspect = driver === undefined ? 'exit 1' : `printf 'Name:          b\\nDriver:        ${driver}\\nLast Activity: 2026-12-04\\n'`;
    await writeFile(join(dir, 'docker'), `#!/bin/sh\n[ "$1 $2" = "buildx inspect" ] || exit 9\n${inspect}\n`);
    await chmod(join(dir, 'docker'), 0o755);
    return { PATH: `${dir}:${process.env['PATH'] ?? ''}` };
  }

  it('auto: the stream with the docker driver, the OCI layout with any other or when buildx cannot say', async () => {
    expect(await chooseImageExport('auto', await dockerWith('docker'))).toBe('rootfs-stream');
    expect(await chooseImageExport('auto', await dockerWith('docker-container'))).toBe('oci-layout');
    expect(await chooseImageExport('auto', await dockerWith('kubernetes'))).toBe('oci-layout');
    expect(await chooseImageExport('auto', await dockerWith(undefined))).toBe('oci-layout');
  });

  it('takes a forced path as given, but refuses the stream on a builder without the docker driver', async () => {
    expect(await chooseImageExport('oci-layout', await dockerWith('docker'))).toBe('oci-layout');
    expect(await chooseImageExport('rootfs-stream', await dockerWith('docker'))).toBe('rootfs-stream');
    await expect(chooseImageExport('rootfs-stream', await dockerWith('docker-container')))
      .rejects.toThrow(/^image-export rootfs-stream needs a buildx builder with the docker driver, this one's is docker-container; use auto or oci-layout$/);
  });
});
