// push / ls / pull through the CLI's main() against the S3 test server: the store flags, the
// AWS_ENDPOINT_URL_S3 fallback, multipart with --part-size and progress on stderr.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { freshBucket, S3_ENDPOINT, S3_REQUIRED, useTestCredentials } from '../helpers/s3-test-store.js';
import { makeImage } from '../helpers/store-eif.js';

let stdout = '';
let stderr = '';
const dirs: string[] = [];
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const run = S3_ENDPOINT || S3_REQUIRED ? describe : describe.skip;

run('nitro-eif push / ls / pull on S3', () => {
  it('has the S3 test server', () => expect(S3_ENDPOINT, 'NITRO_TEST_S3_ENDPOINT (scripts/infra/up.sh)').toBeDefined());

  it('pushes a multipart EIF with progress, lists it and pulls it back', async () => {
    useTestCredentials();
    const dir = await mkdtemp(join(tmpdir(), 'nitro-store-cli-'));
    dirs.push(dir);
    const image = await makeImage(dir, 'app', { customerSize: 9 * 1024 * 1024 });
    const store = `s3://${await freshBucket()}/team/eifs`;
    const flags = ['--store', store, '--s3-endpoint', S3_ENDPOINT!, '--part-size', '5'];
    expect(await main(['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, ...flags])).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ os_image_hash: `0x${image.hash}`, eif_uri: `${store}/${image.hash}/enclave.eif`, created: true });
    expect(stderr).toMatch(/uploading .*enclave\.eif: .* \(100%\)/);
    expect(stderr.match(/uploading .*enclave\.eif/g)!.length).toBeGreaterThan(1);

    // The endpoint from the environment, as the AWS SDKs read it.
    vi.stubEnv('AWS_ENDPOINT_URL_S3', S3_ENDPOINT!);
    try {
      stdout = '';
      expect(await main(['ls', '--store', store, '--json'])).toBe(0);
      expect(JSON.parse(stdout)).toEqual([{ osImageHash: `0x${image.hash}`, files: ['enclave.eif', 'measurements.json'], complete: true }]);
      stdout = '';
      const out = join(dir, 'pulled.eif');
      expect(await main(['pull', image.hash, '--store', store, '--output-file', out])).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ verified: true, pcrs: image.pcrs });
      expect(Buffer.compare(await readFile(out), await readFile(image.eifPath))).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
