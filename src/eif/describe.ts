import { VerificationError } from '../errors.js';
import { firstCertificateDer } from './certificate.js';
import { signingCertificateInfo, type SigningCertificateInfo } from './certificate-info.js';
import { sortKeysDeep } from './metadata.js';
import { JsonStruct, compareKeys, serdeJson } from './serde-json.js';
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

/**
 * `Metadata` as nitro-cli shows it, as entries in its order: the build fields, DockerInfo, then
 * CustomMetadata's keys (flattened, sorted, after the fields even when they share a name); undefined
 * when the section lacks nitro-cli's fields.
 */
function metadataEntries(metadata: unknown): Array<[string, unknown]> | undefined {
  const build = field(metadata, 'BuildMetadata');
  const strings = ['BuildTime', 'BuildTool', 'BuildToolVersion', 'OperatingSystem', 'KernelVersion'];
  if (typeof field(metadata, 'ImageName') !== 'string' || typeof field(metadata, 'ImageVersion') !== 'string'
    || !strings.every((k) => typeof field(build, k) === 'string')) {
    return undefined;
  }
  const entries: Array<[string, unknown]> = strings.map((key) => [key, field(build, key)]);
  // serde_json Values print with sorted keys; nitro-cli flattens CustomMetadata into Metadata.
  entries.push(['DockerInfo', sortKeysDeep(field(metadata, 'DockerInfo') ?? null)]);
  const custom = field(metadata, 'CustomMetadata');
  if (typeof custom === 'object' && custom !== null && !Array.isArray(custom)) {
    for (const key of Object.keys(custom).sort(compareKeys)) entries.push([key, sortKeysDeep((custom as Record<string, unknown>)[key])]);
  }
  return entries;
}

/**
 * Builds describe-eif's output from an inspection (PCRs recomputed from the bytes). As nitro-cli
 * (EifReader::get_certificate_info), a signature that does not verify with the certificate's key is an
 * error, not `SignatureCheck: false`: that value means a valid signature over something other than
 * PcrInfo(0, PCR0). `name` names the EIF in that error.
 */
export function describeEif(inspection: EifInspection, name = 'EIF'): DescribeEifJson {
  const { pcrs, signature } = inspection;
  if (signature && !signature.verifies) throw new VerificationError(`${name}: signature section does not verify: ${signature.problem ?? 'invalid'}`);
  const measurements: Record<string, string> = { HashAlgorithm: HASH_ALGORITHM, PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2 };
  if (pcrs.PCR8) measurements['PCR8'] = pcrs.PCR8;
  const out: Record<string, unknown> = { EifVersion: inspection.version, Measurements: measurements, IsSigned: signature !== undefined };
  if (signature) out['SigningCertificate'] = signingCertificateInfo(firstCertificateDer(signature.certificatePem, 'signing certificate'));
  out['CheckCRC'] = inspection.crc.ok;
  if (signature) out['SignatureCheck'] = signature.valid;
  const metadata = metadataEntries(inspection.metadata);
  if (metadata) {
    out['ImageName'] = field(inspection.metadata, 'ImageName');
    out['ImageVersion'] = field(inspection.metadata, 'ImageVersion');
    out['Metadata'] = Object.fromEntries(metadata);
  }
  return out as unknown as DescribeEifJson;
}

/**
 * describe-eif's text exactly as nitro-cli prints it (`serde_json::to_string_pretty`): struct fields in
 * their order and Value maps sorted, integer-like keys included, which a JavaScript object cannot keep.
 */
export function renderDescribeEif(inspection: EifInspection, name = 'EIF'): string {
  const described = describeEif(inspection, name);
  const metadata = metadataEntries(inspection.metadata);
  return serdeJson(new JsonStruct(Object.entries(described).map(([key, value]): [string, unknown] => {
    if (key === 'Metadata' && metadata) return [key, new JsonStruct(metadata)];
    if (key === 'SigningCertificate') return [key, new JsonStruct(Object.entries(value as object))];
    return [key, value];
  })), true);
}
