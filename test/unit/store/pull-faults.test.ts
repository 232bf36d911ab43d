// pull checks the stored record (size, SHA-256) as it downloads and resumes a cut download; the local
// store reports file-system faults as `store:` lines naming the object (never a temporary path) and
// answers "already present" without writing.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { LocalStore } from '../../../src/store/local-store.js';
import { pullArtifact } from '../../../src/store/pull.js';
import { pushArtifacts } from '../../../src/store/push.js';
import type { ArtifactStore, ObjectRead, ReadOptions } from '../../../src/store/types.js';
import { failEveryWrite } from '../../helpers/full-disk.js';
import { makeImage, type TestImage } from '../../helpers/store-eif.js';
import { tempDirsRemovedAfterAll } from '../../helpers/temp-dir.js';

const freshDir = tempDirsRemovedAfterAll('nitro-pull-faults-');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const sha384 = (bytes: Buffer): string => createHash('sha384').update(bytes).digest('hex');

/** The build's measurements.json shape: PCRs plus the EIF's own size, SHA-256 and SHA-384. */
async function buildMeasurements(dir: string, image: TestImage): Promise<string> {
  const eif = await readFile(image.eifPath);
  const path = join(dir, `${image.hash}.build-measurements.json`);
  await writeFile(path, JSON.stringify({ pcrs: image.pcrs, os_image_hash: `0x${image.hash}`, eif: { size: eif.length, sha256: sha256(eif), sha384: sha384(eif) } }));
  return path;
}

async function pushed(metadata = '{"name":"a"}', seed = Buffer.from('the customer ramdisk'), customerSize?: number): Promise<{ dir: string; store: LocalStore; image: TestImage }> {
  const dir = await freshDir();
  const store = new LocalStore(join(dir, 'store'));
  const image = await makeImage(dir, 'a', customerSize === undefined ? { seed, metadata } : { customerSize, metadata });
  await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: await buildMeasurements(dir, image) });
  return { dir, store, image };
}

describe('pull checks the stored record', () => {
  it('refuses an enclave.eif swapped for another build with the same PCRs and size (SHA-256)', async () => {
    const { dir, store, image } = await pushed('{"name":"a"}');
    const other = await makeImage(dir, 'b', { seed: Buffer.from('the customer ramdisk'), metadata: '{"name":"b"}' });
    expect(other.pcrs).toEqual(image.pcrs);
    await writeFile(join(store.root, image.hash, 'enclave.eif'), await readFile(other.eifPath));
    const out = join(dir, 'out.eif');
    const error = await pullArtifact({ store, osImageHash: image.hash, outputFile: out }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `${store.uriOf(`${image.hash}/enclave.eif`)}: sha256 ${sha256(await readFile(other.eifPath))}, but the stored measurements record ${sha256(await readFile(image.eifPath))}`,
    );
    expect(await readdir(dir)).not.toContain('out.eif');
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses an enclave.eif of another size before reading it', async () => {
    const { dir, store, image } = await pushed('{"name":"a"}');
    const other = await makeImage(dir, 'b', { seed: Buffer.from('the customer ramdisk'), metadata: '{"name":"a longer name"}' });
    await writeFile(join(store.root, image.hash, 'enclave.eif'), await readFile(other.eifPath));
    await expect(pullArtifact({ store, osImageHash: image.hash, outputFile: join(dir, 'out.eif') })).rejects.toThrow(
      /enclave\.eif: \d+ bytes, but the stored measurements record an EIF of \d+ bytes$/,
    );
  });

  it('refuses a large EIF (hashed on worker threads, written slot by slot) with one byte flipped deep inside, leaving nothing', async () => {
    const { dir, store, image } = await pushed('{"name":"a"}', undefined, 40 << 20);
    const bytes = await readFile(image.eifPath);
    bytes[30 << 20]! ^= 0x01; // inside the customer ramdisk: PCR0, PCR2, the CRC and the SHA-256 all change
    await writeFile(join(store.root, image.hash, 'enclave.eif'), bytes);
    await expect(pullArtifact({ store, osImageHash: image.hash, outputFile: join(dir, 'out.eif') })).rejects.toThrow(/CRC mismatch/);
    expect((await readdir(dir)).filter((f) => f.includes('out.eif'))).toEqual([]);
  });

  it('reports the SHA-384 recorded beside the matching SHA-256, and the file\'s own when none is recorded', async () => {
    const { dir, store, image } = await pushed();
    const eif = await readFile(image.eifPath);
    const pulled = await pullArtifact({ store, osImageHash: image.hash, outputFile: join(dir, 'out.eif') });
    expect(pulled.report.eif).toMatchObject({ sha256: sha256(eif), sha384: sha384(eif) });
    const bare = new LocalStore(join(dir, 'bare'));
    await pushArtifacts({ store: bare, eifPath: image.eifPath, measurementsPath: image.measurementsPath }); // PCRs only
    const again = await pullArtifact({ store: bare, osImageHash: image.hash, outputFile: join(dir, 'bare.eif') });
    expect(again.report.eif).toMatchObject({ sha256: sha256(eif), sha384: sha384(eif) });
  });

  it('reports the stored measurements by their store URI, never a temporary path', async () => {
    const { dir, store, image } = await pushed();
    const pulled = await pullArtifact({ store, osImageHash: image.hash, outputFile: join(dir, 'out.eif') });
    expect(pulled.report.measurements?.path).toBe(store.uriOf(`${image.hash}/measurements.json`));
    expect(pulled.report.eif).toMatchObject({ path: join(dir, 'out.eif'), sha256: sha256(await readFile(image.eifPath)) });
  });
});

