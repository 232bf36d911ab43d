import { createHash, generateKeyPairSync, sign as nodeSign, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  certificatePcr8, describeEif, encodeCoseSign1, encodePcrInfo, encodeSignatureSection, inspectEif, localKeySigner,
  protectedHeader, sigStructure, signEif, writeEif,
} from '../../../src/eif/index.js';
import { enc, makeSigningIdentity, withTempDir } from './helpers.js';

function pcrOver(bytes: Uint8Array): string {
  return createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(bytes).digest()).digest('hex');
}

async function buildEif(path: string, version: 2 | 3 | 4 = 4): Promise<Awaited<ReturnType<typeof writeEif>>> {
  return writeEif({ outputPath: path, arch: 'x86_64', version, kernel: enc('KERNEL'), cmdline: 'console=ttyS0', ramdisks: [enc('RD0'), enc('RD1')] });
}

/** Rewrites the file's signature section with `data`, fixing the table and CRC so only the signature differs. */
async function replaceSignature(path: string, data: Uint8Array): Promise<void> {
  const info = await inspectEif(path);
  const sig = info.sections.find((s) => s.type === 'signature')!;
  const file = await readFile(path);
  const sectionHeader = Buffer.alloc(12);
  sectionHeader.writeUInt16BE(4, 0);
  sectionHeader.writeBigUInt64BE(BigInt(data.length), 4);
  const out = Buffer.concat([file.subarray(0, sig.offset), sectionHeader, data]);
  out.writeBigUInt64BE(BigInt(data.length), 284 + 8 * sig.index);
  out.writeUInt32BE(zlib.crc32(Buffer.concat([out.subarray(0, 544), out.subarray(548)])), 544);
  await writeFile(path, out);
}

