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
} from "./chunk-OBBVPK4I.js";
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
} from "./chunk-6Y4WDTJW.js";
import "./chunk-OEEACQ3F.js";
import "./chunk-IIJW6QRC.js";
import "./chunk-BPPQ675C.js";
import "./chunk-ITBBOJIE.js";
import "./chunk-Q2QJWHCS.js";
import "./chunk-QJ5IRQWN.js";
import "./chunk-RTQBJXC4.js";
import "./chunk-KLP3XVX2.js";
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
