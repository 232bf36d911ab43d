import { createHash } from 'node:crypto';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as tar from 'tar-stream';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { planDockerBuild, runProcess } from '../../src/build/docker-build.js';
import { appendFileLayerInLayout, readImageDigest } from '../../src/image/append-layer.js';
import { packLayout } from '../../src/image/layout-tar.js';
import { docker, exportImage, loadOci, makeBusyboxBase, tempDir } from '../helpers/docker.js';
import { describeWithInfra } from '../helpers/infra.js';
import { repoRoot } from '../helpers/paths.js';

const EPOCH = 1700000000;

describeWithInfra('append-layer against a real Docker engine', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let base: string;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('append-layer-'));
    base = await makeBusyboxBase();
  });
  afterAll(async () => cleanup());

  it('builds the example with its dstack-util context, then adds a file layer Docker loads and exports as root 0755', async () => {
    const utilDir = join(dir, 'util');
    await mkdir(utilDir);
    const util = Buffer.from('#!/bin/sh\necho fake dstack-util\n');
    await writeFile(join(utilDir, 'dstack-util'), util, { mode: 0o755 });
    const context = join(repoRoot(), 'examples', 'hello-enclave');
    const out = join(dir, 'image.oci');
    const plan = planDockerBuild({ context, file: join(context, 'Dockerfile'), buildArgs: { BASE: base }, sourceDateEpoch: EPOCH,
      output: { ociLayout: out }, noCache: true, network: 'none', dstackUtilDir: utilDir, platform: 'linux/amd64' });
    await runProcess(plan, { env: process.env });
    const digest = await readImageDigest(out);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    const extra = join(dir, 'extra-util');
    await copyFile(join(utilDir, 'dstack-util'), extra);
    const result = await appendFileLayerInLayout({ layoutDir: out, sourcePath: extra, targetPath: '/opt/tools/dstack-util', mtime: EPOCH });
    expect(result.manifestDigest).not.toBe(digest);
    expect(await readImageDigest(out)).toBe(result.manifestDigest);
    const layered = join(dir, 'layered.tar');
    await pipeline(packLayout(out), createWriteStream(layered));

    const ref = await loadOci(layered);
    const exported = join(dir, 'export.tar');
    await exportImage(ref, exported);
    const entries = await tarEntries(exported);
    const added = entries.get('opt/tools/dstack-util');
    expect(added).toMatchObject({ mode: 0o755, uid: 0, gid: 0, mtime: EPOCH, sha256: sha256(util) });
    expect(entries.get('opt/tools/')).toMatchObject({ mode: 0o755, uid: 0 });
    expect(entries.get('app/dstack-util')?.sha256).toBe(sha256(util));
    expect(entries.get('app/run.sh')?.mode).toBe(0o755);
    await docker(['rmi', ref]).catch(() => undefined);
  });
});

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function tarEntries(path: string): Promise<Map<string, { mode: number; uid: number; gid: number; mtime: number; sha256: string }>> {
  const entries = new Map<string, { mode: number; uid: number; gid: number; mtime: number; sha256: string }>();
  const extract = tar.extract();
  const done = pipeline(createReadStream(path), extract);
  for await (const entry of extract) {
    const hash = createHash('sha256');
    for await (const chunk of entry) hash.update(chunk as Buffer);
    const h = entry.header;
    entries.set(h.name.replace(/^\.?\//, ''), { mode: h.mode! & 0o7777, uid: h.uid!, gid: h.gid!, mtime: Math.floor(h.mtime!.getTime() / 1000), sha256: hash.digest('hex') });
  }
  await done;
  return entries;
}
