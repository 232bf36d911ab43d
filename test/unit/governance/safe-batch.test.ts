import jsSha3 from 'js-sha3';
import { describe, expect, it } from 'vitest';
import { batchChecksum, buildSafeBatch, checksumOf } from '../../../src/governance/safe-batch.js';

// The tx-builder's own test vector (safe-global/safe-react-apps apps/tx-builder/src/lib/checksum.test):
// this object, including `checksum: ''`, hashes to 0x832ecdb6….
const SAFE_VECTOR = {
  version: '1.0',
  chainId: '4',
  createdAt: 1646321521061,
  meta: {
    name: 'test batch file',
    txBuilderVersion: '1.4.0',
    checksum: '',
    createdFromSafeAddress: '0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa',
    createdFromOwnerAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
  },
  transactions: [
    {
      to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      value: '0',
      contractMethod: { inputs: [{ internalType: 'address', name: 'paramAddress', type: 'address' }], name: 'testAddress', payable: false },
      contractInputsValues: { paramAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6' },
    },
    {
      to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      value: '0',
      contractMethod: { inputs: [{ internalType: 'bool', name: 'paramBool', type: 'bool' }], name: 'testBool', payable: false },
      contractInputsValues: { paramAddress: '', paramBool: 'false' },
    },
    {
      to: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
      value: '2000000000000000000',
      data: '0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6',
    },
  ],
};

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
