import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeFilesystem, openImage } from '../../../src/image/index.js';
import { listMerged } from '../../helpers/merge-listing.js';
import { fixture } from '../../helpers/paths.js';

const FIXTURE = fixture('linuxkit-case-a');

describe('linuxkit-case-a fixture image', () => {
  let tempDir: string;
  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'image-fixture-'));
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('reads the image info from the OCI archive', async () => {
    const image = await openImage({ ociArchive: join(FIXTURE, 'image.oci.tar') });
    expect(image.info).toMatchObject({
      manifestDigest: 'sha256:4c1877c11f0d7fa9468a585625a8fe91e55c05d6fa285669525ba6c0f9392051',
      configDigest: 'sha256:1e0c9888fcc0d5c66b90633d571de88caad08f88571df39ff7c74a53f5e21893',
      platform: 'linux/amd64',
      architecture: 'amd64',
      cmd: ['/bin/busybox', 'echo', 'hello'],
      env: ['PATH=/bin', 'HELLO=hello from a'],
      layers: ['sha256:8ee6becf88d55df682eac91e580777c643c4264517832aff41477577b3ee44d5'],
    });
  });

  it('merges to the listing linuxkit wrote, before linuxkit normalisations', async () => {
    const image = await openImage({ ociArchive: join(FIXTURE, 'image.oci.tar') });
    const fs = await mergeFilesystem(image, { tempDir, createdAt: 1234 });
    try {
      const rows = await listMerged(fs);
      // customer.cpio.list.txt minus the rootfs/ prefix; init-layer entries linuxkit drops or rewrites
      // (.dockerenv, dev/console, etc/hostname; etc/hosts, etc/resolv.conf contents) are docker's here.
      const dir = { type: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0 };
      const init = { uid: 0, gid: 0, mtime: 1234, size: 0 };
      expect(rows.map(({ sha256, ...r }) => ({ ...r, ...(sha256 && r.size > 0 ? { sha: sha256.slice(0, 16) } : {}) }))).toEqual([
        { path: '.dockerenv', type: 'file', mode: 0o755, ...init },
        { path: 'bin/', ...dir, mtime: 0 },
        { path: 'bin/busybox', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 0, size: 1982256, sha: '3d9f2889d6782537' },
        { path: 'dev/', ...dir, mtime: 1234 },
        { path: 'dev/console', type: 'file', mode: 0o755, ...init },
        { path: 'dev/pts/', ...dir, mtime: 1234 },
        { path: 'dev/shm/', ...dir, mtime: 1234 },
        { path: 'etc/', ...dir, mtime: 1234 },
        { path: 'etc/hostname', type: 'file', mode: 0o755, ...init },
        { path: 'etc/hosts', type: 'file', mode: 0o755, ...init },
        { path: 'etc/mtab', type: 'symlink', mode: 0o777, ...init, linkname: '/proc/mounts' },
        { path: 'etc/resolv.conf', type: 'file', mode: 0o755, ...init },
        { path: 'proc/', ...dir, mtime: 1234 },
        { path: 'sys/', ...dir, mtime: 1234 },
      ]);
    } finally {
      await fs.close();
    }
  });
});
