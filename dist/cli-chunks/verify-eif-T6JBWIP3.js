import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
} from "./chunk-OR27P6WJ.js";
import "./chunk-RMWOVERW.js";
import "./chunk-AGXNDLLK.js";
import "./chunk-ELEIJAXF.js";
import "./chunk-QRTIPSLA.js";
import "./chunk-X7HTCJYZ.js";
import "./chunk-LWSQTYNC.js";
export {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
};
