import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError, UserError, VerificationError } from '../../../src/errors.js';
import { mergeFilesystem, openImage, zstdAvailable } from '../../../src/image/index.js';
import { buildLayerTar, buildOciArchive, type BuildOptions, type LayerEntry } from '../../helpers/oci-builder.js';
import { mergeRows, withTempDir } from '../../helpers/merge-image.js';
import { listMerged } from '../../helpers/merge-listing.js';

const LAYERS: LayerEntry[][] = [
  [{ name: 'bin', type: 'directory' }, { name: 'bin/sh', data: 'shell', mode: 0o755 }, { name: 'gone', data: 'x' }],
  [{ name: '.wh.gone' }, { name: 'bin/ln', type: 'link', linkname: 'bin/sh' }],
];
const CONFIG = { Cmd: ['/bin/sh'], Entrypoint: ['/e'], Env: ['A=1'], WorkingDir: '/' };
const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function openBuilt(opts: Omit<BuildOptions, 'dest'>, platform?: string) {
  return withTempDir(async (dir) => {
    const dest = join(dir, opts.format === 'oci-layout' ? 'layout' : 'image.tar');
    const built = await buildOciArchive({ ...opts, dest });
    const src = opts.format === 'oci-layout' ? { ociLayout: dest } : opts.format === 'docker-archive' ? { dockerArchive: dest } : { ociArchive: dest };
    const image = await openImage({ ...src, ...(platform ? { platform } : {}) });
    const fs = await mergeFilesystem(image, { tempDir: dir });
    try {
      return { built, image, rows: await listMerged(fs) };
    } finally {
      await fs.close();
    }
  });
}

describe('image formats', () => {
  it('OCI archive, OCI layout and docker-save archives give the same merged stream', async () => {
    const oci = await openBuilt({ format: 'oci-archive', layers: LAYERS, config: CONFIG });
    expect(oci.image.info).toEqual({
      manifestDigest: oci.built.manifestDigests[0], configDigest: oci.built.configDigests[0],
      platform: 'linux/amd64', architecture: 'amd64', cmd: ['/bin/sh'], entrypoint: ['/e'], env: ['A=1'],
      layers: oci.built.layerDigests[0],
    });
    for (const variant of [
      { format: 'oci-layout' as const },
      { format: 'docker-archive' as const },
      { format: 'docker-archive' as const, legacyDockerLayout: true },
      { format: 'oci-archive' as const, compress: 'none' as const },
    ]) {
      const other = await openBuilt({ ...variant, layers: LAYERS, config: CONFIG });
      expect(other.rows).toEqual(oci.rows);
      expect(other.image.info.configDigest).toBe(oci.built.configDigests[0]);
    }
  });

  it('a legacy docker-save archive has no manifest digest; a Docker >= 25 one does', async () => {
    const legacy = await openBuilt({ format: 'docker-archive', layers: LAYERS, legacyDockerLayout: true });
    expect(legacy.image.info.manifestDigest).toBeUndefined();
    expect(legacy.image.info.layers).toEqual(legacy.built.diffIds[0]);
    const modern = await openBuilt({ format: 'docker-archive', layers: LAYERS });
    expect(modern.image.info.manifestDigest).toBe(modern.built.manifestDigests[0]);
  });

  it('an archive given as the other kind says which flag reads it', async () => {
    await withTempDir(async (dir) => {
      const oci = await buildOciArchive({ dest: join(dir, 'oci.tar'), format: 'oci-archive', layers: LAYERS, config: CONFIG });
      await expect(openImage({ dockerArchive: oci.path })).rejects.toThrow(
        new FormatError(`${oci.path}: an OCI image archive (index.json, no manifest.json), not a docker save archive: read it as an OCI archive (--oci-archive)`));
      const legacy = await buildOciArchive({ dest: join(dir, 'legacy.tar'), format: 'docker-archive', layers: LAYERS, config: CONFIG, legacyDockerLayout: true });
      await expect(openImage({ ociArchive: legacy.path })).rejects.toThrow(
        new UserError(`${legacy.path}: not an OCI layout (no oci-layout file) but a docker save archive: read it as a docker archive (--docker-archive)`));
    });
  });

  it('reports progress per layer with compressed byte counts', async () => {
    await withTempDir(async (dir) => {
      const built = await buildOciArchive({ dest: join(dir, 'i.tar'), format: 'oci-archive', layers: LAYERS });
      const events: { layer: number; bytes: number; size?: number }[] = [];
      const fs = await mergeFilesystem(await openImage({ ociArchive: built.path }), { tempDir: dir, onProgress: (p) => events.push(p) });
      await fs.close();
      expect(events.at(-1)).toMatchObject({ layer: 1, layerCount: 2, digest: built.layerDigests[0]?.[1] });
      expect(events.at(-1)?.bytes).toBe(events.at(-1)?.size);
    });
  });
});

