import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { inspectEif, signEif } from '../../../src/eif/index.js';
import { derEcdsaToRaw, kmsSigner, parseKmsKeyArn } from '../../../src/trust/kms-signer.js';
import { makeSigningIdentity, TINY_EIF, withTempDir } from '../eif/helpers.js';

const ARN = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

interface Seen { target?: string; body?: Record<string, string> }

/**
 * A KMS `Sign` endpoint (JSON 1.1 protocol) over a real EC key. With MessageType DIGEST the
 * message is already hashed, so it signs it as is with `openssl pkeyutl -sign` (DER output).
 */
async function fakeKms(keyPath: string, dir: string, seen: Seen): Promise<Server> {
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => { data += c.toString(); });
    req.on('end', () => {
      seen.target = String(req.headers['x-amz-target']);
      const body = JSON.parse(data) as Record<string, string>;
      seen.body = body;
      const digestPath = join(dir, 'digest.bin');
      writeFileSync(digestPath, Buffer.from(body['Message'] ?? '', 'base64'));
      const der = execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', keyPath, '-in', digestPath]);
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ KeyId: body['KeyId'], Signature: der.toString('base64'), SigningAlgorithm: body['SigningAlgorithm'] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

let server: Server | undefined;
afterEach(() => { server?.close(); server = undefined; });

describe('KMS signer', () => {
  it('parses nitro-cli\'s ARN forms', () => {
    expect(parseKmsKeyArn(ARN)).toEqual({ region: 'eu-west-1', keyId: '1234abcd-12ab-34cd-56ef-1234567890ab' });
    expect(parseKmsKeyArn('arn:aws-cn:kms:cn-north-1:123456789012:key:abc')).toEqual({ region: 'cn-north-1', keyId: 'abc' });
    expect(parseKmsKeyArn('/tmp/key.pem')).toBeUndefined();
  });

  it('converts DER signatures to fixed-size r‖s', () => {
    const der = Uint8Array.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x81, 0x02, 0x01, 0x05]);
    expect(Buffer.from(derEcdsaToRaw(der, 4)).toString('hex')).toBe('0000008100000005');
    expect(() => derEcdsaToRaw(Uint8Array.from([0x31, 0x00]), 4)).toThrow(/not a SEQUENCE/);
    expect(() => derEcdsaToRaw(Uint8Array.from([0x30, 0x05, 0x02, 0x03, 1, 2, 3]), 2)).toThrow(/malformed/);
  });

  it.each([['P-256', 'ECDSA_SHA_256'], ['P-384', 'ECDSA_SHA_384'], ['P-521', 'ECDSA_SHA_512']] as const)(
    'signs an EIF through the KMS Sign API with a %s key', async (curve, algorithm) => {
      await withTempDir(async (dir) => {
        const id = await makeSigningIdentity(dir, curve);
        const seen: Seen = {};
        server = await fakeKms(id.keyPath, dir, seen);
        const { port } = server.address() as AddressInfo;
        const client = new KMSClient({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
        const path = join(dir, 'a.eif');
        await copyFile(TINY_EIF, path);
        await signEif(path, { certificatePem: id.certPem, signer: kmsSigner({ keyId: ARN, client }) });
        expect(seen.target).toBe('TrentService.Sign');
        expect(seen.body).toMatchObject({ KeyId: ARN, MessageType: 'DIGEST', SigningAlgorithm: algorithm });
        const info = await inspectEif(path);
        expect(info.signature?.valid).toBe(true);
        expect(info.crc.ok).toBe(true);
      });
    });

  it('left-pads an r shorter than the curve (leading zero bytes) so nitro-cli\'s r‖s split reads it back', async () => {
    // DER drops leading zero bytes of INTEGER r; COSE (and aws-nitro-enclaves-cose's merge_ec_signature)
    // wants r as exactly 32 bytes for P-256. ECDSA is randomised: sign until DER r is at most 31 bytes
    // (about one signature in 256), and have the KMS endpoint answer with that signature.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const message = Buffer.from('Sig_structure stand-in');
    let der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    for (let tries = 0; !(der[2] === 0x02 && der[3]! <= 31) && tries < 100_000; tries++) der = sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
    expect(der[3]).toBeLessThanOrEqual(31);
    let digest = '';
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => { data += c.toString(); });
      req.on('end', () => {
        digest = Buffer.from((JSON.parse(data) as { Message: string }).Message, 'base64').toString('hex');
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        res.end(JSON.stringify({ KeyId: ARN, Signature: der.toString('base64'), SigningAlgorithm: 'ECDSA_SHA_256' }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const client = new KMSClient({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const raw = await kmsSigner({ keyId: ARN, client }).sign(message, 'ES256');
    expect(digest).toBe(createHash('sha256').update(message).digest('hex'));
    expect(raw.length).toBe(64);
    expect(raw[0]).toBe(0);
    // OpenSSL checks a P1363 (fixed-size r‖s) signature: the padded one verifies, r‖s without the padding does not.
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    const unpadded = Buffer.concat([raw.subarray(1, 32), raw.subarray(32), Buffer.alloc(1)]);
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, unpadded)).toBe(false);
  });

  it('is what `nitro-eif sign-eif --private-key <KMS key ARN>` uses', async () => {
    await withTempDir(async (dir) => {
      const id = await makeSigningIdentity(dir, 'P-384');
      const seen: Seen = {};
      server = await fakeKms(id.keyPath, dir, seen);
      const { port } = server.address() as AddressInfo;
      vi.stubEnv('AWS_ENDPOINT_URL_KMS', `http://127.0.0.1:${port}`);
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
      vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
      vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
      const path = join(dir, 'a.eif');
      await copyFile(TINY_EIF, path);
      let stderr = '';
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
      try {
        const code = await main(['sign-eif', '--eif-path', path, '--signing-certificate', id.certPath, '--private-key', ARN]);
        expect({ code, stderr }).toEqual({ code: 0, stderr: 'Enclave Image successfully signed.\n' });
      } finally {
        vi.restoreAllMocks();
        vi.unstubAllEnvs();
      }
      expect(seen.body).toMatchObject({ KeyId: ARN, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_384' });
      expect((await inspectEif(path)).signature?.valid).toBe(true);
    });
  });

  it('reports a KMS failure as one line naming the key', async () => {
    server = createServer((_req, res) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(JSON.stringify({ __type: 'NotFoundException', message: 'Key not found' }));
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const client = new KMSClient({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 't', secretAccessKey: 't' }, maxAttempts: 1 });
    await expect(kmsSigner({ keyId: ARN, client }).sign(new Uint8Array(4), 'ES256')).rejects.toThrow(`KMS Sign with ${ARN} failed: Key not found`);
  });
});
