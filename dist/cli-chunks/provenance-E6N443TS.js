import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  DEFAULT_BUILDER_ID,
  STATEMENT_LAYOUT,
  attestFiles,
  buildProvenanceStatement,
  loadSigningKey,
  localKeySigner,
  signProvenanceKeyless,
  signProvenanceWithKey,
  statementForFiles,
  writeProvenanceBundle
} from "./chunk-W2E5ENWM.js";
import "./chunk-H6BAN5PQ.js";
import {
  EIF_BUILD_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
  MEASUREMENTS_BYPRODUCT,
  SLSA_PROVENANCE_V1,
  STATEMENT_TYPE,
  checkProvenanceStatement,
  checkStatementShape,
  loadPublicKey,
  verifyProvenanceBundle
} from "./chunk-TIR2RC66.js";
import "./chunk-LNA2O4HV.js";
import "./chunk-6QFIGN26.js";
import "./chunk-Y6ML42PT.js";
import "./chunk-7UVRZBVQ.js";
import "./chunk-LWSQTYNC.js";
export {
  DEFAULT_BUILDER_ID,
  EIF_BUILD_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
  MEASUREMENTS_BYPRODUCT,
  SLSA_PROVENANCE_V1,
  STATEMENT_LAYOUT,
  STATEMENT_TYPE,
  attestFiles,
  buildProvenanceStatement,
  checkProvenanceStatement,
  checkStatementShape,
  loadPublicKey,
  loadSigningKey,
  localKeySigner,
  signProvenanceKeyless,
  signProvenanceWithKey,
  statementForFiles,
  verifyProvenanceBundle,
  writeProvenanceBundle
};
