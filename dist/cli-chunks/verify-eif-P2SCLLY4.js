import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
} from "./chunk-OG7XPU2X.js";
import "./chunk-RMWOVERW.js";
import "./chunk-AGXNDLLK.js";
import "./chunk-7KHIP3GT.js";
import "./chunk-FTD3R5W4.js";
import "./chunk-X7HTCJYZ.js";
import "./chunk-LWSQTYNC.js";
export {
  checkIntegrity,
  provenanceReport,
  readJson,
  verifyEif
};
