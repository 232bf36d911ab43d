// Writes a synthetic multi-layer OCI image for the build-enclave benchmark:
//   node bench/make-image.mjs OUT_DIR [TOTAL_MIB] [SHAPE]
// SHAPE `large` (default): 3 layers, 40% of the bytes in 4–12 MiB files. `small-files`: 4 layers
// of files from 1 KiB to 150 KiB (≈ 13,000 files per 0.9 GiB, like a distribution's packages),
// whiteouts and an opaque directory in the top layer.
// OUT_DIR/image.oci.tar (the archive) and OUT_DIR/layers/*.tar.gz (the same layer blobs, for the
// gunzip | sha384sum floor). Content mixes incompressible (random) and compressible (text) data,
// many small files, directories, symlinks, hard links, and whiteouts in an upper layer.
// Deterministic: a seeded generator, fixed mtimes.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync, createReadStream, statSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const out = process.argv[2];
const totalMiB = Number(process.argv[3] ?? 1024);
const shape = process.argv[4] ?? 'large';
if (!out || !['large', 'small-files'].includes(shape)) throw new Error('usage: make-image.mjs OUT_DIR [TOTAL_MIB] [large|small-files]');
mkdirSync(join(out, 'layers'), { recursive: true });

// xorshift32: cheap deterministic bytes (a 16 MiB pool, sliced at varying offsets).
let seed = 0x9e3779b9;
function next() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed;
}
const pool = Buffer.alloc(16 << 20);
for (let i = 0; i < pool.length; i += 4) pool.writeUInt32LE(next(), i);
const words = 'enclave nitro kernel ramdisk measure attest policy vsock socket config lorem ipsum dolor sit amet '.split(' ');
function text(size) {
  const parts = [];
  let n = 0;
  while (n < size) { const w = words[next() % words.length] + (next() % 9 === 0 ? '\n' : ' '); parts.push(w); n += w.length; }
  return Buffer.from(parts.join('')).subarray(0, size);
}
function random(size) {
  const at = next() % (pool.length - size);
  return pool.subarray(at, at + size);
}

function hashing(hash) {
  return new Transform({ transform(chunk, _e, cb) { hash.update(chunk); cb(null, chunk); } });
}

async function writeLayer(index, fill) {
  const p = pack();
  const diff = createHash('sha256');
  const blob = createHash('sha256');
  const tmp = join(out, 'layers', `layer${index}.tar.gz`);
  const done = pipeline(p, hashing(diff), createGzip({ level: 6, chunkSize: 1 << 20 }), hashing(blob), createWriteStream(tmp));
  const entry = (header, data) => new Promise((resolve, reject) => p.entry({ mtime: new Date(1700000000000), uid: 0, gid: 0, ...header }, data, (e) => (e ? reject(e) : resolve())));
  await fill(entry);
  p.finalize();
  await done;
  return { path: tmp, diffId: `sha256:${diff.digest('hex')}`, digest: `sha256:${blob.digest('hex')}`, size: statSync(tmp).size };
}

const budget = totalMiB * 1024 * 1024; // not << 20: 2048 MiB would overflow to a negative int32
const layers = shape === 'large' ? await largeFiles() : await smallFiles();

async function largeFiles() {
const layers = [];
// Layer 0: a base system of many small compressible files (~30%).
layers.push(await writeLayer(0, async (entry) => {
  let used = 0;
  for (let d = 0; used < budget * 0.3; d++) {
    await entry({ name: `usr/share/doc/pkg${d}/`, type: 'directory', mode: 0o755 });
    for (let f = 0; f < 40 && used < budget * 0.3; f++) {
      const size = 512 + (next() % 60000);
      await entry({ name: `usr/share/doc/pkg${d}/file${f}.txt`, mode: 0o644 }, text(size));
      used += size;
    }
  }
  await entry({ name: 'bin/', type: 'directory', mode: 0o755 });
  await entry({ name: 'bin/app', mode: 0o755 }, random(1 << 20));
  await entry({ name: 'bin/app-hard', type: 'link', linkname: 'bin/app', mode: 0o755 });
  await entry({ name: 'bin/sh', type: 'symlink', linkname: 'app', mode: 0o777 });
}));
// Layer 1: large incompressible files (~40%).
layers.push(await writeLayer(1, async (entry) => {
  await entry({ name: 'opt/', type: 'directory', mode: 0o755 });
  await entry({ name: 'opt/models/', type: 'directory', mode: 0o755 });
  let used = 0;
  for (let f = 0; used < budget * 0.4; f++) {
    const size = (4 << 20) + (next() % (8 << 20));
    await entry({ name: `opt/models/blob${f}.bin`, mode: 0o644 }, random(size));
    used += size;
  }
}));
// Layer 2: mixed files (~30%), whiteouts of a few lower files, an opaque directory.
layers.push(await writeLayer(2, async (entry) => {
  await entry({ name: 'usr/share/doc/pkg1/', type: 'directory', mode: 0o755 });
  await entry({ name: 'usr/share/doc/pkg1/.wh.file3.txt', mode: 0o644 }, Buffer.alloc(0));
  await entry({ name: 'usr/share/doc/pkg2/', type: 'directory', mode: 0o755 });
  await entry({ name: 'usr/share/doc/pkg2/.wh..wh..opq', mode: 0o644 }, Buffer.alloc(0));
  await entry({ name: 'usr/share/doc/pkg2/new.txt', mode: 0o644 }, text(1000));
  await entry({ name: 'srv/', type: 'directory', mode: 0o755 });
  let used = 0;
  for (let f = 0; used < budget * 0.3; f++) {
    const size = 4096 + (next() % (1 << 20));
    await entry({ name: `srv/data${f}.${f % 2 ? 'bin' : 'txt'}`, mode: 0o640 }, f % 2 ? random(size) : text(size));
    used += size;
  }
}));
return layers;
}

