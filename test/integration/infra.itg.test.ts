// Smoke test of the integration infra: reproducible BuildKit builds from a digest-pinned local base,
// the moto S3 server, cosign.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import tar from 'tar-stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOci, exec, exportImage, loadOci, makeBusyboxBase, tempDir } from '../helpers/docker.js';
import { describeWithInfra } from '../helpers/infra.js';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// Contents of one regular file inside a tar, or undefined.
async function fileInTar(path: string, name: string): Promise<string | undefined> {
  const extract = tar.extract();
  createReadStream(path).pipe(extract);
  let found: string | undefined;
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    if (entry.header.name.replace(/^\.?\//, '') === name) found = Buffer.concat(chunks).toString('utf8');
  }
  return found;
}

describeWithInfra('integration infra', (infra) => {
  let dir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let base = '';

  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
    base = await makeBusyboxBase();
  });
  afterAll(() => cleanup());

  it('makes a digest-pinned base reference', () => {
    expect(base).toMatch(/^nitro-test\/busybox@sha256:[0-9a-f]{64}$/);
  });

  it('builds byte-identical OCI archives (RUN step, pinned base, SOURCE_DATE_EPOCH)', async () => {
    await writeFile(join(dir, 'Dockerfile'), `FROM ${base}\nRUN echo built > /hello && mkdir /data\nCOPY f /data/f\n`);
    await writeFile(join(dir, 'f'), 'payload\n');
    const a = await buildOci(dir, { sourceDateEpoch: 1700000000, out: join(dir, 'a.tar') });
    const b = await buildOci(dir, { sourceDateEpoch: 1700000000, out: join(dir, 'b.tar') });
    expect(await sha256File(a)).toBe(await sha256File(b));
    const index = JSON.parse((await fileInTar(a, 'index.json')) ?? '{}') as { manifests: { annotations?: Record<string, string> }[] };
    expect(index.manifests[0]?.annotations?.['org.opencontainers.image.created']).toBe('2023-11-14T22:13:20Z');

    const ref = await loadOci(a);
    const fs = join(dir, 'fs.tar');
    await exportImage(ref, fs);
    expect(await fileInTar(fs, 'hello')).toBe('built\n');
    expect(await fileInTar(fs, 'data/f')).toBe('payload\n');
  });

  it('fails (no registry) when the pinned digest is wrong', async () => {
    const wrong = base.replace(/@sha256:.*/, `@sha256:${'0'.repeat(64)}`);
    await writeFile(join(dir, 'Dockerfile.wrong'), `FROM ${wrong}\n`);
    await expect(buildOci(dir, { dockerfile: join(dir, 'Dockerfile.wrong'), out: join(dir, 'w.tar') })).rejects.toThrow();
  });

  it('talks to the S3 server (path style, conditional put)', async () => {
    const s3 = new S3Client({
      endpoint: infra.s3Endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const Bucket = `itg-${process.pid}-${Date.now()}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'hello s3' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
    expect(await got.Body?.transformToString()).toBe('hello s3');
    const again = s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'other', IfNoneMatch: '*' }));
    await expect(again).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    s3.destroy();
  });

  it('runs cosign', async () => {
    const out = await exec(infra.cosign, ['version']);
    expect(out).toMatch(/GitVersion:\s+\S+/);
  });

  it('has a static busybox', async () => {
    expect((await readFile(infra.busybox)).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  });
});
