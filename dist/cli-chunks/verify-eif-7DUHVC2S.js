import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
} from "./chunk-7TD5XDGM.js";
import "./chunk-TIR2RC66.js";
import "./chunk-LNA2O4HV.js";
import "./chunk-6QFIGN26.js";
import "./chunk-Y6ML42PT.js";
import "./chunk-7UVRZBVQ.js";
import "./chunk-LWSQTYNC.js";
export {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
};
