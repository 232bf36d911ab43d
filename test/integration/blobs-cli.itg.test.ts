// The bundled CLI (dist/cli.js, as users run it) fetching the real public set's file names from a
// local mirror through a local HTTPS_PROXY: the request goes through the proxy (undici, loaded on
// demand from the bundle), and the mirror's synthetic bytes are refused against the compiled-in pins
// in one line naming the blob and both digests, with nothing written. No test seam: the real pins.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exec } from '../helpers/docker.js';
import { repoRoot } from '../helpers/paths.js';

const BODY = Buffer.alloc(5000, 0x4b); // not AWS's kernel
const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

describe('the bundled CLI: blobs fetch through a proxy, checked against the real pins', () => {
  let work: string;
  let mirror: Server;
  let proxy: Server;
  let mirrorUrl: string;
  let proxyUrl: string;
  const tunnels: string[] = [];
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'blobs-cli-'));
    await exec('node', [join(repoRoot(), 'scripts', 'bundle.mjs')]);
    mirror = createServer((req, res) => void res.writeHead(200, { 'content-length': String(BODY.length) }).end(BODY));
    proxy = createServer((_req, res) => void res.writeHead(502).end());
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
    [mirrorUrl, proxyUrl] = await Promise.all([listen(mirror), listen(proxy)]);
  }, 120_000);
  afterAll(async () => {
    for (const server of [mirror, proxy]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses a file that is not the pinned one, naming the blob and both digests', async () => {
    const out = join(work, 'blobs');
    const run = await promisify(execFile)(process.execPath, [join(repoRoot(), 'dist', 'cli.js'), 'blobs', 'fetch', '--set', 'aws-nitro-enclaves-cli@v1.5.0',
      '--output-dir', out, '--base-url', mirrorUrl], { env: { ...process.env, HTTP_PROXY: proxyUrl, NO_PROXY: '' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    const sha384 = createHash('sha384').update(BODY).digest('hex');
    expect(run).toMatchObject({
      code: 1,
      stderr: `nitro-eif: error: blob bzImage (aws-nitro-enclaves-cli@v1.5.0 x86_64) from ${mirrorUrl}/blobs/x86_64/bzImage: sha384 ${sha384}, ` +
        'pinned 127b320741835315a4b05fd4b7d063771d9097af887a42296809ff1f98971ec99a1c5f865cfa8be2b3562547369821c4\n',
    });
    expect(tunnels).toEqual([new URL(mirrorUrl).host]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work)).toEqual([]);
  });
});
