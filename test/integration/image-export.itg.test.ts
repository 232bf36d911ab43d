// The two ways a built image reaches the EIF builder (src/build/context-build.ts) must give the
// same EIF, byte for byte: BuildKit's root filesystem stream (read while the engine writes the
// image) and the OCI layout directory (layers clamped in place). The flattened image that names
// the build in both is checked against the engine: loaded into Docker, it exports the same files
// as the image the layout path built, and Docker reads the config the measurements report.
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildFromContext, type ContextBuildResult } from '../../src/build/context-build.js';
import { runProcess } from '../../src/build/docker-build.js';
import { layerPlacement, type ImageBuildRequest, type ImageExport } from '../../src/build/image-build.js';
import { packLayout } from '../../src/image/layout-tar.js';
import { makeBuildContext } from '../helpers/build-context.js';
import { docker, exportImage, makeBusyboxBase } from '../helpers/docker.js';
import { readExportTar } from '../helpers/export-tar.js';
import { describeWithInfra } from '../helpers/infra.js';

const EPOCH = 1_700_000_000;

// Three layers over the base: deletions (whiteouts), a directory removed and made again (opaque),
// a hard link whose first name goes, a FIFO, setuid and chown, times on both sides of the epoch,
// UTF-8 and long names, WORKDIR, ENV, an ENTRYPOINT with an empty CMD.
const DOCKERFILE = (base: string) => `FROM ${base}
COPY payload past.txt future.txt /app/
RUN mkdir -p /data/d /gone && echo a > /data/d/f && echo x > /app/h1 && ln /app/h1 /app/h2 && mkfifo /app/fifo \\
 && echo s > /app/suid && chmod 4755 /app/suid && chown 1234:5678 /app/suid \\
 && touch -d @4000000000 /app/later && touch -d @1500000000 /app/old \\
 && mkdir -p "/app/é/$(printf 'n%.0s' $(seq 1 120))" && echo u > "/app/é/long" && echo g > /gone/file
RUN rm -rf /data/d /gone /app/h1 && mkdir /data/d && echo b > /data/d/g && rm /bin/sh.bak 2>/dev/null; true
WORKDIR /work
ENV A=1 B="two words"
ENTRYPOINT ["/app/payload"]
CMD []
`;

