import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, link, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { clampLayoutMtimes } from '../../../src/image/clamp-layout.js';
import { buildLayerTar, buildOciArchive, type LayerEntry } from '../../helpers/oci-builder.js';
import { paxHeader, paxRecord, rawEntry, rawTar } from '../../helpers/raw-tar.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const run = promisify(execFile);
const EPOCH = 1_700_000_000;
const MAX = 1 << 30;
const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

interface Layout {
  manifestDigest: string;
  manifest: { layers: Array<{ mediaType: string; digest: string; size: number }>; config: { digest: string } };
  config: { rootfs: { diff_ids: string[] }; history?: unknown[] };
}

/** Reads a layout the way a registry client would, checking every blob against its name. */
async function readLayout(dir: string): Promise<Layout> {
  const blob = async (digest: string): Promise<Buffer> => {
    const bytes = await readFile(join(dir, 'blobs', 'sha256', digest.slice(7)));
    expect(sha256(bytes)).toBe(digest);
    return bytes;
  };
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: Array<{ digest: string; mediaType: string }> };
  expect(index.manifests).toHaveLength(1);
  let top = index.manifests[0]!;
  if (top.mediaType === 'application/vnd.oci.image.index.v1+json') {
    const nested = JSON.parse((await blob(top.digest)).toString()) as typeof index;
    expect(nested.manifests).toHaveLength(1);
    top = nested.manifests[0]!;
  }
  const manifestDigest = top.digest;
  const manifest = JSON.parse((await blob(manifestDigest)).toString()) as Layout['manifest'];
  const config = JSON.parse((await blob(manifest.config.digest)).toString()) as Layout['config'];
  for (const layer of manifest.layers) expect((await blob(layer.digest)).length).toBe(layer.size);
  return { manifestDigest, manifest, config };
}

