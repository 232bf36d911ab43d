import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decode, encode } from 'cborg';
import { describe, expect, it } from 'vitest';
import { VerificationError } from '../../../src/errors.js';
import { AWS_NITRO_ROOT_G1_PEM, AWS_NITRO_ROOT_G1_SHA256, verifyAttestation } from '../../../src/trust/attestation/index.js';
import { fixture as fixturePath } from '../../helpers/paths.js';

const FIXTURES = fixturePath('nitro');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(`${FIXTURES}/${name}`));
const prod = fixture('attestation-prod.cose');
const prod2 = fixture('attestation-prod-2.cose');
const debug = fixture('attestation-debug.cose');

// Values from spec dstack.md §1 (the enclave of attestation-prod-2), not from the code under test.
const SPEC = {
  PCR0: 'eb7d0dab08ff41546d7e5659aee883af7b32bb2e58e46815b719f9f7bfae7b880188a10d86317e6509923740526cf74a',
  PCR1: '0343b056cd8485ca7890ddd833476d78460aed2aa161548e4e26bedf321726696257d623e8805f3f605946b3d8b0c6aa',
  PCR2: 'd7b0a76788c1be24898bd148117ea1239578ba0e72f5d87a33a6c6476026675b6f996940f062e0e3f0b5edd2ddf78811',
  osImageHash: '1894b0b29e94a9db16e88a2914f0923e52bb16c08bf3bb484df786a147e2eb79',
};

/** Re-encodes the COSE array after `edit`, keeping everything else byte-identical. */
function rebuild(doc: Uint8Array, edit: (parts: Uint8Array[]) => void): Uint8Array {
  const parts = decode(doc, { useMaps: true }) as unknown[];
  const bytes = [parts[0], parts[2], parts[3]] as Uint8Array[];
  edit(bytes);
  return encode([bytes[0], new Map(), bytes[1], bytes[2]]);
}

function flip(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}

