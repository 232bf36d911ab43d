// Public API of the EIF module: writer, strict reader, measurements, signing (spec eif-format.md).
// Everything here is core code: no AWS SDK, no environment, no logging; typed errors out.

export type {
  ByteSource, EifArch, EifCrcCheck, EifInspection, EifMetadata, EifSectionInfo, EifSignatureInfo, Pcrs,
  WriteEifResult,
} from './types.js';
export { writeEif, type WriteEifOptions } from './writer.js';
export { digestFile } from './file-digest.js';
export { inspectEif, inspectEifFrom, type InspectEifOptions } from './reader.js';
export type { ByteReader } from './file-cursor.js';
export { EMPTY_PCR, EIF_VERSION, MAX_NUM_SECTIONS } from './constants.js';
export { pcrOfBytes, pcrOfFile, extendZeroPcr, PcrHasher } from './pcr.js';
export { encodeMetadata, kernelInfoFromConfig, sortKeysDeep } from './metadata.js';
export { certificatePcr8, checkSigningCertificateValidity, firstCertificateDer } from './certificate.js';
export { osImageHash, osImageHashOfRaw, readMeasurements, parsePcrs, type MeasurementsFile, type EifFacts } from './measurements.js';
export { describeEif, renderDescribeEif, HASH_ALGORITHM, type DescribeEifJson } from './describe.js';
export {
  COSE_ALGORITHMS, checkSignatureSection, encodePcrInfo, encodeSignatureSection, encodeCoseSign1, sigStructure, protectedHeader,
  type CoseAlgorithm,
} from './signature.js';
export { signEif, type SignEifOptions, type SignEifResult } from './sign.js';
export { localKeySigner, type EifSigner } from './signer.js';
export { minimumEnclaveMemoryMiB } from './memory.js';
