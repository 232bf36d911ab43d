// Public blob sets fetched from a local HTTP server (127.0.0.1) serving a synthetic blob tree, with
// test pins put in through the test-only seam (replaceBlobSetsForTesting), never a flag or input.
// The pins are computed here by sha384sum and `git hash-object`, not by the code under test.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BLOB_RECORD_FILE, blobCacheRoot, cachedBlobSet, fetchBlobSet, findBlobSet, redactUrl } from '../../../src/build/blob-fetch.js';
import { replaceBlobSetsForTesting, type BlobPins, type PublicBlobSet } from '../../../src/build/known-blobs.js';
import { main } from '../../../src/cli/main.js';
import { UserError, VerificationError } from '../../../src/errors.js';
import { bypasses, proxyFetchFromEnv } from '../../../src/io/proxy-fetch.js';
import { CASE_A_ARCHIVE } from '../../helpers/linuxkit-case-a.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

const FILES = { x86_64: ['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko'], aarch64: ['Image', 'Image.config', 'cmdline', 'init', 'nsm.ko'] } as const;

let work: string;
let server: Server;
let base: string;
const sockets = new Set<Socket>();
const hits: string[] = [];
/** arch → file name → bytes served under /good. */
const tree: Record<string, Record<string, Buffer>> = {};

function sha384sum(path: string): string {
  return execFileSync('sha384sum', [path], { encoding: 'utf8' }).split(' ')[0]!;
}
function gitHashObject(path: string): string {
  return execFileSync('git', ['hash-object', '--no-filters', path], { encoding: 'utf8' }).trim();
}

/** Pins as the public table holds them: SHA-384 + git blob id + size, except the kernel (git blob id only). */
function pinsOf(dir: string, arch: 'x86_64' | 'aarch64'): BlobPins {
  return Object.fromEntries(FILES[arch].map((name, i) => {
    const path = join(dir, name);
    const pin = i === 0 ? { gitBlob: gitHashObject(path) } : { gitBlob: gitHashObject(path), sha384: sha384sum(path), size: readFileSync(path).length };
    return [name, pin];
  }));
}

function testSet(name: string, baseUrl: string, files: PublicBlobSet['files']): PublicBlobSet {
  return { name, repository: 'test/blobs', tag: 'v0', commit: '0'.repeat(40), blobsTree: '0'.repeat(40), baseUrl, files };
}

let sets: PublicBlobSet[];
let restoreSets: () => void;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'blob-fetch-'));
  const files: Record<string, BlobPins> = {};
  for (const arch of ['x86_64', 'aarch64'] as const) {
    const dir = makeSyntheticBlobs(arch, join(work, `src-${arch}`));
    tree[arch] = Object.fromEntries(FILES[arch].map((name) => [name, readFileSync(join(dir, name))]));
    files[arch] = pinsOf(dir, arch);
  }
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const m = /^\/(\w+)\/blobs\/(x86_64|aarch64)\/([\w.]+)$/.exec(req.url ?? '');
    const body = m ? tree[m[2]!]?.[m[3]!] : undefined;
    if (!m || !body) return void res.writeHead(404).end();
    const mode = m[1]!;
    const kernel = m[3] === 'bzImage' || m[3] === 'Image';
    if (mode === 'good') return void send(res, body, kernel); // the kernels without Content-Length (chunked)
    if (mode === 'onebyte') return void send(res, m[3] === 'init' ? flipLastByte(body) : body);
    if (mode === 'missing') return void (m[3] === 'nsm.ko' ? res.writeHead(404).end() : send(res, body));
    if (mode === 'silent') return; // never answers
    if (mode === 'cut') {
      if (m[3] !== 'init') return void send(res, body);
      res.writeHead(200, { 'content-length': String(body.length) });
      res.write(body.subarray(0, 100));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.writeHead(404).end();
  });
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sets = [
    testSet('test-blobs@v1', `${base}/good`, files as PublicBlobSet['files']),
    testSet('test-blobs@onebyte', `${base}/onebyte`, files as PublicBlobSet['files']),
  ];
  restoreSets = replaceBlobSetsForTesting(sets);
});

