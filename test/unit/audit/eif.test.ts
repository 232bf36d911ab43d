// Audit: EIF facts of eif-format.md §1–§4 checked against the real tools' behaviour, with expected
// values from the spec, the aws-nitro-enclaves-image-format source, or node crypto/zlib.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  describeEif, EMPTY_PCR, firstCertificateDer, encodeMetadata, inspectEif, kernelInfoFromConfig, localKeySigner, signEif, writeEif, type EifMetadata,
} from '../../../src/eif/index.js';
import { rustDebugUnquoted, signingCertificateInfo } from '../../../src/eif/certificate-info.js';
import { enc, fixture, makeSigningIdentity, withTempDir } from '../eif/helpers.js';

function pcrOver(bytes: Uint8Array): string {
  return createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(bytes).digest()).digest('hex');
}

/** The file's CRC as the spec defines it: zlib crc32 over every byte except 544..547. */
function specCrc(file: Buffer): number {
  return zlib.crc32(Buffer.concat([file.subarray(0, 544), file.subarray(548)])) >>> 0;
}

describe('audit: kernel config line 3 (identity.rs generate_build_info)', () => {
  // nitro-cli splits line 3 on ' ', '/' and '-' and takes words 1 and 3 ("Unknown" when absent).
  const config = (line: string): string => `#\n# Automatically generated file; DO NOT EDIT.\n${line}\n#\n`;

  it("gives the spec's example", () => {
    expect(kernelInfoFromConfig(config('# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration')))
      .toEqual({ operatingSystem: 'Linux', kernelVersion: '4.14.256' });
  });

  it('keeps a version word whole up to the next space, slash or dash (6.1.0+, 5.10.0_rc)', () => {
    expect(kernelInfoFromConfig(config('# Linux/arm64 6.1.0+ Kernel Configuration')))
      .toEqual({ operatingSystem: 'Linux', kernelVersion: '6.1.0+' });
    expect(kernelInfoFromConfig(config('# Linux/x86 5.10.0_rc Kernel Configuration')))
      .toEqual({ operatingSystem: 'Linux', kernelVersion: '5.10.0_rc' });
  });

  it('says Unknown for a word the line lacks, as nitro-cli does', () => {
    expect(kernelInfoFromConfig(config('# Linux'))).toEqual({ operatingSystem: 'Linux', kernelVersion: 'Unknown' });
  });
});

describe('audit: describe-eif metadata (json_output.rs MetadataDescribeInfo)', () => {
  it('flattens CustomMetadata after DockerInfo, serde_json Values with sorted keys', async () => {
    await withTempDir(async (dir) => {
      const metadata: EifMetadata = {
        ImageName: 'app', ImageVersion: 'v1',
        BuildMetadata: { BuildTime: '2024-01-01T00:00:00+00:00', BuildTool: 't', BuildToolVersion: '1', OperatingSystem: 'Linux', KernelVersion: '4.14.256' },
        DockerInfo: { Zeta: 1, Alpha: { b: 2, a: 1 } },
        CustomMetadata: { zz: 'last', aa: 'first' },
      };
      const path = join(dir, 'm.eif');
      await writeEif({ outputPath: path, arch: 'x86_64', kernel: enc('K'), cmdline: 'c', metadata, ramdisks: [enc('R0'), enc('R1')] });
      const out = describeEif(await inspectEif(path));
      expect(Object.keys(out)).toEqual(['EifVersion', 'Measurements', 'IsSigned', 'CheckCRC', 'ImageName', 'ImageVersion', 'Metadata']);
      expect(JSON.stringify(out.Metadata)).toBe(JSON.stringify({
        BuildTime: '2024-01-01T00:00:00+00:00', BuildTool: 't', BuildToolVersion: '1', OperatingSystem: 'Linux', KernelVersion: '4.14.256',
        DockerInfo: { Alpha: { a: 1, b: 2 }, Zeta: 1 }, aa: 'first', zz: 'last',
      }));
      // The section itself: struct fields in order, Values sorted, compact.
      const expected = '{"ImageName":"app","ImageVersion":"v1","BuildMetadata":{"BuildTime":"2024-01-01T00:00:00+00:00","BuildTool":"t",'
        + '"BuildToolVersion":"1","OperatingSystem":"Linux","KernelVersion":"4.14.256"},"DockerInfo":{"Alpha":{"a":1,"b":2},"Zeta":1},'
        + '"CustomMetadata":{"aa":"first","zz":"last"}}';
      expect(Buffer.from(encodeMetadata(metadata)).toString()).toBe(expected);
    });
  });
});

