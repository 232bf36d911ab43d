import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkKey,
  conflictError,
  errnoText
} from "./chunk-Z75IXKGI.js";
import {
  UserError,
  openRegularFile,
  openRegularStream,
  regularFileChunks,
  removeOnInterrupt
} from "./chunk-7UVRZBVQ.js";

// src/store/local-store.ts
import { createHash as createHash2, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, mkdir, open, readdir, rm, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";

// src/store/source.ts
import { createHash } from "node:crypto";
function openSource(source) {
  if (source instanceof Uint8Array) return (async function* () {
    yield source;
  })();
  if ("path" in source) return regularFileChunks(source.path);
  return source.stream();
}
async function sourceSize(source) {
  if (source instanceof Uint8Array) return source.byteLength;
  if ("path" in source) {
    const { handle, size } = await openRegularFile(source.path);
    await handle.close();
    return size;
  }
  return source.size;
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
    const uri = this.uriOf(key);
    if (!options.checked && await this.head(key)) return this.#compareExisting(key, source);
    await makeFolder(dirname(path)).catch((error) => {
      throw writeError(uri, error);
    });
    const temp = join(dirname(path), `.${randomBytes(6).toString("hex")}.partial`);
    const forget = removeOnInterrupt(temp);
    try {
      const { sha256, size } = await this.#writeTemp(temp, source).catch((error) => {
        throw error instanceof UserError ? error : writeError(uri, error);
      });
      options.onProgress?.({ key, loaded: size, total: size });
      if (options.checked) {
        await options.checked.beforeCommit();
        if (sha256 !== options.checked.sha256) throw new UserError(`store: source of ${uri} changed while writing (sha256 ${options.checked.sha256} \u2192 ${sha256})`);
      }
      const created = await placeOnce(temp, path).catch((error) => {
        throw writeError(uri, error);
      });
      if (!created) {
        const existing = await hashSource({ path });
        if (existing.sha256 !== sha256) throw conflictError(uri, existing.sha256, sha256);
      }
      return { key, uri, sha256, size, created };
    } finally {
      await rm(temp, { force: true }).catch(() => void 0);
      forget();
    }
  }
  async #compareExisting(key, source) {
    const [existing, incoming] = [await hashStream(await this.get(key)), await hashSource(source)];
    if (existing !== incoming.sha256) throw conflictError(this.uriOf(key), existing, incoming.sha256);
    return { key, uri: this.uriOf(key), sha256: incoming.sha256, size: incoming.size, created: false };
  }
  async get(key) {
    return (await this.read(key)).stream;
  }
  async read(key, options = {}) {
    const opened = await openRegularStream(this.#path(key), { label: `store: ${this.uriOf(key)}`, start: options.start }).catch((error) => {
      if (error.cause?.code === "ENOENT") throw new UserError(`store: ${this.uriOf(key)} not found`, { code: "not-found" });
      throw error;
    });
    return { stream: opened.stream, size: opened.size };
  }
  async head(key) {
    const info = await stat(this.#path(key)).catch((error) => {
      if (error.code === "ENOENT") return void 0;
      throw new UserError(`store: cannot read ${this.uriOf(key)}: ${errnoText(error)}`, { code: "external", cause: error });
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
    const handle = await open(temp, "wx", 420);
    try {
      for await (const chunk of tee(openSource(source))) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close().catch(() => void 0);
    }
    return { sha256: hash.digest("hex"), size };
  }
};
async function makeFolder(dir) {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    let missing = dir;
    while (dirname(missing) !== missing && !await stat(dirname(missing)).then(() => true, () => false)) missing = dirname(missing);
    await mkdir(missing);
    throw error;
  }
}
function writeError(uri, error) {
  return new UserError(`store: cannot write ${uri}: ${errnoText(error)}`, { code: "external", cause: error });
}
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
  openSource,
  sourceSize,
  hashSource,
  hashStream,
  LocalStore
};
