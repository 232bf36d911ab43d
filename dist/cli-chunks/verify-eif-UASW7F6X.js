import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
} from "./chunk-MKEYNNFR.js";
import "./chunk-TIR2RC66.js";
import "./chunk-LNA2O4HV.js";
import "./chunk-IMTJHFFR.js";
import "./chunk-3UBA4JTI.js";
import "./chunk-7UVRZBVQ.js";
import "./chunk-LWSQTYNC.js";
export {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
};
