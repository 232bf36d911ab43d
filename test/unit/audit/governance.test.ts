// Audit: Safe Transaction Builder batch checksum (dstack.md §3, the tx-builder `BatchFile`).
// The tx-builder (safe-global/safe-react-apps apps/tx-builder/src/lib/checksum.ts) hashes its
// serialisation with `meta.name` replaced by null; its own test expects 0x4ecbfd36… for this object
// (`addChecksum`). Recomputed here with js-sha3, independently of the code under test.
import jsSha3 from 'js-sha3';
import { describe, expect, it } from 'vitest';
import { batchChecksum, buildSafeBatch, type BatchFile } from '../../../src/governance/safe-batch.js';
import { SAFE_TX_BUILDER_VECTOR as TX_BUILDER_VECTOR } from '../../helpers/safe-tx-builder-vector.js';


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