// Four layers of small files (1–150 KiB, a third incompressible), in directories of 50; the top
// layer removes some lower files (whiteouts) and replaces one directory (opaque).
async function smallFiles() {
  const layers = [];
  const quarter = budget / 4;
  for (let index = 0; index < 4; index++) {
    layers.push(await writeLayer(index, async (entry) => {
      if (index === 3) {
        for (let d = 0; d < 20; d++) {
          await entry({ name: `usr/lib/l0/d${d}/`, type: 'directory', mode: 0o755 });
          await entry({ name: `usr/lib/l0/d${d}/.wh.f${d}.so`, mode: 0o644 }, Buffer.alloc(0));
        }
        await entry({ name: 'usr/lib/l1/d0/', type: 'directory', mode: 0o755 });
        await entry({ name: 'usr/lib/l1/d0/.wh..wh..opq', mode: 0o644 }, Buffer.alloc(0));
        await entry({ name: 'usr/lib/l1/d0/replaced.txt', mode: 0o644 }, text(2000));
      }
      let used = 0;
      for (let d = 0; used < quarter; d++) {
        await entry({ name: `usr/lib/l${index}/d${d}/`, type: 'directory', mode: 0o755 });
        for (let f = 0; f < 50 && used < quarter; f++) {
          const size = 1024 + (next() % (149 * 1024));
          await entry({ name: `usr/lib/l${index}/d${d}/f${f}.so`, mode: 0o644 }, f % 3 === 0 ? random(size) : text(size));
          used += size;
        }
      }
      if (index === 0) {
        await entry({ name: 'bin/', type: 'directory', mode: 0o755 });
        await entry({ name: 'bin/app', mode: 0o755 }, random(1 << 20));
        await entry({ name: 'bin/sh', type: 'symlink', linkname: 'app', mode: 0o777 });
      }
    }));
  }
  return layers;
}

const config = Buffer.from(JSON.stringify({
  architecture: 'amd64', os: 'linux',
  config: { Cmd: ['/bin/app'], Env: ['PATH=/bin'] },
  rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
}));
const digestOf = (b) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const manifest = Buffer.from(JSON.stringify({
  schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digestOf(config), size: config.length },
  layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size })),
}));
const index = Buffer.from(JSON.stringify({
  schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestOf(manifest), size: manifest.length, platform: { architecture: 'amd64', os: 'linux' } }],
}));

// The archive: small documents, then each layer streamed from its file.
const archive = pack();
const written = pipeline(archive, createWriteStream(join(out, 'image.oci.tar')));
const add = (name, data) => new Promise((resolve, reject) => archive.entry({ name, mtime: new Date(0), mode: 0o444 }, data, (e) => (e ? reject(e) : resolve())));
await add('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
await add('index.json', index);
await add(`blobs/sha256/${digestOf(config).slice(7)}`, config);
await add(`blobs/sha256/${digestOf(manifest).slice(7)}`, manifest);
for (const l of layers) {
  const sink = archive.entry({ name: `blobs/sha256/${l.digest.slice(7)}`, size: l.size, mtime: new Date(0), mode: 0o444 });
  await pipeline(createReadStream(l.path), sink);
  renameSync(l.path, join(out, 'layers', `${l.digest.slice(7)}.tar.gz`));
}
archive.finalize();
await written;
writeFileSync(join(out, 'image.json'), JSON.stringify({ layers, manifest: digestOf(manifest) }, null, 2));
