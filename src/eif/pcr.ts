import { createHash, type Hash } from 'node:crypto';
import { regularFileChunks } from '../io/regular-file.js';

const ZERO_REGISTER = new Uint8Array(48);

/** TPM-style extend of an all-zero SHA-384 register by `digest` (spec §2). */
export function extendZeroPcr(digest: Uint8Array): string {
  return createHash('sha384').update(ZERO_REGISTER).update(digest).digest('hex');
}

/** A PCR over streamed content: one SHA-384 over everything, then one extend. */
export class PcrHasher {
  readonly #hash: Hash = createHash('sha384');

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
  }

  /** The PCR as 96 lowercase hex digits; the hasher is spent afterwards. */
  digest(): string {
    return extendZeroPcr(this.rawDigest());
  }

  /** The SHA-384 of the content (what the PCR extends); the hasher is spent afterwards. */
  rawDigest(): Buffer {
    return this.#hash.digest();
  }
}

/** The PCR construction over `bytes` (what `nitro-cli pcr --input` computes for a file's bytes). */
export function pcrOfBytes(bytes: Uint8Array): string {
  return extendZeroPcr(createHash('sha384').update(bytes).digest());
}

/** The PCR construction over a whole file, streamed. */
export async function pcrOfFile(path: string): Promise<string> {
  const hasher = new PcrHasher();
  for await (const chunk of regularFileChunks(path)) hasher.update(chunk);
  return hasher.digest();
}