describe('audit: version 3 EIF (no metadata) and signing it', () => {
  it('writes 4 sections, reads back, signs as a 5th section at the end with a spec CRC', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'v3.eif');
      const kernel = enc('KERNEL');
      const cmdline = enc('console=ttyS0');
      await writeEif({ outputPath: path, arch: 'aarch64', version: 3, kernel, cmdline: '\t console=ttyS0 \n', ramdisks: [enc('RD0'), enc('RD1')] });
      let file = await readFile(path);
      expect(file.readUInt16BE(4)).toBe(3);
      expect(file.readUInt16BE(6)).toBe(1);
      expect(file.readUInt16BE(26)).toBe(4);
      expect(file.readUInt32BE(544)).toBe(specCrc(file));
      const info = await inspectEif(path);
      expect(info.sections.map((s) => s.type)).toEqual(['kernel', 'cmdline', 'ramdisk', 'ramdisk']);
      expect(info.cmdline).toBe('console=ttyS0');
      expect(info.pcrs.PCR1).toBe(pcrOver(Buffer.concat([kernel, cmdline, enc('RD0')])));
      expect(describeEif(info)).not.toHaveProperty('ImageName');

      const id = await makeSigningIdentity(dir, 'P-256');
      await signEif(path, { certificatePem: id.certPem, signer: localKeySigner(id.keyPem) });
      file = await readFile(path);
      expect(file.readUInt16BE(26)).toBe(5);
      expect(file.readUInt32BE(544)).toBe(specCrc(file));
      const signed = await inspectEif(path);
      expect(signed.sections.map((s) => s.type)).toEqual(['kernel', 'cmdline', 'ramdisk', 'ramdisk', 'signature']);
      expect(signed.signature?.valid).toBe(true);
      // Signature data: CBOR array(1) of map(2) with text key "signing_certificate" (19 bytes).
      const sig = signed.sections[4]!;
      expect([...file.subarray(sig.offset + 12, sig.offset + 15)]).toEqual([0x81, 0xa2, 0x73]);
      expect(file.subarray(sig.offset + 15, sig.offset + 34).toString()).toBe('signing_certificate');
    });
  });

  it('has the spec PCR2 constant with a single ramdisk', async () => {
    await withTempDir(async (dir) => {
      const result = await writeEif({ outputPath: join(dir, 'one.eif'), arch: 'x86_64', kernel: enc('K'), cmdline: 'c', ramdisks: [enc('R')] });
      expect(result.pcrs.PCR2).toBe('21b9efbc184807662e966d34f390821309eeac6802309798826296bf3e8bec7c10edb30948c90ba67310f7b964fc500a');
      expect(EMPTY_PCR).toBe(result.pcrs.PCR2);
      expect(result.sections.map((s) => s.type)).toEqual(['kernel', 'cmdline', 'metadata', 'ramdisk']);
    });
  });
});

