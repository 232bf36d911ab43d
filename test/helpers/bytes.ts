// Small helpers for tests that consume byte streams.
import { createHash } from 'node:crypto';

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

export function sha384(data: Uint8Array): string {
  return createHash('sha384').update(data).digest('hex');
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** PCR construction: SHA384(48 zero bytes ‖ SHA384(content)), computed independently of src/. */
export function pcrOf(content: Uint8Array): string {
  const inner = createHash('sha384').update(content).digest();
  return createHash('sha384').update(Buffer.alloc(48)).update(inner).digest('hex');
}
