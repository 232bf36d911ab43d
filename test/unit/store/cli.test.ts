// The push / pull / ls commands through the CLI's main(), on a local directory store.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { captureOutput } from '../../helpers/capture-output.js';
import { fixture } from '../../helpers/paths.js';
import { eachTestImage, makeImage, type TestImage } from '../../helpers/store-eif.js';

const TINY_EIF = fixture('eif', 'tiny.eif');

let dir: string;
let image: TestImage;
const cli = captureOutput();
eachTestImage((d, i) => {
  dir = d;
  image = i;
});

describe('nitro-eif push / pull / ls', () => {
  it('pushes, lists and pulls through the CLI', async () => {
    const store = join(dir, 'store');
    expect(await main(['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--store', store])).toBe(0);
    const pushed = JSON.parse(cli.stdout);
    expect(pushed).toMatchObject({ os_image_hash: `0x${image.hash}`, created: true });
    expect(await readdir(join(store, image.hash))).toEqual(['enclave.eif', 'measurements.json']);

    cli.reset();
    expect(await main(['ls', '--store', store])).toBe(0);
    expect(cli.stdout).toContain(`0x${image.hash}`);

    // --json uses the same snake_case keys as push, pull and the measurements file.
    cli.reset();
    expect(await main(['ls', '--store', store, '--json'])).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual([{ os_image_hash: pushed.os_image_hash, files: ['enclave.eif', 'measurements.json'], complete: true }]);

    cli.reset();
    const out = join(dir, 'pulled.eif');
    expect(await main(['pull', image.hash, '--store', store, '--output-file', out])).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ verified: true, os_image_hash: `0x${image.hash}`, pcrs: image.pcrs });
    expect(Buffer.compare(await readFile(out), await readFile(image.eifPath))).toBe(0);
  });

  it('keys the fixture tiny.eif by the OS_IMAGE_HASH of its spec PCRs (eif-format.md §5)', async () => {
    const { createHash } = await import('node:crypto');
    const pcrs = {
      PCR0: '4e0fe8a033babccd181a1ce2e0b592536ee0ff6cfcfa50d77f8888e2d99c1061d92bfe48659198333dc0cbaf3e82720a',
      PCR1: '6e37b98d2c46c98c1630f0bc35d86ee43577562c3f033e3659fc0a279d9c64dc1b16de25f838321106a94f057097e10e',
      PCR2: 'f3b9e4b60fc5388f37bc184a220c35daf39386a0c7f9ae4668c433efb337833dfbd0917d919504d3077c4f740b7e46ec',
    };
    const expected = createHash('sha256').update(Buffer.from(pcrs.PCR0 + pcrs.PCR1 + pcrs.PCR2, 'hex')).digest('hex');
    const measurements = join(dir, 'tiny.measurements.json');
    await writeFile(measurements, JSON.stringify({ Measurements: pcrs }));
    const store = join(dir, 'store');
    expect(await main(['push', '--eif-path', TINY_EIF, '--measurements', measurements, '--store', store])).toBe(0);
    expect(JSON.parse(cli.stdout).os_image_hash).toBe(`0x${expected}`);
    expect(await readdir(join(store, expected))).toEqual(['enclave.eif', 'measurements.json']);
  });

  it('exits non-zero with one line for a mismatch, a missing hash and bad flags', async () => {
    const other = await makeImage(dir, 'other');
    const store = join(dir, 'store');
    expect(await main(['push', '--eif-path', image.eifPath, '--measurements', other.measurementsPath, '--store', store])).toBe(1);
    expect(cli.stderr).toMatch(/^nitro-eif: error: .*PCR0 is/);
    cli.reset();
    expect(await main(['pull', 'ab'.repeat(32), '--store', store, '--output-file', join(dir, 'x.eif')])).toBe(1);
    expect(cli.stderr).toMatch(/not found/);
    expect(await main(['pull', 'xyz', '--store', store, '--output-file', join(dir, 'x.eif')])).toBe(2);
    cli.reset();
    expect(await main(['pull', image.hash, '--store', store, '--output-file', join(dir, 'no/such/dir/x.eif')])).toBe(1);
    expect(cli.stderr).toBe(`nitro-eif: error: --output-file ${join(dir, 'no/such/dir/x.eif')}: directory ${join(dir, 'no/such/dir')} does not exist\n`);
    expect(await main(['pull', image.hash, '--store', store, '--output-file', join(dir, 'x.eif'), '--certificate-identity', 'i'])).toBe(2);
    expect(await main(['push', '--store', 'gs://bucket', '--eif-path', image.eifPath, '--measurements', image.measurementsPath])).toBe(2);
  });

  it('has --help on every command', async () => {
    for (const command of ['push', 'pull', 'ls', 'register']) {
      cli.reset();
      expect(await main([command, '--help'])).toBe(0);
      expect(cli.stdout).toContain(`Usage: nitro-eif ${command}`);
      // Only push uploads: a part size means nothing to pull or ls.
      expect(cli.stdout.includes('--part-size')).toBe(command === 'push');
    }
    cli.reset();
    expect(await main(['pull', 'ab'.repeat(32), '--part-size', '5', '--output-file', join(dir, 'x.eif')])).toBe(2);
    expect(cli.stderr).toBe("nitro-eif: error: unknown option '--part-size' (run with --help for usage)\n");
  });
});
