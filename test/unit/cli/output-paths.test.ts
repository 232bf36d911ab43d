// Every command that writes a file refuses an output path it could not rename into place (a missing
// directory, or a directory at the path) in one line naming the flag, before it reads its inputs: the
// inputs below do not exist, so an error about them would mean the output was checked too late.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { captureOutput } from '../../helpers/capture-output.js';

const cli = captureOutput();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nitro-output-paths-'));
  await mkdir(join(dir, 'a-directory'));
  await writeFile(join(dir, 'a-file'), 'x');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HASH = `0x${'ab'.repeat(32)}`;

/** argv for each command with its output flag set to `out`; every input path is missing. */
const commands: Array<{ name: string; flag: string; argv: (out: string) => string[] }> = [
  { name: 'build-enclave', flag: '--output-file', argv: (out) => ['build-enclave', '--oci-archive', join(dir, 'missing.tar'), '--blobs-dir', join(dir, 'no-blobs'), '--output-file', out] },
  { name: 'build-enclave', flag: '--measurements-file', argv: (out) => ['build-enclave', '--oci-archive', join(dir, 'missing.tar'), '--output-file', join(dir, 'x.eif'), '--measurements-file', out] },
  { name: 'build-enclave', flag: '--manifest-file', argv: (out) => ['build-enclave', '--oci-archive', join(dir, 'missing.tar'), '--output-file', join(dir, 'x.eif'), '--manifest-file', out] },
  { name: 'lock', flag: '--output-file', argv: (out) => ['lock', '--measurements', join(dir, 'missing.json'), '--output-file', out] },
  { name: 'attest', flag: '--output-file', argv: (out) => ['attest', '--eif-path', join(dir, 'missing.eif'), '--measurements', join(dir, 'missing.json'), '--private-key', join(dir, 'missing.pem'), '--output-file', out] },
  { name: 'blobs', flag: '--write-lock', argv: (out) => ['blobs', '--blobs-dir', join(dir, 'no-blobs'), '--write-lock', out] },
  { name: 'pull', flag: '--output-file', argv: (out) => ['pull', HASH, '--store', join(dir, 'no-store'), '--output-file', out] },
  { name: 'reproduce', flag: '--report-file', argv: (out) => ['reproduce', '--provenance', join(dir, 'missing.json'), '--key', join(dir, 'missing.pem'), '--source', join(dir, 'no-repo'), '--report-file', out] },
  { name: 'register', flag: '--dry-run-output', argv: (out) => ['register', '--mode', 'auth-simple', '--measurements', join(dir, 'missing.json'), '--registry-repository', 'o/r', '--registry-path', 'auth-config.json', '--dry-run', '--dry-run-output', out] },
];

describe('output paths are checked before any work', () => {
  for (const { name, flag, argv } of commands) {
    it(`${name} ${flag}: a missing directory`, async () => {
      const out = join(dir, 'no-such-dir', 'out.json');
      expect(await main(argv(out))).toBe(1);
      expect(cli.stderr).toBe(`nitro-eif: error: ${flag} ${out}: directory ${join(dir, 'no-such-dir')} does not exist\n`);
      expect(cli.stdout).toBe('');
    });

    it(`${name} ${flag}: an existing directory at the path`, async () => {
      const out = join(dir, 'a-directory');
      expect(await main(argv(out))).toBe(1);
      expect(cli.stderr).toBe(`nitro-eif: error: ${flag} ${out}: is a directory\n`);
      expect(await readdir(out)).toEqual([]);
    });
  }

  it('names a file standing where the directory should be', async () => {
    const out = join(dir, 'a-file', 'out.eif');
    expect(await main(commands[0]!.argv(out))).toBe(1);
    expect(cli.stderr).toBe(`nitro-eif: error: --output-file ${out}: ${join(dir, 'a-file')} is not a directory\n`);
  });
});