describe('audit: describe-eif SigningCertificate.IssuerName (eif_reader.rs get_certificate_info)', () => {
  // nitro-cli: key = the entry's OpenSSL long name; value = format!("{:?}", data) with every '"'
  // removed, i.e. Rust's str Debug escaping (\\ and \") minus the quotes. No RFC 2253 escaping.
  it('shows values as OpenSSL/Rust do, not with RFC 2253 backslashes', async () => {
    await withTempDir(async (dir) => {
      const key = join(dir, 'k.pem');
      const cert = join(dir, 'c.pem');
      await promisify(execFile)('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
        '-keyout', key, '-out', cert, '-days', '2', '-utf8', '-subj', '/C=US/O=Acme, Inc./OU=Z\u00fcrich "x"/CN=a\\+b']);
      const info = signingCertificateInfo(firstCertificateDer(await readFile(cert), 'c.pem'));
      expect(info.IssuerName).toEqual({
        commonName: 'a+b', countryName: 'US', organizationName: 'Acme, Inc.', organizationalUnitName: 'Z\u00fcrich \\x\\',
      });
    });
  });

  it('names every issuer attribute and the signature algorithm as OpenSSL does (openssl x509 -nameopt lname, -text)', async () => {
    await withTempDir(async (dir) => {
      const run = async (...args: string[]): Promise<string> => (await promisify(execFile)('openssl', args, { cwd: dir })).stdout;
      const subject = '/CN=ca/description=d/name=n/role=r/telephoneNumber=1/postalAddress=p/dnQualifier=q/dmdName=m/houseIdentifier=h/pseudonym=ps/organizationIdentifier=oi';
      await run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', subject);
      await run('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=leaf');
      await run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-sha224', '-out', 'leaf.pem');
      const info = signingCertificateInfo(firstCertificateDer(await readFile(join(dir, 'leaf.pem')), 'leaf.pem'));
      // OpenSSL's own rendering of the same certificate is the expected value.
      const issuer = await run('x509', '-in', 'leaf.pem', '-noout', '-issuer', '-nameopt', 'lname,sep_multiline');
      const expectedNames = Object.fromEntries(issuer.split('\n').slice(1).filter(Boolean).map((line) => line.trim().split('=') as [string, string]));
      expect(Object.keys(expectedNames)).toHaveLength(11);
      expect(info.IssuerName).toEqual(expectedNames);
      const text = await run('x509', '-in', 'leaf.pem', '-noout', '-text');
      expect(info.Algorithm).toBe(/Signature Algorithm: (\S+)/.exec(text)![1]);
      expect(info.Algorithm).toBe('ecdsa-with-SHA224');
      expect(info.NotBefore).toBe((await run('x509', '-in', 'leaf.pem', '-noout', '-startdate')).trim().replace('notBefore=', ''));
      const signatureHex = text.slice(text.lastIndexOf('Signature Value:') + 16).replace(/[\s:]/g, '').toUpperCase();
      expect(info.Signature.replace(/:/g, '')).toBe(signatureHex);
    });
  });

  it('escapes values as Rust\'s str Debug does (grapheme extenders, non-printable characters)', () => {
    // [code points, output]: format!("{:?}", s).replace('"', "") printed by rustc 1.95.0 for each string.
    const cases: Array<[string, string]> = [
      ["5a fc 72 69 63 68", "Z\u00fcrich"],
      ["61 301 62", "a\\u{301}b"],
      ["301 78", "\\u{301}x"],
      ["7a 65 72 6f 200b 77 69 64 74 68", "zero\\u{200b}width"],
      ["73 6f 66 74 ad 68 79 70 68 65 6e", "soft\\u{ad}hyphen"],
      ["6e 62 73 70 a0 78", "nbsp\\u{a0}x"],
      ["74 61 62 9 78", "tab\\tx"],
      ["71 75 6f 74 65 22 78", "quote\\x"],
      ["62 61 63 6b 5c 78", "back\\\\x"],
      ["65 6d 6f 6a 69 1f600", "emoji\ud83d\ude00"],
      ["64 65 6c 7f", "del\\u{7f}"],
      ["6e 65 6c 85", "nel\\u{85}"],
      ["6c 69 6e 65 2028 73 65 70", "line\\u{2028}sep"],
      ["70 72 69 76 61 74 65 e000", "private\\u{e000}"],
      ["69 64 65 6f 3000 73 70 61 63 65", "ideo\\u{3000}space"],
      ["73 69 6e 67 6c 65 27 71 75 6f 74 65", "single'quote"],
      ["6e 75 6c 0 78", "nul\\0x"],
      ["62 69 64 69 202e 78", "bidi\\u{202e}x"],
      ["74 61 67 e0041", "tag\\u{e0041}"],
      ["75 6e 61 73 73 69 67 6e 65 64 378", "unassigned\\u{378}"],
      ["7a 77 6a 200d 78", "zwj\\u{200d}x"],
      ["76 73 fe0f 78", "vs\\u{fe0f}x"],
      ["62 6f 6d feff 78", "bom\\u{feff}x"],
      ["68 61 6e 67 75 6c 1160 78", "hangul\u1160x"],
      ["64 65 76 61 6e 61 67 61 72 69 93f 78", "devanagari\u093fx"],
      ["74 68 61 69 e31 78", "thai\\u{e31}x"],
    ];
    for (const [codePoints, expected] of cases) {
      const text = String.fromCodePoint(...codePoints.split(' ').map((h) => parseInt(h, 16)));
      expect(rustDebugUnquoted(text), codePoints).toBe(expected);
    }
  });

  it('reads the AWS Nitro root (P-384, ecdsa-with-SHA384) like OpenSSL', async () => {
    const pem = await readFile(fixture('nitro', 'AWS_NitroEnclaves_Root-G1.pem'));
    const info = signingCertificateInfo(firstCertificateDer(pem, 'root'));
    expect(info.IssuerName).toEqual({ commonName: 'aws.nitro-enclaves', countryName: 'US', organizationName: 'Amazon', organizationalUnitName: 'AWS' });
    expect(info.Algorithm).toBe('ecdsa-with-SHA384');
    expect(info.NotBefore).toBe('Oct 28 13:28:05 2019 GMT');
  });
});
