import { open, type FileHandle } from 'node:fs/promises';
import { UserError, VerificationError } from '../errors.js';
import { AtomicFile } from '../io/atomic-file.js';
import { MAX_PEM_BYTES, openRegularFile } from '../io/regular-file.js';
import { parseHex } from '../io/hex.js';
import { CHUNK_SIZE } from './byte-source.js';
import { HEADER, HEADER_SIZE, MAX_NUM_SECTIONS, SECTION_HEADER_SIZE, SectionType } from './constants.js';
import { certificatePcr8, checkSigningCertificateValidity } from './certificate.js';
import { crc32, crcHex } from './crc.js';
import { encodeHeader, encodeSectionHeader } from './header.js';
import { inspectEif } from './reader.js';
import {
  coseAlgorithmForKey, encodeCoseSign1, encodePcrInfo, encodeSignatureSection, protectedHeader, sigStructure,
  verifyRaw, type CoseAlgorithm,
} from './signature.js';
import type { EifSigner } from './signer.js';
import { digestFile } from './file-digest.js';
import type { EifSectionInfo, Pcrs } from './types.js';

export interface SignEifOptions {
  /** The signing certificate PEM file's bytes, stored as given; its first certificate gives PCR8. */
  certificatePem: string | Uint8Array;
  signer: EifSigner;
  /** How errors name the certificate, e.g. its file (default: `signing certificate`). */
  certificateLabel?: string;
  /** The time the certificate must be valid at (default: now). */
  now?: Date;
}

export interface SignEifResult {
  /** PCR0–2 (unchanged by signing) and PCR8. */
  pcrs: Required<Pcrs>;
  algorithm: CoseAlgorithm;
  size: number;
  sha256: string;
  sha384: string;
  crc32: string;
}

/**
 * Signs the EIF at `path` in place (temp file + rename): validates it, signs
 * CBOR(PcrInfo(0, PCR0)) as a COSE_Sign1 with the algorithm of the certificate's curve, checks
 * the signature against the certificate, and writes every other section unchanged followed by the
 * new signature section (an existing one is replaced). PCR0–2 never change.
 */
export async function signEif(path: string, options: SignEifOptions): Promise<SignEifResult> {
  const inspection = await inspectEif(path, { fileDigests: false });
  if (!inspection.crc.ok) throw new VerificationError(`${path}: CRC mismatch (stored ${inspection.crc.stored}, computed ${inspection.crc.computed}): refusing to sign a damaged EIF`);
  if (inspection.version < 3) throw new UserError(`${path}: EIF version ${inspection.version} cannot hold a signature (needs 3 or later)`, { code: 'unsupported' });
  const pem = typeof options.certificatePem === 'string' ? new TextEncoder().encode(options.certificatePem) : options.certificatePem;
  const label = options.certificateLabel ?? 'signing certificate';
  if (pem.byteLength > MAX_PEM_BYTES) throw new UserError(`${label}: ${pem.byteLength} bytes, more than ${MAX_PEM_BYTES}`);
  const { publicKey } = checkSigningCertificateValidity(pem, label, options.now);
  const algorithm = coseAlgorithmForKey(publicKey, label);
  const payload = encodePcrInfo(0, parseHex(inspection.pcrs.PCR0, 48, 'PCR0'));
  const protectedBytes = protectedHeader(algorithm);
  const toBeSigned = sigStructure(protectedBytes, payload);
  const signature = await options.signer.sign(toBeSigned, algorithm);
  if (!verifyRaw(publicKey, algorithm, toBeSigned, signature)) {
    throw new VerificationError(`${label}: the signature does not verify with this certificate's key: wrong private key for it?`);
  }
  const section = encodeSignatureSection(pem, encodeCoseSign1(protectedBytes, payload, signature));
  const kept = inspection.sections.filter((s) => s.type !== 'signature');
  if (kept.length + 1 > MAX_NUM_SECTIONS) throw new UserError(`${path}: no free section slot for a signature`, { code: 'unsupported' });
  const written = await rewrite(path, inspection, kept, section);
  const { PCR0, PCR1, PCR2 } = inspection.pcrs;
  return { pcrs: { PCR0, PCR1, PCR2, PCR8: certificatePcr8(pem) }, algorithm, ...written };
}

interface Layout { offsets: bigint[]; sizes: bigint[] }

function layoutWith(kept: EifSectionInfo[], signatureSize: number): Layout {
  const sizes = [...kept.map((s) => BigInt(s.size)), BigInt(signatureSize)];
  let at = BigInt(HEADER_SIZE);
  const offsets = sizes.map((size) => {
    const offset = at;
    at += BigInt(SECTION_HEADER_SIZE) + size;
    return offset;
  });
  return { offsets, sizes };
}

async function rewrite(
  path: string, inspection: Awaited<ReturnType<typeof inspectEif>>, kept: EifSectionInfo[], signature: Uint8Array,
): Promise<{ size: number; sha256: string; sha384: string; crc32: string }> {
  const { offsets, sizes } = layoutWith(kept, signature.byteLength);
  const header = encodeHeader({
    version: inspection.version, flags: inspection.flags, defaultMem: inspection.defaultMem, defaultCpus: inspection.defaultCpus,
    numSections: sizes.length, sectionOffsets: offsets, sectionSizes: sizes, crc32: 0,
  });
  const file = new AtomicFile(path);
  try {
    const { handle: source } = await openRegularFile(path);
    const target = await open(file.tempPath, 'wx', 0o644);
    let crc = crc32(header.subarray(0, HEADER.crc32[0]));
    try {
      await target.write(header);
      for (const s of kept) crc = await copyRange(source, target, s.offset, SECTION_HEADER_SIZE + s.size, crc);
      const sigHeader = encodeSectionHeader({ type: SectionType.signature, flags: 0, size: BigInt(signature.byteLength) });
      await target.write(sigHeader);
      await target.write(signature);
      crc = crc32(signature, crc32(sigHeader, crc));
      const crcBytes = new Uint8Array(4);
      new DataView(crcBytes.buffer).setUint32(0, crc);
      await target.write(crcBytes, 0, 4, HEADER.crc32[0]);
      await target.sync();
    } finally {
      await source.close();
      await target.close();
    }
    const digests = await digestFile(file.tempPath);
    await file.commit();
    const last = offsets.length - 1;
    return { size: Number(offsets[last]! + BigInt(SECTION_HEADER_SIZE) + sizes[last]!), ...digests, crc32: crcHex(crc) };
  } finally {
    await file.abort();
  }
}

async function copyRange(source: FileHandle, target: FileHandle, offset: number, length: number, crc: number): Promise<number> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_SIZE, Math.max(length, 1)));
  let done = 0;
  while (done < length) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, length - done), offset + done);
    if (bytesRead === 0) throw new UserError(`file changed while signing: short read at offset ${offset + done}`, { code: 'integrity' });
    const chunk = buffer.subarray(0, bytesRead);
    crc = crc32(chunk, crc);
    await target.write(chunk);
    done += bytesRead;
  }
  return crc;
}
