import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-X7HTCJYZ.js";

// src/store/layout.ts
var DEFAULT_STORE = "./eif-store";
var ARTIFACT_FILES = {
  eif: "enclave.eif",
  measurements: "measurements.json",
  manifest: "manifest.json",
  provenance: "provenance.sigstore.json"
};
var ZERO_HASH = "0".repeat(64);
function normalizeOsImageHash(value, what = "OS_IMAGE_HASH") {
  const text = value.trim().replace(/^0x/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new UserError(`${what}: expected 64 hex digits (optionally 0x-prefixed), got ${JSON.stringify(value)}`);
  }
  return text;
}
function isHashKey(text) {
  return /^[0-9a-f]{64}$/.test(text) && text !== ZERO_HASH;
}
function artifactKey(hash, kind) {
  return `${normalizeOsImageHash(hash)}/${ARTIFACT_FILES[kind]}`;
}

export {
  DEFAULT_STORE,
  ARTIFACT_FILES,
  normalizeOsImageHash,
  isHashKey,
  artifactKey
};
