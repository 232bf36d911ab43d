import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  errnoText
} from "./chunk-Z75IXKGI.js";
import {
  artifactKey,
  normalizeOsImageHash
} from "./chunk-O6RGCKAR.js";
import {
  checkIntegrity,
  provenanceReport
} from "./chunk-7TD5XDGM.js";
import "./chunk-TIR2RC66.js";
import {
  comparePcrs
} from "./chunk-LNA2O4HV.js";
import {
  AtomicFile,
  inspectEifFrom
} from "./chunk-6QFIGN26.js";
import {
  osImageHash,
  parsePcrs
} from "./chunk-Y6ML42PT.js";
import {
  FormatError,
  MAX_JSON_BYTES,
  UserError,
  VerificationError
} from "./chunk-7UVRZBVQ.js";
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
    let recorded;
    let download;
    const written = new OutputFile(sink, `--output-file ${options.outputFile}`);
    try {
      measurementsBytes = await readSmallObject(store, measurementsKey, retry).catch(async (error) => {
        if (error instanceof UserError && error.code === "not-found" && !await store.head(eifKey)) {
          throw new UserError(`store: ${eifUri} not found`, { code: "not-found" });
        }
        throw error;
      });
      recorded = parseStoredMeasurements(measurementsBytes, store.uriOf(measurementsKey));
      provenanceJson = options.trust ? parseJson(await readSmallObject(store, artifactKey(hash, "provenance"), retry), store.uriOf(artifactKey(hash, "provenance"))) : void 0;
      download = await Download.start(store, eifKey, retry, written);
      if (recorded.size !== void 0 && download.size !== recorded.size) {
        throw new VerificationError(`${eifUri}: ${download.size} bytes, but the stored measurements record an EIF of ${recorded.size} bytes`);
      }
      eif = await inspectEifFrom(download, download.size, eifUri, {
        // With a recorded SHA-256 to match, the SHA-384 recorded beside it need not be recomputed.
        fileDigests: recorded.sha256 !== void 0 && recorded.sha384 !== void 0 ? ["sha256"] : ["sha256", "sha384"]
      });
      await download.finish();
      await written.finish();
      checkAgainstRecord(eif, recorded, eifUri, hash, store.uriOf(measurementsKey));
    } finally {
      download?.destroy();
      await written.settle();
      await sink.close().catch(() => void 0);
    }
    const digests = { sha256: eif.sha256, sha384: eif.sha384 ?? recorded.sha384 };
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
  checkIntegrity({ ...eif, sha384: eif.sha384 ?? recorded.sha384 }, eifUri);
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
  if (eif?.sha384 !== void 0) {
    if (typeof eif.sha384 !== "string" || !/^[0-9a-fA-F]{96}$/.test(eif.sha384)) throw new FormatError(`${name}: eif.sha384 is not 96 hex digits`);
    result.sha384 = eif.sha384.toLowerCase();
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
  #retry;
  #etag;
  #output;
  #chunks;
  #stream;
  #pending;
  #received = 0;
  constructor(store, key, first, retry, output) {
    this.#store = store;
    this.#output = output;
    this.#key = key;
    this.#retry = retry;
    this.size = first.size;
    this.#etag = first.etag;
    this.#use(first);
  }
  static async start(store, key, retry, output) {
    for (let attempt = 1; ; attempt++) {
      try {
        return new _Download(store, key, await store.read(key), retry, output);
      } catch (error) {
        if (!isTransient(error) || attempt >= retry.attempts) throw downloadError(store, key, error, attempt);
        await sleep(retry.delayMs * 2 ** (attempt - 1));
      }
    }
  }
  async read(buffer, offset, length) {
    let filled = 0;
    while (filled < length) {
      if (!this.#pending || this.#pending.byteLength === 0) {
        this.#pending = await this.#next();
        if (!this.#pending) break;
      }
      const n = Math.min(length - filled, this.#pending.byteLength);
      buffer.set(n === this.#pending.byteLength ? this.#pending : this.#pending.subarray(0, n), offset + filled);
      this.#pending = this.#pending.subarray(n);
      filled += n;
    }
    return { bytesRead: filled };
  }
  /** Checks the object ended where the store said. */
  async finish() {
    if (this.#received < this.size || this.#pending?.byteLength || await this.#next() !== void 0) {
      throw new VerificationError(`${this.#store.uriOf(this.#key)}: the download does not match its declared size of ${this.size} bytes`);
    }
    this.#stream?.destroy();
  }
  destroy() {
    this.#stream?.destroy();
  }
  #use(read) {
    this.#stream?.destroy();
    this.#stream = read.stream;
    this.#chunks = read.stream[Symbol.asyncIterator]();
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
        if (this.#received + value.byteLength > this.size) {
          throw new VerificationError(`${this.#store.uriOf(this.#key)}: more bytes than its declared size of ${this.size}`);
        }
        this.#received += value.byteLength;
        await this.#output.add(value);
        return value;
      } catch (error) {
        this.#chunks = void 0;
        if (!isTransient(error) || attempt >= this.#retry.attempts) throw downloadError(this.#store, this.#key, error, attempt);
        await sleep(this.#retry.delayMs * 2 ** (attempt - 1));
      }
    }
  }
};
var SYNC_EVERY = 128 << 20;
var WRITE_BATCH = 2 << 20;
var OutputFile = class {
  #handle;
  #label;
  #batch = [];
  #batchBytes = 0;
  #position = 0;
  #writing = Promise.resolve();
  #failure;
  #unsynced = 0;
  #syncing;
  constructor(handle, label) {
    this.#handle = handle;
    this.#label = label;
  }
  /** Queues `chunk` (kept, not copied) for writing after what came before. */
  async add(chunk) {
    if (this.#failure) throw this.#error(this.#failure);
    this.#batch.push(chunk);
    this.#batchBytes += chunk.byteLength;
    if (this.#batchBytes >= WRITE_BATCH) await this.#flush();
  }
  async #flush() {
    await this.#writing;
    if (this.#failure) throw this.#error(this.#failure);
    const chunks = this.#batch;
    const position = this.#position;
    this.#position += this.#batchBytes;
    this.#unsynced += this.#batchBytes;
    this.#batch = [];
    this.#batchBytes = 0;
    this.#writing = this.#writeAll(chunks, position).catch((error) => void (this.#failure ??= error));
    if (this.#unsynced >= SYNC_EVERY && !this.#syncing) {
      this.#unsynced = 0;
      this.#syncing = this.#writing.then(() => this.#handle.datasync()).then(
        () => void (this.#syncing = void 0),
        (error) => void (this.#syncing = void 0, this.#failure ??= error)
      );
    }
  }
  async #writeAll(chunks, position) {
    const { bytesWritten } = await this.#handle.writev(chunks, position);
    let at = position + bytesWritten;
    let skip = bytesWritten;
    for (const chunk of chunks) {
      if (skip >= chunk.byteLength) {
        skip -= chunk.byteLength;
        continue;
      }
      for (let done = skip; done < chunk.byteLength; ) {
        const out = await this.#handle.write(chunk, done, chunk.byteLength - done, at);
        done += out.bytesWritten;
        at += out.bytesWritten;
      }
      skip = 0;
    }
  }
  /** Every write done and on disk; throws the first failure. */
  async finish() {
    if (this.#batchBytes > 0) await this.#flush();
    await this.settle();
    if (!this.#failure) await this.#handle.sync().catch((error) => void (this.#failure = error));
    if (this.#failure) throw this.#error(this.#failure);
  }
  /** Waits for the write in flight (before the file is closed and removed). */
  async settle() {
    await this.#writing;
    await this.#syncing;
  }
  #error(error) {
    return new UserError(`${this.#label}: cannot write: ${errnoText(error)}`, { cause: error });
  }
};
export {
  pullArtifact
};
