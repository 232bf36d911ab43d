import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-AUQNJYMJ.js";

// src/store/local-store.ts
import { createHash as createHash2, randomBytes } from "node:crypto";
import { constants, createWriteStream } from "node:fs";
import { copyFile, link, mkdir, open, readdir, rm, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";

// src/store/store-errors.ts
function conflictError(uri, existingSha256, newSha256) {
  return new UserError(
    `store: ${uri} already holds a different object (sha256 ${existingSha256}); refusing to replace it with sha256 ${newSha256}`,
    { code: "conflict" }
  );
}
function checkKey(key) {
  const segments = key.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".." || s.includes("\\"))) {
    throw new UserError(`store: invalid object key ${JSON.stringify(key)}`, { code: "input" });
  }
}

// src/store/source.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
function openSource(source) {
  if (source instanceof Uint8Array) return (async function* () {
    yield source;
  })();
  if ("path" in source) return createReadStream(source.path, { highWaterMark: 1 << 20 });
  return source.stream();
}
async function hashSource(source) {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of openSource(source)) {
    hash.update(chunk);
    size += chunk.byteLength;
  }
  return { sha256: hash.digest("hex"), size };
}
async function hashStream(stream) {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest("hex");
}

// src/store/local-store.ts
var LocalStore = class {
  root;
  uri;
  constructor(root) {
    this.root = root;
    this.uri = pathToFileURL(root).href;
  }
  uriOf(key) {
    return pathToFileURL(this.#path(key)).href;
  }
  async put(key, source, options = {}) {
    const path = this.#path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.${randomBytes(6).toString("hex")}.partial`);
    try {
      const { sha256, size } = await this.#writeTemp(temp, source);
      options.onProgress?.({ key, loaded: size, total: size });
      const created = await placeOnce(temp, path);
      if (!created) {
        const existing = await hashSource({ path });
        if (existing.sha256 !== sha256) throw conflictError(this.uriOf(key), existing.sha256, sha256);
      }
      return { key, uri: this.uriOf(key), sha256, size, created };
    } finally {
      await rm(temp, { force: true }).catch(() => void 0);
    }
  }
  async get(key) {
    const handle = await open(this.#path(key), "r").catch((error) => {
      if (error.code === "ENOENT") throw new UserError(`store: ${this.uriOf(key)} not found`, { code: "not-found" });
      throw error;
    });
    return handle.createReadStream({ highWaterMark: 1 << 20 });
  }
  async head(key) {
    const info = await stat(this.#path(key)).catch((error) => {
      if (error.code === "ENOENT") return void 0;
      throw error;
    });
    return info?.isFile() ? { key, size: info.size } : void 0;
  }
  async *list(prefix) {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(
      (error) => {
        if (error.code === "ENOENT") return [];
        throw error;
      }
    );
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith(".")) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join("/");
      if (key.startsWith(prefix)) yield key;
    }
  }
  #path(key) {
    checkKey(key);
    return join(this.root, ...key.split("/"));
  }
  async #writeTemp(temp, source) {
    let size = 0;
    const hash = createHash2("sha256");
    async function* tee(chunks) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.byteLength;
        yield chunk;
      }
    }
    await pipeline(tee(openSource(source)), createWriteStream(temp, { flags: "wx", mode: 420 }));
    return { sha256: hash.digest("hex"), size };
  }
};
async function placeOnce(temp, path) {
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
  }
  try {
    await copyFile(temp, path, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (error.code === "EEXIST") return false;
    await rm(path, { force: true }).catch(() => void 0);
    throw error;
  }
}

export {
  conflictError,
  checkKey,
  openSource,
  hashSource,
  hashStream,
  LocalStore
};
