// Builds small OCI image archives in memory for pipeline tests (tar-stream + gzip).
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

export interface LayerFile {
  readonly name: string;
  readonly type?: Header['type'];
  readonly mode?: number;
  readonly data?: string | Buffer;
  readonly linkname?: string;
  readonly mtime?: number;
}

export interface OciImageSpec {
  readonly layers: readonly (readonly LayerFile[])[];
  readonly architecture?: string;
  readonly cmd?: string[];
  readonly entrypoint?: string[];
  readonly env?: string[];
}

async function tarOf(files: readonly { header: Partial<Header> & { name: string }; data?: Buffer }[]): Promise<Buffer> {
  const p = pack();
  const parts: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of p) parts.push(chunk as Buffer);
  })();
  for (const f of files) {
    await new Promise<void>((resolve, reject) => p.entry(f.header, f.data ?? Buffer.alloc(0), (e) => (e ? reject(e) : resolve())));
  }
  p.finalize();
  await done;
  return Buffer.concat(parts);
}

function digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A gzip layer from file specs. */
export async function layerTar(files: readonly LayerFile[]): Promise<{ gz: Buffer; diffId: string }> {
  const tar = await tarOf(
    files.map((f) => {
      const data = f.data === undefined ? undefined : Buffer.from(f.data);
      const type = f.type ?? (f.name.endsWith('/') ? 'directory' : 'file');
      return {
        header: { name: f.name, type, mode: f.mode ?? (type === 'directory' ? 0o755 : 0o644), mtime: new Date((f.mtime ?? 0) * 1000), size: data?.length ?? 0, linkname: f.linkname, uid: 0, gid: 0 },
        data,
      };
    }),
  );
  return { gz: gzipSync(tar, { level: 1 }), diffId: digest(tar) };
}

/** An OCI image archive (`oci-layout`, `index.json`, `blobs/sha256/…`). */
export async function ociArchive(spec: OciImageSpec): Promise<{ archive: Buffer; manifestDigest: string; configDigest: string }> {
  const layers = await Promise.all(spec.layers.map((l) => layerTar(l)));
  const config = Buffer.from(
    JSON.stringify({
      architecture: spec.architecture ?? 'amd64',
      os: 'linux',
      config: { Cmd: spec.cmd, Entrypoint: spec.entrypoint, Env: spec.env ?? ['PATH=/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(config), size: config.length },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: digest(l.gz), size: l.gz.length })),
    }),
  );
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digest(manifest), size: manifest.length, platform: { architecture: spec.architecture ?? 'amd64', os: 'linux' } }],
    }),
  );
  const blob = (data: Buffer) => ({ header: { name: `blobs/sha256/${digest(data).slice(7)}`, size: data.length, mode: 0o444, mtime: new Date(0) }, data });
  const archive = await tarOf([
    { header: { name: 'oci-layout', size: 30, mode: 0o644, mtime: new Date(0) }, data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    { header: { name: 'index.json', size: index.length, mode: 0o644, mtime: new Date(0) }, data: index },
    blob(config),
    blob(manifest),
    ...layers.map((l) => blob(l.gz)),
  ]);
  return { archive, manifestDigest: digest(manifest), configDigest: digest(config) };
}
