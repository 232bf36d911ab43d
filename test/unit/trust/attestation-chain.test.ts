// The chain and payload checks on documents made here: a throwaway P-384 root → intermediate → leaf made with
// the openssl CLI (an independent tool), a payload signed with node crypto.
import { execFileSync } from 'node:child_process';
import { sign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'cborg';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAttestation } from '../../../src/trust/attestation/index.js';

const dir = mkdtempSync(join(tmpdir(), 'nitro-att-'));
const openssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }); };
const pem = (name: string): string => readFileSync(join(dir, name), 'utf8');
const der = (name: string): Uint8Array => new Uint8Array(new X509Certificate(pem(name)).raw);

// Extensions as AWS's Nitro PKI writes them (openssl x509 -text of the fixtures' chain): leaf CA:FALSE with
// digitalSignature, CAs CA:TRUE with keyCertSign and a pathlen that shrinks towards the leaf.
const LEAF_EXT = 'basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature,nonRepudiation\n';
const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';

function makeCert(name: string, issuer: string | undefined, ext: string): void {
  openssl('ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', `${name}.key`);
  writeFileSync(join(dir, `${name}.ext`), ext);
  if (issuer === undefined) {
    openssl('req', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-days', '30', '-sha384',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', `${name}.pem`);
    return;
  }
  openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-CAcreateserial',
    '-days', '10', '-sha384', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

interface Parts {
  leaf: string; bundle: string[]; pcrs?: Map<number, Uint8Array>; nonce?: Uint8Array | null; publicKey?: Uint8Array;
  timestamp?: number; certificate?: Uint8Array; signingKey?: string;
  /** Replaces the payload map's CBOR (entries are then ignored). */
  payload?: Uint8Array;
}

function payloadEntries(parts: Parts): Array<[string, unknown]> {
  const pcrs = parts.pcrs ?? new Map(Array.from({ length: 16 }, (_, i) => [i, new Uint8Array(48).fill(i + 1)] as const));
  return [
    ['module_id', 'i-test-enc0'], ['digest', 'SHA384'], ['timestamp', parts.timestamp ?? Date.now()], ['pcrs', pcrs],
    ['certificate', parts.certificate ?? der(`${parts.leaf}.pem`)], ['cabundle', parts.bundle.map((n) => der(`${n}.pem`))],
    ['public_key', parts.publicKey ?? null], ['user_data', null], ['nonce', parts.nonce ?? null],
  ];
}

/** A map of up to 23 entries written pair by pair, so a key may repeat (a CBOR encoder would not allow it). */
function rawMap(entries: Array<[unknown, unknown]>): Uint8Array {
  return Uint8Array.from([0xa0 + entries.length, ...entries.flatMap(([k, v]) => [...encode(k), ...encode(v)])]);
}

function signCose(payload: Uint8Array, keyName: string): Uint8Array[] {
  const protectedHeader = Uint8Array.from([0xa1, 0x01, 0x38, 0x22]);
  const toBeSigned = encode(['Signature1', protectedHeader, new Uint8Array(0), payload]);
  const signature = sign('sha384', toBeSigned, { key: pem(`${keyName}.key`), dsaEncoding: 'ieee-p1363' });
  return [protectedHeader, payload, new Uint8Array(signature)];
}

function makeDocument(parts: Parts): Uint8Array {
  const payload = parts.payload ?? encode(new Map<string, unknown>(payloadEntries(parts)));
  const [protectedHeader, body, signature] = signCose(payload, parts.signingKey ?? parts.leaf);
  return encode([protectedHeader, new Map(), body, signature]);
}

beforeAll(() => {
  makeCert('root', undefined, CA_EXT);
  makeCert('inter', 'root', 'basicConstraints=critical,CA:TRUE,pathlen:1\nkeyUsage=critical,digitalSignature,keyCertSign,cRLSign\n');
  makeCert('leaf', 'inter', LEAF_EXT);
  makeCert('notca', 'root', LEAF_EXT);
  makeCert('leaf2', 'notca', LEAF_EXT);
  makeCert('other', undefined, CA_EXT);
  makeCert('stranger', 'other', CA_EXT);
  makeCert('leaf3', 'stranger', LEAF_EXT);
  // Adversarial certificates, each breaking one rule of attestation_process.md §3.2.3.
  makeCert('leafca', 'inter', 'basicConstraints=critical,CA:TRUE\nkeyUsage=digitalSignature,keyCertSign\n');
  makeCert('leafnoku', 'inter', 'basicConstraints=critical,CA:FALSE\n');
  makeCert('leafkeyenc', 'inter', 'basicConstraints=critical,CA:FALSE\nkeyUsage=keyEncipherment\n');
  makeCert('leafcrit', 'inter', `${LEAF_EXT}1.3.6.1.4.1.99999.1=critical,ASN1:NULL\n`);
  makeCert('signonly', 'root', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature\n');
  makeCert('leaf4', 'signonly', LEAF_EXT);
  makeCert('noku', 'root', 'basicConstraints=critical,CA:TRUE\n');
  makeCert('leaf5', 'noku', LEAF_EXT);
  makeCert('zero', 'root', 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign\n');
  makeCert('below', 'zero', CA_EXT);
  makeCert('leaf6', 'below', LEAF_EXT);
});

describe('verifyAttestation chain checks (synthetic PKI)', () => {
  it('accepts a good chain and compares a matching nonce', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], nonce: Uint8Array.from([7, 7]) });
    const report = verifyAttestation({ document, rootCertificatePem: pem('root.pem'), nonce: Uint8Array.from([7, 7]) });
    expect(report.chain.length).toBe(3);
    expect(report.nonce).toBe('0707');
    expect(report.public_key).toBeUndefined();
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem'), nonce: Uint8Array.from([7, 8]) }))
      .toThrow(/nonce differs/);
  });

  it('reports public_key as hex when the enclave put one in', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], publicKey: Uint8Array.from([0xab, 0xcd]) });
    expect(verifyAttestation({ document, rootCertificatePem: pem('root.pem') }).public_key).toBe('abcd');
  });

  it('refuses an intermediate that is not a CA', () => {
    const document = makeDocument({ leaf: 'leaf2', bundle: ['root', 'notca'] });
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem') })).toThrow(/is not a CA/);
  });

  it('refuses an intermediate that the root did not sign', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'stranger'] });
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem') })).toThrow(/attestation certificate is not signed by CN=stranger/);
  });

  it('refuses an intermediate signed by another root', () => {
    const document = makeDocument({ leaf: 'leaf3', bundle: ['root', 'stranger'] });
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem') }))
      .toThrow(/intermediate certificate CN=stranger is not signed by CN=root/);
  });

  it('refuses a bundle whose root is not the pinned one', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['other', 'inter'] });
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem') })).toThrow(/not the pinned AWS Nitro root/);
  });

  it('refuses a leaf checked before it became valid', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'] });
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem'), at: new Date('2001-01-01T00:00:00Z') }))
      .toThrow(/not yet valid/);
  });

  it('refuses the real AWS root for a document of this PKI', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'] });
    expect(() => verifyAttestation({ document })).toThrow(/not the pinned AWS Nitro root/);
  });

  it('refuses malformed payload fields', () => {
    const short = new Map(Array.from({ length: 3 }, (_, i) => [i, new Uint8Array(32).fill(1)] as const));
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], pcrs: short });
    expect(() => verifyAttestation({ document, rootCertificatePem: pem('root.pem') })).toThrow(/PCR0 must be a 48-byte string/);
  });
});

