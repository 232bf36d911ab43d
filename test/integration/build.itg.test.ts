// The same image built by the real engine as an OCI archive, a buildx docker archive and a
// `docker save` archive gives the same EIF bytes (and so the same PCRs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildEnclave } from '../../src/build/pipeline.js';
import type { ManifestEntry } from '../../src/build/manifest.js';
import { openManifest } from '../../src/build/manifest-reader.js';
import { inspectEif } from '../../src/eif/index.js';
import { sha384 } from '../helpers/bytes.js';
import { makeBuildContext } from '../helpers/build-context.js';
import { buildDockerArchive, buildOci, loadOci, saveImage } from '../helpers/docker.js';
import { describeWithInfra } from '../helpers/infra.js';

const DOCKERFILE = (base: string) => `FROM ${base}
RUN mkdir -p /app/bin /app/data && echo one > /app/data/a && ln /app/data/a /app/bin/a-hard \\
 && ln -s ../data/a /app/bin/a-soft && echo gone > /app/data/gone && chmod 4755 /app/data/a
RUN rm /app/data/gone && mkfifo /app/fifo
COPY payload /app/payload
ENV HELLO="from itg"
CMD ["/app/payload"]
`;

describeWithInfra('build-enclave from real engine archives', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let blobs = '';
  let ctx = '';

  beforeAll(async () => {
    ({ dir, cleanup, blobs, ctx } = await makeBuildContext('nitro-build-itg-', DOCKERFILE));
  });
  afterAll(() => cleanup());

  async function eif(name: string, image: Parameters<typeof buildEnclave>[0]['image']) {
    const out = join(dir, `${name}.eif`);
    const result = await buildEnclave({ image, outputPath: out, blobsDir: blobs, sourceDateEpoch: 1700000000, tempDir: dir, manifestPath: join(dir, `${name}.manifest.json`) });
    return { out, result, sha384: sha384(readFileSync(out)) };
  }

  it('gives identical EIF bytes for the OCI archive, the buildx docker archive and docker save', async () => {
    const oci = await buildOci(ctx, { sourceDateEpoch: 1700000000, out: join(dir, 'img.oci.tar'), name: 'nitro-test/build-itg:1' });
    const dockerTar = await buildDockerArchive(ctx, { sourceDateEpoch: 1700000000, out: join(dir, 'img.docker.tar'), name: 'nitro-test/build-itg:1' });
    const ref = await loadOci(oci);
    await saveImage(ref, join(dir, 'img.saved.tar'));

    const a = await eif('oci', { ociArchive: oci });
    const b = await eif('docker', { dockerArchive: dockerTar });
    const c = await eif('saved', { dockerArchive: join(dir, 'img.saved.tar') });
    expect(b.result.eif.pcrs).toEqual(a.result.eif.pcrs);
    expect(c.result.eif.pcrs).toEqual(a.result.eif.pcrs);
    // The buildx docker archive has no index.json, so no manifest digest: only the measurements file says so.
    expect(b.result.measurements!.ramdisks).toEqual(a.result.measurements!.ramdisks);
    expect(b.result.measurements!.image.config_digest).toBe(a.result.measurements!.image.config_digest);
    expect(b.sha384).toBe(a.sha384);
    expect(c.sha384).toBe(a.sha384);

    const inspected = await inspectEif(a.out);
    expect(inspected.pcrs).toEqual(a.result.eif.pcrs);
    const entries: ManifestEntry[] = [];
    for await (const entry of (await openManifest(a.result.manifest!.path)).entries()) entries.push(entry);
    // The group's data goes with the name first in walk order (app/bin/ sorts before app/data/).
    expect(entries.find((e) => e.path === 'rootfs/app/bin/a-hard')).toMatchObject({ type: 'file', mode: '4755', size: 4 });
    expect(entries.find((e) => e.path === 'rootfs/app/data/a')).toMatchObject({ type: 'symlink', target: '../bin/a-hard', mode: '4755' });
    expect(entries.find((e) => e.path === 'rootfs/app/data/gone')).toBeUndefined();
    expect(entries.find((e) => e.path === 'rootfs/app/fifo')).toMatchObject({ type: 'fifo' });
  });
});
