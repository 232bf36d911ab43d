import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-AUQNJYMJ.js";

// src/io/cleanup.ts
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
var pending = /* @__PURE__ */ new Set();
var children = /* @__PURE__ */ new Set();
var CHILD_GRACE_MS = 5e3;
function stopOnInterrupt(child) {
  if (child.pid === void 0 || child.exitCode !== null || child.signalCode !== null) return;
  children.add(child);
  child.once("exit", () => children.delete(child));
}
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
  }
}
async function stopChildren(graceMs = CHILD_GRACE_MS) {
  const running = [...children];
  await Promise.all(running.map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    signalGroup(child, "SIGTERM");
  })));
  for (const child of running) signalGroup(child, "SIGKILL");
}
function removeOnInterrupt(path) {
  pending.add(path);
  return () => pending.delete(path);
}
async function makeTempDir(parent, prefix) {
  const dir = await mkdtemp(join(parent, prefix));
  removeOnInterrupt(dir);
  return dir;
}
async function removeTempDir(dir) {
  await rm(dir, { recursive: true, force: true }).catch(() => void 0);
  pending.delete(dir);
}
function removePendingPaths() {
  for (const path of pending) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
    }
  }
  pending.clear();
}
var SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
var reportInterrupt;
function cleanUpOnSignals(report) {
  const installed = reportInterrupt !== void 0;
  reportInterrupt = report;
  if (installed) return;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.once(signal, () => {
      void stopChildren().finally(() => {
        removePendingPaths();
        reportInterrupt?.(signal);
        process.exit(code);
      });
    });
  }
}

// src/eif/measurements.ts
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

// src/io/hex.ts
function parseHex(value, bytes, what) {
  const text = value.trim().replace(/^0x/i, "");
  if (text.length !== bytes * 2 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new UserError(`${what}: expected ${bytes * 2} hex digits, got ${JSON.stringify(value)}`);
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
  return typeof algorithm === "string" ? { pcrs, hashAlgorithm: algorithm } : { pcrs };
}
async function readMeasurements(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UserError(`${path}: cannot read: ${error.message}`, { code: "not-found", cause: error });
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: not valid JSON: ${error.message}`, { cause: error });
  }
  return parsePcrs(json, path);
}
function osImageHash(pcrs) {
  const raw = ["PCR0", "PCR1", "PCR2"].map((key) => {
    const bytes = parseHex(pcrs[key], 48, key);
    if (bytes.every((b) => b === 0)) {
      throw new UserError(`${key} is all zeros: a debug-mode enclave, which the dstack KMS refuses`, { code: "input" });
    }
    return bytes;
  });
  return osImageHashOfRaw(raw[0], raw[1], raw[2]);
}
function osImageHashOfRaw(pcr0, pcr1, pcr2) {
  return `0x${createHash("sha256").update(pcr0).update(pcr1).update(pcr2).digest("hex")}`;
}

export {
  stopOnInterrupt,
  removeOnInterrupt,
  makeTempDir,
  removeTempDir,
  cleanUpOnSignals,
  parseHex,
  toHex,
  parsePcrs,
  readMeasurements,
  osImageHash,
  osImageHashOfRaw
};
