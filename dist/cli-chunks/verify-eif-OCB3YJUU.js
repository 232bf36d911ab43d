import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
} from "./chunk-GZLXJ24J.js";
import "./chunk-TIR2RC66.js";
import "./chunk-LNA2O4HV.js";
import "./chunk-3IM2DILR.js";
import "./chunk-Y3E6VSXK.js";
import "./chunk-7UVRZBVQ.js";
import "./chunk-LWSQTYNC.js";
export {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
};
