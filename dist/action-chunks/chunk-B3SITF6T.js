import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-RTQBJXC4.js";

// src/store/layout.ts
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var ARTIFACT_FILES = {
  eif: "enclave.eif",
  measurements: "measurements.json",
  manifest: "manifest.json",
  provenance: "provenance.sigstore.json"
};
var ZERO_HASH = "0".repeat(64);
function parseStoreUri(uri, what = "--store", cwd = process.cwd()) {
  const text = uri.trim();
  if (text === "") throw new UserError(`${what}: empty store URI`, { code: "usage" });
  if (text.startsWith("s3://")) {
    const rest = text.slice("s3://".length);
    const slash = rest.indexOf("/");
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? "" : rest.slice(slash + 1);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new UserError(`${what}: invalid S3 bucket name in ${JSON.stringify(uri)}`, { code: "usage" });
    }
    return { kind: "s3", bucket, prefix };
  }
  if (text.startsWith("file:")) {
    try {
      return { kind: "local", path: fileURLToPath(text) };
    } catch (error) {
      throw new UserError(`${what}: ${JSON.stringify(uri)} is not a file:///absolute/path URL`, { code: "usage", cause: error });
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new UserError(`${what}: unsupported scheme in ${JSON.stringify(uri)} (use a path, file:// or s3://)`, { code: "usage" });
  }
  return { kind: "local", path: isAbsolute(text) ? text : resolve(cwd, text) };
}
function normalizeOsImageHash(value, what = "OS_IMAGE_HASH") {
  const text = value.trim().replace(/^0x/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new UserError(`${what}: expected 64 hex digits (optionally 0x-prefixed), got ${JSON.stringify(value)}`);
  }
  return text;
}
function artifactKey(hash, kind) {
  return `${normalizeOsImageHash(hash)}/${ARTIFACT_FILES[kind]}`;
}

// src/governance/outputs.ts
function registerOutputs(result) {
  return {
    "pull-request-number": result.pullRequestNumber === void 0 ? "" : String(result.pullRequestNumber),
    "pull-request-url": result.pullRequestUrl ?? "",
    "pull-request-operation": result.operation
  };
}

// src/store/outputs.ts
function pushOutputs(result) {
  return { "eif-uri": result.eifUri, "store-uri": result.storeUri };
}

export {
  parseStoreUri,
  normalizeOsImageHash,
  artifactKey,
  registerOutputs,
  pushOutputs
};
