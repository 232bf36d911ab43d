// Writes an OCI archive of one layer holding N empty files (in directories of 1000), the shape of a
// large language package tree reduced to its entry count:
//   node bench/make-many-files.mjs OUT.oci.tar [N]   (default 1000000)
// Headers are written by hand (ustar, valid checksums): a tar library spends more time than the
// measured build at this entry count. Deterministic.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import process from 'node:process';

const out = process.argv[2];
const count = Number(process.argv[3] ?? 1_000_000);
if (!out) throw new Error('usage: make-many-files.mjs OUT.oci.tar [N]');

function header(name, type, size = 0) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 'latin1');
  h.write(type === '5' ? '0000755\0' : '0000644\0', 100, 'latin1');
  h.write('0000000\0', 108, 'latin1');
  h.write('0000000\0', 116, 'latin1');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  h.write('00000000000\0', 136, 'latin1');
  h[156] = type.charCodeAt(0);
  h.write('ustar\x0000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

function tarOf(members) {
  const parts = [];
  for (const [name, data] of members) {
    parts.push(header(name, '0', data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

const blocks = [];
for (let i = 0; i < count; i++) {
  if (i % 1000 === 0) blocks.push(header(`d${String(i / 1000).padStart(4, '0')}/`, '5'));
  blocks.push(header(`d${String(Math.floor(i / 1000)).padStart(4, '0')}/f${String(i % 1000).padStart(3, '0')}`, '0'));
}
blocks.push(Buffer.alloc(1024));
const layerTar = Buffer.concat(blocks);
const layer = gzipSync(layerTar, { level: 6 });
const sha = (b) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const config = Buffer.from(JSON.stringify({
  architecture: 'amd64', os: 'linux', config: { Cmd: ['/bin/true'] }, rootfs: { type: 'layers', diff_ids: [sha(layerTar)] },
}));
const manifest = Buffer.from(JSON.stringify({
  schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(layer), size: layer.length }],
}));
const index = Buffer.from(JSON.stringify({
  schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(manifest), size: manifest.length }],
}));
const blob = (b) => [`blobs/sha256/${sha(b).slice(7)}`, b];
writeFileSync(out, tarOf([['oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')], ['index.json', index], blob(manifest), blob(config), blob(layer)]));
process.stderr.write(`${out}: ${count} files, layer ${layer.length} bytes gzip (${layerTar.length} tar)\n`);