describe('platform selection', () => {
  const platforms = [
    { platform: 'linux/amd64', layers: [[{ name: 'amd', data: 'a' }]] },
    { platform: 'linux/arm64/v8', layers: [[{ name: 'arm', data: 'b' }]] },
  ];

  it('refuses to guess between several platforms and lists them', async () => {
    await expect(openBuilt({ format: 'oci-archive', platforms, nestedIndex: true })).rejects.toThrow(
      /several platforms \(linux\/amd64, linux\/arm64\/v8\); choose one with --platform/,
    );
  });

  it('picks --platform, through a nested index, with arm64 = arm64/v8', async () => {
    const arm = await openBuilt({ format: 'oci-archive', platforms, nestedIndex: true }, 'linux/arm64');
    expect(arm.image.info).toMatchObject({ platform: 'linux/arm64/v8', architecture: 'arm64', manifestDigest: arm.built.manifestDigests[1] });
    expect(arm.rows.some((r) => r.path === 'arm')).toBe(true);
    const amd = await openBuilt({ format: 'oci-layout', platforms, omitDescriptorPlatform: true }, 'linux/amd64');
    expect(amd.rows.some((r) => r.path === 'amd')).toBe(true);
  });

  it('names the choices when the platform is absent', async () => {
    const err = await openBuilt({ format: 'oci-archive', platforms }, 'linux/s390x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/no image for platform linux\/s390x \(the image has: linux\/amd64, linux\/arm64\/v8\)/);
  });

  it('picks from a multi-image docker-save archive', async () => {
    const arm = await openBuilt({ format: 'docker-archive', platforms, legacyDockerLayout: true }, 'linux/arm64/v8');
    expect(arm.image.info.platform).toBe('linux/arm64/v8');
  });
});

describe('integrity', () => {
  const swapBlob = (digest: string, bytes: Buffer) => (files: Map<string, Buffer>) => {
    files.set(`blobs/sha256/${digest.slice(7)}`, bytes);
  };

  it('refuses a layer whose content does not match its digest', async () => {
    const other = gzipSync(await buildLayerTar([{ name: 'evil', data: 'x' }]));
    await withTempDir(async (dir) => {
      const probe = await buildOciArchive({ dest: join(dir, 'p.tar'), format: 'oci-archive', layers: LAYERS });
      const digest = probe.layerDigests[0]?.[0] as string;
      const err = await openBuilt({ format: 'oci-archive', layers: LAYERS, tamper: swapBlob(digest, other) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VerificationError);
      expect((err as Error).message).toContain(digest);
    });
  });

  it('refuses a layer of the right size but other bytes (checked while streaming)', async () => {
    await withTempDir(async (dir) => {
      const probe = await buildOciArchive({ dest: join(dir, 'p.tar'), format: 'oci-archive', layers: LAYERS, compress: 'none' });
      const tamper = (files: Map<string, Buffer>) => {
        const key = `blobs/sha256/${probe.layerDigests[0]?.[0]?.slice(7)}`;
        const blob = Buffer.from(files.get(key) as Buffer);
        blob[1025] = (blob[1025] ?? 0) ^ 1; // inside bin/sh's data block (after two headers)
        files.set(key, blob);
      };
      await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, compress: 'none', tamper })).rejects.toThrow(
        /blob digest is sha256:[0-9a-f]{64}, the manifest says/,
      );
    });
  });

  it('reports a corrupt gzip blob as a digest mismatch, not a decompression error', async () => {
    await withTempDir(async (dir) => {
      const probe = await buildOciArchive({ dest: join(dir, 'p.tar'), format: 'oci-archive', layers: LAYERS });
      const digest = probe.layerDigests[0]?.[0] as string;
      const tamper = (files: Map<string, Buffer>) => {
        const key = `blobs/sha256/${digest.slice(7)}`;
        const blob = Buffer.from(files.get(key) as Buffer);
        blob.fill(0xff, 10, 30);
        files.set(key, blob);
      };
      const err = await openBuilt({ format: 'oci-archive', layers: LAYERS, tamper }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VerificationError);
      expect((err as Error).message).toMatch(new RegExp(`^layer ${digest}: blob digest is sha256:`));
    });
  });

  it('refuses a missing layer blob and a tampered config', async () => {
    await withTempDir(async (dir) => {
      const probe = await buildOciArchive({ dest: join(dir, 'p.tar'), format: 'oci-archive', layers: LAYERS });
      const layer = probe.layerDigests[0]?.[1] as string;
      const drop = (files: Map<string, Buffer>) => void files.delete(`blobs/sha256/${layer.slice(7)}`);
      await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, tamper: drop })).rejects.toThrow(`missing blob for layer ${layer}`);
      const config = probe.configDigests[0] as string;
      const edit = (files: Map<string, Buffer>) => {
        const key = `blobs/sha256/${config.slice(7)}`;
        files.set(key, Buffer.from((files.get(key) as Buffer).toString().replace('amd64', 'arm64')));
      };
      await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, tamper: edit })).rejects.toThrow(VerificationError);
    });
  });

  it('refuses a legacy docker-save layer that does not match its diff_id', async () => {
    const tamper = (files: Map<string, Buffer>) => {
      for (const [name, bytes] of files) if (name.endsWith('/layer.tar')) files.set(name, Buffer.concat([bytes, Buffer.alloc(512)]));
    };
    await expect(openBuilt({ format: 'docker-archive', layers: LAYERS, legacyDockerLayout: true, tamper })).rejects.toThrow(
      /uncompressed digest is sha256:[0-9a-f]{64}, the config's diff_id says/,
    );
  });
});

