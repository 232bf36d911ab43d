import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  removeOnInterrupt
} from "./chunk-QJ5IRQWN.js";
import {
  FormatError,
  UserError
} from "./chunk-RTQBJXC4.js";

// src/io/atomic-file.ts
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { lstat, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
var AtomicFile = class {
  path;
  tempPath;
  #done = false;
  #forget;
  constructor(path) {
    this.path = path;
    this.tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.partial`);
    this.#forget = removeOnInterrupt(this.tempPath);
  }
  /** A write stream on the temporary file. */
  createWriteStream() {
    return createWriteStream(this.tempPath, { flags: "wx", mode: 420 });
  }
  /** Moves the finished temporary file into place. */
  async commit() {
    if (this.#done) return;
    await rename(this.tempPath, this.path);
    this.#done = true;
    this.#forget();
  }
  /** Removes the temporary file; never throws, so it is safe in `finally`. */
  async abort() {
    if (this.#done) return;
    this.#done = true;
    await rm(this.tempPath, { force: true }).catch(() => void 0);
    this.#forget();
  }
};
async function writeFileAtomic(path, data) {
  const file = new AtomicFile(path);
  try {
    await writeFile(file.tempPath, data, { flag: "wx" }).catch((error) => {
      throw new UserError(`${path}: cannot write: ${error.message.replaceAll(file.tempPath, path)}`, { cause: error });
    });
    await file.commit();
  } finally {
    await file.abort();
  }
}

// src/eif/cmdline.ts
var RUST_WHITE_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
var SURROUNDING_WHITE_SPACE = new RegExp(`^[${RUST_WHITE_SPACE}]+|[${RUST_WHITE_SPACE}]+$`, "gu");
function kernelCmdline(text, what) {
  const trimmed = text.replace(SURROUNDING_WHITE_SPACE, "");
  const nul = trimmed.indexOf("\0");
  if (nul >= 0) throw new FormatError(`${what}: NUL character at position ${nul} (a kernel command line cannot hold one)`);
  return trimmed;
}
function kernelCmdlineOfBytes(bytes, what) {
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new FormatError(`${what}: not valid UTF-8`, { cause: error });
  }
  return kernelCmdline(text, what);
}

export {
  AtomicFile,
  writeFileAtomic,
  kernelCmdline,
  kernelCmdlineOfBytes
};
