// Identity-based (keyless) bundle verification, offline, against a throwaway Sigstore-like PKI made here with the
// openssl CLI: a "Fulcio" CA issuing a workflow-identity certificate and an RFC 3161 timestamp authority. Real
// keyless bundles (Fulcio + Rekor, GitHub) need the network and are not exercised.
import type { SerializedBundle } from '@sigstore/bundle';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProvenanceStatement, verifyProvenanceBundle } from '../../../src/trust/provenance/index.js';
import { IDENTITY, ISSUER, makeSigstorePki, type SigstorePki } from '../../helpers/sigstore-pki.js';

const digest = (n: number): string => n.toString(16).padStart(2, '0').repeat(48);
let pki: SigstorePki;

async function keylessBundle(leaf: string): Promise<SerializedBundle> {
  return pki.keylessBundle(leaf, buildProvenanceStatement({
    eif: { name: 'app.eif', sha256: digest(1).slice(0, 64), sha384: digest(2) },
    measurements: { name: 'measurements.json', sha256: digest(3).slice(0, 64), sha384: digest(4) },
    pcrs: { PCR0: digest(5), PCR1: digest(6), PCR2: digest(7) },
    osImageHash: `0x${digest(8).slice(0, 64)}`,
  }));
}

const trustedRoot = (ca: string): unknown => pki.trustedRoot(ca);

beforeAll(() => {
  pki = makeSigstorePki();
});

describe('verifyProvenanceBundle with a certificate identity and a trusted root', () => {
  const trust = (overrides: Partial<{ certificateIdentity: string; certificateOidcIssuer: string; ca: string }> = {}) => ({
    trustedRoot: trustedRoot(overrides.ca ?? 'root'),
    certificateIdentity: overrides.certificateIdentity ?? IDENTITY,
    certificateOidcIssuer: overrides.certificateOidcIssuer ?? ISSUER,
  });

  it('accepts the exact identity and issuer, and reports them', async () => {
    const result = verifyProvenanceBundle(await keylessBundle('leaf'), trust());
    expect(result.signer).toEqual({ kind: 'certificate', identity: IDENTITY, issuer: ISSUER });
  });

  it('refuses another identity, even one the expected text would match as a pattern', async () => {
    const bundle = await keylessBundle('leaf');
    expect(() => verifyProvenanceBundle(bundle, trust({ certificateIdentity: 'https://github.com/acme/app/.github/workflows/other.yml@refs/heads/main' })))
      .toThrow(/certificate identity is/);
    expect(() => verifyProvenanceBundle(bundle, trust({ certificateIdentity: 'https://github.com/acme/app/.*' }))).toThrow(/certificate identity is/);
  });

  it('refuses another OIDC issuer', async () => {
    const bundle = await keylessBundle('leaf-other-issuer');
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/OIDC issuer is https:\/\/accounts.example.com/);
  });

  it('refuses a certificate from a CA the trusted root does not hold', async () => {
    const bundle = await keylessBundle('stranger');
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/signature verification failed \(Failed to verify certificate chain\)/);
  });

  it('refuses a tampered payload', async () => {
    const bundle = await keylessBundle('leaf');
    const envelope = (bundle as unknown as { dsseEnvelope: { payload: string } }).dsseEnvelope;
    envelope.payload = Buffer.from(Buffer.from(envelope.payload, 'base64').toString().replace('app.eif', 'evil.eif')).toString('base64');
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/signature verification failed/);
  });

  it('refuses a bundle with no verified time (timestamp removed)', async () => {
    const bundle = await keylessBundle('leaf');
    bundle.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [] };
    expect(() => verifyProvenanceBundle(bundle, trust())).toThrow(/tsa timestamps/);
  });
});
