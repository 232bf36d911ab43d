import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LocalStore } from '../../../src/store/local-store.js';
import { openStore } from '../../../src/store/open-store.js';
import { S3Store } from '../../../src/store/s3-store.js';
import { storeContract } from '../../helpers/store-contract.js';
import { tempDirsRemovedAfterAll } from '../../helpers/temp-dir.js';

const freshDir = tempDirsRemovedAfterAll('nitro-store-');

describe('LocalStore', () => {
  storeContract(async () => new LocalStore(join(await freshDir(), 'store')));

  it('keeps no temporary files after a conflict', async () => {
    const root = await freshDir();
    const store = new LocalStore(root);
    await store.put('h/f', Buffer.from('a'));
    await expect(store.put('h/f', Buffer.from('b'))).rejects.toThrow(/different object/);
    expect(await readdir(join(root, 'h'))).toEqual(['f']);
  });
});

describe('openStore', () => {
  it('opens a relative path, a file:// URI and an s3:// URI', async () => {
    const dir = await freshDir();
    const rel = openStore('eif-store', { cwd: dir });
    expect(rel).toBeInstanceOf(LocalStore);
    expect(rel.uri).toBe(pathToFileURL(join(dir, 'eif-store')).href);
    expect(openStore(pathToFileURL(dir).href).uri).toBe(pathToFileURL(dir).href);
    const s3 = openStore('s3://my-bucket/some/prefix/', { region: 'us-east-1' });
    expect(s3).toBeInstanceOf(S3Store);
    expect(s3.uri).toBe('s3://my-bucket/some/prefix');
    expect(s3.uriOf('ab/enclave.eif')).toBe('s3://my-bucket/some/prefix/ab/enclave.eif');
    expect(openStore('s3://my-bucket', { region: 'us-east-1' }).uriOf('k')).toBe('s3://my-bucket/k');
  });

  it('refuses unknown schemes and bad bucket names', () => {
    expect(() => openStore('gs://bucket/x')).toThrow(/unsupported scheme/);
    expect(() => openStore('s3://Bad_Bucket/x')).toThrow(/invalid S3 bucket/);
  });
});
