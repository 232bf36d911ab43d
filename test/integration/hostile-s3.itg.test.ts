// The S3 store where it can fail: through a proxy in front of the test S3 server that gives it S3's
// conditional-write semantics (moto lets a later CompleteMultipartUpload overwrite) and injects the
// faults of a real network (throttling, resets, cut bodies, lost answers), plus interrupts and kills
// of the CLI in the middle of a multipart upload.
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { pullArtifact } from '../../src/store/pull.js';
import { pushArtifacts } from '../../src/store/push.js';
import { S3Store } from '../../src/store/s3-store.js';
import { bundleCli, runCli } from '../helpers/cli-child.js';
import { freshBucket, PART_SIZE, S3_ENDPOINT, S3_REQUIRED, testS3Client, useTestCredentials } from '../helpers/s3-test-store.js';
import { startS3FaultProxy, type S3FaultProxy } from '../helpers/s3-fault-proxy.js';
import { makeImage } from '../helpers/store-eif.js';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir.js';

const tempDir = tempDirsRemovedAfterAll('nitro-hostile-s3-');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const EIF_SIZE = 2 * PART_SIZE + 4321; // three parts

async function uploadsLeft(bucket: string): Promise<string[]> {
  const out = await testS3Client().send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (out.Uploads ?? []).map((u) => u.Key!);
}

