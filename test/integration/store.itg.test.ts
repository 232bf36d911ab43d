// The store, push, pull and ls against every back end: a local directory and a real S3 server
// (moto via NITRO_TEST_S3_ENDPOINT). The same suite runs on both.
import { HeadObjectCommand, ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { listImages } from '../../src/store/list.js';
import { LocalStore } from '../../src/store/local-store.js';
import { pullArtifact } from '../../src/store/pull.js';
import { pushArtifacts } from '../../src/store/push.js';
import { S3Store } from '../../src/store/s3-store.js';
import type { ArtifactStore, PutProgress } from '../../src/store/types.js';
import { attestFiles } from '../../src/trust/provenance/index.js';
import { makeImage } from '../helpers/store-eif.js';
import { storeContract } from '../helpers/store-contract.js';
import { freshS3Store, PART_SIZE, S3_ENDPOINT, S3_REQUIRED, testS3Client } from '../helpers/s3-test-store.js';
import { tempDirsRemovedAfterAll } from '../helpers/temp-dir.js';

interface Backend {
  store: ArtifactStore;
  /** Replaces an object behind the store's back (an attacker with write access). */
  tamper(key: string, bytes: Buffer): Promise<void>;
}

const tempDir = tempDirsRemovedAfterAll('nitro-store-itg-');

async function localBackend(): Promise<Backend> {
  const root = join(await tempDir(), 'eif-store');
  return { store: new LocalStore(root), tamper: async (key, bytes) => writeFile(join(root, ...key.split('/')), bytes) };
}

async function s3Backend(): Promise<Backend> {
  const store = await freshS3Store();
  const bucket = store.uri.slice('s3://'.length).split('/')[0]!;
  return {
    store,
    tamper: async (key, bytes) => {
      await testS3Client().send(new PutObjectCommand({ Bucket: bucket, Key: `eifs/${key}`, Body: bytes }));
    },
  };
}

function suite(name: string, backend: () => Promise<Backend>, s3: boolean): void {
  describe(`${name}: ArtifactStore contract`, () => storeContract(async () => (await backend()).store));

  describe(`${name}: push, pull, ls`, () => {
    it('pushes once, again idempotently, and refuses a different EIF with the same hash', async () => {
      const dir = await tempDir();
      const { store } = await backend();
      const image = await makeImage(dir, 'a', { seed: Buffer.from('customer ramdisk A') });
      const manifest = join(dir, 'manifest.json');
      await writeFile(manifest, JSON.stringify({ schema: 'nitro-eif-build/ramdisk-manifest@1', entries: [] }));
      const measurementsPath = image.measurementsPath;
      const first = await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath, manifestPath: manifest });
      expect(first.osImageHash).toBe(`0x${image.hash}`);
      expect(first.created).toBe(true);
      expect(first.objects.map((o) => o.kind)).toEqual(['measurements', 'manifest', 'eif']);
      expect(first.eifUri).toBe(store.uriOf(`${image.hash}/enclave.eif`));
      expect(first.storeUri).toBe(`${store.uri}/${image.hash}`);

      const again = await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath, manifestPath: manifest });
      expect(again.created).toBe(false);
      expect(again.objects.every((o) => !o.created)).toBe(true);

      // Metadata is not measured: same PCRs, same OS_IMAGE_HASH, different bytes.
      const other = await makeImage(dir, 'b', { seed: Buffer.from('customer ramdisk A'), metadata: '{"other":true}' });
      expect(other.hash).toBe(image.hash);
      const error = await pushArtifacts({ store, eifPath: other.eifPath, measurementsPath: other.measurementsPath }).catch((e: unknown) => e);
      expect((error as UserError).code).toBe('conflict');
      expect((error as Error).message).toContain(first.objects.find((o) => o.kind === 'eif')!.sha256);

      const listed = await listImages(store);
      expect(listed).toEqual([{ osImageHash: `0x${image.hash}`, files: ['enclave.eif', 'manifest.json', 'measurements.json'], complete: true }]);
    });

    it("accepts the build's measurements.json (hash and EIF digest checked) and lists its date", async () => {
      const dir = await tempDir();
      const { store } = await backend();
      const image = await makeImage(dir, 'a');
      const eifSha256 = createHash('sha256').update(await readFile(image.eifPath)).digest('hex');
      const measurementsPath = join(dir, 'measurements.json');
      await writeFile(measurementsPath, JSON.stringify({
        schema: 'nitro-eif-build/measurements@1', pcrs: image.pcrs, os_image_hash: `0x${image.hash}`, eif: { sha256: eifSha256 }, source_date_epoch: 1763787600,
      }));
      expect((await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath })).created).toBe(true);
      expect(await listImages(store)).toEqual([
        { osImageHash: `0x${image.hash}`, files: ['enclave.eif', 'measurements.json'], complete: true, date: '2025-11-22T05:00:00.000Z' },
      ]);
    });

    it('refuses measurements that do not match the EIF: PCRs, recorded hash, recorded EIF digest', async () => {
      const dir = await tempDir();
      const { store } = await backend();
      const a = await makeImage(dir, 'a');
      const b = await makeImage(dir, 'b');
      await expect(pushArtifacts({ store, eifPath: a.eifPath, measurementsPath: b.measurementsPath })).rejects.toThrow(/PCR0 is/);
      const wrong = join(dir, 'wrong.json');
      await writeFile(wrong, JSON.stringify({ pcrs: a.pcrs, os_image_hash: `0x${b.hash}` }));
      await expect(pushArtifacts({ store, eifPath: a.eifPath, measurementsPath: wrong })).rejects.toThrow(/wrong\.json: os_image_hash 0x[0-9a-f]{64} is not the hash of its PCR0–2/);
      await writeFile(wrong, JSON.stringify({ pcrs: a.pcrs, os_image_hash: a.hash, eif: { sha256: 'ab'.repeat(32) } }));
      await expect(pushArtifacts({ store, eifPath: a.eifPath, measurementsPath: wrong })).rejects.toThrow(/eif.sha256 is/);
      expect(await listImages(store)).toEqual([]);
    });

    it('uploads a large EIF in parts with progress, then pulls and verifies it', async () => {
      const dir = await tempDir();
      const { store } = await backend();
      const image = await makeImage(dir, 'big', { customerSize: 2 * PART_SIZE + 12345 });
      const progress: PutProgress[] = [];
      await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath, onProgress: (p) => progress.push(p) });
      const eifProgress = progress.filter((p) => p.key.endsWith('enclave.eif'));
      expect(eifProgress.at(-1)!.loaded).toBe(eifProgress.at(-1)!.total);
      if (s3) {
        expect(eifProgress.length).toBeGreaterThanOrEqual(3);
        const s3store = store as S3Store;
        const [bucket] = store.uri.slice(5).split('/');
        const head = await s3store.client.send(new HeadObjectCommand({ Bucket: bucket, Key: `eifs/${image.hash}/enclave.eif` }));
        expect(head.ETag).toMatch(/-3"$/); // a three-part multipart object
      }
      const out = join(dir, 'pulled.eif');
      const pulled = await pullArtifact({ store, osImageHash: `0X${image.hash.toUpperCase()}`, outputFile: out });
      expect(pulled.report.pcrs).toMatchObject(image.pcrs);
      expect(pulled.osImageHash).toBe(`0x${image.hash}`);
      expect(Buffer.compare(await readFile(out), await readFile(image.eifPath))).toBe(0);
    });

    it('reads a large EIF once when its SHA-256 is recorded, and commits it only if it checks out', async () => {
      const dir = await tempDir();
      const { store } = await backend();
      const a = await makeImage(dir, 'a', { customerSize: 2 * PART_SIZE + 12345 });
      const b = await makeImage(dir, 'b', { customerSize: 1000 });
      const bytes = await readFile(a.eifPath);
      const digest = createHash('sha256').update(bytes).digest('hex');
      const record = (pcrs: typeof a.pcrs) => JSON.stringify({ pcrs, eif: { size: bytes.length, sha256: digest } });
      const measurements = join(dir, 'a.build.json');
      const nothingLeft = async () => {
        expect(await listImages(store)).toEqual([]);
        if (s3) {
          const [bucket] = store.uri.slice(5).split('/');
          expect((await testS3Client().send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? []).toEqual([]);
        }
      };
      // Another build's PCRs give the key the upload goes to: the EIF's own PCRs refuse it before the commit.
      await writeFile(measurements, record(b.pcrs));
      await expect(pushArtifacts({ store, eifPath: a.eifPath, measurementsPath: measurements })).rejects.toThrow(/measurements file .*PCR0/);
      await nothingLeft();
      // One byte flipped deep in the customer ramdisk, the recorded digest unchanged.
      const flipped = join(dir, 'flipped.eif');
      const copy = Buffer.from(bytes);
      copy[copy.length - 100]! ^= 0x20;
      await writeFile(flipped, copy);
      await writeFile(measurements, record(a.pcrs));
      await expect(pushArtifacts({ store, eifPath: flipped, measurementsPath: measurements })).rejects.toThrow(/CRC mismatch/);
      await nothingLeft();

      const pushed = await pushArtifacts({ store, eifPath: a.eifPath, measurementsPath: measurements });
      expect(pushed.objects.map((o) => [o.kind, o.created, o.sha256])).toEqual([
        ['measurements', true, createHash('sha256').update(await readFile(measurements)).digest('hex')], ['eif', true, digest],
      ]);
      expect((await pushArtifacts({ store, eifPath: a.eifPath, measurementsPath: measurements })).created).toBe(false);
      const out = join(dir, 'pulled.eif');
      await pullArtifact({ store, osImageHash: a.hash, outputFile: out });
      expect(Buffer.compare(await readFile(out), bytes)).toBe(0);
    });

    it('refuses a tampered EIF and leaves nothing behind', async () => {
      const dir = await tempDir();
      const { store, tamper } = await backend();
      const image = await makeImage(dir, 'a');
      await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath });
      const outDir = join(dir, 'out');
      await mkdir(outDir);
      const out = join(outDir, 'enclave.eif');

      const flipped = await readFile(image.eifPath);
      flipped[flipped.length - 1]! ^= 0xff; // last byte of the customer ramdisk
      await tamper(`${image.hash}/enclave.eif`, flipped);
      await expect(pullArtifact({ store, osImageHash: image.hash, outputFile: out })).rejects.toThrow(/CRC|PCR/);
      expect(await readdir(outDir)).toEqual([]);

      // A valid EIF of another image under this hash: its PCRs disagree with the stored measurements.
      const substitute = await makeImage(dir, 'other');
      await tamper(`${image.hash}/enclave.eif`, await readFile(substitute.eifPath));
      await expect(pullArtifact({ store, osImageHash: image.hash, outputFile: out })).rejects.toThrow(/PCR0/);
      // …and with matching measurements too, the hash itself gives it away.
      await tamper(`${image.hash}/measurements.json`, await readFile(substitute.measurementsPath));
      await expect(pullArtifact({ store, osImageHash: image.hash, outputFile: out })).rejects.toThrow(/not the requested/);
      expect(await readdir(outDir)).toEqual([]);
    });

    it('verifies the stored provenance with a key when asked, and refuses the wrong key', async () => {
      const dir = await tempDir();
      const { store } = await backend();
      const image = await makeImage(dir, 'signed');
      const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const bundle = join(dir, 'provenance.sigstore.json');
      await attestFiles({ eifPath: image.eifPath, measurementsPath: image.measurementsPath, privateKey: keys.privateKey, outputPath: bundle,
        details: { source: { repository: 'https://github.com/o/r', commit: 'a'.repeat(40) } } });
      await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: image.measurementsPath, provenancePath: bundle });
      const pem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const out = join(dir, 'ok.eif');
      const pulled = await pullArtifact({ store, osImageHash: image.hash, outputFile: out, trust: { publicKeyPem: pem } });
      expect(pulled.report.provenance?.signer.kind).toBe('public-key');
      expect((await listImages(store))[0]?.commit).toBe('a'.repeat(40));

      const wrong = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const refused = join(dir, 'refused.eif');
      await expect(pullArtifact({ store, osImageHash: image.hash, outputFile: refused, trust: { publicKeyPem: wrong } })).rejects.toThrow(/verification failed/);
      await expect(readFile(refused)).rejects.toThrow(/ENOENT/);
    });

    it('refuses to pull a hash that is not there', async () => {
      const dir = await tempDir();
      const { store } = await backend();
      await expect(pullArtifact({ store, osImageHash: 'ab'.repeat(32), outputFile: join(dir, 'x.eif') })).rejects.toThrow(/not found/);
      expect(await readdir(dir)).toEqual([]);
    });

    if (s3) {
      it('settles a race on a multipart upload with If-None-Match on completion', async () => {
        const store = (await backend()).store as S3Store;
        const [bucket] = store.uri.slice(5).split('/');
        // Another writer creates the object after this writer's existence check.
        class RacingStore extends S3Store {
          #checked = false;
          override async head(key: string) {
            if (this.#checked) return super.head(key);
            this.#checked = true;
            await testS3Client().send(new PutObjectCommand({ Bucket: bucket, Key: `eifs/${key}`, Body: 'the other writer', Metadata: { sha256: 'f'.repeat(64) } }));
            return undefined;
          }
        }
        const racing = new RacingStore({ bucket: bucket!, prefix: 'eifs', endpoint: S3_ENDPOINT, region: 'us-east-1', forcePathStyle: true, partSize: PART_SIZE });
        const error = await racing.put('race/x', randomBytes(11 * 1024 * 1024)).catch((e: unknown) => e);
        expect((error as UserError).code).toBe('conflict');
        expect(Buffer.concat(await (await store.get('race/x')).toArray()).toString()).toBe('the other writer');
        const uploads = await testS3Client().send(new ListMultipartUploadsCommand({ Bucket: bucket }));
        expect(uploads.Uploads ?? []).toEqual([]);
      });

      it('aborts the multipart upload when the source fails', async () => {
        const { store } = await backend();
        await expect(store.put('h/broken', { size: 3 * PART_SIZE, stream: async function* () {
          yield Buffer.alloc(PART_SIZE + 1);
          throw new Error('source failed');
        } })).rejects.toThrow(/source failed/);
        const [bucket] = store.uri.slice(5).split('/');
        const uploads = await testS3Client().send(new ListMultipartUploadsCommand({ Bucket: bucket }));
        expect(uploads.Uploads ?? []).toEqual([]);
      });
    }
  });
}

suite('local directory', localBackend, false);
if (S3_ENDPOINT) suite('S3 (moto)', s3Backend, true);
else if (S3_REQUIRED) it('has the S3 test server (CI)', () => expect(S3_ENDPOINT, 'NITRO_TEST_S3_ENDPOINT (scripts/infra/up.sh)').toBeDefined());
else describe.skip('S3 (skipped: no NITRO_TEST_S3_ENDPOINT; run scripts/infra/up.sh)', () => it('needs S3', () => undefined));