/** A store whose EIF download breaks after `cutAt` bytes on the first `failures` reads. */
class CuttingStore implements ArtifactStore {
  readonly reads: ReadOptions[] = [];
  constructor(private readonly inner: LocalStore, private failures: number, private readonly cutAt: number) {}
  get uri(): string { return this.inner.uri; }
  uriOf(key: string): string { return this.inner.uriOf(key); }
  put: ArtifactStore['put'] = (...args) => this.inner.put(...args);
  get: ArtifactStore['get'] = (key) => this.inner.get(key);
  head: ArtifactStore['head'] = (key) => this.inner.head(key);
  list: ArtifactStore['list'] = (prefix) => this.inner.list(prefix);
  async read(key: string, options: ReadOptions = {}): Promise<ObjectRead> {
    const read = await this.inner.read(key, options);
    if (!key.endsWith('enclave.eif')) return read;
    this.reads.push(options);
    if (this.failures === 0) return read;
    this.failures--;
    const cutAt = this.cutAt;
    const cut = async function* () {
      let sent = 0;
      for await (const chunk of read.stream) {
        const take = (chunk as Buffer).subarray(0, Math.max(0, cutAt - sent));
        if (take.length) yield take;
        sent += take.length;
        if (sent >= cutAt) break;
      }
      read.stream.destroy();
      throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    };
    return { ...read, stream: Readable.from(cut()) };
  }
}

describe('pull resumes a cut download', () => {
  it('continues from the byte where the connection broke, and the result is verified whole', async () => {
    const { dir, store, image } = await pushed(undefined, Buffer.alloc(64 << 10, 5));
    const cutting = new CuttingStore(store, 2, 3000);
    const out = join(dir, 'out.eif');
    await pullArtifact({ store: cutting, osImageHash: image.hash, outputFile: out, retryDelayMs: 1 });
    expect(cutting.reads.map((r) => r.start ?? 0)).toEqual([0, 3000, 6000]);
    expect(Buffer.compare(await readFile(out), await readFile(image.eifPath))).toBe(0);
  });

  it('resumes a large EIF (hashed on worker threads, written slot by slot) cut mid-slot, byte for byte', async () => {
    const { dir, store, image } = await pushed(undefined, undefined, 40 << 20);
    const cutAt = (5 << 20) + 12345;
    const cutting = new CuttingStore(store, 2, cutAt);
    const out = join(dir, 'out.eif');
    const pulled = await pullArtifact({ store: cutting, osImageHash: image.hash, outputFile: out, retryDelayMs: 1 });
    expect(cutting.reads.map((r) => r.start ?? 0)).toEqual([0, cutAt, 2 * cutAt]);
    const eif = await readFile(image.eifPath);
    expect(Buffer.compare(await readFile(out), eif)).toBe(0);
    expect(pulled.report.eif).toMatchObject({ size: eif.length, sha256: sha256(eif), sha384: sha384(eif) });
  });

  it('gives up after the bounded number of attempts without progress, naming the object and leaving nothing', async () => {
    const { dir, store, image } = await pushed(undefined, Buffer.alloc(64 << 10, 5));
    const cutting = new CuttingStore(store, 100, 0); // no progress at all: each attempt fails at once
    const error = await pullArtifact({ store: cutting, osImageHash: image.hash, outputFile: join(dir, 'out.eif'), maxAttempts: 3, retryDelayMs: 1 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(`store: download of ${store.uriOf(`${image.hash}/enclave.eif`)} failed after 3 attempts: read ECONNRESET`);
    expect(cutting.reads).toHaveLength(3);
    expect((await readdir(dir)).filter((f) => f.includes('out.eif'))).toEqual([]);
  });
});

describe('local store faults', () => {
  it('reports a full disk as a store: line naming the object, not the temporary file, and leaves nothing', async () => {
    const dir = await freshDir();
    const store = new LocalStore(join(dir, 'store'));
    const full = await failEveryWrite(dir);
    const error = await store.put('h/enclave.eif', Buffer.alloc(1 << 20, 7)).catch((e: unknown) => e);
    full.restore();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(`store: cannot write ${store.uriOf('h/enclave.eif')}: ENOSPC: no space left on device`);
    expect(await readdir(join(dir, 'store', 'h'))).toEqual([]);
  });

  it('answers "already present" for an identical object without writing anything', async () => {
    const dir = await freshDir();
    const store = new LocalStore(join(dir, 'store'));
    await store.put('h/x', Buffer.from('same'));
    const full = await failEveryWrite(dir); // any write would fail
    const again = await store.put('h/x', Buffer.from('same')).finally(() => full.restore());
    expect(again).toMatchObject({ created: false, sha256: sha256(Buffer.from('same')) });
    expect(full.calls()).toBe(0);
    await expect(store.put('h/x', Buffer.from('different'))).rejects.toMatchObject({ code: 'conflict' });
  });
});
