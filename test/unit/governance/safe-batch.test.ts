import jsSha3 from 'js-sha3';
import { describe, expect, it } from 'vitest';
import { batchChecksum, buildSafeBatch, checksumOf } from '../../../src/governance/safe-batch.js';
import { SAFE_TX_BUILDER_VECTOR as SAFE_VECTOR } from '../../helpers/safe-tx-builder-vector.js';

// The tx-builder's own test vector (safe-global/safe-react-apps apps/tx-builder/src/lib/checksum.test):
// this object, including `checksum: ''`, hashes to 0x832ecdb6….

const HASH = '0x1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79';
const KMS = '0x1111111111111111111111111111111111111111';
const APP = '0x2222222222222222222222222222222222222222';

describe('Safe batch checksum', () => {
  it("matches the tx-builder's published vector", () => {
    expect(checksumOf(SAFE_VECTOR)).toBe('0x832ecdb6653751ed00b79dede73864163e46e71815b72e11e506d6399bedffc9');
  });

  it('is computed without meta.checksum and with meta.name = null, as the tx-builder validates on import', () => {
    const batch = buildSafeBatch({ hashBytes32: HASH, chainId: 1, kmsContract: KMS, appContract: APP, createdAt: 0, description: 'd' });
    const { checksum, ...meta } = batch.meta;
    expect(checksum).toBe(checksumOf({ ...batch, meta: { ...meta, name: null } }));
    expect(batchChecksum(batch)).toBe(checksum);
  });
});

describe('buildSafeBatch', () => {
  it('calls addOsImageHash on the KMS and addComposeHash on the app with the same hash', () => {
    const batch = buildSafeBatch({ hashBytes32: HASH, chainId: 8453, kmsContract: KMS, appContract: APP, createdAt: 1700000000000, description: 'd' });
    expect(batch).toMatchObject({ version: '1.0', chainId: '8453', createdAt: 1700000000000 });
    const [kms, app] = batch.transactions;
    expect(kms).toMatchObject({ to: KMS, value: '0', contractInputsValues: { osImageHash: HASH } });
    expect(kms!.data).toBe(`0x${jsSha3.keccak256('addOsImageHash(bytes32)').slice(0, 8)}${HASH.slice(2)}`);
    expect(kms!.contractMethod).toEqual({ inputs: [{ internalType: 'bytes32', name: 'osImageHash', type: 'bytes32' }], name: 'addOsImageHash', payable: false });
    expect(app).toMatchObject({ to: APP, contractInputsValues: { composeHash: HASH } });
    expect(app!.data).toBe(`0x${jsSha3.keccak256('addComposeHash(bytes32)').slice(0, 8)}${HASH.slice(2)}`);
  });

  it('is reproducible for the same inputs', () => {
    const opts = { hashBytes32: HASH, chainId: 1, kmsContract: KMS, createdAt: 5000, description: 'x' };
    expect(JSON.stringify(buildSafeBatch(opts))).toBe(JSON.stringify(buildSafeBatch(opts)));
    expect(buildSafeBatch(opts).transactions).toHaveLength(1);
  });
});