describe('signEif and the signature check', () => {
  it.each([['P-256', 'ES256'], ['P-384', 'ES384'], ['P-521', 'ES512']] as const)('signs with %s (%s) and verifies', async (curve, alg) => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, curve);
      const path = join(dir, 'a.eif');
      const unsigned = await buildEif(path);
      const result = await signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) });
      const pcr8 = pcrOver(new X509Certificate(id.certPem).raw);
      expect(result.algorithm).toBe(alg);
      expect(result.pcrs).toEqual({ ...unsigned.pcrs, PCR8: pcr8 });
      const info = await inspectEif(path);
      expect(info.pcrs).toEqual({ ...unsigned.pcrs, PCR8: pcr8 });
      expect(info.crc.ok).toBe(true);
      expect(info.sha256).toBe(result.sha256);
      expect(info.sections.map((s) => s.type)).toEqual(['kernel', 'cmdline', 'metadata', 'ramdisk', 'ramdisk', 'signature']);
      expect(info.signature).toMatchObject({ valid: true, algorithm: alg, pcr8, certificatePem: id.certPem });
      const described = describeEif(info);
      expect(Object.keys(described)).toEqual(['EifVersion', 'Measurements', 'IsSigned', 'SigningCertificate', 'CheckCRC', 'SignatureCheck']);
      expect(described.SignatureCheck).toBe(true);
      expect(described.SigningCertificate?.IssuerName).toEqual({ commonName: curve, countryName: 'US', organizationName: 'Test' });
    });
  });

  it('replaces an existing signature; PCR0-2 never change', async () => {
    await withTempDir(async (dir) => {
      const a = await makeSigningIdentity(dir, 'P-384', 'a');
      const b = await makeSigningIdentity(dir, 'P-256', 'b');
      const path = join(dir, 'a.eif');
      const unsigned = await buildEif(path);
      await signEif(path, { certificatePem: a.certPem, signer: localKeySigner(a.keyPem) });
      const again = await signEif(path, { certificatePem: b.certPem, signer: localKeySigner(b.keyPem) });
      const info = await inspectEif(path);
      expect(info.sections.filter((s) => s.type === 'signature')).toHaveLength(1);
      expect(info.pcrs).toEqual({ ...unsigned.pcrs, PCR8: pcrOver(new X509Certificate(b.certPem).raw) });
      expect(again.pcrs.PCR8).not.toBe(pcrOver(new X509Certificate(a.certPem).raw));
      expect(info.signature?.valid).toBe(true);
    });
  });

  it('says SignatureCheck false when the signature bytes are tampered with', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-384');
      const path = join(dir, 'a.eif');
      const { pcrs } = await buildEif(path);
      const payload = encodePcrInfo(0, Buffer.from(pcrs.PCR0, 'hex'));
      const prot = protectedHeader('ES384');
      const sig = await localKeySigner(id.keyPem).sign(sigStructure(prot, payload), 'ES384');
      await signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) });
      sig[5] = (sig[5] ?? 0) ^ 0xff;
      await replaceSignature(path, encodeSignatureSection(enc(id.certPem), encodeCoseSign1(prot, payload, sig)));
      const info = await inspectEif(path);
      expect(info.crc.ok).toBe(true);
      expect(info.signature).toMatchObject({ valid: false, problem: expect.stringMatching(/does not verify/) });
      expect(describeEif(info).SignatureCheck).toBe(false);
    });
  });

  it('says SignatureCheck false for a validly signed payload other than PcrInfo(0, PCR0)', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-256');
      const path = join(dir, 'a.eif');
      const { pcrs } = await buildEif(path);
      await signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) });
      const prot = protectedHeader('ES256');
      for (const payload of [encodePcrInfo(1, Buffer.from(pcrs.PCR0, 'hex')), encodePcrInfo(0, Buffer.from(pcrs.PCR1, 'hex'))]) {
        const sig = nodeSign('sha256', sigStructure(prot, payload), { key: id.keyPem, dsaEncoding: 'ieee-p1363' });
        await replaceSignature(path, encodeSignatureSection(enc(id.certPem), encodeCoseSign1(prot, payload, sig)));
        const info = await inspectEif(path);
        expect(info.signature).toMatchObject({ valid: false, problem: expect.stringMatching(/payload/) });
        expect(describeEif(info).SignatureCheck).toBe(false);
      }
    });
  });

  it('refuses a private key that does not belong to the certificate and leaves the file alone', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-384');
      const other = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
      const path = join(dir, 'a.eif');
      await buildEif(path);
      const before = await readFile(path);
      await expect(signEif(path, { certificatePem: id.certPem, signer: localKeySigner(other) })).rejects.toThrow(/^signing certificate: the signature does not verify with this certificate's key/);
      const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      await expect(signEif(path, { certificatePem: id.certPem, signer: localKeySigner(p256) })).rejects.toThrow(/key is for ES256 but the certificate needs ES384/);
      expect(Buffer.compare(await readFile(path), before)).toBe(0);
    });
  });

  it('refuses non-EC keys and version 2 files', async () => {
    await withTempDir(async (dir) => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      expect(() => localKeySigner(rsa, 'rsa.pem')).toThrow(/rsa.pem: only EC keys on P-256, P-384 or P-521 can sign an EIF \(got rsa\)$/);
      expect(() => localKeySigner('not a key', 'k.pem')).toThrow(/k.pem: not a PEM private key/);
      const id = await makeSigningIdentity(dir, 'P-256');
      const path = join(dir, 'v2.eif');
      await buildEif(path, 2);
      await expect(signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) })).rejects.toThrow(/version 2 cannot hold a signature/);
    });
  });

  it('measures PCR8 over the first certificate of a PEM bundle', async () => {
    await withTempDir(async (dir) => {
      const a = await makeSigningIdentity(dir, 'P-256', 'a');
      const b = await makeSigningIdentity(dir, 'P-384', 'b');
      expect(certificatePcr8(a.certPem + b.certPem)).toBe(pcrOver(new X509Certificate(a.certPem).raw));
      expect(() => certificatePcr8('junk', 'c.pem')).toThrow(/c.pem: no PEM certificate/);
    });
  });
});

describe('a large signing certificate file', () => {
  // sign-eif reads certificate files of up to 1 MiB; the section stores every byte as one CBOR item,
  // so the reader must accept that many items or it refuses EIFs this tool signed.
  it('signed with a 900 KiB certificate chain, the EIF reads back with PCR8 over the first certificate', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-256');
      const other = await makeSigningIdentity(dir, 'P-384', 'other');
      const chain = id.certPem + other.certPem.repeat(Math.ceil((900 << 10) / other.certPem.length));
      expect(chain.length).toBeGreaterThan(900 << 10);
      expect(chain.length).toBeLessThan(1 << 20);
      const path = join(dir, 'big-chain.eif');
      await buildEif(path);
      await signEif(path, { certificatePem: chain, signer: localKeySigner(id.keyPem) });
      const info = await inspectEif(path);
      expect(info.signature?.valid).toBe(true);
      expect(info.pcrs.PCR8).toBe(pcrOver(new X509Certificate(id.certPem).raw));
    });
  });

  it('refuses a certificate file over 1 MiB rather than write an EIF no reader accepts', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-256');
      const path = join(dir, 'too-big.eif');
      await buildEif(path);
      const chain = id.certPem + ' '.repeat(1 << 20);
      await expect(signEif(path, { certificatePem: chain, signer: localKeySigner(id.keyPem) })).rejects.toThrow(/signing certificate: \d+ bytes, more than 1048576/);
    });
  });
});
