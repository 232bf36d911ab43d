import { createHash, generateKeyPairSync, verify as cryptoVerify } from 'node:crypto';
import type { attest } from '@actions/attest';
import { describe, expect, it } from 'vitest';
import {
  buildProvenanceStatement, signProvenanceKeyless, signProvenanceWithKey, loadSigningKey, verifyProvenanceBundle,
  type AttestFunction,
} from '../../../src/trust/provenance/index.js';

const digest = (alg: string, text: string): string => createHash(alg).update(text).digest('hex');
const statement = buildProvenanceStatement({
  eif: { name: 'enclave.eif', sha256: digest('sha256', 'eif'), sha384: digest('sha384', 'eif') },
  measurements: { name: 'measurements.json', sha256: digest('sha256', 'm'), sha384: digest('sha384', 'm') },
  pcrs: { PCR0: digest('sha384', '0'), PCR1: digest('sha384', '1'), PCR2: digest('sha384', '2') },
  osImageHash: `0x${digest('sha256', 'os')}`,
});

function keyPair(curve = 'prime256v1'): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Pre-authentication encoding of DSSE v1, written here from the DSSE spec (independent of @sigstore/core). */
function pae(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);
}

describe('signProvenanceWithKey', () => {
  const keys = keyPair();

  it('makes a v0.3 bundle with an in-toto DSSE envelope, an empty keyid and no tlog entries', async () => {
    const bundle = await signProvenanceWithKey(statement, loadSigningKey(keys.privatePem));
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    const envelope = (bundle as { dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid?: string }[] } }).dsseEnvelope;
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(envelope.signatures).toHaveLength(1);
    expect(envelope.signatures[0]!.keyid ?? '').toBe(''); // protobuf JSON leaves the empty keyid out
    const payload = Buffer.from(envelope.payload, 'base64');
    expect(JSON.parse(payload.toString())).toEqual(statement);
    // Independent check: ECDSA P-256/SHA-256 over the DSSE PAE with node crypto.
    const sig = Buffer.from(envelope.signatures[0]!.sig, 'base64');
    expect(cryptoVerify('sha256', pae(envelope.payloadType, payload), keys.publicPem, sig)).toBe(true);
    expect(bundle.verificationMaterial.tlogEntries ?? []).toEqual([]);
  });

  it('verifies with the public key and returns the statement', async () => {
    const bundle = await signProvenanceWithKey(statement, loadSigningKey(keys.privatePem));
    const result = verifyProvenanceBundle(bundle, { publicKeyPem: keys.publicPem });
    expect(result.statement).toEqual(statement);
    expect(result.signer).toEqual({ kind: 'public-key' });
  });

  it('refuses another key, a tampered payload and a tampered signature', async () => {
    const bundle = await signProvenanceWithKey(statement, loadSigningKey(keys.privatePem));
    expect(() => verifyProvenanceBundle(bundle, { publicKeyPem: keyPair().publicPem })).toThrow(/signature verification failed/);
    const envelope = (bundle as unknown as { dsseEnvelope: { payload: string; signatures: { sig: string }[] } }).dsseEnvelope;
    const payload = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as { subject: { digest: { sha256: string } }[] };
    payload.subject[0]!.digest.sha256 = digest('sha256', 'evil');
    const tamperedPayload = structuredClone(bundle) as typeof bundle & { dsseEnvelope: { payload: string } };
    tamperedPayload.dsseEnvelope.payload = Buffer.from(JSON.stringify(payload)).toString('base64');
    expect(() => verifyProvenanceBundle(tamperedPayload, { publicKeyPem: keys.publicPem })).toThrow(/signature verification failed/);
    const sig = Buffer.from(envelope.signatures[0]!.sig, 'base64');
    sig[sig.length - 3] = sig[sig.length - 3]! ^ 1;
    const tamperedSig = structuredClone(bundle) as typeof bundle & { dsseEnvelope: { signatures: { sig: string }[] } };
    tamperedSig.dsseEnvelope.signatures[0]!.sig = sig.toString('base64');
    expect(() => verifyProvenanceBundle(tamperedSig, { publicKeyPem: keys.publicPem })).toThrow(/signature verification failed/);
  });

  it('refuses what is not a bundle, and a key bundle checked by identity', async () => {
    expect(() => verifyProvenanceBundle({ hello: 1 }, { publicKeyPem: keys.publicPem })).toThrow(/not a valid Sigstore bundle/);
    const bundle = await signProvenanceWithKey(statement, loadSigningKey(keys.privatePem));
    expect(() => verifyProvenanceBundle(bundle, { trustedRoot: {}, certificateIdentity: 'x', certificateOidcIssuer: 'y' }))
      .toThrow(/signed with a key, not a certificate/);
  });

  it('accepts only unencrypted EC P-256 private keys', () => {
    expect(() => loadSigningKey(keyPair('secp384r1').privatePem)).toThrow(/EC P-256/);
    expect(() => loadSigningKey('not a key')).toThrow(/not a readable/);
  });
});

describe('signProvenanceKeyless (adapter over @actions/attest)', () => {
  it('passes our subjects and predicate to attest and returns its bundle', async () => {
    const calls: Parameters<AttestFunction>[0][] = [];
    const fake = (async (options) => {
      calls.push(options);
      return { bundle: { mediaType: 'm' } as never, certificate: 'PEM', tlogID: '42' };
    }) satisfies AttestFunction;
    const result = await signProvenanceKeyless(statement, { attest: fake, token: 't', sigstore: 'github' });
    expect(result).toEqual({ bundle: { mediaType: 'm' }, certificate: 'PEM', tlogId: '42' });
    expect(calls[0]).toEqual({
      subjects: statement.subject, predicateType: 'https://slsa.dev/provenance/v1', predicate: statement.predicate,
      token: 't', sigstore: 'github',
    });
  });

  it('accepts the real @actions/attest function type', () => {
    const accepts = (fn: AttestFunction): AttestFunction => fn;
    const real: typeof attest = async () => { throw new Error('not called'); };
    expect(typeof accepts(real)).toBe('function');
  });
});
