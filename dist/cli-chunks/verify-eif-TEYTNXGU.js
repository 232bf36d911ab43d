import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  readJson,
  verifyEif
} from "./chunk-7PY46QS6.js";
import "./chunk-IBV7F43F.js";
import "./chunk-43CAL76Y.js";
import "./chunk-PHGBXZBU.js";
import "./chunk-SWIKUEPG.js";
import "./chunk-AUQNJYMJ.js";
import "./chunk-LWSQTYNC.js";
export {
  readJson,
  verifyEif
};