// AWS, aws-nitro-enclaves-nsm-api docs/attestation_process.md §3.2.3: the leaf has digitalSignature and no
// pathLenConstraint, every CA has keyCertSign, no CA has more CAs below it than its pathLenConstraint; unknown
// critical extensions fail a path (RFC 5280 §4.2, as webpki in dstack's nsm-qvl).
describe('verifyAttestation certificate extension checks (attestation_process.md §3.2.3)', () => {
  const root = (): string => pem('root.pem');
  const refuses = (parts: Parts, message: RegExp): void => {
    expect(() => verifyAttestation({ document: makeDocument(parts), rootCertificatePem: root() })).toThrow(message);
  };

  it('refuses a leaf that is a CA', () => {
    refuses({ leaf: 'leafca', bundle: ['root', 'inter'] }, /^attestation document: attestation certificate is a CA certificate, not an end entity/);
  });

  it('refuses a leaf without the digitalSignature key usage', () => {
    refuses({ leaf: 'leafnoku', bundle: ['root', 'inter'] }, /^attestation document: attestation certificate lacks the digitalSignature key usage$/);
    refuses({ leaf: 'leafkeyenc', bundle: ['root', 'inter'] }, /^attestation document: attestation certificate lacks the digitalSignature key usage$/);
  });

  it('refuses an intermediate without the keyCertSign key usage, the extension present or absent', () => {
    // OpenSSL (node's X509Certificate.ca) already denies CA status to a key usage without keyCertSign ...
    refuses({ leaf: 'leaf4', bundle: ['root', 'signonly'] }, /^attestation document: intermediate certificate CN=signonly is not a CA/);
    // ... but not to a CA certificate without any key usage extension, which AWS's procedure refuses.
    refuses({ leaf: 'leaf5', bundle: ['root', 'noku'] }, /^attestation document: intermediate certificate CN=noku lacks the keyCertSign key usage$/);
  });

  it('refuses a path longer than a CA\'s pathLenConstraint', () => {
    refuses({ leaf: 'leaf6', bundle: ['root', 'zero', 'below'] }, /^attestation document: intermediate certificate CN=zero allows 0 CA certificate\(s\) below it/);
  });

  it('refuses an unknown critical extension', () => {
    refuses({ leaf: 'leafcrit', bundle: ['root', 'inter'] }, /^attestation document: attestation certificate has an unsupported critical extension 1\.3\.6\.1\.4\.1\.99999\.1$/);
  });

  it('accepts the real chain\'s extensions (pathlen 2, 1, 0 below a root without one)', () => {
    const good = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'] });
    expect(verifyAttestation({ document: good, rootCertificatePem: root() }).chain.length).toBe(3);
  });
});

