import { createHash } from 'node:crypto';
import { KMSClient, SignCommand, type SigningAlgorithmSpec } from '@aws-sdk/client-kms';
import { UserError } from '../errors.js';
import { COSE_ALGORITHMS, type CoseAlgorithm, type EifSigner } from '../eif/index.js';

const KMS_ALGORITHM: Record<CoseAlgorithm, SigningAlgorithmSpec> = {
  ES256: 'ECDSA_SHA_256', ES384: 'ECDSA_SHA_384', ES512: 'ECDSA_SHA_512',
};

// The ARN form nitro-cli accepts for --private-key (eif_signer.rs parse_kms_arn).
const KMS_KEY_ARN = /^arn:(?:aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):\d{12}:key[:/]([a-zA-Z0-9-]+)$/;

/** Region and key id of a KMS key ARN, or undefined when `value` is not one. */
export function parseKmsKeyArn(value: string): { region: string; keyId: string } | undefined {
  const match = KMS_KEY_ARN.exec(value);
  return match?.[1] && match[2] ? { region: match[1], keyId: match[2] } : undefined;
}

/** Something that sends KMS commands (a KMSClient, or a test double). */
export interface KmsSender {
  send(command: SignCommand): Promise<{ Signature?: Uint8Array }>;
}

export interface KmsSignerOptions {
  /** Key ARN (or id/alias when `client` is configured with a region). */
  keyId: string;
  /** A configured client; default: a KMSClient for the ARN's region with the default credential chain. */
  client?: KmsSender;
}

/**
 * An EifSigner backed by AWS KMS `Sign` with MessageType DIGEST: the digest is computed here with
 * the algorithm's hash, KMS returns a DER ECDSA signature, which is converted to raw r‖s.
 */
export function kmsSigner(options: KmsSignerOptions): EifSigner {
  const client = options.client ?? new KMSClient({ region: parseKmsKeyArn(options.keyId)?.region });
  return {
    sign: async (toBeSigned, algorithm) => {
      const { hash, coordinate } = COSE_ALGORITHMS[algorithm];
      const digest = createHash(hash).update(toBeSigned).digest();
      let response: { Signature?: Uint8Array };
      try {
        response = await client.send(new SignCommand({
          KeyId: options.keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: KMS_ALGORITHM[algorithm],
        }));
      } catch (error) {
        throw new UserError(`KMS Sign with ${options.keyId} failed: ${(error as Error).message}`, { code: 'external', cause: error });
      }
      if (!response.Signature) throw new UserError(`KMS Sign with ${options.keyId} returned no signature`, { code: 'external' });
      return derEcdsaToRaw(response.Signature, coordinate);
    },
  };
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }` → r‖s, each left-padded to `size` bytes. */
export function derEcdsaToRaw(der: Uint8Array, size: number): Uint8Array {
  const fail = (why: string): never => {
    throw new UserError(`KMS returned a malformed ECDSA signature: ${why}`, { code: 'external' });
  };
  let at = 0;
  const length = (): number => {
    const first = der[at++] ?? fail('truncated');
    if (first < 0x80) return first;
    let value = 0;
    for (let i = 0; i < (first & 0x7f); i++) value = value * 256 + (der[at++] ?? fail('truncated'));
    return value;
  };
  if (der[at++] !== 0x30) fail('not a SEQUENCE');
  if (length() !== der.byteLength - at) fail('bad SEQUENCE length');
  const out = new Uint8Array(2 * size);
  for (const half of [0, 1]) {
    if (der[at++] !== 0x02) fail('not an INTEGER');
    const n = length();
    let value = der.subarray(at, at + n);
    at += n;
    while (value.byteLength > 0 && value[0] === 0) value = value.subarray(1);
    if (value.byteLength > size) fail('integer larger than the curve');
    out.set(value, half * size + size - value.byteLength);
  }
  if (at !== der.byteLength) fail('trailing bytes');
  return out;
}