afterAll(async () => {
  restoreSets();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

afterEach(() => {
  hits.length = 0;
});

function send(res: ServerResponse, body: Buffer, chunked = false): void {
  if (chunked) {
    res.writeHead(200);
    res.write(body.subarray(0, 1000));
    res.end(body.subarray(1000));
  } else {
    res.writeHead(200, { 'content-length': String(body.length) }).end(body);
  }
}

function flipLastByte(body: Buffer): Buffer {
  const copy = Buffer.from(body);
  copy[copy.length - 1]! ^= 1;
  return copy;
}

/** No directory, and nothing half-written beside it. */
function expectNothingWritten(parent: string, name: string): void {
  expect(existsSync(join(parent, name))).toBe(false);
  expect(readdirSync(parent).filter((entry) => entry.includes(name))).toEqual([]);
}

describe('fetchBlobSet', () => {
  it('downloads a correct tree, verifies it and writes the files with a record of their SHA-384', async () => {
    const out = join(work, 'fetched-x86');
    const fetched = await fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: out });
    for (const name of FILES.x86_64) expect(readFileSync(join(out, name)).equals(tree['x86_64']![name]!)).toBe(true);
    const record = JSON.parse(readFileSync(join(out, BLOB_RECORD_FILE), 'utf8'));
    expect(record.set).toBe('test-blobs@v1');
    // The kernel is pinned by git blob id only: its SHA-384 is recorded on the first verified download.
    const kernel = record.files.find((f: { name: string }) => f.name === 'bzImage');
    expect(kernel.sha384).toBe(sha384sum(join(out, 'bzImage')));
    expect(kernel.gitBlob).toBe(gitHashObject(join(out, 'bzImage')));
    expect(fetched.files.map((f) => f.name)).toEqual([...FILES.x86_64]);
    expect(hits.sort()).toEqual(FILES.x86_64.map((n) => `/good/blobs/x86_64/${n}`).sort());
  });

  it('refuses a tree with one changed byte in one line naming the blob and both digests, writing nothing', async () => {
    const out = join(work, 'onebyte');
    const error = await fetchBlobSet({ set: sets[1]!, arch: 'x86_64', outputDir: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VerificationError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    const served = join(work, 'served-init');
    writeFileSync(served, flipLastByte(tree['x86_64']!['init']!));
    expect(message).toBe(
      `blob init (test-blobs@onebyte x86_64) from ${base}/onebyte/blobs/x86_64/init: sha384 ${sha384sum(served)}, pinned ${sha384sum(join(work, 'src-x86_64', 'init'))}`,
    );
    expectNothingWritten(work, 'onebyte');
  });

  it('refuses a missing file (404), naming the URL, writing nothing', async () => {
    const set = { ...sets[0]!, baseUrl: `${base}/missing` };
    await expect(fetchBlobSet({ set, arch: 'x86_64', outputDir: join(work, 'missing') })).rejects.toThrow(
      new UserError(`blob download ${base}/missing/blobs/x86_64/nsm.ko: HTTP 404 Not Found`, { code: 'external' }),
    );
    expectNothingWritten(work, 'missing');
  });

  it('gives up on a server that never answers, naming the URL, writing nothing', async () => {
    const started = Date.now();
    await expect(fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: join(work, 'silent'), baseUrl: `${base}/silent`, timeoutMs: 300 })).rejects.toThrow(
      new UserError(`blob download ${base}/silent/blobs/x86_64/bzImage: no answer for 0.3 s (timed out)`, { code: 'external' }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expectNothingWritten(work, 'silent');
  });

  it('refuses a cut connection, naming the URL, writing nothing', async () => {
    const error = await fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: join(work, 'cut'), baseUrl: `${base}/cut` }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(new RegExp(`^blob download ${base}/cut/blobs/x86_64/init: the connection was cut after \\d+ (of \\d+ )?bytes`));
    expect((error as Error).message).not.toContain('\n');
    expectNothingWritten(work, 'cut');
  });

  it('refuses a connection refused, naming the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: join(work, 'refused'), baseUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(
      /^blob download http:\/\/127\.0\.0\.1:\d+\/blobs\/x86_64\/bzImage: cannot connect \(ECONNREFUSED/,
    );
    expectNothingWritten(work, 'refused');
  });

  it('goes through HTTP(S)_PROXY when set, and not for a NO_PROXY host', async () => {
    const tunnels: string[] = [];
    const proxy = createServer((_req, res) => void res.writeHead(502).end());
    proxy.on('connect', (req, client: Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      expect(proxyFetchFromEnv({ NO_PROXY: '127.0.0.1' })).toBeUndefined();
      await fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: join(work, 'proxied'), fetch: proxyFetchFromEnv({ HTTP_PROXY: proxyUrl }) });
      // One CONNECT tunnel to the blob server, reused for the five files.
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([new URL(base).host]));
      const through = tunnels.length;
      await fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: join(work, 'not-proxied'), fetch: proxyFetchFromEnv({ http_proxy: proxyUrl, no_proxy: '127.0.0.1' }) });
      expect(tunnels).toHaveLength(through);
      expect(readFileSync(join(work, 'proxied', 'init')).equals(tree['x86_64']!['init']!)).toBe(true);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('reads NO_PROXY like curl: *, names with or without a leading dot (subdomains too), optional port', () => {
    const url = new URL('https://raw.githubusercontent.com/x');
    expect(bypasses(['*'], url)).toBe(true);
    expect(bypasses(['githubusercontent.com'], url)).toBe(true);
    expect(bypasses(['.githubusercontent.com'], url)).toBe(true);
    expect(bypasses(['raw.githubusercontent.com:443'], url)).toBe(true);
    expect(bypasses(['raw.githubusercontent.com:8443'], url)).toBe(false);
    expect(bypasses(['usercontent.com', 'example.com'], url)).toBe(false);
    expect(bypasses(['127.0.0.1'], new URL('http://127.0.0.1:8080/'))).toBe(true);
  });

  it('never names credentials in a URL', async () => {
    expect(redactUrl('https://user:secret@mirror.example/blobs')).toBe('https://***@mirror.example/blobs');
    const error = await fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: join(work, 'creds'), baseUrl: 'https://user:secret@mirror.example' }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('blob base URL: a user name or password in the URL is not supported');
  });

  it('refuses an output directory that is not empty', async () => {
    const out = mkdtempSync(join(work, 'full-'));
    writeFileSync(join(out, 'x'), 'x');
    await expect(fetchBlobSet({ set: sets[0]!, arch: 'x86_64', outputDir: out })).rejects.toThrow(/is not empty/);
  });
});