describe('verifyAttestation with real Nitro documents', () => {
  it('verifies both production documents at their own time', () => {
    for (const document of [prod, prod2]) {
      const report = verifyAttestation({ document, at: 'document-time' });
      expect(report.chain.ok).toBe(true);
      expect(report.digest).toBe('SHA384');
      expect(Object.keys(report.pcrs)).toEqual(Array.from({ length: 16 }, (_, i) => String(i)));
      expect(report.checked_at).toBe(report.timestamp);
      expect(report.chain.root_sha256).toBe(AWS_NITRO_ROOT_G1_SHA256);
    }
  });

  it('reports the module, the time and the os_image_hash of spec dstack.md §1', () => {
    const report = verifyAttestation({ document: prod2, at: 'document-time' });
    expect(report.module_id).toBe('i-0827e799ec9232d44-enc019b5640fdf630d6');
    expect(report.timestamp.startsWith('2025-12-25T')).toBe(true);
    expect(report.pcrs['0']).toBe(SPEC.PCR0);
    expect(report.pcrs['1']).toBe(SPEC.PCR1);
    expect(report.pcrs['2']).toBe(SPEC.PCR2);
    expect(report.os_image_hash).toBe(`0x${SPEC.osImageHash}`);
    expect(report.user_data).toMatch(/^[0-9a-f]{128}$/);
    expect(report.nonce).toBeUndefined();
    expect(report.certificate.subject).toContain('CN=');
    expect(Date.parse(report.certificate.not_after)).toBeGreaterThan(Date.parse(report.timestamp));
  });

  it('accepts the expected PCRs of the build and lists what it compared', () => {
    const report = verifyAttestation({ document: prod2, at: 'document-time', expected: { pcrs: { PCR0: SPEC.PCR0, PCR1: SPEC.PCR1, PCR2: SPEC.PCR2 } } });
    expect(report.pcrs_checked).toEqual(['PCR0', 'PCR1', 'PCR2']);
  });

  it('refuses a wrong expected PCR, naming the register', () => {
    const wrong = `${SPEC.PCR1.slice(0, -1)}b`;
    expect(() => verifyAttestation({ document: prod2, at: 'document-time', expected: { pcrs: { PCR0: SPEC.PCR0, PCR1: wrong, PCR2: SPEC.PCR2 } } }))
      .toThrow(/PCR1 differs/);
    expect(() => verifyAttestation({ document: prod, at: 'document-time', expected: { pcrs: { PCR0: SPEC.PCR0, PCR1: SPEC.PCR1, PCR2: SPEC.PCR2 } } }))
      .toThrow(/PCR0 differs/);
  });

  it('fails at the current time because the leaf certificate expired, and says how to check it', () => {
    for (const document of [prod, prod2]) {
      expect(() => verifyAttestation({ document })).toThrow(VerificationError);
      expect(() => verifyAttestation({ document })).toThrow(/attestation certificate expired at 2025-12-2.*--at-document-time/);
    }
  });

  it('fails a week after the document was made (explicit time)', () => {
    const at = new Date(Date.parse('2025-12-25T00:00:00Z') + 7 * 86_400_000);
    expect(() => verifyAttestation({ document: prod2, at })).toThrow(/expired/);
  });

  it('refuses the debug-mode document (PCR0-2 all zero)', () => {
    expect(() => verifyAttestation({ document: debug, at: 'document-time' })).toThrow(/debug-mode enclave/);
  });

  it('refuses a flipped byte in the signature', () => {
    const bad = rebuild(prod, (p) => { p[2] = flip(p[2]!, 10); });
    expect(() => verifyAttestation({ document: bad, at: 'document-time' })).toThrow(/COSE signature does not verify/);
  });

  it('refuses a flipped byte in the payload (user_data)', () => {
    const bad = rebuild(prod, (p) => {
      const payload = p[1]!;
      const at = Buffer.from(payload).indexOf(Buffer.from('user_data')) + 12;
      p[1] = flip(payload, at);
    });
    expect(() => verifyAttestation({ document: bad, at: 'document-time' })).toThrow(/COSE signature does not verify/);
  });

  it('refuses a flipped byte in a cabundle certificate signature', () => {
    const payload = decode((decode(prod, { useMaps: true }) as Uint8Array[])[2]!, { useMaps: true }) as Map<string, unknown>;
    const intermediate = (payload.get('cabundle') as Uint8Array[])[2]!;
    const tampered = flip(intermediate, intermediate.length - 5);
    const doc = Buffer.from(prod);
    const at = doc.indexOf(Buffer.from(intermediate));
    expect(at).toBeGreaterThan(0);
    Buffer.from(tampered).copy(doc, at);
    // The certificate is inside the signed payload, so the COSE signature fails first; the chain checks
    // themselves are shown with re-signed synthetic documents in attestation-chain.test.ts.
    expect(() => verifyAttestation({ document: new Uint8Array(doc), at: 'document-time' })).toThrow(VerificationError);
  });

  it('refuses an oversized document before decoding it', () => {
    expect(() => verifyAttestation({ document: new Uint8Array(65 * 1024), at: 'document-time' })).toThrow(/more than an attestation document/);
  });

  it('compares the nonce when one is given', () => {
    expect(() => verifyAttestation({ document: prod, at: 'document-time', nonce: Uint8Array.from([1, 2, 3]) }))
      .toThrow(/has no nonce/);
  });

  it('refuses a document whose root is not the pinned one', () => {
    const otherRoot = readFileSync(`${FIXTURES}/AWS_NitroEnclaves_Root-G1.pem`, 'utf8');
    expect(new X509Certificate(otherRoot).raw.equals(new X509Certificate(AWS_NITRO_ROOT_G1_PEM).raw)).toBe(true);
    const selfSigned = new X509Certificate(debugLeafPem()).toString();
    expect(() => verifyAttestation({ document: prod, at: 'document-time', rootCertificatePem: selfSigned }))
      .toThrow(/not the pinned AWS Nitro root/);
  });

  it('pins the published root: fingerprint of the bundled PEM', () => {
    const der = new X509Certificate(AWS_NITRO_ROOT_G1_PEM).raw;
    expect(createHash('sha256').update(der).digest('hex')).toBe(AWS_NITRO_ROOT_G1_SHA256);
    expect(der.equals(new X509Certificate(readFileSync(`${FIXTURES}/AWS_NitroEnclaves_Root-G1.pem`)).raw)).toBe(true);
  });

  it('accepts the COSE tag 18 and refuses trailing bytes and a wrong protected header', () => {
    const tagged = new Uint8Array([0xd2, ...prod]);
    expect(verifyAttestation({ document: tagged, at: 'document-time' }).module_id).toMatch(/^i-/);
    expect(() => verifyAttestation({ document: new Uint8Array([...prod, 0]), at: 'document-time' })).toThrow(/not a valid CBOR/);
    const es256 = rebuild(prod, (p) => { p[0] = Uint8Array.from([0xa1, 0x01, 0x26]); });
    expect(() => verifyAttestation({ document: es256, at: 'document-time' })).toThrow(/ES384/);
  });
});

function debugLeafPem(): string {
  const payload = decode((decode(debug, { useMaps: true }) as Uint8Array[])[2]!, { useMaps: true }) as Map<string, unknown>;
  return new X509Certificate(Buffer.from(payload.get('certificate') as Uint8Array)).toString();
}
