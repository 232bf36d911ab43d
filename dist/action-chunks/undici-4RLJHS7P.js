import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-T4UOTXU7.js";
import "./chunk-KLP3XVX2.js";
export default require_undici();
