// push reads the EIF once when the measurements record its SHA-256: the store's write and the strict
// reader share the read, so a store that gives up mid-way must end the reader too (no hang), and a
// reader that refuses the EIF must undo the store's write.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src/store/local-store.js';
import { openSource } from '../../../src/store/source.js';
import { pushArtifacts } from '../../../src/store/push.js';
import type { ArtifactStore, PutOptions } from '../../../src/store/types.js';
import type { ByteSource } from '../../../src/eif/index.js';
import { makeImage } from '../../helpers/store-eif.js';
import { tempDirsRemovedAfterAll } from '../../helpers/temp-dir.js';

const freshDir = tempDirsRemovedAfterAll('nitro-push-one-pass-');

async function largeImage() {
  const dir = await freshDir();
  const image = await makeImage(dir, 'a', { customerSize: 40 << 20 }); // read on the worker threads, in many slots
  const bytes = await readFile(image.eifPath);
  const measurements = join(dir, 'build.json');
  await writeFile(measurements, JSON.stringify({ pcrs: image.pcrs, eif: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } }));
  return { dir, image, bytes, measurements };
}

/** A local store whose write of the EIF fails after `after` bytes (a lost connection). */
class FailingStore extends LocalStore {
  taken = 0;
  constructor(root: string, private readonly after: number) { super(root); }
  override async put(key: string, source: ByteSource, options?: PutOptions) {
    if (!key.endsWith('enclave.eif')) return super.put(key, source, options);
    for await (const chunk of openSource(source)) {
      this.taken += chunk.byteLength;
      if (this.taken > this.after) throw new Error('connection lost');
    }
    throw new Error('not reached');
  }
}

describe('push in one read', () => {
  it('ends the reader when the store gives up mid-way, with the store\'s error', async () => {
    const { dir, image, measurements } = await largeImage();
    const store = new FailingStore(join(dir, 'store'), 20 << 20);
    await expect(pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: measurements })).rejects.toThrow('connection lost');
    expect(store.taken).toBeGreaterThan(20 << 20);
  });

  it('stores the exact bytes, and nothing when the EIF is cut short after its measurements were taken', async () => {
    const { dir, image, bytes, measurements } = await largeImage();
    const store: ArtifactStore = new LocalStore(join(dir, 'store'));
    const cut = join(dir, 'cut.eif');
    await writeFile(cut, bytes.subarray(0, bytes.length - 4096));
    await expect(pushArtifacts({ store, eifPath: cut, measurementsPath: measurements })).rejects.toThrow(/cut\.eif: .*(truncated|runs past the end)/);
    expect(await readdir(join(dir, 'store', image.hash)).catch(() => [])).toEqual([]);
    await pushArtifacts({ store, eifPath: image.eifPath, measurementsPath: measurements });
    expect(Buffer.compare(await readFile(join(dir, 'store', image.hash, 'enclave.eif')), bytes)).toBe(0);
  });
});
