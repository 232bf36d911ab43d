import { createHash, generateKeyPairSync, sign as nodeSign, X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { decode as cborDecode, encode as cborEncode } from 'cborg';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import {
  certificatePcr8, describeEif, encodeCoseSign1, encodePcrInfo, encodeSignatureSection, inspectEif, localKeySigner,
  protectedHeader, sigStructure, signEif, writeEif,
} from '../../../src/eif/index.js';
import { enc, fixture, makeSigningIdentity, withTempDir } from './helpers.js';

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

  it('fails describe-eif when the signature bytes are tampered with (SignatureCheck false is for another payload only)', async () => {
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
      expect(info.signature).toMatchObject({ verifies: false, valid: false, problem: expect.stringMatching(/does not verify/) });
      // nitro-cli's get_certificate_info fails (CoseError::UnverifiedSignature): describe-eif prints no JSON.
      expect(() => describeEif(info, 'a.eif')).toThrow(/^a\.eif: signature section does not verify: COSE signature does not verify with the certificate key$/);
    });
  });

  it('fails describe-eif in one line when the signature is by another key, as nitro-cli does', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-384');
      const path = join(dir, 'a.eif');
      const { pcrs } = await buildEif(path);
      await signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) });
      const other = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'sec1' }).toString();
      const payload = encodePcrInfo(0, Buffer.from(pcrs.PCR0, 'hex'));
      const prot = protectedHeader('ES384');
      const sig = await localKeySigner(other).sign(sigStructure(prot, payload), 'ES384');
      await replaceSignature(path, encodeSignatureSection(enc(id.certPem), encodeCoseSign1(prot, payload, sig)));
      let stdout = '';
      let stderr = '';
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
      try {
        const code = await main(['describe-eif', '--eif-path', path]);
        expect({ code: code !== 0, stdout }).toEqual({ code: true, stdout: '' });
        expect(stderr).toBe(`nitro-eif: error: ${path}: signature section does not verify: COSE signature does not verify with the certificate key\n`);
      } finally {
        vi.restoreAllMocks();
      }
    });
  });

  it('reads the first entry of a signature array with several, as nitro-cli (des_sign[0])', async () => {
    await withTempDir(async (dir) => {
      const a = await makeSigningIdentity(dir, 'P-256', 'a');
      const b = await makeSigningIdentity(dir, 'P-384', 'b');
      const path = join(dir, 'a.eif');
      const { pcrs } = await buildEif(path);
      await signEif(path, { certificatePem: a.certPem, signer: localKeySigner(a.keyPem) });
      const entry = async (id: typeof a, alg: 'ES256' | 'ES384', index: number): Promise<Uint8Array> => {
        const payload = encodePcrInfo(index, Buffer.from(pcrs.PCR0, 'hex'));
        const prot = protectedHeader(alg);
        const cose = encodeCoseSign1(prot, payload, await localKeySigner(id.keyPem).sign(sigStructure(prot, payload), alg));
        return encodeSignatureSection(enc(id.certPem), cose).subarray(1); // the map alone, without the array head 0x81
      };
      const good = await entry(a, 'ES256', 0);
      const otherIndex = await entry(b, 'ES384', 1);
      await replaceSignature(path, Uint8Array.from([0x82, ...good, ...otherIndex]));
      let info = await inspectEif(path);
      expect(info.pcrs.PCR8).toBe(pcrOver(new X509Certificate(a.certPem).raw));
      expect(describeEif(info).SignatureCheck).toBe(true);
      await replaceSignature(path, Uint8Array.from([0x82, ...otherIndex, ...good]));
      info = await inspectEif(path);
      expect(info.pcrs.PCR8).toBe(pcrOver(new X509Certificate(b.certPem).raw));
      expect(describeEif(info).SignatureCheck).toBe(false);
    });
  });

  it('refuses a signature section whose byte vectors are CBOR byte strings (serde Vec<u8> reads arrays only)', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-256');
      const path = join(dir, 'a.eif');
      await buildEif(path);
      await signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) });
      const section = (await inspectEif(path)).sections.find((s) => s.type === 'signature')!;
      const entry = (cborDecode((await readFile(path)).subarray(section.offset + 12, section.offset + 12 + section.size)) as Array<Record<string, number[]>>)[0]!;
      const asBytes = cborEncode([new Map([['signing_certificate', Uint8Array.from(entry['signing_certificate']!)], ['signature', Uint8Array.from(entry['signature']!)]])]);
      await replaceSignature(path, asBytes);
      await expect(inspectEif(path)).rejects.toThrow(/signing_certificate is not a byte vector/);
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

  it('refuses a certificate outside its validity period, as run-enclave would refuse the EIF, and leaves the file alone', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'a.eif');
      await buildEif(path);
      const before = await readFile(path);
      const sign = async (name: string) => signEif(path, {
        certificatePem: await readFile(fixture('signing', `${name}.cert.pem`)),
        signer: localKeySigner(await readFile(fixture('signing', `${name}.key.pem`), 'utf8')),
        certificateLabel: name,
      });
      // Fixtures made with openssl ca -startdate/-enddate: valid 2020-2021 and 2099-2100.
      await expect(sign('expired')).rejects.toThrow(/^expired: expired on 2021-01-01T00:00:00.000Z; nitro-cli run-enclave refuses an EIF signed with an expired certificate$/);
      await expect(sign('not-yet-valid')).rejects.toThrow(/^not-yet-valid: not valid before 2099-01-01T00:00:00.000Z; /);
      expect(Buffer.compare(await readFile(path), before)).toBe(0);
      // The edges of the period (openssl req -days 2): valid at both ends, refused a second outside.
      const id = await makeSigningIdentity(dir, 'P-256');
      const { validFrom, validTo } = new X509Certificate(id.certPem);
      const at = (time: string, shift: number) => new Date(Date.parse(time) + shift);
      const signAt = (now: Date) => signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem), now });
      await expect(signAt(at(validTo, 1000))).rejects.toThrow(/expired on/);
      await expect(signAt(at(validFrom, -1000))).rejects.toThrow(/not valid before/);
      await expect(signAt(at(validTo, 0))).resolves.toMatchObject({ algorithm: 'ES256' });
      await expect(signAt(at(validFrom, 0))).resolves.toMatchObject({ algorithm: 'ES256' });
    });
  });

  it('refuses non-EC keys and version 2 files', async () => {
    await withTempDir(async (dir) => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      expect(() => localKeySigner(rsa, 'rsa.pem')).toThrow(/rsa.pem: only EC keys on P-256, P-384 or P-521 can sign an EIF \(got rsa\)$/);
      expect(() => localKeySigner('not a key', 'k.pem')).toThrow(/^k.pem: not PEM \(no -----BEGIN line\)$/);
      // The mistakes users make, said in words (OpenSSL's decoder codes are not): swapped files, encrypted or public keys.
      const swapped = (await makeSigningIdentity(dir, 'P-384')).certPem;
      expect(() => localKeySigner(swapped, 'cert.pem')).toThrow(/^cert.pem: holds a certificate, not a private key \(are the certificate and the key swapped\?\)$/);
      const ecPair = generateKeyPairSync('ec', { namedCurve: 'P-384' });
      const encrypted = ecPair.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
      expect(() => localKeySigner(encrypted, 'enc.pem')).toThrow(/^enc.pem: the private key is encrypted; give it unencrypted$/);
      expect(() => localKeySigner(ecPair.publicKey.export({ format: 'pem', type: 'spki' }).toString(), 'pub.pem')).toThrow(/^pub.pem: holds a public key, not a private key$/);
      // aws-nitro-enclaves-cose ec_curve_to_parameters: P-256, P-384, P-521 only; non-EC keys are unsupported.
      const ed = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      expect(() => localKeySigner(ed, 'ed.pem')).toThrow(/ed.pem: only EC keys on P-256, P-384 or P-521 can sign an EIF \(got ed25519\)$/);
      const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      expect(() => localKeySigner(k1, 'k1.pem')).toThrow(/k1.pem: only EC keys on P-256, P-384 or P-521 can sign an EIF \(got ec secp256k1\)$/);
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
