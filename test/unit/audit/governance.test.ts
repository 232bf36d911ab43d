// Audit: Safe Transaction Builder batch checksum (dstack.md §3, the tx-builder `BatchFile`).
// The tx-builder (safe-global/safe-react-apps apps/tx-builder/src/lib/checksum.ts) hashes its
// serialisation with `meta.name` replaced by null; its own test expects 0x4ecbfd36… for this object
// (`addChecksum`). Recomputed here with js-sha3, independently of the code under test.
import jsSha3 from 'js-sha3';
import { describe, expect, it } from 'vitest';
import { batchChecksum, buildSafeBatch, type BatchFile } from '../../../src/governance/safe-batch.js';

const TX_BUILDER_VECTOR = {
  version: '1.0',
  chainId: '4',
  createdAt: 1646321521061,
  meta: {
    name: 'test batch file',
    txBuilderVersion: '1.4.0',
    createdFromSafeAddress: '0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa',
    createdFromOwnerAddress: '0x49d4450977E2c95362C13D3a31a09311E0Ea26A6',
    checksum: '',
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

/** The tx-builder's serializeJSONObject, written out again for the test. */
function txBuilderSerialize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(txBuilderSerialize).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    let out = `{${JSON.stringify(keys)}`;
    for (const key of keys) out += `${txBuilderSerialize(record[key])},`;
    return `${out}}`;
  }
  return JSON.stringify(value === undefined ? null : value);
}

/** validateChecksum: drop meta.checksum, hash with meta.name = null. */
function txBuilderValidate(batch: BatchFile): boolean {
  const { checksum, ...meta } = batch.meta;
  const serialized = txBuilderSerialize({ ...batch, meta: { ...meta, name: null } });
  return `0x${jsSha3.keccak256(serialized)}` === checksum;
}

describe('audit: Safe batch checksum', () => {
  it("the tx-builder's addChecksum vector hashes with meta.name = null", () => {
    const serialized = txBuilderSerialize({ ...TX_BUILDER_VECTOR, meta: { ...TX_BUILDER_VECTOR.meta, name: null } });
    expect(`0x${jsSha3.keccak256(serialized)}`).toBe('0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c');
  });

  it('a built batch passes the tx-builder import check (name ignored)', () => {
    const batch = buildSafeBatch({
      hashBytes32: `0x${'ab'.repeat(32)}`, chainId: 8453, kmsContract: `0x${'11'.repeat(20)}`,
      appContract: `0x${'22'.repeat(20)}`, createdAt: 1700000000000, description: 'register',
    });
    expect(txBuilderValidate(batch)).toBe(true);
    expect(batchChecksum(batch)).toBe(batch.meta.checksum);
  });
});
