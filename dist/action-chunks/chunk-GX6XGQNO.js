import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  removeOnInterrupt
} from "./chunk-QJ5IRQWN.js";
import {
  UserError
} from "./chunk-TDLY2UVL.js";

// src/io/atomic-file.ts
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
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

export {
  AtomicFile,
  writeFileAtomic
};