describe('verifyAttestation refusals of re-signed documents', () => {
  const root = (): string => pem('root.pem');

  it('refuses a document signed by a key other than the leaf\'s', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], signingKey: 'leaf3' });
    expect(() => verifyAttestation({ document, rootCertificatePem: root() })).toThrow(/COSE signature does not verify with the attestation certificate's key/);
  });

  it('refuses a leaf expired at the document\'s own time', () => {
    // The leaf lives 10 days from now (openssl -days 10); a document stamped 20 days on is past it.
    const timestamp = Date.now() + 20 * 86_400_000;
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], timestamp });
    expect(() => verifyAttestation({ document, rootCertificatePem: root(), at: 'document-time' })).toThrow(/^attestation document: attestation certificate expired at /);
    expect(verifyAttestation({ document, rootCertificatePem: root() }).timestamp).toBe(new Date(timestamp).toISOString());
  });

  it('refuses PCRs of 32 and 64 bytes: the digest is SHA384 (48), as nsm-qvl requires', () => {
    for (const length of [32, 64]) {
      const pcrs = new Map([[0, new Uint8Array(48).fill(1)], [1, new Uint8Array(48).fill(2)], [2, new Uint8Array(48).fill(3)], [3, new Uint8Array(length)]]);
      expect(() => verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], pcrs }), rootCertificatePem: root() }))
        .toThrow(/PCR3 must be a 48-byte string/);
    }
  });

  it('refuses a register index outside 0..31', () => {
    const pcrs = new Map([[0, new Uint8Array(48).fill(1)], [1, new Uint8Array(48).fill(2)], [2, new Uint8Array(48).fill(3)], [32, new Uint8Array(48)]]);
    expect(() => verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], pcrs }), rootCertificatePem: root() }))
      .toThrow(/pcrs key 32 is not a register index 0\.\.31/);
  });

  it('accepts extra registers and a PCR8 of zeros (an unsigned EIF)', () => {
    const pcrs = new Map(Array.from({ length: 32 }, (_, i) => [i, new Uint8Array(48).fill(i === 8 ? 0 : i + 1)] as const));
    const report = verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], pcrs }), rootCertificatePem: root() });
    expect(Object.keys(report.pcrs)).toHaveLength(32);
    expect(report.pcrs['8']).toBe('0'.repeat(96));
  });

  it('refuses duplicate payload keys, trailing bytes after the payload and a certificate over 1024 bytes', () => {
    const entries = payloadEntries({ leaf: 'leaf', bundle: ['root', 'inter'] });
    const duplicate = rawMap([...entries, ['digest', 'SHA384']]);
    expect(() => verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: [], payload: duplicate }), rootCertificatePem: root() }))
      .toThrow(/payload is not valid CBOR/);
    const trailing = Uint8Array.from([...rawMap(entries), 0x00]);
    expect(() => verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: [], payload: trailing }), rootCertificatePem: root() }))
      .toThrow(/payload is not valid CBOR/);
    const big = Uint8Array.from([...der('leaf.pem'), ...new Uint8Array(1025 - der('leaf.pem').length)]);
    expect(() => verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'], certificate: big }), rootCertificatePem: root() }))
      .toThrow(/certificate must be a byte string of 1 to 1024 bytes/);
  });

  it('accepts the indefinite-length payload map NSM writes, refuses indefinite items elsewhere', () => {
    const entries = payloadEntries({ leaf: 'leaf', bundle: ['root', 'inter'] });
    const indefinite = Uint8Array.from([0xbf, ...rawMap(entries).subarray(1), 0xff]);
    const good = makeDocument({ leaf: 'leaf', bundle: [], payload: indefinite });
    expect(verifyAttestation({ document: good, rootCertificatePem: root() }).module_id).toBe('i-test-enc0');
    // The same COSE array written with indefinite length (0x9f … 0xff) instead of 0x84.
    const outer = Uint8Array.from([0x9f, ...good.subarray(1), 0xff]);
    expect(() => verifyAttestation({ document: outer, rootCertificatePem: root() })).toThrow(/not a valid CBOR COSE_Sign1/);
  });

  it('accepts a payload without the optional fields (serde: a missing Option is None, as null is)', () => {
    const entries = payloadEntries({ leaf: 'leaf', bundle: ['root', 'inter'] }).filter(([k]) => !['public_key', 'user_data', 'nonce'].includes(k));
    const report = verifyAttestation({ document: makeDocument({ leaf: 'leaf', bundle: [], payload: rawMap(entries) }), rootCertificatePem: root() });
    expect(report.module_id).toBe('i-test-enc0');
  });

  it('refuses a cabundle that is not root first (attestation_process.md §3.2.3 order)', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['inter', 'root'] });
    expect(() => verifyAttestation({ document, rootCertificatePem: root() })).toThrow(/not the pinned AWS Nitro root/);
  });

  it('accepts the tagged form (tag 18) of a re-signed document and null optional fields as absent', () => {
    const document = makeDocument({ leaf: 'leaf', bundle: ['root', 'inter'] });
    const report = verifyAttestation({ document: Uint8Array.from([0xd2, ...document]), rootCertificatePem: root() });
    expect([report.public_key, report.user_data, report.nonce]).toEqual([undefined, undefined, undefined]);
  });
});