function suite(): void {
  let proxy: S3FaultProxy;
  beforeAll(async () => {
    useTestCredentials();
    proxy = await startS3FaultProxy(S3_ENDPOINT!);
  });
  afterAll(async () => proxy.close());

  async function storeBehindProxy(): Promise<{ store: S3Store; bucket: string }> {
    const bucket = await freshBucket();
    const store = new S3Store({ bucket, prefix: 'eifs', endpoint: proxy.endpoint, region: 'us-east-1', forcePathStyle: true, partSize: PART_SIZE, maxAttempts: 5 });
    return { store, bucket };
  }

  describe('write-once under S3 semantics', () => {
    it('two concurrent pushes of different EIFs with one OS_IMAGE_HASH: exactly one wins, the other gets one conflict line', async () => {
      const dir = await tempDir();
      const { store, bucket } = await storeBehindProxy();
      const seed = Buffer.alloc(EIF_SIZE, 9);
      const a = await makeImage(dir, 'a', { seed, metadata: '{"build":"a"}' });
      const b = await makeImage(dir, 'b', { seed, metadata: '{"build":"b"}' });
      expect(b.hash).toBe(a.hash);
      const results = await Promise.allSettled([a, b].map((image) => pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath })));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = lost[0]!.reason as UserError;
      expect(error).toBeInstanceOf(UserError);
      expect(error.code, error.message).toBe("conflict");
      expect(error.message).not.toContain('\n');
      const winner = results[0]!.status === 'fulfilled' ? a : b;
      const loser = winner === a ? b : a;
      const stored = Buffer.concat(await (await store.get(`${a.hash}/enclave.eif`)).toArray());
      expect(sha256(stored)).toBe(sha256(readFileSync(winner.eifPath)));
      expect(error.message).toBe(
        `store: ${store.uriOf(`${a.hash}/enclave.eif`)} already holds a different object (sha256 ${sha256(readFileSync(winner.eifPath))}); ` +
          `refusing to replace it with sha256 ${sha256(readFileSync(loser.eifPath))}`,
      );
      // Neither push decided by looking first: both started an upload. The loser then lost at the server
      // (a 412 on its completion) or found its doomed upload aborted by the winner's clean-up.
      const sent = (operation: string) => proxy.seen.filter((r) => r.bucket === bucket && r.operation === operation).length;
      expect(sent('CreateMultipartUpload')).toBeGreaterThanOrEqual(2);
      expect(sent('CompleteMultipartUpload')).toBeGreaterThanOrEqual(1);
      expect(await uploadsLeft(bucket)).toEqual([]);
    });
  });

  describe('transient faults', () => {
    it('retries throttling and resets on every kind of request, and stores the exact bytes', async () => {
      const dir = await tempDir();
      const { store, bucket } = await storeBehindProxy();
      const image = await makeImage(dir, 'a', { customerSize: EIF_SIZE });
      const mine = (op: string) => (r: { bucket: string; operation: string }) => r.bucket === bucket && r.operation === op;
      proxy.inject(
        { match: mine('PutObject'), fault: { kind: 'slow-down' }, times: 2 },
        { match: mine('CreateMultipartUpload'), fault: { kind: 'reset' } },
        { match: mine('UploadPart'), fault: { kind: 'slow-down' }, times: 2 },
        { match: mine('UploadPart'), fault: { kind: 'reset' } },
        { match: mine('CompleteMultipartUpload'), fault: { kind: 'slow-down' } },
      );
      const pushed = await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath });
      expect(pushed.created).toBe(true);
      const stored = Buffer.concat(await (await store.get(`${image.hash}/enclave.eif`)).toArray());
      expect(sha256(stored)).toBe(sha256(await readFile(image.eifPath)));
      expect(await uploadsLeft(bucket)).toEqual([]);
    });

    it('a lost answer to PutObject or CompleteMultipartUpload (the write happened) is still success', async () => {
      const dir = await tempDir();
      const { store, bucket } = await storeBehindProxy();
      const image = await makeImage(dir, 'a', { customerSize: EIF_SIZE });
      const mine = (op: string) => (r: { bucket: string; operation: string }) => r.bucket === bucket && r.operation === op;
      proxy.inject({ match: mine('PutObject'), fault: { kind: 'lose-answer' } }, { match: mine('CompleteMultipartUpload'), fault: { kind: 'lose-answer' } });
      const pushed = await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath });
      expect(pushed.objects.map((o) => o.kind)).toEqual(['measurements', 'eif']);
      const stored = Buffer.concat(await (await store.get(`${image.hash}/enclave.eif`)).toArray());
      expect(sha256(stored)).toBe(sha256(await readFile(image.eifPath)));
      expect(await uploadsLeft(bucket)).toEqual([]);
    });

    it('pull resumes a body cut mid-download with Range on the same version, and verifies the whole', async () => {
      const dir = await tempDir();
      const { store, bucket } = await storeBehindProxy();
      const image = await makeImage(dir, 'a', { customerSize: EIF_SIZE });
      await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath });
      const eifGet = (r: { bucket: string; key: string; operation: string }) => r.bucket === bucket && r.operation === 'GetObject' && r.key.endsWith('enclave.eif');
      proxy.inject({ match: eifGet, fault: { kind: 'cut-body', afterBytes: 3 << 20 }, times: 2 });
      const out = join(dir, 'pulled.eif');
      const pulled = await pullArtifact({ store, osImageHash: image.hash, outputFile: out, retryDelayMs: 10 });
      expect(pulled.report.verified).toBe(true);
      expect(sha256(await readFile(out))).toBe(sha256(await readFile(image.eifPath)));
      const gets = proxy.seen.filter(eifGet);
      expect(gets).toHaveLength(3);
      expect(gets[1]!.headers['range']).toMatch(/^bytes=[1-9]\d*-$/);
      expect(gets[1]!.headers['if-match']).toBeTruthy();
    });
  });

  describe('interrupts and kills of a push', () => {
    let cli: string;
    beforeAll(async () => {
      cli = await bundleCli(mkdtempSync(join(tmpdir(), 'nitro-hostile-s3-cli-')));
    });

    async function interruptedPush(signal: NodeJS.Signals): Promise<{ bucket: string; code: number | null; stderr: string; args: string[]; env: NodeJS.ProcessEnv; dir: string }> {
      const dir = await tempDir();
      const bucket = await freshBucket();
      const image = await makeImage(dir, 'a', { customerSize: 4 * PART_SIZE });
      const env = { AWS_ENDPOINT_URL_S3: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
      const args = ['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--store', `s3://${bucket}/eifs`, '--part-size', '5'];
      // Parts are slow, so the upload is surely in progress when the signal comes with the first part.
      proxy.inject({ match: (r) => r.bucket === bucket && r.operation === 'UploadPart', fault: { kind: 'delay', ms: 1500 }, times: 100 });
      let kill: ((s: NodeJS.Signals) => void) | undefined;
      proxy.onRequest = (r) => {
        if (r.bucket === bucket && r.operation === 'UploadPart' && kill) {
          kill(signal);
          kill = undefined;
        }
      };
      const result = await runCli(cli, args, { cwd: dir, env, timeoutMs: 60_000, onSpawn: (k) => (kill = k) });
      proxy.onRequest = undefined;
      return { bucket, code: result.code, stderr: result.stderr, args, env, dir };
    }

    it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('%s aborts the multipart upload the push started', async (signal, code) => {
      const { bucket, code: exit, stderr } = await interruptedPush(signal);
      expect(stderr).toBe(`nitro-eif: interrupted (${signal}); temporary files removed\n`);
      expect(exit).toBe(code);
      expect(await uploadsLeft(bucket)).toEqual([]);
    }, 120_000);

    it('after kill -9 the upload stays; re-running the push stores the EIF and aborts it', async () => {
      const { bucket, code, args, env, dir } = await interruptedPush('SIGKILL');
      expect(code).toBeNull();
      expect((await uploadsLeft(bucket)).length, 'kill -9 leaves the upload (the lifecycle rule is for this)').toBeGreaterThan(0);
      const again = await runCli(cli, args, { cwd: dir, env, timeoutMs: 60_000 });
      expect(again.stderr).not.toMatch(/error/); // progress lines only
      expect(again.code).toBe(0);
      expect(await uploadsLeft(bucket)).toEqual([]);
    }, 120_000);
  });
}

if (S3_ENDPOINT) describe('S3 store behind a fault-injecting proxy with S3 semantics', suite);
else if (S3_REQUIRED) it('has the S3 test server (CI)', () => expect(S3_ENDPOINT, 'NITRO_TEST_S3_ENDPOINT (scripts/infra/up.sh)').toBeDefined());
else describe.skip('S3 fault proxy (skipped: no NITRO_TEST_S3_ENDPOINT; run scripts/infra/up.sh)', () => it('needs S3', () => undefined));
