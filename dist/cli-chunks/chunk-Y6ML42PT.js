import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError,
  VerificationError,
  quoted,
  readJsonFile
} from "./chunk-7UVRZBVQ.js";

// src/eif/measurements.ts
import { createHash } from "node:crypto";

// src/io/hex.ts
function parseHex(value, bytes, what) {
  const text = value.trim().replace(/^0x/i, "");
  if (text.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new UserError(`${what}: expected ${bytes * 2} hex digits, got ${quoted(value, 122)}`);
  }
  return Uint8Array.from(Buffer.from(text, "hex"));
}
function toHex(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

// src/eif/measurements.ts
function pick(source, key) {
  return typeof source === "object" && source !== null ? source[key] : void 0;
}
function parsePcrs(json, what) {
  const container = [pick(json, "Measurements"), pick(json, "pcrs"), pick(pick(json, "measurements"), "pcrs"), json].find((c) => typeof pick(c, "PCR0") === "string");
  if (!container) throw new UserError(`${what}: no PCR0 found (expected Measurements.PCR0, pcrs.PCR0 or PCR0)`);
  const read = (key) => {
    const value = pick(container, key);
    if (typeof value !== "string") throw new UserError(`${what}: ${key} missing`);
    return toHex(parseHex(value, 48, `${what}: ${key}`));
  };
  const pcrs = { PCR0: read("PCR0"), PCR1: read("PCR1"), PCR2: read("PCR2") };
  if (pick(container, "PCR8") !== void 0) pcrs.PCR8 = read("PCR8");
  const algorithm = pick(container, "HashAlgorithm");
  const result = typeof algorithm === "string" ? { pcrs, hashAlgorithm: algorithm } : { pcrs };
  const recordedHash = pick(json, "os_image_hash");
  if (recordedHash !== void 0) {
    if (typeof recordedHash !== "string") throw new UserError(`${what}: os_image_hash is not a string`);
    const recorded = `0x${toHex(parseHex(recordedHash, 32, `${what}: os_image_hash`))}`;
    const computed = osImageHashOfRaw(...["PCR0", "PCR1", "PCR2"].map((key) => parseHex(pcrs[key], 48, key)));
    if (recorded !== computed) throw new VerificationError(`${what}: os_image_hash ${recorded} is not the hash of its PCR0\u20132 (${computed})`);
  }
  const eif = pick(json, "eif");
  if (eif !== void 0 && pick(json, "pcrs") === container) result.eif = parseEifFacts(eif, what);
  return result;
}
function parseEifFacts(eif, what) {
  const facts = {};
  const size = pick(eif, "size");
  if (size !== void 0) {
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) throw new UserError(`${what}: eif.size is not a byte count`);
    facts.size = size;
  }
  for (const [key, bytes] of [["sha256", 32], ["sha384", 48]]) {
    const value = pick(eif, key);
    if (value === void 0) continue;
    if (typeof value !== "string") throw new UserError(`${what}: eif.${key} is not a string`);
    facts[key] = toHex(parseHex(value, bytes, `${what}: eif.${key}`));
  }
  return facts;
}
async function readMeasurements(path) {
  return parsePcrs(await readJsonFile(path), path);
}
function osImageHash(pcrs) {
  const raw = ["PCR0", "PCR1", "PCR2"].map((key) => parseHex(pcrs[key], 48, key));
  if (raw.every((bytes) => bytes.every((b) => b === 0))) {
    throw new UserError("PCR0, PCR1 and PCR2 are all zeros: a debug-mode enclave, which the dstack KMS refuses", { code: "input" });
  }
  return osImageHashOfRaw(raw[0], raw[1], raw[2]);
}
function osImageHashOfRaw(pcr0, pcr1, pcr2) {
  return `0x${createHash("sha256").update(pcr0).update(pcr1).update(pcr2).digest("hex")}`;
}

export {
  parseHex,
  toHex,
  parsePcrs,
  readMeasurements,
  osImageHash,
  osImageHashOfRaw
};
