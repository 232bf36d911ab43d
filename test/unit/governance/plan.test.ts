import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkRegistrableHash, planChange, targetFile } from '../../../src/governance/plan.js';
import { renderPrBody } from '../../../src/governance/pr-body.js';

// dstack.md §1: a real enclave's PCRs and its os_image_hash.
const PCRS = {
  PCR0: 'eb7d0dab08ff41546d7e5659aee883af7b32bb2e58e46815b719f9f7bfae7b880188a10d86317e6509923740526cf74a',
  PCR1: '0343b056cd8485ca7890ddd833476d78460aed2aa161548e4e26bedf321726696257d623e8805f3f605946b3d8b0c6aa',
  PCR2: 'd7b0a76788c1be24898bd148117ea1239578ba0e72f5d87a33a6c6476026675b6f996940f062e0e3f0b5edd2ddf78811',
};
const HASH = '1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79';
const ZERO = '0'.repeat(96);

describe('checkRegistrableHash', () => {
  it('accepts the spec example with its PCRs, with or without 0x', () => {
    expect(checkRegistrableHash(`0x${HASH.toUpperCase()}`, PCRS)).toBe(HASH);
  });

  it('refuses debug-mode values: zero PCRs, their hash, and a zero hash', () => {
    const debugHash = createHash('sha256').update(Buffer.alloc(144)).digest('hex');
    expect(() => checkRegistrableHash(debugHash)).toThrow(/debug-mode/);
    expect(() => checkRegistrableHash('0'.repeat(64))).toThrow(/debug-mode/);
    expect(() => checkRegistrableHash(debugHash, { PCR0: ZERO, PCR1: ZERO, PCR2: ZERO })).toThrow(/debug-mode/);
  });

  it('refuses a hash that does not match the PCRs', () => {
    expect(() => checkRegistrableHash('11'.repeat(32), PCRS)).toThrow(/does not match/);
  });
});

describe('planChange', () => {
  const onchain = { mode: 'onchain' as const, registryPath: 'batches/', chainId: 1, kmsContract: `0x${'a'.repeat(40)}`, createdAt: 1 };

  it('puts each on-chain batch in its own file and reports one already there', () => {
    expect(targetFile(onchain, HASH)).toBe(`batches/0x${HASH}.json`);
    const plan = planChange(onchain, HASH, undefined);
    expect(plan.registered).toBe(false);
    expect(JSON.parse(plan.text!).transactions[0].contractInputsValues.osImageHash).toBe(`0x${HASH}`);
    expect(planChange(onchain, HASH, plan.text).registered).toBe(true);
  });

  it('needs a chain id and at least one contract on chain, and the config file for auth-simple', () => {
    expect(() => planChange({ ...onchain, chainId: undefined }, HASH, undefined)).toThrow(/--chain-id/);
    expect(() => planChange({ ...onchain, kmsContract: undefined }, HASH, undefined)).toThrow(/--kms-contract/);
    expect(() => planChange({ mode: 'auth-simple', registryPath: 'auth-config.json' }, HASH, undefined)).toThrow(/not found/);
    expect(() => targetFile({ mode: 'auth-simple', registryPath: '../x' }, HASH)).toThrow(/invalid path/);
  });
});

describe('renderPrBody', () => {
  it('shows the PCRs, the hash, the evidence and the exact pull command', () => {
    const body = renderPrBody({
      mode: 'auth-simple', hashBytes32: `0x${HASH}`, pcrs: PCRS, file: 'auth-config.json', appId: '0xab', warnings: ['w1'],
      evidence: { sourceCommit: 'c0ffee', sourceRepository: 'https://github.com/o/r', provenanceUrl: 'https://p', storeUri: "s3://b/it's",
        certificateIdentity: 'https://github.com/o/r/.github/workflows/b.yml@refs/heads/main', certificateOidcIssuer: 'https://token.actions.githubusercontent.com' },
    });
    for (const pcr of Object.values(PCRS)) expect(body).toContain(pcr);
    expect(body).toContain(`| OS_IMAGE_HASH | \`0x${HASH}\` |`);
    expect(body).toContain('https://github.com/o/r/commit/c0ffee');
    expect(body).toContain(`nitro-eif pull 0x${HASH} --store 's3://b/it'\\''s' --output-file enclave.eif --certificate-identity 'https://github.com/o/r/.github/workflows/b.yml@refs/heads/main' --certificate-oidc-issuer 'https://token.actions.githubusercontent.com' --trusted-root trusted_root.json`);
    expect(body).toContain('- w1');
  });
});

describe('planChange warnings', () => {
  it('warns when no app is given, since the app also needs the hash as its compose hash', () => {
    const text = '{\n  "osImages": [],\n  "allowedTcbStatuses": [""]\n}\n';
    expect(planChange({ mode: 'auth-simple', registryPath: 'a.json' }, HASH, text).warnings.join()).toMatch(/no app given/);
    expect(planChange({ mode: 'auth-simple', registryPath: 'a.json', appId: 'ab'.repeat(20) }, HASH, text).warnings.join()).not.toMatch(/no app given/);
    const onchain = { mode: 'onchain' as const, registryPath: 'b', chainId: 1, kmsContract: `0x${'a'.repeat(40)}` };
    expect(planChange(onchain, HASH, undefined).warnings.join()).toMatch(/no app given/);
  });
});
