// S3Store behaviour that needs no S3 server: error reporting and a stubbed client for the
// permission cases moto does not model. The real-server suite is test/integration/store.itg.test.ts.
import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { S3Store } from '../../../src/store/s3-store.js';

describe('S3Store errors', () => {
  it('reports an unreachable endpoint as one external error naming the store, for every operation', async () => {
    const store = new S3Store({ bucket: 'b-unreachable', prefix: 'p', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', forcePathStyle: true, maxAttempts: 1 });
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'testing');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'testing');
    const list = async () => {
      for await (const _ of store.list('')) void _;
    };
    for (const op of [() => store.head('h/x'), () => store.get('h/x'), () => store.put('h/x', Buffer.from('x')), list]) {
      const error = await op().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'external' });
      expect((error as Error).message).toMatch(/^store: \w+ of s3:\/\/b-unreachable\/p/);
    }
    vi.unstubAllEnvs();
  });
});

describe('S3Store without s3:ListBucket', () => {
  // S3 answers HEAD of a missing key with 403 when the caller may not list the bucket.
  const forbidden = Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } });
  const preconditionFailed = Object.assign(new Error('PreconditionFailed'), { $metadata: { httpStatusCode: 412 } });

  function stubClient(putError?: Error, existing?: Buffer) {
    const sent: string[] = [];
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push(command.constructor.name);
        if (command.constructor.name === 'HeadObjectCommand') throw forbidden;
        if (command.constructor.name === 'PutObjectCommand') {
          expect(command.input['IfNoneMatch']).toBe('*');
          if (putError) throw putError;
          return {};
        }
        if (command.constructor.name === 'GetObjectCommand') return { Body: Readable.from([existing!]) };
        throw new Error(`unexpected ${command.constructor.name}`);
      },
    };
    return { client: client as unknown as S3Client, sent };
  }

  it('treats a forbidden HEAD as unknown and lets the conditional PUT decide', async () => {
    const { client, sent } = stubClient();
    const store = new S3Store({ bucket: 'b-limited', prefix: '', client });
    expect((await store.put('h/x', Buffer.from('data'))).created).toBe(true);
    expect(sent).toEqual(['HeadObjectCommand', 'PutObjectCommand']);
  });

  it('compares by reading the object when the PUT finds one and HEAD is forbidden', async () => {
    const same = stubClient(preconditionFailed, Buffer.from('data'));
    const store = new S3Store({ bucket: 'b-limited', prefix: '', client: same.client });
    expect((await store.put('h/x', Buffer.from('data'))).created).toBe(false);
    expect(same.sent).toEqual(['HeadObjectCommand', 'PutObjectCommand', 'HeadObjectCommand', 'GetObjectCommand']);
    const other = new S3Store({ bucket: 'b-limited', prefix: '', client: stubClient(preconditionFailed, Buffer.from('else')).client });
    await expect(other.put('h/x', Buffer.from('data'))).rejects.toMatchObject({ code: 'conflict' });
  });
});
