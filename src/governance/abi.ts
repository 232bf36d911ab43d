// The little Ethereum ABI the registration needs: function selectors and calls with one bytes32.
import { keccak_256 } from '@noble/hashes/sha3';
import { UserError } from '../errors.js';

/** The 4-byte selector: keccak-256 (not NIST SHA3-256) of the canonical signature, as 0x + 8 hex. */
export function functionSelector(signature: string): string {
  const digest = keccak_256(new TextEncoder().encode(signature));
  return `0x${Buffer.from(digest.subarray(0, 4)).toString('hex')}`;
}

/** Calldata for `name(bytes32)`: selector ‖ the 32-byte argument, lowercase hex with 0x. */
export function encodeBytes32Call(signature: string, bytes32: string): string {
  if (!/^[a-z0-9_]+\(bytes32\)$/i.test(signature)) {
    throw new UserError(`abi: ${signature} is not a single-bytes32 function`, { code: 'input' });
  }
  const arg = bytes32.replace(/^0x/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(arg)) throw new UserError(`abi: ${bytes32} is not a bytes32 value`, { code: 'input' });
  return functionSelector(signature) + arg;
}

/** An address: 0x + 40 hex (checksum case is kept as given; only the shape is checked). */
export function checkAddress(value: string, what: string): string {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value.trim())) {
    throw new UserError(`${what}: expected a 0x-prefixed 20-byte address, got ${JSON.stringify(value)}`, { code: 'usage' });
  }
  return value.trim();
}

/** The DstackKms / DstackApp calls (dstack.md §3), both with the same hash on Nitro. */
export const KMS_ADD_OS_IMAGE = { signature: 'addOsImageHash(bytes32)', name: 'addOsImageHash', param: 'osImageHash' };
export const APP_ADD_COMPOSE = { signature: 'addComposeHash(bytes32)', name: 'addComposeHash', param: 'composeHash' };
