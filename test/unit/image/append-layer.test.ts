import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { appendFileLayer, appendFileLayerInLayout, goJson, readImageDigest } from '../../../src/image/append-layer.js';
import { fixture } from '../../helpers/paths.js';
import { packLayout } from '../../../src/image/layout-tar.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

// A one-layer OCI archive, optionally with a nested index (the multi-platform form).
async function makeArchive(path: string, nested: boolean): Promise<{ manifestDigest: string }> {
  const layer = await tarOf([{ name: 'bin/', type: 'directory' }, { name: 'bin/hello', body: 'hi' }]);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${sha(layer)}`] }, history: [{ created_by: 'base' }] }));
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha(config)}`, size: config.length },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${sha(layer)}`, size: layer.length }] }));
  const manifestDesc = { mediaType: MANIFEST, digest: `sha256:${sha(manifest)}`, size: manifest.length, platform: { architecture: 'amd64', os: 'linux' } };
  const blobs = [layer, config, manifest];
  let top: object = manifestDesc;
  if (nested) {
    const inner = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: [manifestDesc] }));
    blobs.push(inner);
    top = { mediaType: INDEX, digest: `sha256:${sha(inner)}`, size: inner.length };
  }
  const files = [
    { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
    ...blobs.map((b) => ({ name: `blobs/sha256/${sha(b)}`, body: b })),
    { name: 'index.json', body: JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: [top] }) },
  ];
  await writeFile(path, await tarOf(files));
  return { manifestDigest: manifestDesc.digest };
}

async function tarOf(files: Array<{ name: string; body?: string | Buffer; type?: 'directory' }>): Promise<Buffer> {
  const pack = tar.pack();
  for (const f of files) pack.entry({ name: f.name, type: f.type ?? 'file', mtime: new Date(0) }, f.body ?? '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function readTar(path: string): Promise<Map<string, { header: tar.Header; body: Buffer }>> {
  const out = new Map<string, { header: tar.Header; body: Buffer }>();
  const extract = tar.extract();
  const done = pipeline(createReadStream(path), extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.set(entry.header.name, { header: entry.header, body: Buffer.concat(chunks) });
  }
  await done;
  return out;
}

describe('appendFileLayer', () => {
  for (const nested of [false, true]) {
    it(`adds a root-owned 0755 file layer and rewrites config, manifest and index${nested ? ' (nested index)' : ''}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'append-'));
      const archive = join(dir, 'in.tar');
      const before = await makeArchive(archive, nested);
      expect(await readImageDigest(archive)).toBe(before.manifestDigest);
      await writeFile(join(dir, 'util'), 'UTIL', { mode: 0o600 });
      const result = await appendFileLayer({ archivePath: archive, outputPath: join(dir, 'out.tar'), sourcePath: join(dir, 'util'), targetPath: '/app/bin/dstack-util', mtime: 1234 });

      const files = await readTar(join(dir, 'out.tar'));
      for (const [name, { body }] of files) if (name.startsWith('blobs/sha256/')) expect(sha(body), name).toBe(name.slice(13));
      const index = JSON.parse(files.get('index.json')!.body.toString());
      let desc = index.manifests[0];
      if (nested) desc = JSON.parse(files.get(`blobs/sha256/${desc.digest.slice(7)}`)!.body.toString()).manifests[0];
      expect(desc.digest).toBe(result.manifestDigest);
      expect(desc.platform).toEqual({ architecture: 'amd64', os: 'linux' });
      expect(files.has(`blobs/sha256/${before.manifestDigest.slice(7)}`)).toBe(false);
      const manifest = JSON.parse(files.get(`blobs/sha256/${desc.digest.slice(7)}`)!.body.toString());
      expect(manifest.layers).toHaveLength(2);
      const layerBytes = files.get(`blobs/sha256/${manifest.layers[1].digest.slice(7)}`)!.body;
      expect(manifest.layers[1]).toEqual({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${sha(layerBytes)}`, size: layerBytes.length });
      const config = JSON.parse(files.get(`blobs/sha256/${manifest.config.digest.slice(7)}`)!.body.toString());
      expect(config.rootfs.diff_ids[1]).toBe(result.layerDigest);
      expect(config.history.at(-1)).toEqual({ created: '1970-01-01T00:20:34Z', created_by: 'nitro-eif-build: add /app/bin/dstack-util' });

      await writeFile(join(dir, 'layer.tar'), layerBytes);
      const layer = await readTar(join(dir, 'layer.tar'));
      expect([...layer.keys()]).toEqual(['app/', 'app/bin/', 'app/bin/dstack-util']);
      for (const { header } of layer.values()) expect([header.mode, header.uid, header.gid, header.mtime!.getTime()]).toEqual([0o755, 0, 0, 1234000]);
      expect(layer.get('app/bin/dstack-util')!.body.toString()).toBe('UTIL');
    });
  }

  it('gives identical bytes on a second run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'append-'));
    await makeArchive(join(dir, 'in.tar'), false);
    await writeFile(join(dir, 'util'), 'UTIL');
    const opts = { archivePath: join(dir, 'in.tar'), sourcePath: join(dir, 'util'), targetPath: '/dstack-util', mtime: 5 };
    await appendFileLayer({ ...opts, outputPath: join(dir, 'a.tar') });
    await appendFileLayer({ ...opts, outputPath: join(dir, 'b.tar') });
    expect(sha(await readFile(join(dir, 'a.tar')))).toBe(sha(await readFile(join(dir, 'b.tar'))));
  });

  it('refuses an archive with two images and a relative target', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'append-'));
    await writeFile(join(dir, 'util'), 'UTIL');
    await pipeline(async function* () { yield await tarOf([{ name: 'index.json', body: JSON.stringify({ manifests: [{}, {}] }) }]); }, createWriteStream(join(dir, 'two.tar')));
    await expect(appendFileLayer({ archivePath: join(dir, 'two.tar'), outputPath: join(dir, 'o.tar'), sourcePath: join(dir, 'util'), targetPath: '/x', mtime: 0 }))
      .rejects.toThrow(/index\.json must list exactly one image \(got 2\)/);
    await makeArchive(join(dir, 'in.tar'), false);
    await expect(appendFileLayer({ archivePath: join(dir, 'in.tar'), outputPath: join(dir, 'o.tar'), sourcePath: join(dir, 'util'), targetPath: 'x', mtime: 0 }))
      .rejects.toThrow(/must be absolute/);
  });
});

// The same image as a layout directory (what `docker buildx --output type=oci,tar=false` writes).
async function unpack(archive: string, dir: string): Promise<void> {
  for (const [name, { body }] of await readTar(archive)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), body);
  }
}

describe('appendFileLayerInLayout and packLayout', () => {
  for (const nested of [false, true]) {
    it(`change a layout in place to the very image appendFileLayer writes as an archive${nested ? ' (nested index)' : ''}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'append-layout-'));
      const before = await makeArchive(join(dir, 'in.tar'), nested);
      await writeFile(join(dir, 'util'), 'UTIL');
      const opts = { sourcePath: join(dir, 'util'), targetPath: '/app/bin/dstack-util', mtime: 1234 };
      const archived = await appendFileLayer({ ...opts, archivePath: join(dir, 'in.tar'), outputPath: join(dir, 'out.tar') });
      const layout = join(dir, 'layout');
      await unpack(join(dir, 'in.tar'), layout);
      expect(await readImageDigest(layout)).toBe(before.manifestDigest);

      const inPlace = await appendFileLayerInLayout({ ...opts, layoutDir: layout });
      expect(inPlace).toEqual(archived);
      expect(await readImageDigest(layout)).toBe(archived.manifestDigest);
      expect((await readdir(join(layout, 'blobs', 'sha256'))).filter((n) => n.startsWith('.'))).toEqual([]);
      await pipeline(packLayout(layout), createWriteStream(join(dir, 'packed.tar')));
      const packed = await readTar(join(dir, 'packed.tar'));
      // index.json is the layout's, less BuildKit's `latest` ref name (docker load would take it for a name).
      const layoutIndex = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8'));
      expect(JSON.parse(packed.get('index.json')!.body.toString())).toEqual(layoutIndex);
      packed.delete('index.json');
      const archivedFiles = await readTar(join(dir, 'out.tar'));
      expect(layoutIndex).toEqual(JSON.parse(archivedFiles.get('index.json')!.body.toString()));
      archivedFiles.delete('index.json');
      const body = (files: Map<string, { body: Buffer }>) => new Map([...files].map(([n, f]) => [n, sha(f.body)]));
      expect(body(packed)).toEqual(body(archivedFiles));
    });
  }

  it('packLayout leaves out the ref name of an unnamed image only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'append-layout-'));
    await makeArchive(join(dir, 'in.tar'), false);
    const layout = join(dir, 'layout');
    await unpack(join(dir, 'in.tar'), layout);
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8'));
    const annotated = (annotations: Record<string, string>) => ({ ...index, manifests: [{ ...index.manifests[0], annotations }] });
    const packedIndex = async () => {
      await pipeline(packLayout(layout), createWriteStream(join(dir, 'packed.tar')));
      return JSON.parse((await readTar(join(dir, 'packed.tar'))).get('index.json')!.body.toString()).manifests[0].annotations;
    };
    await writeFile(join(layout, 'index.json'), JSON.stringify(annotated({ 'org.opencontainers.image.ref.name': 'latest', 'org.opencontainers.image.created': 'x' })));
    expect(await packedIndex()).toEqual({ 'org.opencontainers.image.created': 'x' });
    const named = { 'io.containerd.image.name': 'docker.io/acme/app:1', 'org.opencontainers.image.ref.name': '1' };
    await writeFile(join(layout, 'index.json'), JSON.stringify(annotated(named)));
    expect(await packedIndex()).toEqual(named);
  });

  it('packLayout refuses a blob that is not a regular file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'append-layout-'));
    await makeArchive(join(dir, 'in.tar'), false);
    const layout = join(dir, 'layout');
    await unpack(join(dir, 'in.tar'), layout);
    await symlink('/etc/hostname', join(layout, 'blobs', 'sha256', 'f'.repeat(64)));
    await expect(pipeline(packLayout(layout), createWriteStream(join(dir, 'packed.tar')))).rejects.toThrow(/blobs\/sha256\/f{64} is not a regular file/);
  });
});

describe('goJson', () => {
  it('writes BuildKit\'s documents back byte for byte (Go\'s escaping, the manifest\'s indentation)', async () => {
    for (const name of ['config.json', 'manifest.json', 'index.json']) {
      const original = await readFile(fixture('buildkit-documents', name));
      expect(goJson(JSON.parse(original.toString('utf8')), original).toString('utf8'), name).toBe(original.toString('utf8'));
    }
    const config = await readFile(fixture('buildkit-documents', 'config.json'), 'utf8');
    expect(config).toContain('\\u0026\\u0026');
  });
});
