// The registry-side action's inputs (verify/action.yml): each mistake is one line naming the input.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVerifyInputs, renderVerdicts, verifyOutputs } from '../../../src/action/verify/main.js';
import type { ReproduceReport } from '../../../src/reproduce/reproduce.js';

const getter = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'verify-inputs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readVerifyInputs', () => {
  it('refuses a store URI of another scheme before anything is pulled', () => {
    expect(() => readVerifyInputs(getter({ 'provenance-key': 'k.pem', store: 'gs://bucket/eifs' })))
      .toThrow(/^input store: unsupported scheme in "gs:\/\/bucket\/eifs" \(use a path, file:\/\/ or s3:\/\/\)$/);
  });

  it('names provenance-key when its file cannot be read', async () => {
    const missing = join(dir, 'missing.pub');
    const inputs = readVerifyInputs(getter({ 'provenance-key': missing }));
    await expect(inputs.trust()).rejects.toThrow(new RegExp(`^input provenance-key ${missing}: cannot read: no such file or directory$`));
    await expect(readVerifyInputs(getter({ 'provenance-key': dir })).trust()).rejects.toThrow(`input provenance-key ${dir}: not a regular file (a directory)`);
  });

  it('names trusted-root when it is not JSON', async () => {
    const root = join(dir, 'trusted_root.json');
    await writeFile(root, 'not json');
    const inputs = readVerifyInputs(getter({
      'certificate-identity': 'https://github.com/acme/app/.github/workflows/enclave.yml@refs/heads/main',
      'certificate-oidc-issuer': 'https://token.actions.githubusercontent.com', 'trusted-root': root,
    }));
    await expect(inputs.trust()).rejects.toThrow(new RegExp(`^input trusted-root ${root}: not valid JSON`));
  });

  it('reads PEM text given inline as the key itself', async () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----';
    await expect(readVerifyInputs(getter({ 'provenance-key': pem })).trust()).resolves.toEqual({ publicKeyPem: pem });
  });
});

describe('renderVerdicts', () => {
  it('says so when the pull request adds no image, instead of an empty report', () => {
    expect(renderVerdicts([], 'auth-config.json')).toBe(
      '## Registration check: rebuilt from source\n\nThis pull request adds no OS_IMAGE_HASH to `auth-config.json`: nothing to reproduce.\n\n');
  });
});

describe('verifyOutputs', () => {
  const hashA = `0x${'a'.repeat(64)}`;
  const hashB = `0x${'b'.repeat(64)}`;
  const report = (reproduced: boolean) => ({ reproduced }) as ReproduceReport;
  it('lists the added hashes and is true only when every one was reproduced', () => {
    expect(verifyOutputs([{ hash: hashA, report: report(true) }, { hash: hashB, report: report(true) }])).toEqual({ 'os-image-hashes': `${hashA} ${hashB}`, reproduced: 'true' });
    expect(verifyOutputs([{ hash: hashA, report: report(true) }, { hash: hashB, report: report(false) }]).reproduced).toBe('false');
    expect(verifyOutputs([{ hash: hashA, refused: 'no build facts' }]).reproduced).toBe('false');
    expect(verifyOutputs([])).toEqual({ 'os-image-hashes': '', reproduced: 'true' });
  });
});
