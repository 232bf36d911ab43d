// The ArtifactStore contract, run against every back end (local directory in unit tests; local
// and S3 against a real S3 server in integration tests).
import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { ArtifactStore } from '../../src/store/types.js';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Registers the contract tests; `makeStore` returns a fresh, empty store each call. */
export function storeContract(makeStore: () => Promise<ArtifactStore>): void {
  it('writes an object once and reads the same bytes back', async () => {
    const store = await makeStore();
    const data = randomBytes(1000);
    const put = await store.put('a/b.bin', data);
    expect(put).toMatchObject({ key: 'a/b.bin', sha256: sha256(data), size: 1000, created: true });
    expect(put.uri).toBe(store.uriOf('a/b.bin'));
    expect(await readAll(await store.get('a/b.bin'))).toEqual(data);
    expect((await store.head('a/b.bin'))?.size).toBe(1000);
  });

  it('treats an identical second put as success and a different one as a conflict naming both digests', async () => {
    const store = await makeStore();
    const first = Buffer.from('first');
    const second = Buffer.from('second');
    await store.put('k/x', first);
    expect((await store.put('k/x', first)).created).toBe(false);
    const error = await store.put('k/x', second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('conflict');
    expect((error as UserError).message).toContain(sha256(first));
    expect((error as UserError).message).toContain(sha256(second));
    expect(await readAll(await store.get('k/x'))).toEqual(first);
  });

  it('applies write-once to objects larger than a multipart part', async () => {
    const store = await makeStore();
    const big = randomBytes(11 * 1024 * 1024);
    const other = Buffer.from(big);
    other[other.length - 1]! ^= 1;
    expect((await store.put('big/x', big)).created).toBe(true);
    expect((await store.put('big/x', big)).created).toBe(false);
    await expect(store.put('big/x', other)).rejects.toThrow(sha256(other));
    expect(sha256(await readAll(await store.get('big/x')))).toBe(sha256(big));
  });

  it('streams a file source and a stream source', async () => {
    const store = await makeStore();
    const data = randomBytes(3 * 65536 + 7);
    const put = await store.put('s/stream', {
      size: data.length,
      stream: async function* () {
        for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
      },
    });
    expect(put.sha256).toBe(sha256(data));
    expect(sha256(await readAll(await store.get('s/stream')))).toBe(sha256(data));
  });

  it('reports a missing object as not-found and lists what is there', async () => {
    const store = await makeStore();
    expect(await store.head('none/here')).toBeUndefined();
    const error = await store.get('none/here').catch((e: unknown) => e);
    expect((error as UserError).code).toBe('not-found');
    await store.put('h1/one', Buffer.from('1'));
    await store.put('h2/two', Buffer.from('2'));
    const keys: string[] = [];
    for await (const key of store.list('')) keys.push(key);
    expect(keys.sort()).toEqual(['h1/one', 'h2/two']);
    const some: string[] = [];
    for await (const key of store.list('h2/')) some.push(key);
    expect(some).toEqual(['h2/two']);
  });

  it('leaves nothing behind when the source fails mid-way', async () => {
    const store = await makeStore();
    const size = 12 * 1024 * 1024;
    const failing = {
      size,
      stream: async function* () {
        yield Buffer.alloc(6 * 1024 * 1024, 1);
        throw new Error('disk vanished');
      },
    };
    await expect(store.put('f/broken', failing)).rejects.toThrow(/disk vanished/);
    expect(await store.head('f/broken')).toBeUndefined();
    const keys: string[] = [];
    for await (const key of store.list('')) keys.push(key);
    expect(keys).toEqual([]);
  });

  it('never stores bytes other than those it reports, even when the source changes between reads', async () => {
    const store = await makeStore();
    for (const size of [1000, 6 * 1024 * 1024 + 1]) {
      const key = `changing/${size}`;
      const changing = { size, stream: async function* () { yield randomBytes(size); } };
      const put = await store.put(key, changing).catch((e: unknown) => e);
      if (put instanceof Error) {
        expect(put.message).toMatch(/changed while uploading/);
        expect(await store.head(key)).toBeUndefined();
      } else {
        expect(sha256(await readAll(await store.get(key)))).toBe((put as { sha256: string }).sha256);
      }
    }
  });

  it('refuses keys that escape the root', async () => {
    const store = await makeStore();
    await expect(store.put('../x', Buffer.from('x'))).rejects.toThrow(/invalid object key/);
    await expect(store.head('a//b')).rejects.toThrow(/invalid object key/);
  });
}