describe('the blob cache', () => {
  it('fetches once, reuses the verified copy, and fetches again when a cached file was changed', async () => {
    const cacheRoot = join(work, 'cache');
    const first = await cachedBlobSet({ set: sets[0]!, arch: 'aarch64', cacheRoot });
    expect(first).toEqual({ dir: join(cacheRoot, 'test-blobs@v1', 'aarch64'), fromCache: false });
    expect(hits).toHaveLength(5);
    hits.length = 0;
    expect(await cachedBlobSet({ set: sets[0]!, arch: 'aarch64', cacheRoot })).toEqual({ ...first, fromCache: true });
    expect(hits).toEqual([]);
    writeFileSync(join(first.dir, 'Image'), flipLastByte(readFileSync(join(first.dir, 'Image'))));
    const damaged: string[] = [];
    expect(await cachedBlobSet({ set: sets[0]!, arch: 'aarch64', cacheRoot, onDamaged: (m) => damaged.push(m) })).toEqual(first);
    expect(damaged).toHaveLength(1);
    expect(damaged[0]).toMatch(/Image.*git blob id [0-9a-f]{40}, pinned [0-9a-f]{40}/);
    expect(readFileSync(join(first.dir, 'Image')).equals(tree['aarch64']!['Image']!)).toBe(true);
  });

  it('lets two builds fill the same cache at once: both end with the one verified copy', async () => {
    const cacheRoot = join(work, 'cache-race');
    const [a, b] = await Promise.all([0, 1].map(() => cachedBlobSet({ set: sets[0]!, arch: 'x86_64', cacheRoot })));
    const dir = join(cacheRoot, 'test-blobs@v1', 'x86_64');
    expect([a!.dir, b!.dir]).toEqual([dir, dir]);
    expect([a!.fromCache, b!.fromCache].sort()).toEqual([false, true]);
    expect(readdirSync(join(cacheRoot, 'test-blobs@v1'))).toEqual(['x86_64']);
    for (const name of FILES.x86_64) expect(readFileSync(join(dir, name)).equals(tree['x86_64']![name]!)).toBe(true);
  });

  it('lives in $XDG_CACHE_HOME/nitro-eif/blobs, or ~/.cache when that is unset or relative', () => {
    expect(blobCacheRoot({ XDG_CACHE_HOME: '/var/cache/me' }, '/home/me')).toBe('/var/cache/me/nitro-eif/blobs');
    expect(blobCacheRoot({}, '/home/me')).toBe('/home/me/.cache/nitro-eif/blobs');
    expect(blobCacheRoot({ XDG_CACHE_HOME: 'relative' }, '/home/me')).toBe('/home/me/.cache/nitro-eif/blobs');
  });

  it('names the known sets for an unknown one', () => {
    expect(() => findBlobSet('aws-nitro-enclaves-cli@v9', '--blobs')).toThrow('--blobs: unknown blob set "aws-nitro-enclaves-cli@v9" (known: test-blobs@v1, test-blobs@onebyte)');
  });
});

