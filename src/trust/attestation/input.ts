// Attestation documents travel as raw CBOR or as base64 text (NSM HTTP APIs, JSON fields); accept both.

const RAW_FIRST_BYTES = new Set([0x84, 0xd2]); // array(4), or tag 18 before it

/**
 * The raw COSE_Sign1 bytes of a document given raw or as base64/base64url text (white space ignored).
 * Anything else is returned unchanged, so the strict decoder reports it.
 */
export function attestationDocumentBytes(data: Uint8Array): Uint8Array {
  if (data.length === 0 || RAW_FIRST_BYTES.has(data[0]!)) return data;
  const text = Buffer.from(data).toString('latin1').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return data;
  const decoded = new Uint8Array(Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64'));
  return decoded.length > 0 && RAW_FIRST_BYTES.has(decoded[0]!) ? decoded : data;
}
