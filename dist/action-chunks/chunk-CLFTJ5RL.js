import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError,
  VerificationError,
  openRegularStream
} from "./chunk-RTQBJXC4.js";

// src/build/dstack-util.ts
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
var SHA256_HEX = /^[0-9a-f]{64}$/;
var MAX_SIZE = 512 * 1024 * 1024;
var DOWNLOAD_TIMEOUT_MS = 10 * 6e4;
function parseSha256(value, what) {
  const hex = value.trim().replace(/^sha256:/i, "").toLowerCase();
  if (!SHA256_HEX.test(hex)) throw new UserError(`${what}: expected 64 hex digits (SHA-256), got ${JSON.stringify(value)}`);
  return hex;
}
async function fetchDstackUtil(source, sha256, workDir, options = {}) {
  const pinnedBy = options.pinnedBy ?? "dstack-util-sha256";
  const expected = parseSha256(sha256, "dstack-util-sha256");
  const dir = join(workDir, "dstack-util");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const path = join(dir, "dstack-util");
  const { digest, size } = await copyHashing(await openSource(source, options.fetch ?? fetch), path);
  if (digest !== expected) {
    await rm(dir, { recursive: true, force: true });
    throw new VerificationError(`dstack-util ${source}: SHA-256 is ${digest}, but ${pinnedBy} pins ${expected}`);
  }
  await chmod(path, 493);
  return { dir, path, sha256: digest, size };
}
async function openSource(source, download) {
  if (/^https:\/\//i.test(source)) {
    let response;
    try {
      response = await download(source, { redirect: "follow", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch (error) {
      const reason = [error, error.cause].filter((e) => e instanceof Error).map((e) => e.message).join(": ");
      throw new UserError(`dstack-util ${source}: download failed: ${reason}`, { code: "external", cause: error });
    }
    if (!response.ok || !response.body) throw new UserError(`dstack-util ${source}: download failed: HTTP ${response.status}`, { code: "external" });
    return Readable.fromWeb(response.body);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new UserError(`dstack-util ${source}: only a file path or an https:// URL is accepted`);
  }
  return (await openRegularStream(source, { label: `dstack-util ${source}`, maxBytes: MAX_SIZE })).stream;
}
async function copyHashing(input, path) {
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk, _encoding, callback) {
      size += chunk.length;
      if (size > MAX_SIZE) return callback(new UserError(`dstack-util is larger than ${MAX_SIZE} bytes`));
      hash.update(chunk);
      callback(null, chunk);
    }
  });
  await pipeline(input, meter, createWriteStream(path, { mode: 493 }));
  return { digest: hash.digest("hex"), size };
}

export {
  parseSha256,
  fetchDstackUtil
};
