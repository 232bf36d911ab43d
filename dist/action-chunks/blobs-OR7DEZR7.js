import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  cacheDir,
  find,
  proxyFetchFromEnv
} from "./chunk-SEFMSR23.js";
import {
  blobCacheRoot,
  cachedBlobSet,
  fetchBlobSet,
  verifyBlobDir
} from "./chunk-GMTLT46G.js";
import {
  info,
  warning
} from "./chunk-7LDYMKDP.js";
import "./chunk-OFXABV6A.js";
import "./chunk-T4UOTXU7.js";
import "./chunk-IIJW6QRC.js";
import "./chunk-Q2QJWHCS.js";
import {
  makeTempDir,
  removeTempDir
} from "./chunk-QJ5IRQWN.js";
import {
  errorMessage
} from "./chunk-RTQBJXC4.js";
import "./chunk-KLP3XVX2.js";

// src/action/blobs.ts
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
var TOOL = "nitro-eif-blobs";
function cacheKey(set, arch) {
  return { tool: `${TOOL}-${set.repository.replace(/[^\w.-]/g, "-")}`, version: set.tag.replace(/^v/, ""), arch: arch === "x86_64" ? "x64" : "arm64" };
}
async function blobSetDir(blobSet, arch) {
  const { set, baseUrl } = blobSet;
  const fetch = proxyFetchFromEnv(process.env);
  if (!process.env["RUNNER_TOOL_CACHE"]) {
    const local = await cachedBlobSet({ set, arch, baseUrl, fetch, cacheRoot: blobCacheRoot(process.env, homedir()), onDamaged: (m) => warning(m) });
    info(`blobs ${set.name} ${arch}: ${local.fromCache ? "from" : "downloaded and verified into"} ${local.dir}`);
    return local.dir;
  }
  const key = cacheKey(set, arch);
  const cached = find(key.tool, key.version, key.arch);
  if (cached) {
    try {
      await verifyBlobDir(cached, set, arch);
      info(`blobs ${set.name} ${arch}: from the tool cache, verified`);
      return cached;
    } catch (error) {
      warning(`blobs ${set.name} ${arch} in the tool cache (${cached}) are unusable, fetching them again: ${errorMessage(error)}`);
    }
  }
  const work = await makeTempDir(process.env["RUNNER_TEMP"] || tmpdir(), "nitro-eif-blobs-");
  try {
    const fetched = await fetchBlobSet({ set, arch, baseUrl, outputDir: join(work, arch), fetch });
    info(`blobs ${set.name} ${arch}: downloaded and verified (${fetched.files.map((f) => `${f.name} sha384 ${f.sha384}`).join(", ")})`);
    const dir = await cacheDir(fetched.dir, key.tool, key.version, key.arch);
    await verifyBlobDir(dir, set, arch);
    return dir;
  } finally {
    await removeTempDir(work);
  }
}
export {
  blobSetDir
};
