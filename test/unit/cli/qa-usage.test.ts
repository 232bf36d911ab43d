// Wrong-usage paths found in QA: each must fail with one line naming the input, non-zero exit.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BLOBS_DIR } from '../../../src/build/blobs.js';
import { main } from '../../../src/cli/main.js';
import { captureOutput } from '../../helpers/capture-output.js';

const cli = captureOutput();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nitro-qa-usage-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wrong usage', () => {
  it('lock names a missing measurements file with "cannot read"', async () => {
    cli.reset();
    const missing = join(dir, 'missing.json');
    expect(await main(['lock', '--measurements', missing, '--output-file', join(dir, 'lock.json')])).toBe(1);
    expect(cli.stderr.trim()).toBe(`nitro-eif: error: ${missing}: cannot read: no such file or directory`);
  });

  it('ls fails on a local store directory that does not exist instead of listing nothing', async () => {
    cli.reset();
    const missing = join(dir, 'no-such-store');
    expect(await main(['ls', '--store', missing])).toBe(1);
    expect(cli.stderr.trim()).toBe(`nitro-eif: error: ${missing}: store directory not found`);
    expect(cli.stdout).toBe('');
  });
});

describe('commander usage errors', () => {
  it('a missing required flag is one prefixed line and exit 2, like the other usage errors', async () => {
    cli.reset();
    expect(await main(['describe-eif'])).toBe(2);
    expect(cli.stderr).toBe("nitro-eif: error: required option '--eif-path <file>' not specified (run with --help for usage)\n");
  });

  it('an unknown flag exits 2 with the prefix', async () => {
    cli.reset();
    expect(await main(['pcr', '--no-such-flag'])).toBe(2);
    expect(cli.stderr).toBe("nitro-eif: error: unknown option '--no-such-flag' (run with --help for usage)\n");
  });

  it('a suggestion, an unknown command and a missing argument stay on one line', async () => {
    for (const argv of [['pcr', '--inptu', 'x'], ['no-such-command'], ['diff', 'a'], ['pull']]) {
      cli.reset();
      expect(await main(argv)).toBe(2);
      expect(cli.stderr).toMatch(/^nitro-eif: error: [^\n]+ \(run with --help for usage\)\n$/);
    }
  });

  it('--help still exits 0', async () => {
    cli.reset();
    expect(await main(['pcr', '--help'])).toBe(0);
    expect(cli.stdout).toContain('Usage: nitro-eif pcr');
  });
});

describe('output in a missing directory', () => {
  it('lock names the output file (by its current flag name), not its hidden .partial temporary', async () => {
    cli.reset();
    const measurements = join(dir, 'm.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(measurements, JSON.stringify({ Measurements: { PCR0: '00'.repeat(48), PCR1: '00'.repeat(48), PCR2: '00'.repeat(48) } }));
    const out = join(dir, 'no-such-dir', 'pcr.lock.json');
    expect(await main(['lock', '--measurements', measurements, '--output', out])).toBe(1);
    expect(cli.stderr).toBe(`nitro-eif: error: --output-file ${out}: directory ${join(dir, 'no-such-dir')} does not exist\n`);
    expect(cli.stderr).not.toContain('.partial');
  });
});

describe('AWS SDK noise', () => {
  it('main() disables the AWS SDK Node-version warning unless the user set the variable', async () => {
    delete process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    await main(['pcr', '--help']);
    expect(process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBe('true');
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'false';
    await main(['pcr', '--help']);
    expect(process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED']).toBe('false');
    delete process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
  });
});

describe('no blobs installed', () => {
  // Only where nitro-cli's blobs directory is absent (a developer machine, a GitHub-hosted runner).
  it.skipIf(existsSync(DEFAULT_BLOBS_DIR))('build-enclave and blobs say what to give instead of nitro-cli\'s missing directory', async () => {
    cli.reset();
    expect(await main(['build-enclave', '--oci-archive', join(dir, 'app.oci.tar'), '--output-file', join(dir, 'app.eif')])).toBe(1);
    expect(cli.stderr).toBe(`nitro-eif: error: no blobs: ${DEFAULT_BLOBS_DIR} (where nitro-cli installs them) does not exist; ` +
      'give --blobs-dir DIR, or --blobs aws-nitro-enclaves-cli@v1.5.0 to download AWS\'s public set\n');
    cli.reset();
    expect(await main(['blobs'])).toBe(1);
    expect(cli.stderr).toMatch(/^nitro-eif: error: no blobs: .* give --blobs-dir DIR, or download AWS's public set with nitro-eif blobs fetch\n$/);
  });
});

describe('a malformed hex flag or argument is a usage error (exit 2) naming it, as other malformed flag values are', () => {
  const pcr = 'ab'.repeat(48);
  const cases: Array<[string[], string]> = [
    [['os-image-hash', '--pcr0', 'abc', '--pcr1', pcr, '--pcr2', pcr], '--pcr0: expected 96 hex digits, got "abc"'],
    [['os-image-hash', '--pcr0', pcr, '--pcr1', pcr, '--pcr2', `${pcr}00`], `--pcr2: expected 96 hex digits, got "${pcr}00"`],
    [['verify-attestation', '--document', 'doc.cose', '--pcr0', pcr, '--pcr1', 'xyz', '--pcr2', pcr], '--pcr1: expected 96 hex digits, got "xyz"'],
    [['pull', '0xabc', '--output-file', 'x.eif'], '<os-image-hash>: expected 64 hex digits, got "0xabc"'],
    [['register', '--mode', 'auth-simple', '--os-image-hash', '12', '--registry-repository', 'o/r', '--registry-path', 'a.json'], '--os-image-hash: expected 64 hex digits, got "12"'],
    [['reproduce', 'nothex', '--store', 'eif-store', '--provenance', 'p.json', '--key', 'k.pem', '--source', '.'], '<os-image-hash>: expected 64 hex digits, got "nothex"'],
  ];
  for (const [argv, message] of cases) {
    it(`${argv[0]} ${message.split(':')[0]}`, async () => {
      cli.reset();
      expect(await main(argv)).toBe(2);
      expect(cli.stderr).toBe(`nitro-eif: error: ${message}\n`);
    });
  }

  it('takes the same values with 0x and in upper case', async () => {
    cli.reset();
    expect(await main(['os-image-hash', '--pcr0', `0x${pcr.toUpperCase()}`, '--pcr1', pcr, '--pcr2', pcr])).toBe(0);
    const lower = cli.stdout;
    cli.reset();
    expect(await main(['os-image-hash', '--pcr0', pcr, '--pcr1', pcr, '--pcr2', pcr])).toBe(0);
    expect(cli.stdout).toBe(lower);
  });
});
