import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  errnoText
} from "./chunk-3C54RT7J.js";
import {
  artifactKey,
  normalizeOsImageHash
} from "./chunk-R6ZPTPMZ.js";
import {
  checkIntegrity,
  provenanceReport
} from "./chunk-2CDG76R2.js";
import "./chunk-S4QJMAZK.js";
import {
  comparePcrs
} from "./chunk-5UPN2ZXX.js";
import {
  AtomicFile,
  inspectEifFrom
} from "./chunk-TVPOBFGY.js";
import {
  osImageHash,
  parsePcrs
} from "./chunk-F7PJX4HR.js";
import {
  FormatError,
  MAX_JSON_BYTES,
  UserError,
  VerificationError
} from "./chunk-BEVEXMCR.js";
import "./chunk-LWSQTYNC.js";

// src/store/pull.ts
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_ATTEMPTS = 5;
var DEFAULT_RETRY_DELAY_MS = 250;
async function pullArtifact(options) {
  const { store } = options;
  const hash = normalizeOsImageHash(options.osImageHash);
  const output = resolve(options.outputFile);
  const eifKey = artifactKey(hash, "eif");
  const eifUri = store.uriOf(eifKey);
  const retry = { attempts: options.maxAttempts ?? DEFAULT_ATTEMPTS, delayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS };
  const measurementsKey = artifactKey(hash, "measurements");
  const file = new AtomicFile(output);
  try {
    const sink = await open(file.tempPath, "wx", 420).catch((error) => {
      throw new UserError(`--output-file ${options.outputFile}: cannot write beside it: ${errnoText(error)}`, { code: "input", cause: error });
    });
    let eif;
    let measurementsBytes;
    let provenanceJson;
    let download;
    try {
      measurementsBytes = await readSmallObject(store, measurementsKey, retry).catch(async (error) => {
        if (error instanceof UserError && error.code === "not-found" && !await store.head(eifKey)) {
          throw new UserError(`store: ${eifUri} not found`, { code: "not-found" });
        }
        throw error;
      });
      const recorded = parseStoredMeasurements(measurementsBytes, store.uriOf(measurementsKey));
      provenanceJson = options.trust ? parseJson(await readSmallObject(store, artifactKey(hash, "provenance"), retry), store.uriOf(artifactKey(hash, "provenance"))) : void 0;
      download = await Download.start(store, eifKey, sink, options.outputFile, retry);
      if (recorded.size !== void 0 && download.size !== recorded.size) {
        throw new VerificationError(`${eifUri}: ${download.size} bytes, but the stored measurements record an EIF of ${recorded.size} bytes`);
      }
      eif = await inspectEifFrom(download, download.size, eifUri);
      await download.finish();
      await sink.sync().catch((error) => {
        throw new UserError(`--output-file ${options.outputFile}: cannot write: ${errnoText(error)}`, { cause: error });
      });
      checkAgainstRecord(eif, recorded, eifUri, hash, store.uriOf(measurementsKey));
    } finally {
      download?.destroy();
      await sink.close().catch(() => void 0);
    }
    const digests = { sha256: eif.sha256, sha384: eif.sha384 };
    const osHash = `0x${hash}`;
    const measurementsUri = store.uriOf(measurementsKey);
    const measurementsDigests = {
      sha256: createHash("sha256").update(measurementsBytes).digest("hex"),
      sha384: createHash("sha384").update(measurementsBytes).digest("hex")
    };
    const report = {
      verified: true,
      eif: { path: output, size: eif.size, ...digests },
      pcrs: eif.pcrs,
      os_image_hash: osHash,
      measurements: { path: measurementsUri, ...measurementsDigests, pcrs_match: true }
    };
    if (options.trust) {
      report.provenance = provenanceReport(provenanceJson, { path: store.uriOf(artifactKey(hash, "provenance")), trust: options.trust }, {
        eif: digests,
        pcrs: eif.pcrs,
        osImageHash: osHash,
        measurements: measurementsDigests
      });
    }
    await file.commit().catch((error) => {
      throw new UserError(`--output-file ${options.outputFile}: cannot write: ${errnoText(error)}`, { cause: error });
    });
    return { osImageHash: `0x${hash}`, outputFile: output, eifUri, report };
  } finally {
    await file.abort();
  }
}
function checkAgainstRecord(eif, recorded, eifUri, hash, measurementsUri) {
  checkIntegrity(eif, eifUri);
  comparePcrs(recorded.pcrs, eif.pcrs, `stored measurements ${measurementsUri}`);
  const osHash = osImageHash(eif.pcrs);
  if (osHash !== `0x${hash}`) throw new VerificationError(`${eifUri}: its PCRs give OS_IMAGE_HASH ${osHash}, not the requested 0x${hash}`);
  if (recorded.sha256 !== void 0 && recorded.sha256 !== eif.sha256) {
    throw new VerificationError(`${eifUri}: sha256 ${eif.sha256}, but the stored measurements record ${recorded.sha256}`);
  }
}
function parseJson(bytes, name) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${name}: not valid JSON (${error.message})`, { cause: error });
  }
}
function parseStoredMeasurements(bytes, name) {
  const json = parseJson(bytes, name);
  const { pcrs } = parsePcrs(json, name);
  const eif = json.eif;
  const result = { pcrs };
  if (eif?.sha256 !== void 0) {
    if (typeof eif.sha256 !== "string" || !/^[0-9a-fA-F]{64}$/.test(eif.sha256)) throw new FormatError(`${name}: eif.sha256 is not 64 hex digits`);
    result.sha256 = eif.sha256.toLowerCase();
  }
  if (eif?.size !== void 0) {
    if (typeof eif.size !== "number" || !Number.isSafeInteger(eif.size) || eif.size < 0) throw new FormatError(`${name}: eif.size is not a byte count`);
    result.size = eif.size;
  }
  return result;
}
function isTransient(error) {
  return !(error instanceof UserError) || error.code === "external";
}
async function readSmallObject(store, key, retry) {
  for (let attempt = 1; ; attempt++) {
    try {
      const { stream, size } = await store.read(key);
      if (size > MAX_JSON_BYTES) {
        stream.destroy();
        throw new FormatError(`${store.uriOf(key)}: ${size} bytes is too large (at most ${MAX_JSON_BYTES})`);
      }
      const chunks = [];
      let received = 0;
      for await (const chunk of stream) {
        received += chunk.byteLength;
        if (received > size) break;
        chunks.push(chunk);
      }
      stream.destroy();
      if (received !== size) throw new Error(`received ${received > size ? "more" : received} of ${size} bytes`);
      return Buffer.concat(chunks);
    } catch (error) {
      if (!isTransient(error) || attempt >= retry.attempts) throw downloadError(store, key, error, attempt);
      await sleep(retry.delayMs * 2 ** (attempt - 1));
    }
  }
}
function downloadError(store, key, error, attempts) {
  if (error instanceof UserError) return error;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  return new UserError(`store: download of ${store.uriOf(key)} failed${tries}: ${errnoText(error)}`, { code: "external", cause: error });
}
var Download = class _Download {
  size;
  #store;
  #key;
  #sink;
  #output;
  #retry;
  #etag;
  #chunks;
  #stream;
  #pending;
  #received = 0;
  #writing = Promise.resolve();
  #writeError;
  constructor(store, key, first, sink, output, retry) {
    this.#store = store;
    this.#key = key;
    this.#sink = sink;
    this.#output = output;
    this.#retry = retry;
    this.size = first.size;
    this.#etag = first.etag;
    this.#use(first);
  }
  static async start(store, key, sink, output, retry) {
    for (let attempt = 1; ; attempt++) {
      try {
        return new _Download(store, key, await store.read(key), sink, output, retry);
      } catch (error) {
        if (!isTransient(error) || attempt >= retry.attempts) throw downloadError(store, key, error, attempt);
        await sleep(retry.delayMs * 2 ** (attempt - 1));
      }
    }
  }
  async read(buffer, offset, length) {
    while (!this.#pending || this.#pending.byteLength === 0) {
      this.#pending = await this.#next();
      if (!this.#pending) return { bytesRead: 0 };
    }
    const n = Math.min(length, this.#pending.byteLength);
    buffer.set(this.#pending.subarray(0, n), offset);
    this.#pending = this.#pending.subarray(n);
    return { bytesRead: n };
  }
  /** Waits for the last write and checks the object ended where the store said. */
  async finish() {
    if (this.#received < this.size || this.#pending?.byteLength || await this.#next() !== void 0) {
      throw new VerificationError(`${this.#store.uriOf(this.#key)}: the download does not match its declared size of ${this.size} bytes`);
    }
    await this.#writing;
    this.#stream?.destroy();
    if (this.#writeError) throw this.#writeFailure(this.#writeError);
  }
  destroy() {
    this.#stream?.destroy();
  }
  #use(read) {
    this.#stream?.destroy();
    this.#stream = read.stream;
    this.#chunks = read.stream[Symbol.asyncIterator]();
  }
  #writeFailure(error) {
    return new UserError(`--output-file ${this.#output}: cannot write: ${errnoText(error)}`, { cause: error });
  }
  async #next() {
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.#chunks && this.#received >= this.size) return void 0;
        if (!this.#chunks) this.#use(await this.#store.read(this.#key, { start: this.#received, ...this.#etag ? { ifMatch: this.#etag } : {} }));
        const { value, done } = await this.#chunks.next();
        if (done) {
          if (this.#received < this.size) throw new Error(`connection closed after ${this.#received} of ${this.size} bytes`);
          return void 0;
        }
        const chunk = value;
        if (this.#received + chunk.byteLength > this.size) {
          throw new VerificationError(`${this.#store.uriOf(this.#key)}: more bytes than its declared size of ${this.size}`);
        }
        this.#received += chunk.byteLength;
        await this.#writing;
        if (this.#writeError) throw this.#writeFailure(this.#writeError);
        this.#writing = this.#sink.write(chunk).catch((error) => this.#writeError = error);
        return chunk;
      } catch (error) {
        this.#chunks = void 0;
        if (!isTransient(error) || attempt >= this.#retry.attempts) throw downloadError(this.#store, this.#key, error, attempt);
        await sleep(this.#retry.delayMs * 2 ** (attempt - 1));
      }
    }
  }
};
export {
  pullArtifact
};
