// The action's `blobs` input: a public set (test pins through the test-only seam) downloaded from a
// local server into the runner's tool cache, reused by the next job on the same runner, and fetched
// again when the cached copy changed. Pins computed with sha384sum and `git hash-object`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { blobSetDir } from '../../../src/action/blobs.js';
import { replaceBlobSetsForTesting, type PublicBlobSet } from '../../../src/build/known-blobs.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

const FILES = ['Image', 'Image.config', 'cmdline', 'init', 'nsm.ko'];
let work: string;
let server: Server;
let set: PublicBlobSet;
let restore: () => void;
const hits: string[] = [];
const saved = { cache: process.env['RUNNER_TOOL_CACHE'], temp: process.env['RUNNER_TEMP'] };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'action-blobs-'));
  const src = makeSyntheticBlobs('aarch64', join(work, 'src'));
  const pins = Object.fromEntries(FILES.map((name) => {
    const path = join(src, name);
    return [name, {
      gitBlob: execFileSync('git', ['hash-object', '--no-filters', path], { encoding: 'utf8' }).trim(),
      sha384: execFileSync('sha384sum', [path], { encoding: 'utf8' }).split(' ')[0]!,
    }];
  }));
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const name = /^\/blobs\/aarch64\/([\w.]+)$/.exec(req.url ?? '')?.[1];
    if (!name || !FILES.includes(name)) return void res.writeHead(404).end();
    res.writeHead(200).end(readFileSync(join(src, name)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  set = { name: 'test-blobs@v2.0.1', repository: 'test/blobs', tag: 'v2.0.1', commit: '0'.repeat(40), blobsTree: '0'.repeat(40), baseUrl,
    files: { aarch64: pins, x86_64: {} } };
  restore = replaceBlobSetsForTesting([set]);
  process.env['RUNNER_TOOL_CACHE'] = join(work, 'tool-cache');
  process.env['RUNNER_TEMP'] = join(work, 'temp');
  mkdirSync(join(work, 'temp'));
});

afterAll(async () => {
  restore();
  for (const [key, value] of [['RUNNER_TOOL_CACHE', saved.cache], ['RUNNER_TEMP', saved.temp]] as const) {
    if (value === undefined) delete process.env[key]; else process.env[key] = value;
  }
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe('action blobs input', () => {
  it('downloads once into the tool cache, reuses it, and fetches again a cached copy that changed', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const dir = await blobSetDir({ set }, 'aarch64');
      expect(dir).toBe(join(work, 'tool-cache', 'nitro-eif-blobs-test-blobs', '2.0.1', 'arm64'));
      expect(hits).toHaveLength(5);
      expect(readFileSync(join(dir, 'Image')).equals(readFileSync(join(work, 'src', 'Image')))).toBe(true);
      hits.length = 0;
      expect(await blobSetDir({ set }, 'aarch64')).toBe(dir);
      expect(hits).toEqual([]);
      writeFileSync(join(dir, 'init'), 'changed');
      expect(await blobSetDir({ set }, 'aarch64')).toBe(dir);
      expect(hits).toHaveLength(5);
      expect(readFileSync(join(dir, 'init')).equals(readFileSync(join(work, 'src', 'init')))).toBe(true);
      const logged = out.mock.calls.map((c) => String(c[0])).join('');
      expect(logged).toMatch(/::warning::blobs test-blobs@v2\.0\.1 aarch64 in the tool cache .* unusable, fetching them again: blob init .*sha384 [0-9a-f]{96}, pinned [0-9a-f]{96}/);
      // The download's temporary directory is gone.
      expect(readdirSync(join(work, 'temp'))).toEqual([]);
      expect(existsSync(join(dir, 'nitro-eif-blobs.json'))).toBe(true);
    } finally {
      out.mockRestore();
    }
  });
});

describe('provenance of a public set\'s blobs', () => {
  it('names the set and points at the release\'s commit; blobs from a directory keep their file name', async () => {
    const { blobDependency } = await import('../../../src/action/provenance.js');
    const { PUBLIC_BLOB_SETS } = await import('../../../src/build/known-blobs.js');
    const v150 = PUBLIC_BLOB_SETS.find((s) => s.name === 'aws-nitro-enclaves-cli@v1.5.0')!;
    const report = { enclave: { arch: 'x86_64' } } as unknown as Parameters<typeof blobDependency>[1];
    const withSet = { blobSet: { set: v150 } } as unknown as Parameters<typeof blobDependency>[0];
    expect(blobDependency(withSet, report, 'bzImage', 'a'.repeat(96))).toEqual({
      name: 'aws-nitro-enclaves-cli@v1.5.0/blobs/x86_64/bzImage', sha384: 'a'.repeat(96),
      uri: 'https://raw.githubusercontent.com/aws/aws-nitro-enclaves-cli/2950b3699d81ad304df2458915688a552734833d/blobs/x86_64/bzImage',
    });
    expect(blobDependency({} as Parameters<typeof blobDependency>[0], report, 'bzImage', 'a'.repeat(96))).toEqual({ name: 'bzImage', sha384: 'a'.repeat(96) });
  });
});
