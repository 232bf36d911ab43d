import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
} from "./chunk-2CDG76R2.js";
import "./chunk-S4QJMAZK.js";
import "./chunk-5UPN2ZXX.js";
import "./chunk-TVPOBFGY.js";
import "./chunk-F7PJX4HR.js";
import "./chunk-BEVEXMCR.js";
import "./chunk-LWSQTYNC.js";
export {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
};
