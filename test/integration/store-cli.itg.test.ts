// push / ls / pull through the CLI's main() against the S3 test server: the store flags, the
// AWS_ENDPOINT_URL_S3 fallback, multipart with --part-size and progress on stderr.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture-output.js';
import { freshBucket, S3_ENDPOINT, S3_REQUIRED, useTestCredentials } from '../helpers/s3-test-store.js';
import { makeImage } from '../helpers/store-eif.js';

const cli = captureOutput();
const dirs: string[] = [];
beforeEach(() => {
});
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
    expect(JSON.parse(cli.stdout)).toMatchObject({ os_image_hash: `0x${image.hash}`, eif_uri: `${store}/${image.hash}/enclave.eif`, created: true });
    expect(cli.stderr).toMatch(/uploading .*enclave\.eif: .* \(100%\)/);
    expect(cli.stderr.match(/uploading .*enclave\.eif/g)!.length).toBeGreaterThan(1);

    // The endpoint from the environment, as the AWS SDKs read it.
    vi.stubEnv('AWS_ENDPOINT_URL_S3', S3_ENDPOINT!);
    try {
      cli.reset();
      expect(await main(['ls', '--store', store, '--json'])).toBe(0);
      expect(JSON.parse(cli.stdout)).toEqual([{ os_image_hash: `0x${image.hash}`, files: ['enclave.eif', 'measurements.json'], complete: true }]);
      cli.reset();
      const out = join(dir, 'pulled.eif');
      expect(await main(['pull', image.hash, '--store', store, '--output-file', out])).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ verified: true, pcrs: image.pcrs });
      expect(Buffer.compare(await readFile(out), await readFile(image.eifPath))).toBe(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