describe('document validation', () => {
  const editJson = (match: (name: string, json: Record<string, unknown>) => boolean, edit: (json: Record<string, unknown>) => void) =>
    (files: Map<string, Buffer>) => {
      for (const [name, bytes] of [...files]) {
        if (!name.startsWith('blobs/')) continue;
        let json: Record<string, unknown>;
        try {
          json = JSON.parse(bytes.toString()) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (!match(name, json)) continue;
        edit(json);
        const out = Buffer.from(JSON.stringify(json));
        files.delete(name);
        files.set(`blobs/sha256/${sha(out).slice(7)}`, out);
        const index = JSON.parse((files.get('index.json') as Buffer).toString()) as { manifests: Record<string, unknown>[] };
        for (const m of index.manifests) if (m.digest === `sha256:${name.slice(13)}`) Object.assign(m, { digest: sha(out), size: out.length });
        files.set('index.json', Buffer.from(JSON.stringify(index)));
      }
    };
  const isManifest = (_n: string, j: Record<string, unknown>) => j.layers !== undefined;

  it('refuses a manifest with an unknown layer media type or no layers array', async () => {
    await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, tamper: editJson(isManifest, (j) => {
      (j.layers as Record<string, unknown>[])[0]!.mediaType = 'application/x-foo';
    }) })).rejects.toThrow(/unsupported layer mediaType "application\/x-foo"/);
    await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, tamper: editJson(isManifest, (j) => void delete j.layers) })).rejects.toThrow(
      FormatError,
    );
    await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, tamper: editJson(isManifest, (j) => {
      j.mediaType = 'application/vnd.oci.image.index.v1+json';
    }) })).rejects.toThrow(/is not an image manifest/);
  });

  it('refuses an index that is not JSON', async () => {
    const tamper = (files: Map<string, Buffer>) => void files.set('index.json', Buffer.from('{nope'));
    await expect(openBuilt({ format: 'oci-archive', layers: LAYERS, tamper })).rejects.toThrow(/index.json: not valid JSON/);
  });
});

describe('zstd layers', () => {
  it(zstdAvailable() ? 'are read with zlib zstd' : 'are refused clearly on a Node without zstd', async () => {
    const run = mergeRows([[{ name: 'z', data: 'zstd data' }]], { compress: 'zstd' });
    if (zstdAvailable()) {
      expect((await run).some((r) => r.path === 'z')).toBe(true);
    } else {
      const err = await run.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe('unsupported');
      expect((err as Error).message).toMatch(/zstd-compressed.*no zstd decompressor/);
    }
  });
});
