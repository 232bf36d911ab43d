import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-run.js';
import { fixture } from '../../helpers/paths.js';

const NITRO = fixture('nitro');
const dir = mkdtempSync(join(tmpdir(), 'nitro-att-cli-'));
// spec dstack.md §1: the enclave of attestation-prod-2.
const SPEC = {
  PCR0: 'eb7d0dab08ff41546d7e5659aee883af7b32bb2e58e46815b719f9f7bfae7b880188a10d86317e6509923740526cf74a',
  PCR1: '0343b056cd8485ca7890ddd833476d78460aed2aa161548e4e26bedf321726696257d623e8805f3f605946b3d8b0c6aa',
  PCR2: 'd7b0a76788c1be24898bd148117ea1239578ba0e72f5d87a33a6c6476026675b6f996940f062e0e3f0b5edd2ddf78811',
};
const pcrFlags = ['--pcr0', SPEC.PCR0, '--pcr1', SPEC.PCR1, '--pcr2', SPEC.PCR2];

describe('nitro-eif verify-attestation', () => {
  it('prints the JSON report for a production document checked at its own time', async () => {
    const result = await runCli('verify-attestation', '--document', `${NITRO}/attestation-prod-2.cose`, ...pcrFlags, '--at-document-time');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.os_image_hash).toBe('0x1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79');
    expect(report.pcrs_checked).toEqual(['PCR0', 'PCR1', 'PCR2']);
  });

  it('reads a base64 document too', async () => {
    writeFileSync(join(dir, 'doc.b64'), `${readFileSync(`${NITRO}/attestation-prod-2.cose`).toString('base64').replace(/(.{76})/g, '$1\n')}\n`);
    const result = await runCli('verify-attestation', '--document', join(dir, 'doc.b64'), ...pcrFlags, '--at-document-time');
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).module_id).toBe('i-0827e799ec9232d44-enc019b5640fdf630d6');
  });

  it('takes the expected PCRs from a measurements file', async () => {
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ Measurements: { HashAlgorithm: 'Sha384 { ... }', ...SPEC } }));
    const result = await runCli('verify-attestation', '--document', `${NITRO}/attestation-prod-2.cose`, '--measurements', join(dir, 'm.json'),
      '--at', '2025-12-25T16:10:00Z');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails at the current time with one line saying the certificate expired', async () => {
    const result = await runCli('verify-attestation', '--document', `${NITRO}/attestation-prod-2.cose`, ...pcrFlags);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^nitro-eif: error: \S*attestation-prod-2\.cose: attestation certificate expired at .*--at-document-time.*\n$/);
  });

  it('fails for another enclave, naming PCR0, and for the debug document', async () => {
    const other = await runCli('verify-attestation', '--document', `${NITRO}/attestation-prod.cose`, ...pcrFlags, '--at-document-time');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/PCR0 differs/);
    const debug = await runCli('verify-attestation', '--document', `${NITRO}/attestation-debug.cose`, ...pcrFlags, '--at-document-time');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/debug-mode enclave/);
  });

  it('rejects a missing or doubled source of expected PCRs and bad flags as usage errors', async () => {
    const doc = ['--document', `${NITRO}/attestation-prod-2.cose`];
    expect((await runCli('verify-attestation', ...doc)).code).toBe(2);
    expect((await runCli('verify-attestation', ...doc, ...pcrFlags, '--measurements', join(dir, 'm.json'))).code).toBe(2);
    expect((await runCli('verify-attestation', ...doc, '--pcr0', SPEC.PCR0)).code).toBe(2);
    expect((await runCli('verify-attestation', ...doc, ...pcrFlags, '--at', 'yesterday')).code).toBe(2);
    expect((await runCli('verify-attestation', ...doc, ...pcrFlags, '--nonce', 'xyz')).code).toBe(2);
    expect((await runCli('verify-attestation', ...doc, ...pcrFlags, '--at-document-time', '--at', '2025-12-25T16:10:00Z')).code).toBe(2);
  });
});

describe('help of the trust commands', () => {
  it('prints usage for verify-attestation, verify and attest', async () => {
    for (const [command, flag] of [['verify-attestation', '--at-document-time'], ['verify', '--trusted-root'], ['attest', '--source-commit']] as const) {
      const result = await runCli(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: nitro-eif ${command}`);
      expect(result.stdout).toContain(flag);
    }
  });
});
