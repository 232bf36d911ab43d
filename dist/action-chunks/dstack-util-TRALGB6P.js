import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  fetchDstackUtil
} from "./chunk-CLFTJ5RL.js";
import {
  cacheFile,
  find,
  proxyFetchFromEnv
} from "./chunk-SEFMSR23.js";
import {
  info,
  warning
} from "./chunk-7LDYMKDP.js";
import "./chunk-OFXABV6A.js";
import "./chunk-T4UOTXU7.js";
import "./chunk-IIJW6QRC.js";
import {
  makeTempDir,
  removeTempDir
} from "./chunk-QJ5IRQWN.js";
import {
  errorMessage
} from "./chunk-RTQBJXC4.js";
import "./chunk-KLP3XVX2.js";

// src/action/dstack-util.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
var TOOL = "dstack-util";
function cacheVersion(sha256) {
  return `0.0.0-sha256-${sha256}`;
}
async function resolveDstackUtil(pin) {
  const workDir = await makeTempDir(process.env["RUNNER_TEMP"] || tmpdir(), "nitro-eif-dstack-util-");
  try {
    return { ...await fetchPinned(pin, workDir), workDir };
  } catch (error) {
    await removeTempDir(workDir);
    throw error;
  }
}
async function removeDstackUtil(util) {
  await removeTempDir(util.workDir);
}
async function fetchPinned(pin, workDir) {
  const cached = findCached(pin.sha256);
  if (cached) {
    try {
      const util2 = await fetchDstackUtil(join(cached, TOOL), pin.sha256, workDir);
      info(`dstack-util ${pin.sha256}: from the tool cache`);
      return util2;
    } catch (error) {
      warning(`dstack-util in the tool cache (${cached}) is unusable, fetching ${pin.source}: ${errorMessage(error)}`);
    }
  }
  const util = await fetchDstackUtil(pin.source, pin.sha256, workDir, { fetch: proxyFetchFromEnv(process.env) });
  info(`dstack-util ${pin.sha256}: verified (${util.size} bytes) from ${pin.source}`);
  if (process.env["RUNNER_TOOL_CACHE"]) await cacheFile(util.path, TOOL, TOOL, cacheVersion(pin.sha256));
  return util;
}
function findCached(sha256) {
  if (!process.env["RUNNER_TOOL_CACHE"]) return void 0;
  return find(TOOL, cacheVersion(sha256)) || void 0;
}
export {
  cacheVersion,
  removeDstackUtil,
  resolveDstackUtil
};