describe('nitro-eif blobs fetch / build-enclave --blobs', () => {
  async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      const code = await main(args);
      return { code, out: out.mock.calls.map((c) => String(c[0])).join(''), err: err.mock.calls.map((c) => String(c[0])).join('') };
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('blobs fetch prints sha384sum lines for what it wrote', async () => {
    const out = join(work, 'cli-fetch');
    const result = await run(['blobs', 'fetch', '--set', 'test-blobs@v1', '--arch', 'aarch64', '--output-dir', out]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const lines = FILES.aarch64.map((name) => `${sha384sum(join(out, name))}  ${name}\n`).join('');
    expect(result.out).toBe(lines);
  });

  it('blobs fetch: a changed byte is one line on stderr, exit 1, nothing written', async () => {
    const result = await run(['blobs', 'fetch', '--set', 'test-blobs@onebyte', '--output-dir', join(work, 'cli-bad')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^nitro-eif: error: blob init \(test-blobs@onebyte x86_64\) from http:\S+: sha384 [0-9a-f]{96}, pinned [0-9a-f]{96}\n$/);
    expectNothingWritten(work, 'cli-bad');
  });

  it('build-enclave --blobs builds from the cache and names the set and every blob in the measurements', async () => {
    const xdg = join(work, 'xdg');
    const args = (name: string) => ['build-enclave', '--oci-archive', CASE_A_ARCHIVE, '--blobs', 'test-blobs@v1', '--quiet',
      '--output-file', join(work, `${name}.eif`), '--measurements-file', join(work, `${name}.json`)];
    const first = await run(args('b1'), { XDG_CACHE_HOME: xdg });
    expect(first.code).toBe(0);
    expect(hits).toHaveLength(5);
    const cached = join(xdg, 'nitro-eif', 'blobs', 'test-blobs@v1', 'x86_64');
    const measurements = JSON.parse(readFileSync(join(work, 'b1.json'), 'utf8'));
    expect(measurements.blobs.set).toBe('test-blobs@v1');
    expect(measurements.blobs.sha384).toEqual(Object.fromEntries(FILES.x86_64.map((n) => [n, sha384sum(join(cached, n))])));
    hits.length = 0;
    const again = await run(args('b2'), { XDG_CACHE_HOME: xdg });
    expect(again.code).toBe(0);
    expect(hits).toEqual([]);
    expect(readFileSync(join(work, 'b2.eif')).equals(readFileSync(join(work, 'b1.eif')))).toBe(true);
    // The same blobs from a directory build the same EIF.
    const dirBuild = await run(['build-enclave', '--oci-archive', CASE_A_ARCHIVE, '--blobs-dir', makeSyntheticBlobs('x86_64', join(work, 'plain')),
      '--quiet', '--output-file', join(work, 'b3.eif')]);
    expect(dirBuild.code).toBe(0);
    expect(readFileSync(join(work, 'b3.eif')).equals(readFileSync(join(work, 'b1.eif')))).toBe(true);
  });

  it('an unknown set, a bad base URL or timeout are usage errors (exit 2), nothing written', async () => {
    const out = join(work, 'cli-usage');
    for (const args of [['--set', 'nope'], ['--set', 'test-blobs@v1', '--base-url', 'ftp://mirror.example'], ['--set', 'test-blobs@v1', '--timeout', '0']]) {
      const result = await run(['blobs', 'fetch', ...args, '--output-dir', out]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^nitro-eif: error: --(set|base-url|timeout): [^\n]+\n$/);
    }
    expect(hits).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('build-enclave: --blobs and --blobs-dir together are a usage error (exit 2)', async () => {
    const result = await run(['build-enclave', '--oci-archive', CASE_A_ARCHIVE, '--blobs', 'test-blobs@v1', '--blobs-dir', work, '--output-file', join(work, 'x.eif')]);
    expect(result.code).toBe(2);
    expect(result.err).toBe('nitro-eif: error: build-enclave: give --blobs-dir or --blobs, not both\n');
    expect(existsSync(join(work, 'x.eif'))).toBe(false);
  });

  it('build-enclave --blobs: a server that never answers fails in one line naming the URL, no EIF', async () => {
    const result = await run(['build-enclave', '--oci-archive', CASE_A_ARCHIVE, '--blobs', 'test-blobs@v1', '--blobs-base-url', `${base}/silent`,
      '--blobs-timeout', '1', '--quiet', '--output-file', join(work, 'y.eif')], { XDG_CACHE_HOME: join(work, 'xdg-silent') });
    expect(result.code).toBe(1);
    expect(result.err).toBe(`nitro-eif: error: blob download ${base}/silent/blobs/x86_64/bzImage: no answer for 1 s (timed out)\n`);
    expect(existsSync(join(work, 'y.eif'))).toBe(false);
    expect(existsSync(join(work, 'xdg-silent', 'nitro-eif', 'blobs', 'test-blobs@v1', 'x86_64'))).toBe(false);
  });
});
