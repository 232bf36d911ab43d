import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  readJson,
  verifyEif
} from "./chunk-R4KIUJ2H.js";
import "./chunk-3FVKP5V5.js";
import "./chunk-43CAL76Y.js";
import "./chunk-UUOFU7PT.js";
import "./chunk-LLEATV4O.js";
import "./chunk-AUQNJYMJ.js";
import "./chunk-LWSQTYNC.js";
export {
  readJson,
  verifyEif
};
