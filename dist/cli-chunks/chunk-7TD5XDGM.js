import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkProvenanceStatement,
  verifyProvenanceBundle
} from "./chunk-TIR2RC66.js";
import {
  comparePcrs
} from "./chunk-LNA2O4HV.js";
import {
  checkSigningCertificateValidity,
  digestFile,
  inspectEif
} from "./chunk-6QFIGN26.js";
import {
  osImageHash,
  readMeasurements
} from "./chunk-Y6ML42PT.js";
import {
  VerificationError,
  errorMessage,
  readJsonFile
} from "./chunk-7UVRZBVQ.js";

// src/trust/verify/verify-eif.ts
async function verifyEif(options) {
  const eif = await inspectEif(options.eifPath);
  checkIntegrity(eif, options.eifPath);
  const digests = { sha256: eif.sha256, sha384: eif.sha384 };
  const report = {
    verified: true,
    eif: { path: options.eifPath, size: eif.size, ...digests },
    pcrs: eif.pcrs,
    os_image_hash: osImageHash(eif.pcrs)
  };
  let measurementsDigests;
  if (options.measurementsPath !== void 0) {
    const recorded = await readMeasurements(options.measurementsPath);
    const what = `measurements file ${options.measurementsPath}`;
    comparePcrs(recorded.pcrs, eif.pcrs, what);
    if (recorded.eif) compareEifFacts(recorded.eif, { size: eif.size, ...digests }, what);
    measurementsDigests = await digestFile(options.measurementsPath);
    report.measurements = { path: options.measurementsPath, ...measurementsDigests, pcrs_match: true, ...recorded.eif ? { eif_match: true } : {} };
  }
  if (options.provenance) {
    report.provenance = await checkProvenance(options.provenance, {
      eif: digests,
      pcrs: eif.pcrs,
      osImageHash: report.os_image_hash,
      ...measurementsDigests ? { measurements: measurementsDigests } : {}
    });
  }
  return report;
}
function compareEifFacts(recorded, actual, what) {
  for (const key of ["size", "sha256", "sha384"]) {
    if (recorded[key] !== void 0 && recorded[key] !== actual[key]) throw new VerificationError(`${what}: eif.${key} is ${recorded[key]}, the EIF's is ${actual[key]}`);
  }
}
function checkIntegrity(eif, path, now = /* @__PURE__ */ new Date()) {
  if (!eif.crc.ok) {
    throw new VerificationError(`${path}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed}): the file was modified`);
  }
  if (eif.signature && !eif.signature.valid) {
    throw new VerificationError(`${path}: signature section does not verify: ${eif.signature.problem ?? "invalid"}`);
  }
  if (eif.signature) {
    try {
      checkSigningCertificateValidity(eif.signature.certificatePem, "its signing certificate", now);
    } catch (error) {
      throw new VerificationError(`${path}: ${errorMessage(error)}`, { cause: error });
    }
  }
  if (eif.sha256 === void 0 || eif.sha384 === void 0) throw new Error("inspectEif returned no file digests");
}
async function checkProvenance(provenance, expected) {
  return provenanceReport(await readJson(provenance.path, "provenance bundle"), provenance, expected);
}
function provenanceReport(json, provenance, expected) {
  const what = `provenance ${provenance.path}`;
  const verified = verifyProvenanceBundle(json, provenance.trust, what);
  const statement = checkProvenanceStatement(verified.statement, expected, what);
  const params = statement.predicate.buildDefinition.externalParameters;
  const text = (value) => typeof value === "string" ? value : void 0;
  const source = { repository: text(params["repository"]), ref: text(params["ref"]), commit: text(params["commit"]) };
  const hasSource = Object.values(source).some((v) => v !== void 0);
  return {
    path: provenance.path,
    signer: verified.signer,
    subjects: statement.subject.map((s) => ({ name: s.name, sha256: s.digest.sha256, sha384: s.digest.sha384 })),
    build_type: statement.predicate.buildDefinition.buildType,
    builder_id: statement.predicate.runDetails.builder.id,
    ...hasSource ? { source } : {}
  };
}
async function readJson(path, what) {
  return readJsonFile(path, { label: `${what} ${path}` });
}

export {
  verifyEif,
  checkIntegrity,
  provenanceReport,
  readJson
};