/** GNU tar's mtimes (whole seconds) of the entries of a layer blob, by name. */
async function mtimes(dir: string, digest: string): Promise<Record<string, number>> {
  const { stdout } = await run('tar', ['--list', '--verbose', '--full-time', '-f', join(dir, 'blobs', 'sha256', digest.slice(7))], { env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
  return Object.fromEntries(stdout.trim().split('\n').map((line) => {
    const m = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.\d+)? +(\S+)/.exec(line)!;
    return [m[2]!, Date.parse(`${m[1]!.replace(' ', 'T')}Z`) / 1000];
  }));
}

const baseLayer: LayerEntry[] = [{ name: 'bin/', type: 'directory', mtime: EPOCH - 100 }, { name: 'bin/tool', data: 'tool', mtime: EPOCH - 100 }];
const appLayer: LayerEntry[] = [
  { name: 'app/', type: 'directory', mtime: EPOCH + 50 },
  { name: 'app/run', data: 'run-data', mtime: EPOCH + 60 },
  { name: 'app/old', data: 'old', mtime: EPOCH - 60 },
  { name: 'app/link', type: 'symlink', linkname: 'run', mtime: EPOCH + 70 },
];

describe('clampLayoutMtimes', () => {
  it('rewrites the layers holding later timestamps in place, keeps the others, and leaves a consistent layout', async () => {
    await withTempDir(async (dir) => {
      const layout = join(dir, 'layout');
      const built = await buildOciArchive({ dest: layout, format: 'oci-layout', compress: 'none', layers: [baseLayer, appLayer], nestedIndex: true });
      const before = built.layerDigests[0]!;
      const result = await clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX });
      expect(result.layersRewritten).toBe(1);
      expect(result.timestampsClamped).toBe(3);
      const after = await readLayout(join(layout));
      expect(result.manifestDigest).not.toBe(built.manifestDigests[0]);
      expect(after.manifest.layers[0]!.digest).toBe(before[0]);
      expect(after.manifest.layers[1]!.digest).not.toBe(before[1]);
      expect(after.config.rootfs.diff_ids).toEqual(after.manifest.layers.map((l) => l.digest));
      // Marked as BuildKit marks a layer its rewrite-timestamp rewrote; the untouched layer is not.
      expect((after.manifest.layers[1] as { annotations?: object }).annotations).toEqual({ 'buildkit/rewritten-timestamp': String(EPOCH) });
      expect((after.manifest.layers[0] as { annotations?: object }).annotations).toBeUndefined();
      expect(await mtimes(layout, after.manifest.layers[1]!.digest)).toEqual({ 'app/': EPOCH, 'app/run': EPOCH, 'app/old': EPOCH - 60, 'app/link': EPOCH });
      // Nothing of the old image is left, and no temporary file.
      const names = await readdir(join(layout, 'blobs', 'sha256'));
      expect(names).not.toContain(before[1]!.slice(7));
      expect(names).not.toContain(built.manifestDigests[0]!.slice(7));
      expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
      // Clamped twice is clamped once.
      const again = await clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX });
      expect(again).toEqual({ manifestDigest: result.manifestDigest, layersRewritten: 0, timestampsClamped: 0 });
    });
  });

  it('gives the same image whatever the later times were (what makes the image digest reproducible)', async () => {
    await withTempDir(async (dir) => {
      const digests: string[] = [];
      for (const shift of [1, 1000, 86_400 * 365]) {
        const layout = join(dir, `l${shift}`);
        await buildOciArchive({ dest: layout, format: 'oci-layout', compress: 'none', layers: [baseLayer, appLayer.map((e) => ({ ...e, mtime: e.mtime! > EPOCH ? EPOCH + shift : e.mtime }))] });
        digests.push((await clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX })).manifestDigest);
      }
      expect(new Set(digests).size).toBe(1);
    });
  });

  it('writes a compressed layer that needs clamping out uncompressed, and keeps one that does not', async () => {
    await withTempDir(async (dir) => {
      const layout = join(dir, 'layout');
      const built = await buildOciArchive({ dest: layout, format: 'oci-layout', compress: 'gzip', layers: [baseLayer, appLayer] });
      const result = await clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX });
      const after = await readLayout(layout);
      expect(result.layersRewritten).toBe(1);
      expect(after.manifest.layers[0]).toMatchObject({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: built.layerDigests[0]![0] });
      expect(after.manifest.layers[1]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
      expect(after.config.rootfs.diff_ids[0]).toBe(built.diffIds[0]![0]);
      expect(after.config.rootfs.diff_ids[1]).toBe(after.manifest.layers[1]!.digest);
      expect((await mtimes(layout, after.manifest.layers[1]!.digest))['app/run']).toBe(EPOCH);
    });
  });

  it('hashes again when a PAX time that crosses a 1 MiB read is patched after its first part was hashed', async () => {
    await withTempDir(async (dir) => {
      const records = Buffer.concat([paxRecord('comment', 'x'.repeat(480)), paxRecord('mtime', '1800000000.123456')]);
      const tarBytes = rawTar(rawEntry({ name: 'big' }, Buffer.alloc((1 << 20) - 1536, 7)), paxHeader(records), rawEntry({ name: 'late' }, Buffer.from('z')));
      expect(tarBytes.indexOf('1800000000')).toBeLessThan(1 << 20);
      const layout = join(dir, 'layout');
      await buildOciArchive({ dest: layout, format: 'oci-layout', compress: 'none', layers: [tarBytes] });
      await clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX });
      const after = await readLayout(layout);
      expect((await mtimes(layout, after.manifest.layers[0]!.digest)).late).toBe(EPOCH);
    });
  });

  it('patches its own copy of a hard-linked, read-only blob', async () => {
    await withTempDir(async (dir) => {
      const layout = join(dir, 'layout');
      const built = await buildOciArchive({ dest: layout, format: 'oci-layout', compress: 'none', layers: [appLayer] });
      const blobPath = join(layout, 'blobs', 'sha256', built.layerDigests[0]![0]!.slice(7));
      const outside = join(dir, 'outside');
      await link(blobPath, outside);
      await chmod(blobPath, 0o444);
      const original = await readFile(outside);
      await clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX });
      expect(await readFile(outside)).toEqual(original);
      expect((await stat(outside)).nlink).toBe(1);
      await readLayout(layout);
    });
  });

  it('refuses a blob that does not match its digest, rather than giving it a new one', async () => {
    await withTempDir(async (dir) => {
      const layout = join(dir, 'layout');
      const built = await buildOciArchive({
        dest: layout, format: 'oci-layout', compress: 'none', layers: [appLayer],
        tamper: (files) => {
          // One byte of a file's data: every header is still well-formed.
          for (const [name, bytes] of files) {
            const at = bytes.indexOf('run-data');
            if (name.startsWith('blobs/') && at >= 0) bytes[at] = 0x52;
          }
        },
      });
      await expect(clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX })).rejects.toThrow(`layer ${built.layerDigests[0]![0]}: the blob's sha256 is sha256:`);
    });
  });

  it('refuses a gzip layer that does not match its diff_id, and one that expands past the limit', async () => {
    await withTempDir(async (dir) => {
      const layout = join(dir, 'layout');
      const other = await buildLayerTar([{ name: 'x', data: 'y', mtime: EPOCH + 1 }]);
      const built = await buildOciArchive({ dest: layout, format: 'oci-layout', compress: 'gzip', layers: [appLayer] });
      const digest = built.layerDigests[0]![0]!;
      // Swap in another gzip stream under the same name, with the digest fixed up in the manifest.
      const gz = gzipSync(other);
      await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), gz);
      const manifestPath = join(layout, 'blobs', 'sha256', built.manifestDigests[0]!.slice(7));
      const manifestText = (await readFile(manifestPath, 'utf8')).replace(digest, sha256(gz)).replace(/"size":\d+}\]/, `"size":${gz.length}}]`);
      await writeFile(join(layout, 'blobs', 'sha256', sha256(gz).slice(7)), gz);
      const newManifest = Buffer.from(manifestText);
      await writeFile(join(layout, 'blobs', 'sha256', sha256(newManifest).slice(7)), newManifest);
      const index = (await readFile(join(layout, 'index.json'), 'utf8')).replace(built.manifestDigests[0]!, sha256(newManifest)).replace(/"size":\d+/, `"size":${newManifest.length}`);
      await writeFile(join(layout, 'index.json'), index);
      await expect(clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: MAX })).rejects.toThrow(`the config's diff_id says ${built.diffIds[0]![0]}`);
      await expect(clampLayoutMtimes({ layoutDir: layout, epoch: EPOCH, maxLayerBytes: 1000 })).rejects.toThrow('expands to more than 1000 bytes');
    });
  });
});
