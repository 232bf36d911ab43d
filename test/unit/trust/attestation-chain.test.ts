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

function makeCert(name: string, issuer: string | undefined, ca: boolean): void {
  openssl('ecparam', '-name', 'secp384r1', '-genkey', '-noout', '-out', `${name}.key`);
  const ext = ca ? 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' : 'basicConstraints=critical,CA:FALSE\n';
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

interface Parts { leaf: string; bundle: string[]; pcrs?: Map<number, Uint8Array>; nonce?: Uint8Array | null; publicKey?: Uint8Array }

function makeDocument(parts: Parts): Uint8Array {
  const pcrs = parts.pcrs ?? new Map(Array.from({ length: 16 }, (_, i) => [i, new Uint8Array(48).fill(i + 1)] as const));
  const payload = encode(new Map<string, unknown>([
    ['module_id', 'i-test-enc0'], ['digest', 'SHA384'], ['timestamp', Date.now()], ['pcrs', pcrs],
    ['certificate', der(`${parts.leaf}.pem`)], ['cabundle', parts.bundle.map((n) => der(`${n}.pem`))],
    ['public_key', parts.publicKey ?? null], ['user_data', null], ['nonce', parts.nonce ?? null],
  ]));
  const protectedHeader = Uint8Array.from([0xa1, 0x01, 0x38, 0x22]);
  const toBeSigned = encode(['Signature1', protectedHeader, new Uint8Array(0), payload]);
  const signature = sign('sha384', toBeSigned, { key: pem(`${parts.leaf}.key`), dsaEncoding: 'ieee-p1363' });
  return encode([protectedHeader, new Map(), payload, new Uint8Array(signature)]);
}

beforeAll(() => {
  makeCert('root', undefined, true);
  makeCert('inter', 'root', true);
  makeCert('leaf', 'inter', false);
  makeCert('notca', 'root', false);
  makeCert('leaf2', 'notca', false);
  makeCert('other', undefined, true);
  makeCert('stranger', 'other', true);
  makeCert('leaf3', 'stranger', false);
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
