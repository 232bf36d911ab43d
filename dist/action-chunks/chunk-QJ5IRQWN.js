import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);

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
var hooks = /* @__PURE__ */ new Set();
var HOOK_TIMEOUT_MS = 5e3;
function removeOnInterrupt(path) {
  pending.add(path);
  return () => pending.delete(path);
}
function cleanUpOnInterrupt(hook) {
  hooks.add(hook);
  return () => hooks.delete(hook);
}
async function runInterruptHooks(timeoutMs = HOOK_TIMEOUT_MS) {
  const running = [...hooks].map((hook) => hook().catch(() => void 0));
  hooks.clear();
  let timer;
  const timeout = new Promise((resolve) => timer = setTimeout(resolve, timeoutMs));
  await Promise.race([Promise.all(running), timeout]);
  clearTimeout(timer);
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
      process.once(signal, () => process.exit(code));
      void stopChildren().then(() => {
        removePendingPaths();
        return runInterruptHooks();
      }).finally(() => {
        removePendingPaths();
        reportInterrupt?.(signal);
        process.exit(code);
      });
    });
  }
}

export {
  stopOnInterrupt,
  removeOnInterrupt,
  cleanUpOnInterrupt,
  makeTempDir,
  removeTempDir,
  cleanUpOnSignals
};
