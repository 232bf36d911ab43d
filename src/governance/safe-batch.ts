// A Safe Transaction Builder batch file (the Safe web app's tx-builder `BatchFile`, dstack.md §3):
// what a multisig imports to review and sign the owner-only registration calls.
import { keccak_256 } from '@noble/hashes/sha3';
import { APP_ADD_COMPOSE, encodeBytes32Call, KMS_ADD_OS_IMAGE } from './abi.js';

export interface BatchTransaction {
  to: string;
  value: string;
  data: string | null;
  contractMethod: {
    inputs: { internalType: string; name: string; type: string }[];
    name: string;
    payable: boolean;
  };
  contractInputsValues: Record<string, string>;
}

export interface BatchFile {
  version: '1.0';
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: string;
    createdFromOwnerAddress: string;
    checksum?: string;
  };
  transactions: BatchTransaction[];
}

export interface SafeBatchOptions {
  /** 0x + 64 hex. */
  hashBytes32: string;
  chainId: number;
  kmsContract?: string;
  appContract?: string;
  safeAddress?: string;
  /** Milliseconds; from SOURCE_DATE_EPOCH for a reproducible file. */
  createdAt: number;
  description: string;
}

// The tx-builder release whose BatchFile shape and checksum rule this follows.
export const TX_BUILDER_VERSION = '1.18.2';

function bytes32Call(to: string, method: typeof KMS_ADD_OS_IMAGE, hash: string): BatchTransaction {
  return {
    to,
    value: '0',
    data: encodeBytes32Call(method.signature, hash),
    contractMethod: {
      inputs: [{ internalType: 'bytes32', name: method.param, type: 'bytes32' }],
      name: method.name,
      payable: false,
    },
    contractInputsValues: { [method.param]: hash },
  };
}

/** Builds the batch: addOsImageHash on the KMS contract, then addComposeHash on the app contract. */
export function buildSafeBatch(options: SafeBatchOptions): BatchFile {
  const transactions: BatchTransaction[] = [];
  if (options.kmsContract) transactions.push(bytes32Call(options.kmsContract, KMS_ADD_OS_IMAGE, options.hashBytes32));
  if (options.appContract) transactions.push(bytes32Call(options.appContract, APP_ADD_COMPOSE, options.hashBytes32));
  const batch: BatchFile = {
    version: '1.0',
    chainId: String(options.chainId),
    createdAt: options.createdAt,
    meta: {
      name: `Register OS image ${options.hashBytes32.slice(0, 18)}…`,
      description: options.description,
      txBuilderVersion: TX_BUILDER_VERSION,
      createdFromSafeAddress: options.safeAddress ?? '',
      createdFromOwnerAddress: '',
    },
    transactions,
  };
  batch.meta.checksum = batchChecksum(batch);
  return batch;
}

/**
 * The tx-builder's checksum: keccak-256 of its own serialisation (objects as the JSON array of
 * their sorted keys followed by each value and a comma; undefined as null), computed over the
 * batch without `meta.checksum` and with `meta.name` set to null (tx-builder lib/checksum.ts
 * calculateChecksum) — what the app recomputes when a file is imported.
 */
export function batchChecksum(batch: BatchFile): string {
  const { checksum: _omit, ...meta } = batch.meta;
  return checksumOf({ ...batch, meta: { ...meta, name: null } });
}

/** keccak-256 of the tx-builder serialisation of any JSON value, 0x-prefixed. */
export function checksumOf(value: unknown): string {
  return `0x${Buffer.from(keccak_256(new TextEncoder().encode(serialize(value)))).toString('hex')}`;
}

function serialize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${JSON.stringify(keys)}${keys.map((k) => `${serialize(record[k])},`).join('')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}