describeWithInfra('the root filesystem stream and the OCI layout give the same EIF', () => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let blobs = '';
  let ctx = '';
  let util = '';

  beforeAll(async () => {
    ({ dir, cleanup, blobs, ctx } = await makeBuildContext('nitro-export-itg-', DOCKERFILE, { datedFiles: { epoch: EPOCH } }));
    util = join(dir, 'dstack-util');
    await writeFile(util, '#!/bin/sh\necho fake dstack-util\n', { mode: 0o755 });
  });
  afterAll(() => cleanup());

  function request(name: string, extra: Partial<ImageBuildRequest> = {}): ImageBuildRequest {
    return {
      context: ctx, file: join(ctx, 'Dockerfile'), buildArgs: {}, platform: 'linux/amd64', network: 'none',
      sourceDateEpoch: EPOCH, dir: join(dir, name, 'image'), noCache: false, env: process.env, ...extra,
    };
  }

  async function build(name: string, path: ImageExport, extra: Partial<ImageBuildRequest> = {}, flat = false) {
    const out = join(dir, name);
    await mkdir(join(out, 'tmp'), { recursive: true });
    const paths = { eif: join(out, 'enclave.eif'), measurements: join(out, 'measurements.json'), manifest: join(out, 'manifest.json') };
    const built: ContextBuildResult = await buildFromContext({
      image: request(name, extra), export: path, ...(flat ? { flatLayoutDir: join(out, 'flat.oci') } : {}),
      enclave: { outputPath: paths.eif, blobsDir: blobs, sourceDateEpoch: EPOCH, tempDir: join(out, 'tmp'), measurementsPath: paths.measurements, manifestPath: paths.manifest },
    });
    const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
    return {
      built, dir: out,
      eif: await sha256(paths.eif),
      measurements: await readFile(paths.measurements, 'utf8'),
      manifest: await readFile(paths.manifest, 'utf8'),
    };
  }

  /** The temporary images a streamed build leaves in the engine (it must remove its own). */
  async function temporaryImages(): Promise<string[]> {
    return (await docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', 'nitro-eif-build/rootfs'])).trim().split('\n').filter(Boolean);
  }

  /** What `run` left behind of those (an earlier, interrupted run's are not counted). */
  async function leftBehind(run: () => Promise<unknown>): Promise<string[]> {
    const before = new Set(await temporaryImages());
    await run();
    return (await temporaryImages()).filter((name) => !before.has(name));
  }

  it('gives the same EIF bytes, measurements, file manifest and image digest either way', async () => {
    let streamed!: Awaited<ReturnType<typeof build>>;
    expect(await leftBehind(async () => { streamed = await build('streamed', 'rootfs-stream', {}, true); })).toEqual([]);
    const layout = await build('layout', 'oci-layout', {}, true);
    expect(streamed.built.export).toBe('rootfs-stream');
    expect(layout.built.export).toBe('oci-layout');
    expect(streamed.eif).toBe(layout.eif);
    expect(streamed.measurements).toBe(layout.measurements);
    expect(streamed.manifest).toBe(layout.manifest);
    expect(streamed.built.imageDigest).toBe(layout.built.imageDigest);
    expect(streamed.built.result.eif.pcrs).toEqual(layout.built.result.eif.pcrs);
    // The stream's mtimes were clamped as the layout's were: nothing after the epoch, the past kept.
    const times = [...streamed.manifest.matchAll(/"mtime":(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...times)).toBe(EPOCH);
    expect(times).toContain(1_500_000_000);

    // The flattened image, loaded into Docker: the same files as the layout path's own image...
    const ours = join(dir, 'flat-export.tar');
    const theirs = join(dir, 'layout-export.tar');
    const flatRef = await load(join(streamed.dir, 'flat.oci'));
    await exportImage(flatRef, ours);
    await exportImage(await load(join(layout.dir, 'image', 'image.oci')), theirs);
    // `docker create` stamps what it adds with its own clock: compare everything else.
    const created = new Set(['etc/', 'dev/', '.dockerenv', 'etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'dev/console', 'etc/mtab', 'dev/pts/', 'dev/shm/', 'proc/', 'sys/']);
    const rows = async (tar: string) => (await readExportTar(tar)).map((r) => (created.has(r.path) ? { ...r, mtime: 0 } : r));
    const flatRows = await rows(ours);
    expect(flatRows).toEqual(await rows(theirs));
    expect(flatRows.some((r) => r.path === 'app/h2' && r.type === 'file')).toBe(true);
    expect(flatRows.some((r) => r.path.startsWith('gone'))).toBe(false);
    // ...and the config and digests the measurements report.
    const inspect = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .}}', flatRef])) as { Id: string; Config: Record<string, unknown> };
    const measured = JSON.parse(streamed.measurements) as { image: { config_digest: string; manifest_digest: string; layers: string[] } };
    expect([measured.image.config_digest, measured.image.manifest_digest]).toContain(inspect.Id);
    expect(measured.image.manifest_digest).toBe(streamed.built.imageDigest);
    expect(inspect.Config['Entrypoint']).toEqual(['/app/payload']);
    expect(inspect.Config['WorkingDir']).toBe('/work');
    expect(inspect.Config['Env']).toEqual(expect.arrayContaining(['A=1', 'B=two words']));
    const layoutIndex = JSON.parse(await readFile(join(streamed.dir, 'flat.oci', 'index.json'), 'utf8')) as { manifests: Array<{ digest: string }> };
    expect(layoutIndex.manifests.map((m) => m.digest)).toEqual([streamed.built.imageDigest]);
  }, 600_000);

  it('puts a dstack-util layer in the same place either way', async () => {
    const placement = layerPlacement('/usr/local/bin/dstack-util', EPOCH);
    const extra = { dstackUtil: { dir, path: util, placement } };
    const streamed = await build('streamed-util', 'rootfs-stream', extra);
    const layout = await build('layout-util', 'oci-layout', extra);
    expect(streamed.eif).toBe(layout.eif);
    expect(streamed.manifest).toBe(layout.manifest);
    expect(streamed.manifest).toContain('"rootfs/usr/local/bin/dstack-util"');
    expect(streamed.built.imageDigest).toBe(layout.built.imageDigest);
  }, 600_000);

  it('reports a failing build as the build\'s error, and leaves no EIF and no temporary image', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'Dockerfile'), `FROM ${await makeBusyboxBase()}\nRUN echo half > /half && exit 3\n`);
    const left = await leftBehind(async () => {
      await expect(build('failing', 'rootfs-stream', { context: bad, file: join(bad, 'Dockerfile') }))
        .rejects.toThrow(/docker buildx build failed \(exit \d+\).*exit code: 3/);
    });
    expect(left).toEqual([]);
    await expect(access(join(dir, 'failing', 'enclave.eif'))).rejects.toThrow();
  }, 600_000);

  it('stops the build when the stream is refused, and says why', async () => {
    const out = join(dir, 'refused');
    await mkdir(join(out, 'tmp'), { recursive: true });
    const left = await leftBehind(async () => {
      await expect(buildFromContext({
        image: request('refused'), export: 'rootfs-stream',
        enclave: { outputPath: join(out, 'enclave.eif'), blobsDir: blobs, sourceDateEpoch: EPOCH, tempDir: join(out, 'tmp'), maxRootfsSize: 1000 },
      })).rejects.toThrow(/the build's root filesystem stream: entry .*over the limit of 1000 bytes/);
    });
    expect(left).toEqual([]);
    await expect(access(join(out, 'enclave.eif'))).rejects.toThrow();
  }, 600_000);
});

/** Loads an OCI layout into Docker; returns the image ID. */
async function load(layout: string): Promise<string> {
  const out = await runProcess({ command: 'docker', args: ['load'], env: {} }, { env: process.env, stdin: packLayout(layout) });
  const id = /^Loaded image ID: (\S+)$/m.exec(out)?.[1] ?? /^Loaded image: (\S+)$/m.exec(out)?.[1];
  if (!id) throw new Error(`docker load ${layout}: ${out.trim()}`);
  return id;
}
