// `nitro-eif register --dry-run` through the CLI's main(), against a bare git repository.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureOutput } from '../helpers/capture-output.js';
import { eachTestImage, type TestImage } from '../helpers/store-eif.js';

let dir: string;
let image: TestImage;
const cli = captureOutput();
eachTestImage((d, i) => {
  dir = d;
  image = i;
});

describe('nitro-eif register --dry-run', () => {
  it('computes the hash from --measurements and prints the PR body', async () => {
    const bare = join(dir, 'registry.git');
    const seed = join(dir, 'seed');
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
    execFileSync('git', ['clone', '--quiet', bare, seed], { stdio: 'ignore' });
    await writeFile(join(seed, 'auth-config.json'), '{\n  "osImages": []\n}\n');
    execFileSync('git', ['add', '.'], { cwd: seed });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'seed'], { cwd: seed });
    execFileSync('git', ['push', '--quiet', 'origin', 'HEAD:main'], { cwd: seed });
    const out = join(dir, 'auth-config.json');
    const code = await main(['register', '--mode', 'auth-simple', '--measurements', image.measurementsPath, '--registry-repository', 'o/r',
      '--registry-path', 'auth-config.json', '--git-url', `file://${bare}`, '--dry-run', '--dry-run-output', out, '--store', 's3://b/p',
      '--source-repository', 'https://github.com/o/app', '--source-commit', 'c'.repeat(40)]);
    expect(cli.stderr).toMatch(/allowedTcbStatuses does not contain ""/);
    expect(cli.stdout).toContain(`Build facts (read by the registry's verify action): \`nitro-eif-builds/0x${image.hash}.json\``);
    expect(code).toBe(0);
    expect(cli.stdout).toContain(image.pcrs.PCR0);
    expect(cli.stdout).toContain(`nitro-eif pull 0x${image.hash} --store 's3://b/p'`);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ osImages: [`0x${image.hash}`] });
  });
});

describe('nitro-eif register --store', () => {
  it('reads the PCRs of a hash from the store, and refuses a hash the store does not hold', async () => {
    const bare = join(dir, 'registry.git');
    const seed = join(dir, 'seed');
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
    execFileSync('git', ['clone', '--quiet', bare, seed], { stdio: 'ignore' });
    await writeFile(join(seed, 'auth-config.json'), '{\n  "osImages": [],\n  "allowedTcbStatuses": [""]\n}\n');
    execFileSync('git', ['add', '.'], { cwd: seed });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'seed'], { cwd: seed });
    execFileSync('git', ['push', '--quiet', 'origin', 'HEAD:main'], { cwd: seed });
    const store = join(dir, 'store');
    expect(await main(['push', '--eif-path', image.eifPath, '--measurements', image.measurementsPath, '--store', store])).toBe(0);
    cli.reset();
    const common = ['register', '--mode', 'auth-simple', '--registry-repository', 'o/r', '--registry-path', 'auth-config.json',
      '--git-url', `file://${bare}`, '--dry-run', '--dry-run-output', join(dir, 'out.json'), '--store', store];
    expect(await main([...common, '--os-image-hash', image.hash])).toBe(0);
    expect(cli.stdout).toContain(`| PCR2 | \`${image.pcrs.PCR2}\` |`);
    expect(await main([...common, '--os-image-hash', 'cd'.repeat(32)])).toBe(1);
    expect(cli.stderr).toMatch(/not found/);
  });
});
