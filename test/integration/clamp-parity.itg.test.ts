// The action's image build clamps timestamps itself (src/image/clamp-layout.ts) instead of asking
// BuildKit for rewrite-timestamp. The referee is BuildKit: the same context built with
// `rewrite-timestamp=true` must give the same EIF (PCRs, ramdisk digests, every file and mtime in
// the manifest) and the same image digest, and a rebuild from scratch the same again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildImageArchive } from '../../src/build/image-build.js';
import { readImageDigest } from '../../src/image/append-layer.js';
import { buildEnclave } from '../../src/build/pipeline.js';
import { makeBuildContext } from '../helpers/build-context.js';
import { buildOci } from '../helpers/docker.js';
import { describeWithInfra } from '../helpers/infra.js';

const EPOCH = 1_700_000_000;

// RUN steps stamp the wall clock on what they create (and on /dev, /proc, /sys); COPY keeps the
// context's mtimes (one in the past, one far in the future); touch sets both sides explicitly.
const DOCKERFILE = (base: string) => `FROM ${base}
COPY payload past.txt future.txt /app/
RUN mkdir -p /app/run && echo now > /app/run/now && touch -d @1500000000 /app/run/old && touch -d @4000000000 /app/run/later
COPY --chmod=0755 payload /app/bin/tool
CMD ["/app/bin/tool"]
`;

describeWithInfra('timestamps clamped after the build, as BuildKit rewrite-timestamp does', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let blobs = '';
  let ctx = '';

  beforeAll(async () => {
    ({ dir, cleanup, blobs, ctx } = await makeBuildContext('nitro-clamp-itg-', DOCKERFILE, { datedFiles: { epoch: EPOCH } }));
  });
  afterAll(() => cleanup());

  async function eif(name: string, image: Parameters<typeof buildEnclave>[0]['image']) {
    const manifestPath = join(dir, `${name}.manifest.json`);
    const result = await buildEnclave({ image, outputPath: join(dir, `${name}.eif`), blobsDir: blobs, sourceDateEpoch: EPOCH, tempDir: dir, manifestPath });
    return { result, manifest: await readFile(manifestPath, 'utf8') };
  }

  async function ownBuild(name: string, noCache: boolean) {
    const info: string[] = [];
    const built = await buildImageArchive({
      context: ctx, file: join(ctx, 'Dockerfile'), buildArgs: {}, platform: 'linux/amd64', network: 'none',
      sourceDateEpoch: EPOCH, dir: join(dir, name), noCache, env: process.env, onInfo: (line) => info.push(line),
    });
    return { built, info };
  }

  it('gives the EIF and the image digest BuildKit\'s rewrite-timestamp gives, and a rebuild from scratch the same', async () => {
    const referee = await buildOci(ctx, { sourceDateEpoch: EPOCH, out: join(dir, 'rewritten.oci.tar'), uncompressed: true });
    const theirs = await eif('rewritten', { ociArchive: referee });
    const first = await ownBuild('own', false);
    expect(first.info.join('\n')).toMatch(/timestamps after SOURCE_DATE_EPOCH \(1700000000\) clamped: \d+ in [1-9]\d* layer\(s\)/);
    const ours = await eif('own', { ociLayout: first.built.ociLayout });
    expect(ours.result.eif.pcrs).toEqual(theirs.result.eif.pcrs);
    expect(ours.manifest).toBe(theirs.manifest);
    // The manifest shows the clamping: nothing after the epoch, the past left as it was.
    expect(ours.manifest).toContain('"rootfs/app/past.txt"');
    const times = [...ours.manifest.matchAll(/"mtime":(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...times)).toBe(EPOCH);
    expect(times).toContain(1_500_000_000);
    expect(times).toContain(EPOCH - 1000);

    // The patched layers and the documents are byte for byte BuildKit's: the same image digest.
    expect(first.built.imageDigest).toBe(await readImageDigest(referee));
    const again = await ownBuild('own-again', true);
    expect(again.built.imageDigest).toBe(first.built.imageDigest);
    expect(ours.result.measurements!.image.manifest_digest).toBe(first.built.imageDigest);
  });
});
