import { firstCertificateDer } from './certificate.js';
import { signingCertificateInfo, type SigningCertificateInfo } from './certificate-info.js';
import { sortKeysDeep } from './metadata.js';
import type { EifInspection } from './types.js';

/**
 * nitro-cli's `HashAlgorithm` text: Rust's Debug of sha2's Sha384, which prints
 * "Sha512_48 { .. }" from nitro-cli 1.5.0 (sha2 0.10) and "Sha384 { ... }" before. Never compare it.
 */
export const HASH_ALGORITHM = 'Sha512_48 { .. }';

/** The JSON `nitro-cli describe-eif` prints, keys in its order (json_output.rs EifDescribeInfo). */
export interface DescribeEifJson {
  EifVersion: number;
  Measurements: Record<string, string>;
  IsSigned: boolean;
  SigningCertificate?: SigningCertificateInfo;
  CheckCRC: boolean;
  SignatureCheck?: boolean;
  ImageName?: string;
  ImageVersion?: string;
  Metadata?: Record<string, unknown>;
}

function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null && !Array.isArray(source)
    ? (source as Record<string, unknown>)[key] : undefined;
}

/** Metadata as nitro-cli shows it; undefined when the section lacks nitro-cli's fields. */
function describeMetadata(metadata: unknown): Pick<DescribeEifJson, 'ImageName' | 'ImageVersion' | 'Metadata'> {
  const build = field(metadata, 'BuildMetadata');
  const strings = ['BuildTime', 'BuildTool', 'BuildToolVersion', 'OperatingSystem', 'KernelVersion'];
  const name = field(metadata, 'ImageName');
  const version = field(metadata, 'ImageVersion');
  if (typeof name !== 'string' || typeof version !== 'string' || !strings.every((k) => typeof field(build, k) === 'string')) {
    return {};
  }
  const shown: Record<string, unknown> = {};
  for (const key of strings) shown[key] = field(build, key);
  // serde_json Values print with sorted keys; nitro-cli flattens CustomMetadata into Metadata.
  shown['DockerInfo'] = sortKeysDeep(field(metadata, 'DockerInfo') ?? null);
  const custom = sortKeysDeep(field(metadata, 'CustomMetadata'));
  if (typeof custom === 'object' && custom !== null && !Array.isArray(custom)) Object.assign(shown, custom);
  return { ImageName: name, ImageVersion: version, Metadata: shown };
}

/** Builds describe-eif's output from an inspection (PCRs recomputed from the bytes). */
export function describeEif(inspection: EifInspection): DescribeEifJson {
  const { pcrs, signature } = inspection;
  const measurements: Record<string, string> = { HashAlgorithm: HASH_ALGORITHM, PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2 };
  if (pcrs.PCR8) measurements['PCR8'] = pcrs.PCR8;
  const out: Record<string, unknown> = { EifVersion: inspection.version, Measurements: measurements, IsSigned: signature !== undefined };
  if (signature) out['SigningCertificate'] = signingCertificateInfo(firstCertificateDer(signature.certificatePem, 'signing certificate'));
  out['CheckCRC'] = inspection.crc.ok;
  if (signature) out['SignatureCheck'] = signature.valid;
  return Object.assign(out, describeMetadata(inspection.metadata)) as unknown as DescribeEifJson;
}
