// S3 stores on the test S3 server (moto, started by scripts/infra: NITRO_TEST_S3_ENDPOINT), one fresh
// bucket each. Without the server: skipped locally, a failure in CI.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { S3Store } from '../../src/store/s3-store.js';
import { inCi } from './infra.js';

export const S3_ENDPOINT = process.env['NITRO_TEST_S3_ENDPOINT'];
/** In CI a missing S3 server is a failure, not a skip (as for the rest of the infra). */
export const S3_REQUIRED = inCi();
export const PART_SIZE = 5 * 1024 * 1024;

/** moto accepts any credentials; the SDK's standard chain reads these. */
export function useTestCredentials(): void {
  process.env['AWS_ACCESS_KEY_ID'] ??= 'testing';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'testing';
}

export function testS3Client(): S3Client {
  useTestCredentials();
  return new S3Client({ endpoint: S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true });
}

export async function freshBucket(): Promise<string> {
  const bucket = `nitro-eif-test-${randomBytes(6).toString('hex')}`;
  await testS3Client().send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

export async function freshS3Store(prefix = 'eifs'): Promise<S3Store> {
  useTestCredentials();
  const bucket = await freshBucket();
  return new S3Store({ bucket, prefix, endpoint: S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, partSize: PART_SIZE, maxAttempts: 2 });
}
