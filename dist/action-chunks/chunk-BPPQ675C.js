import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  checkCborShape,
  decode,
  parseHex
} from "./chunk-ITBBOJIE.js";
import {
  AtomicFile,
  kernelCmdline
} from "./chunk-Q2QJWHCS.js";
import {
  FormatError,
  MAX_PEM_BYTES,
  UserError,
  VerificationError,
  openRegularFile,
  regularFileChunks,
  systemErrorReason
} from "./chunk-RTQBJXC4.js";

// src/eif/file-digest.ts
import { createHash } from "node:crypto";

// src/eif/byte-source.ts
var CHUNK_SIZE = 1 << 20;
async function byteSourceSize(source, what) {
  if (source instanceof Uint8Array) return source.byteLength;
  if ("path" in source) {
    const { handle, size } = await openRegularFile(source.path, { label: `${what}: ${source.path}` });
    await handle.close();
    return size;
  }
  if (!Number.isSafeInteger(source.size) || source.size < 0) {
    throw new UserError(`${what}: invalid declared size ${source.size}`);
  }
  return source.size;
}
async function* readByteSource(source, size, what) {
  let seen = 0;
  const chunks = source instanceof Uint8Array ? [source] : "path" in source ? regularFileChunks(source.path, { label: `${what}: ${source.path}`, chunkSize: CHUNK_SIZE }) : source.stream();
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > size) break;
    if (chunk.byteLength > 0) yield chunk;
  }
  if (seen !== size) {
    throw new UserError(`${what}: size mismatch: declared ${size} bytes, source gave ${seen > size ? "more" : seen}`, {
      code: "integrity"
    });
  }
}

// src/eif/file-digest.ts
async function digestFile(path, workers) {
  const sha256 = createHash("sha256");
  const sha384 = createHash("sha384");
  const { handle, size } = await openRegularFile(path);
  let left = size;
  try {
    const local = workers ? void 0 : Buffer.allocUnsafe(CHUNK_SIZE);
    for (; ; ) {
      const buffer = local ?? await workers.acquire();
      const { bytesRead } = left === 0 ? { bytesRead: 0 } : await handle.read(buffer, 0, Math.min(buffer.byteLength, left), null);
      left -= bytesRead;
      const chunk = buffer.subarray(0, bytesRead);
      if (workers) {
        if (bytesRead > 0) {
          workers.update(0, "sha256", "sha256", chunk);
          workers.update(1, "sha384", "sha384", chunk);
        }
        workers.retire(buffer);
      } else {
        sha256.update(chunk);
        sha384.update(chunk);
      }
      if (bytesRead === 0) break;
    }
  } finally {
    await handle.close();
  }
  if (!workers) return { sha256: sha256.digest("hex"), sha384: sha384.digest("hex") };
  const digests = await workers.digests();
  const hex = (name, algorithm) => (digests.get(name) ?? createHash(algorithm).digest()).toString("hex");
  return { sha256: hex("sha256", "sha256"), sha384: hex("sha384", "sha384") };
}

// src/eif/signature.ts
import { verify } from "node:crypto";

// src/eif/cbor.ts
function head(major, value) {
  const m = major << 5;
  if (value < 24) return Uint8Array.of(m | value);
  if (value < 256) return Uint8Array.of(m | 24, value);
  if (value < 65536) return Uint8Array.of(m | 25, value >> 8, value & 255);
  if (value < 4294967296) {
    const out2 = new Uint8Array(5);
    out2[0] = m | 26;
    new DataView(out2.buffer).setUint32(1, value);
    return out2;
  }
  const out = new Uint8Array(9);
  out[0] = m | 27;
  new DataView(out.buffer).setBigUint64(1, BigInt(value));
  return out;
}
function concatBytes(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
function cborInt(value) {
  if (!Number.isSafeInteger(value)) throw new RangeError(`CBOR integer out of range: ${value}`);
  return value >= 0 ? head(0, value) : head(1, -1 - value);
}
function cborBytes(bytes) {
  return concatBytes([head(2, bytes.byteLength), bytes]);
}
function cborText(text) {
  const bytes = new TextEncoder().encode(text);
  return concatBytes([head(3, bytes.byteLength), bytes]);
}
function cborByteVector(bytes) {
  const parts = [head(4, bytes.byteLength)];
  for (const b of bytes) parts.push(b < 24 ? Uint8Array.of(b) : Uint8Array.of(24, b));
  return concatBytes(parts);
}
function cborArray(items) {
  return concatBytes([head(4, items.length), ...items]);
}
function cborMap(entries) {
  return concatBytes([head(5, entries.length), ...entries.flat()]);
}

// src/eif/certificate.ts
import { X509Certificate } from "node:crypto";

// src/eif/pcr.ts
import { createHash as createHash2 } from "node:crypto";
var ZERO_REGISTER = new Uint8Array(48);
function extendZeroPcr(digest) {
  return createHash2("sha384").update(ZERO_REGISTER).update(digest).digest("hex");
}
var PcrHasher = class {
  #hash = createHash2("sha384");
  update(chunk) {
    this.#hash.update(chunk);
  }
  /** The PCR as 96 lowercase hex digits; the hasher is spent afterwards. */
  digest() {
    return extendZeroPcr(this.rawDigest());
  }
  /** The SHA-384 of the content (what the PCR extends); the hasher is spent afterwards. */
  rawDigest() {
    return this.#hash.digest();
  }
};
function pcrOfBytes(bytes) {
  return extendZeroPcr(createHash2("sha384").update(bytes).digest());
}

// src/eif/certificate.ts
var CERTIFICATE_LABELS = /* @__PURE__ */ new Set(["CERTIFICATE", "X509 CERTIFICATE"]);
function firstCertificateDer(pem, what) {
  const lines = (typeof pem === "string" ? pem : Buffer.from(pem).toString("latin1")).split("\n");
  for (let at = 0; at < lines.length; at++) {
    const label = pemLabel(lines[at], "BEGIN");
    if (label === void 0) continue;
    const end = lines.findIndex((line, i) => i > at && line.startsWith("-----END "));
    if (end < 0 || pemLabel(lines[end], "END") !== label) throw new FormatError(`${what}: PEM block "${label}" has no matching END line`);
    const body = lines.slice(at + 1, end).join("").replace(/[\t\n\v\f\r ]/g, "");
    if (body.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new FormatError(`${what}: PEM block "${label}" is not valid base64`);
    if (CERTIFICATE_LABELS.has(label)) return Uint8Array.from(parseCertificate(Buffer.from(body, "base64"), what).raw);
    at = end;
  }
  throw new FormatError(`${what}: no PEM certificate (-----BEGIN CERTIFICATE-----) found`);
}
function pemLabel(line, kind) {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) <= 32) end--;
  const text = line.slice(0, end);
  const prefix = `-----${kind} `;
  return text.startsWith(prefix) && text.endsWith("-----") && text.length > prefix.length + 5 ? text.slice(prefix.length, -5) : void 0;
}
function parseCertificate(der, what) {
  try {
    return new X509Certificate(der);
  } catch (error) {
    throw new FormatError(`${what}: invalid certificate: ${error.message}`, { cause: error });
  }
}
function certificatePcr8(pem, what = "signing certificate") {
  return pcrOfBytes(firstCertificateDer(pem, what));
}
function certificatePublicKey(pem, what) {
  return parseCertificate(firstCertificateDer(pem, what), what).publicKey;
}
function checkSigningCertificateValidity(pem, what, now = /* @__PURE__ */ new Date()) {
  const certificate = parseCertificate(firstCertificateDer(pem, what), what);
  const validTo = new Date(certificate.validTo);
  const validFrom = new Date(certificate.validFrom);
  if (now > validTo) {
    throw new UserError(`${what}: expired on ${validTo.toISOString()}; nitro-cli run-enclave refuses an EIF signed with an expired certificate`);
  }
  if (now < validFrom) {
    throw new UserError(`${what}: not valid before ${validFrom.toISOString()}; nitro-cli run-enclave refuses an EIF signed with a certificate that is not valid yet`);
  }
  return certificate;
}

// src/eif/signature.ts
var COSE_ALGORITHMS = {
  ES256: { id: -7, curve: "prime256v1", hash: "sha256", coordinate: 32 },
  ES384: { id: -35, curve: "secp384r1", hash: "sha384", coordinate: 48 },
  ES512: { id: -36, curve: "secp521r1", hash: "sha512", coordinate: 66 }
};
function coseAlgorithmForKey(key, what) {
  const curve = key.asymmetricKeyType === "ec" ? key.asymmetricKeyDetails?.namedCurve : void 0;
  for (const [name, info] of Object.entries(COSE_ALGORITHMS)) if (info.curve === curve) return name;
  throw new FormatError(`${what}: only EC keys on P-256, P-384 or P-521 can sign an EIF (got ${[key.asymmetricKeyType, curve].filter(Boolean).join(" ")})`);
}
function protectedHeader(algorithm) {
  return cborMap([[cborInt(1), cborInt(COSE_ALGORITHMS[algorithm].id)]]);
}
function encodePcrInfo(index, value) {
  return cborMap([[cborText("register_index"), cborInt(index)], [cborText("register_value"), cborByteVector(value)]]);
}
function sigStructure(protectedBytes, payload) {
  return cborArray([cborText("Signature1"), cborBytes(protectedBytes), cborBytes(new Uint8Array()), cborBytes(payload)]);
}
function encodeCoseSign1(protectedBytes, payload, signature) {
  return cborArray([cborBytes(protectedBytes), cborMap([]), cborBytes(payload), cborBytes(signature)]);
}
function encodeSignatureSection(certificatePem, coseSign1) {
  return cborArray([cborMap([
    [cborText("signing_certificate"), cborByteVector(certificatePem)],
    [cborText("signature"), cborByteVector(coseSign1)]
  ])]);
}
function asByteVector(value, field, what) {
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new FormatError(`${what}: ${field} is not a byte vector`);
  }
  return Uint8Array.from(value);
}
var SIGNATURE_CBOR_LIMITS = { maxDepth: 8, maxItems: 2 * MAX_PEM_BYTES };
function cborDecode(bytes, what, useMaps = false) {
  checkCborShape(bytes, SIGNATURE_CBOR_LIMITS, what);
  try {
    return decode(bytes, { useMaps, rejectDuplicateMapKeys: true, tags: Object.assign([], { 18: (inner) => inner }) });
  } catch (error) {
    throw new FormatError(`${what}: invalid CBOR: ${error.message}`, { cause: error });
  }
}
function decodeSignatureSection(bytes, what) {
  const value = cborDecode(bytes, what);
  const first = Array.isArray(value) ? value[0] : void 0;
  if (typeof first !== "object" || first === null) throw new FormatError(`${what}: expected a CBOR array of signature entries`);
  const entry = first;
  return {
    certificatePem: asByteVector(entry["signing_certificate"], "signing_certificate", what),
    coseSign1: asByteVector(entry["signature"], "signature", what)
  };
}
function decodeCoseSign1(bytes, what) {
  const value = cborDecode(bytes, what, true);
  if (!Array.isArray(value) || value.length !== 4 || !(value[0] instanceof Uint8Array) || !(value[2] instanceof Uint8Array) || !(value[3] instanceof Uint8Array)) {
    throw new FormatError(`${what}: signature is not a COSE_Sign1 structure`);
  }
  const header = value[0].byteLength ? cborDecode(value[0], what, true) : /* @__PURE__ */ new Map();
  const algorithm = header instanceof Map ? header.get(1) : void 0;
  return { protectedBytes: value[0], algorithm: typeof algorithm === "number" ? algorithm : void 0, payload: value[2], signature: value[3] };
}
function verifyRaw(key, algorithm, message, signature) {
  if (signature.byteLength !== 2 * COSE_ALGORITHMS[algorithm].coordinate) return false;
  return verify(COSE_ALGORITHMS[algorithm].hash, message, { key, dsaEncoding: "ieee-p1363" }, signature);
}
function checkSignatureSection(bytes, measuredPcr0, what) {
  const { certificatePem, coseSign1 } = decodeSignatureSection(bytes, what);
  const pcr8 = certificatePcr8(certificatePem, `${what}: signing_certificate`);
  const key = certificatePublicKey(certificatePem, `${what}: signing_certificate`);
  const cose = decodeCoseSign1(coseSign1, what);
  const name = Object.keys(COSE_ALGORITHMS).find((a) => COSE_ALGORITHMS[a].id === cose.algorithm);
  const info = {
    certificatePem: new TextDecoder().decode(certificatePem),
    pcr8,
    algorithm: name ?? `alg ${cose.algorithm}`,
    verifies: false,
    valid: false
  };
  const expected = encodePcrInfo(0, parseHex(measuredPcr0, 48, "PCR0"));
  if (!name) info.problem = `unsupported COSE algorithm ${cose.algorithm}`;
  else if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== COSE_ALGORITHMS[name].curve) info.problem = `certificate key does not match ${name}`;
  else if (!verifyRaw(key, name, sigStructure(cose.protectedBytes, cose.payload), cose.signature)) info.problem = "COSE signature does not verify with the certificate key";
  else {
    info.verifies = true;
    if (Buffer.compare(cose.payload, expected) !== 0) info.problem = "signed payload is not PcrInfo(0, measured PCR0)";
    else info.valid = true;
  }
  return info;
}

// src/io/sequential-writer.ts
import { constants as constants2 } from "node:fs";
import { open } from "node:fs/promises";

// src/io/direct-io.ts
import { constants } from "node:fs";
var DIRECT_ALIGN = 4096;
var WASM_PAGE = 64 * 1024;
var { Memory } = globalThis.WebAssembly;
function directFlag() {
  if (process.env["NITRO_EIF_DIRECT_IO"] === "0") return void 0;
  const flag = constants.O_DIRECT;
  return typeof flag === "number" && flag !== 0 ? flag : void 0;
}
function alignedBuffer(size) {
  return Buffer.from(new Memory({ initial: pages(size), maximum: pages(size) }).buffer, 0, size);
}
function misalignedBuffer(size) {
  return Buffer.allocUnsafeSlow(size + 1).subarray(1);
}
function alignedSharedBuffer(size) {
  return new Memory({ initial: pages(size), maximum: pages(size), shared: true }).buffer;
}
function pages(size) {
  if (size <= 0 || size % WASM_PAGE !== 0) throw new RangeError(`aligned buffer size ${size} is not a positive multiple of 64 KiB`);
  return size / WASM_PAGE;
}
function alignUp(n) {
  return Math.ceil(n / DIRECT_ALIGN) * DIRECT_ALIGN;
}
function alignDown(n) {
  return Math.floor(n / DIRECT_ALIGN) * DIRECT_ALIGN;
}
function isDirectRefusal(error) {
  const code = error?.code;
  return code === "EINVAL" || code === "EOPNOTSUPP" || code === "ENOTSUP";
}

// src/io/sequential-writer.ts
var WriteFailed = class extends Error {
  constructor(cause) {
    super(cause.message, { cause });
    this.name = "WriteFailed";
  }
};
async function failsAsWrite(operation) {
  try {
    await operation;
  } catch (error) {
    throw new WriteFailed(error);
  }
}
var SequentialWriter = class _SequentialWriter {
  #handle;
  #direct;
  #path;
  /** Bytes appended, or handed over in blocks. */
  #size = 0;
  /** The caller writes whole aligned blocks (writeBlock) instead of appending. */
  #blocks;
  #reopening;
  /** Every block write so far (rejects if one failed). */
  #blockWrites = Promise.resolve();
  /** The first block write that failed: the next writeBlock throws it (a full disk stops the build at once). */
  #blockError;
  constructor(path, handle, direct, blocks) {
    this.#path = path;
    this.#handle = handle;
    this.#direct = direct;
    this.#blocks = blocks;
  }
  /**
   * Creates `path` (which must not exist). `blocks`: the caller writes whole blocks, with O_DIRECT
   * unless `direct` is false or the system refuses it; appended writers are always buffered.
   */
  static async create(path, options = {}) {
    const blocks = options.blocks === true;
    const mode = options.mode ?? 420;
    const base = constants2.O_WRONLY | constants2.O_CREAT | constants2.O_EXCL;
    const flag = blocks && options.direct !== false ? directFlag() : void 0;
    if (flag !== void 0) {
      try {
        return new _SequentialWriter(path, await open(path, base | flag, mode), true, true);
      } catch (error) {
        if (!isDirectRefusal(error)) throw error;
      }
    }
    return new _SequentialWriter(path, await open(path, base, mode), false, blocks);
  }
  /** Whether the caller writes whole blocks (writeBlock) rather than appending. */
  get takesBlocks() {
    return this.#blocks;
  }
  /** Whether writes still bypass the page cache. */
  get direct() {
    return this.#direct;
  }
  get size() {
    return this.#size;
  }
  async append(bytes) {
    if (this.#blocks) throw new Error("SequentialWriter.append: this writer takes whole blocks (writeBlock)");
    await this.#writeAt(bytes, this.#size);
    this.#size += bytes.byteLength;
  }
  /**
   * Writes the first `length` bytes of `block` at the end of the file; the write runs in the
   * background and several may be in flight. `block` must be aligned memory whose size is a
   * multiple of DIRECT_ALIGN, and every block but the last must be whole (`length` the block's
   * size, a multiple of DIRECT_ALIGN): a short last block is written padded and cut back by
   * finish(). Keep `block` unchanged until the returned promise settles. Throws, without
   * writing, once an earlier block's write has failed.
   */
  writeBlock(block, length) {
    if (!this.#blocks) throw new Error("SequentialWriter.writeBlock: this writer was not made with blocks: true");
    if (this.#size % DIRECT_ALIGN !== 0) throw new Error("SequentialWriter.writeBlock: a block after a short one");
    if (this.#blockError) throw this.#blockError;
    const position = this.#size;
    this.#size += length;
    const padded = this.#direct ? alignUp(length) : length;
    block.fill(0, length, padded);
    const writing = this.#writeAt(block.subarray(0, padded), position, length);
    writing.catch((error) => void (this.#blockError ??= error));
    this.#blockWrites = Promise.all([this.#blockWrites, writing]).then(() => void 0);
    this.#blockWrites.catch(() => void 0);
    return writing;
  }
  /** A positional write (appended writers only: patching a header after the fact). */
  async patch(bytes, position) {
    if (this.#blocks) throw new Error("SequentialWriter.patch: not for block writers");
    await this.#writeAt(bytes, position);
  }
  /**
   * Writes all of `bytes` at `position`; a refused direct write is redone buffered, and then only
   * its first `length` bytes (a padded tail is not needed without direct I/O).
   */
  async #writeAt(bytes, position, length = bytes.byteLength) {
    let data = bytes;
    for (let done = 0; done < data.byteLength; ) {
      const direct = this.#direct;
      try {
        const { bytesWritten } = await this.#handle.write(data, done, data.byteLength - done, position + done);
        done += bytesWritten;
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw new WriteFailed(error);
        await this.#reopenBuffered();
        data = bytes.subarray(0, length);
      }
    }
  }
  /** Once for all the writes refused together; the old descriptor closes after their writes settle. */
  #reopenBuffered() {
    this.#reopening ??= (async () => {
      const old = this.#handle;
      this.#handle = await open(this.#path, constants2.O_WRONLY);
      this.#direct = false;
      await old.close().catch(() => void 0);
    })();
    return this.#reopening;
  }
  /** Block writers: waits for every block, then cuts a padded last block back to the exact size. */
  async finish() {
    if (!this.#blocks) return;
    await this.#blockWrites;
    const { size } = await this.#handle.stat();
    if (size !== this.#size) await failsAsWrite(this.#handle.truncate(this.#size));
  }
  /**
   * Flushes to disk what the kernel has so far (data only). A failed flush (EIO, a full
   * thin-provisioned disk) fails like a write, as does a failed sync().
   */
  async datasync() {
    await failsAsWrite(this.#handle.datasync());
  }
  async sync() {
    await failsAsWrite(this.#handle.sync());
  }
  async close() {
    await this.#blockWrites.catch(() => void 0);
    await this.#handle.close();
  }
};

// src/eif/constants.ts
var EIF_MAGIC = Uint8Array.of(46, 101, 105, 102);
var EIF_VERSION = 4;
var MIN_EIF_VERSION = 2;
var MAX_EIF_VERSION = 4;
var MAX_NUM_SECTIONS = 32;
var EIF_FLAG_AARCH64 = 1;
var DEFAULT_MEM = 1073741824n;
var DEFAULT_CPUS = 2n;
var HEADER = {
  magic: [0, 4],
  version: [4, 2],
  flags: [6, 2],
  defaultMem: [8, 8],
  defaultCpus: [16, 8],
  reserved: [24, 2],
  numSections: [26, 2],
  sectionOffsets: [28, 8 * MAX_NUM_SECTIONS],
  sectionSizes: [284, 8 * MAX_NUM_SECTIONS],
  unused: [540, 4],
  crc32: [544, 4]
};
var HEADER_SIZE = 548;
var SECTION_HEADER_SIZE = 12;
var SectionType = {
  invalid: 0,
  kernel: 1,
  cmdline: 2,
  ramdisk: 3,
  signature: 4,
  metadata: 5
};
function sectionTypeName(code) {
  switch (code) {
    case 1:
      return "kernel";
    case 2:
      return "cmdline";
    case 3:
      return "ramdisk";
    case 4:
      return "signature";
    case 5:
      return "metadata";
    default:
      return void 0;
  }
}

// src/io/crc32-combine.ts
var POLY = 3988292384;
var X0 = 2147483648;
function multiplyModP(a, b) {
  let product = 0;
  let bb = b >>> 0;
  for (let m = X0; m !== 0; m >>>= 1) {
    if ((a & m) !== 0) product ^= bb;
    bb = bb & 1 ? bb >>> 1 ^ POLY : bb >>> 1;
  }
  return product >>> 0;
}
var X2K = [X0 >>> 1];
for (let k = 1; k < 64; k++) X2K.push(multiplyModP(X2K[k - 1], X2K[k - 1]));
function shiftOperator(bytes) {
  let operator = X0;
  let k = 3;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) operator = multiplyModP(X2K[k], operator);
  }
  return operator;
}
function crc32Combine(crcA, crcB, lengthB) {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) throw new RangeError(`crc32Combine: invalid length ${lengthB}`);
  if (lengthB === 0) return crcA >>> 0;
  return (multiplyModP(shiftOperator(lengthB), crcA >>> 0) ^ crcB) >>> 0;
}

// src/io/crc32.ts
import zlib from "node:zlib";
function crc32(data, previous = 0) {
  return data.byteLength === 0 ? previous >>> 0 : zlib.crc32(data, previous) >>> 0;
}

// src/eif/crc.ts
function crcHex(value) {
  return (value >>> 0).toString(16).padStart(8, "0");
}

// src/eif/hash-workers.ts
import { Worker } from "node:worker_threads";
var WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const shared = workerData;
const hashes = new Map();
// A CRC-32 with the digest interface (4 bytes, big-endian), continuing from \`initial\`.
const crcHash = (initial) => {
  let crc = initial >>> 0;
  return {
    update: (bytes) => { if (bytes.byteLength > 0) crc = crc32(bytes, crc) >>> 0; },
    digest: () => { const out = Buffer.alloc(4); out.writeUInt32BE(crc); return out; },
  };
};
parentPort.on('message', (m) => {
  if (m.op === 'u') {
    let h = hashes.get(m.n);
    if (!h) { h = m.a === 'crc32' ? crcHash(m.i ?? 0) : createHash(m.a); hashes.set(m.n, h); }
    h.update(new Uint8Array(shared, m.o, m.l));
  } else if (m.op === 'r') {
    parentPort.postMessage({ op: 'r', slot: m.slot });
  } else if (m.op === 'd') {
    const out = {};
    for (const [n, h] of hashes) out[n] = h.digest();
    hashes.clear();
    parentPort.postMessage({ op: 'd', digests: out });
  }
});`;
var PARALLEL_CHUNK = 4 << 20;
function singleBufferPool(size) {
  const buffer = Buffer.allocUnsafe(size);
  return { acquire: async () => buffer, retire: () => void 0 };
}
var HashWorkers = class {
  #shared;
  #workers;
  #size;
  #pending = /* @__PURE__ */ new Map();
  #free = [];
  #waiters = [];
  #failure;
  constructor(threads, slots, size) {
    this.#size = size;
    this.#shared = alignedSharedBuffer(Math.ceil(slots * size / 65536) * 65536);
    for (let i = 0; i < slots; i++) this.#free.push(i);
    this.#workers = Array.from({ length: threads }, () => this.#spawn());
  }
  #spawn() {
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: this.#shared, resourceLimits });
    worker.on("message", (m) => {
      if (m.op !== "r" || m.slot === void 0) return;
      this.#settle(m.slot);
    });
    worker.on("error", (error) => this.#fail(error));
    return worker;
  }
  #release(slot) {
    this.#pending.delete(slot);
    this.#free.push(slot);
    this.#waiters.shift()?.();
  }
  #fail(error) {
    this.#failure = error;
    for (const wake of this.#waiters.splice(0)) wake();
  }
  async acquire() {
    while (this.#free.length === 0 && !this.#failure) await new Promise((wake) => this.#waiters.push(wake));
    if (this.#failure) throw this.#failure;
    const slot = this.#free.shift();
    return Buffer.from(this.#shared, slot * this.#size, this.#size);
  }
  /** Frees `buffer` once every worker has hashed what was posted from it, and `after` (if given) has settled. */
  retire(buffer, after) {
    const slot = buffer.byteOffset / this.#size;
    this.#pending.set(slot, this.#workers.length + (after ? 1 : 0));
    for (const worker of this.#workers) worker.postMessage({ op: "r", slot });
    const settled = () => this.#settle(slot);
    after?.then(settled, settled);
  }
  /** One of the slot's holders is done with it. */
  #settle(slot) {
    const left = (this.#pending.get(slot) ?? 1) - 1;
    if (left > 0) this.#pending.set(slot, left);
    else this.#release(slot);
  }
  get threads() {
    return this.#workers.length;
  }
  /**
   * Hashes `chunk` (a view into this pool's buffers) into hash `name` on worker `thread`.
   * `algorithm` is a node:crypto hash name, or 'crc32' (zlib's; `initial` is its starting value,
   * read when the hash is created by its first update).
   */
  update(thread, name, algorithm, chunk, initial) {
    if (chunk.buffer !== this.#shared) throw new Error("HashWorkers.update: chunk is not from this pool");
    this.#workers[thread].postMessage({ op: "u", n: name, a: algorithm, o: chunk.byteOffset, l: chunk.byteLength, i: initial });
  }
  /** Final digests of every hash on every worker, by name. */
  async digests() {
    if (this.#failure) throw this.#failure;
    const results = await Promise.all(this.#workers.map((worker) => new Promise((resolve, reject) => {
      const onMessage = (m) => {
        if (m.op !== "d") return;
        worker.off("message", onMessage);
        resolve(m.digests ?? {});
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.once("exit", () => reject(new Error("hash worker exited before returning its digests")));
      worker.postMessage({ op: "d" });
    })));
    if (this.#failure) throw this.#failure;
    return new Map(results.flatMap((r) => Object.entries(r).map(([k, v]) => [k, Buffer.from(v)])));
  }
  async close() {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
};

// src/eif/header.ts
function encodeHeader(header) {
  const bytes = new Uint8Array(HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  bytes.set(EIF_MAGIC, HEADER.magic[0]);
  view.setUint16(HEADER.version[0], header.version);
  view.setUint16(HEADER.flags[0], header.flags);
  view.setBigUint64(HEADER.defaultMem[0], header.defaultMem);
  view.setBigUint64(HEADER.defaultCpus[0], header.defaultCpus);
  view.setUint16(HEADER.numSections[0], header.numSections);
  for (let i = 0; i < MAX_NUM_SECTIONS; i++) {
    view.setBigUint64(HEADER.sectionOffsets[0] + 8 * i, header.sectionOffsets[i] ?? 0n);
    view.setBigUint64(HEADER.sectionSizes[0] + 8 * i, header.sectionSizes[i] ?? 0n);
  }
  view.setUint32(HEADER.crc32[0], header.crc32 >>> 0);
  return bytes;
}
function decodeHeader(bytes, file) {
  if (bytes.length < HEADER_SIZE) {
    throw new FormatError(`${file}: truncated EIF header: ${bytes.length} of ${HEADER_SIZE} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  for (let i = 0; i < EIF_MAGIC.length; i++) {
    if (bytes[i] !== EIF_MAGIC[i]) {
      throw new FormatError(`${file}: not an EIF: bad magic at offset 0 (expected 2e656966)`);
    }
  }
  const version = view.getUint16(HEADER.version[0]);
  if (version < MIN_EIF_VERSION || version > MAX_EIF_VERSION) {
    throw new FormatError(`${file}: unsupported EIF version ${version} at offset ${HEADER.version[0]}`);
  }
  const numSections = view.getUint16(HEADER.numSections[0]);
  if (numSections > MAX_NUM_SECTIONS) {
    throw new FormatError(
      `${file}: num_sections ${numSections} at offset ${HEADER.numSections[0]} exceeds ${MAX_NUM_SECTIONS}`
    );
  }
  const flags = view.getUint16(HEADER.flags[0]);
  if (flags & ~EIF_FLAG_AARCH64) {
    throw new FormatError(`${file}: unknown header flags 0x${flags.toString(16)} at offset ${HEADER.flags[0]} (only bit 0, aarch64, is defined)`);
  }
  const sectionOffsets = [];
  const sectionSizes = [];
  for (let i = 0; i < MAX_NUM_SECTIONS; i++) {
    sectionOffsets.push(view.getBigUint64(HEADER.sectionOffsets[0] + 8 * i));
    sectionSizes.push(view.getBigUint64(HEADER.sectionSizes[0] + 8 * i));
  }
  return {
    version,
    flags,
    defaultMem: view.getBigUint64(HEADER.defaultMem[0]),
    defaultCpus: view.getBigUint64(HEADER.defaultCpus[0]),
    numSections,
    sectionOffsets,
    sectionSizes,
    crc32: view.getUint32(HEADER.crc32[0])
  };
}
function encodeSectionHeader(header) {
  const bytes = new Uint8Array(SECTION_HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, header.type);
  view.setUint16(2, header.flags);
  view.setBigUint64(4, header.size);
  return bytes;
}
function decodeSectionHeader(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, SECTION_HEADER_SIZE);
  return { type: view.getUint16(0), flags: view.getUint16(2), size: view.getBigUint64(4) };
}

// src/eif/measure.ts
import { createHash as createHash3 } from "node:crypto";
var SectionMeasurer = class {
  #local = /* @__PURE__ */ new Map();
  #workers;
  #ramdisks = 0;
  #sinks = [];
  constructor(workers) {
    this.#workers = workers;
    if (!workers) for (const name of ["PCR0", "PCR1", "PCR2"]) this.#local.set(name, new PcrHasher());
  }
  /** Starts a section of `type`; following update() calls belong to it. */
  begin(type) {
    switch (type) {
      case "kernel":
      case "cmdline":
        this.#sinks = ["PCR0", "PCR1"];
        break;
      case "ramdisk":
        this.#sinks = ["PCR0", this.#ramdisks === 0 ? "PCR1" : "PCR2"];
        this.#ramdisks++;
        break;
      default:
        this.#sinks = [];
    }
  }
  /** Following update() calls are not measured (file and section headers). */
  pause() {
    this.#sinks = [];
  }
  /** The registers the current section's bytes go into (none while paused). */
  get routes() {
    return this.#sinks;
  }
  /** Measures `chunk` into `routes` (by default the current section's). */
  update(chunk, routes = this.#sinks) {
    for (const name of routes) {
      if (this.#workers) this.#workers.update(name === "PCR0" ? 0 : 1, name, "sha384", chunk);
      else this.#local.get(name).update(chunk);
    }
  }
  /** The three PCRs; the measurer is spent afterwards. `fromWorkers`: as for measure(). */
  async pcrs(fromWorkers) {
    return (await this.measure(fromWorkers)).pcrs;
  }
  /**
   * The three PCRs and the SHA-384 that PCR2 extends: that of the ramdisks after the first, so
   * with one customer ramdisk its own SHA-384 (no second hash of it is needed). Spends the measurer.
   * `fromWorkers`: the workers' digests when the caller already collected them (they are spent once).
   */
  async measure(fromWorkers) {
    const digests = this.#workers ? fromWorkers ?? await this.#workers.digests() : new Map(["PCR0", "PCR1", "PCR2"].map((n) => [n, this.#local.get(n).rawDigest()]));
    const inner = (name) => digests.get(name) ?? createHash3("sha384").digest();
    return {
      pcrs: { PCR0: extendZeroPcr(inner("PCR0")), PCR1: extendZeroPcr(inner("PCR1")), PCR2: extendZeroPcr(inner("PCR2")) },
      laterRamdisksSha384: inner("PCR2").toString("hex")
    };
  }
};

// src/eif/serde-json.ts
var JsonStruct = class {
  constructor(entries) {
    this.entries = entries;
  }
};
function compareKeys(a, b) {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
function serdeJson(value, pretty = false) {
  return write(value, pretty ? "\n" : void 0);
}
function write(value, newline) {
  if (value instanceof JsonStruct) return container("{", "}", value.entries, newline);
  if (Array.isArray(value)) return container("[", "]", value.map((item) => [void 0, item]), newline);
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort(compareKeys);
    return container("{", "}", keys.map((key) => [key, value[key]]), newline);
  }
  return JSON.stringify(value) ?? "null";
}
function container(open3, close, entries, newline) {
  if (entries.length === 0) return open3 + close;
  const inner = newline === void 0 ? void 0 : `${newline}  `;
  const separator = newline === void 0 ? ":" : ": ";
  const parts = entries.map(([key, item]) => (key === void 0 ? "" : JSON.stringify(key) + separator) + write(item, inner));
  return open3 + (inner ?? "") + parts.join(`,${inner ?? ""}`) + (newline ?? "") + close;
}

// src/eif/metadata.ts
function encodeMetadata(metadata) {
  const b = metadata.BuildMetadata;
  const ordered = new JsonStruct([
    ["ImageName", metadata.ImageName],
    ["ImageVersion", metadata.ImageVersion],
    ["BuildMetadata", new JsonStruct([
      ["BuildTime", b.BuildTime],
      ["BuildTool", b.BuildTool],
      ["BuildToolVersion", b.BuildToolVersion],
      ["OperatingSystem", b.OperatingSystem],
      ["KernelVersion", b.KernelVersion]
    ])],
    ["DockerInfo", metadata.DockerInfo ?? null],
    ["CustomMetadata", metadata.CustomMetadata ?? null]
  ]);
  return new TextEncoder().encode(serdeJson(ordered));
}

// src/eif/write-sink.ts
import { createHash as createHash4 } from "node:crypto";
var FILE_SHA256 = "file-sha256";
var FILE_SHA384 = "file-sha384";
var FILE_CRC = "file-crc32";
var SYNC_EVERY = 128 << 20;
var Sink = class {
  constructor(out, measurer, workers, crc, mode) {
    this.out = out;
    this.measurer = measurer;
    this.workers = workers;
    this.crc = crc;
    this.mode = mode;
    this.#local = mode.fileDigests && !workers ? { sha256: createHash4("sha256"), sha384: createHash4("sha384") } : void 0;
    this.#slotWrites = workers !== void 0 && mode.onePass;
    if (this.#slotWrites && !out.takesBlocks) throw new Error("EIF writer: one pass with workers writes whole slots, to a block writer");
  }
  #slot;
  #filled = 0;
  /** Off while the file header goes through (its CRC field is not covered by the CRC). */
  #crcOn = true;
  #local;
  /** Slots are written as they are (see the class comment). */
  #slotWrites;
  #ranges = [];
  #unsynced = 0;
  #syncing;
  #syncError;
  /**
   * What the bytes added from now on are: a section's (measured as the measurer routes that type)
   * or, with `type` undefined, file or section headers (not measured); `crc` false keeps them out
   * of the CRC (the file header, whose CRC field it is).
   */
  async route(type, crc) {
    if (!this.#slotWrites) await this.flush();
    if (type === void 0) this.measurer.pause();
    else this.measurer.begin(type);
    this.#crcOn = crc;
    if (!this.#slot) return;
    const last = this.#ranges[this.#ranges.length - 1];
    const range = { start: this.#filled, routes: this.measurer.routes, crc };
    if (last && last.start === this.#filled) this.#ranges[this.#ranges.length - 1] = range;
    else this.#ranges.push(range);
  }
  async add(chunk) {
    if (!this.workers) return this.#handle(chunk);
    for (let at = 0; at < chunk.byteLength; ) {
      if (!this.#slot) {
        this.#slot = await this.workers.acquire();
        this.#ranges = [{ start: 0, routes: this.measurer.routes, crc: this.#crcOn }];
      }
      const n = Math.min(chunk.byteLength - at, this.#slot.byteLength - this.#filled);
      this.#slot.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === this.#slot.byteLength) await this.flush();
    }
  }
  /** Writes and measures what is packed (in slot mode, call only when a slot is full, or at the end). */
  async flush() {
    const slot = this.#slot;
    if (!slot || !this.workers) return;
    const filled = this.#filled;
    this.#slot = void 0;
    this.#filled = 0;
    if (this.#slotWrites) return this.#writeSlot(slot, filled);
    if (filled > 0) await this.#handle(slot.subarray(0, filled));
    this.workers.retire(slot);
  }
  /** Slot mode: hashes each range where it goes and writes the slot; the slot is free once both are done. */
  #writeSlot(slot, filled) {
    const workers = this.workers;
    const last = workers.threads - 1;
    const ranges = this.#ranges;
    ranges.forEach((range, i) => {
      const view = slot.subarray(range.start, ranges[i + 1]?.start ?? filled);
      if (view.byteLength === 0) return;
      this.measurer.update(view, range.routes);
      if (range.crc) workers.update(last, FILE_CRC, "crc32", view, this.crc);
    });
    if (this.mode.fileDigests) {
      const whole = slot.subarray(0, filled);
      workers.update(last, FILE_SHA384, "sha384", whole);
      workers.update(last, FILE_SHA256, "sha256", whole);
    }
    workers.retire(slot, this.out.writeBlock(slot, filled));
    this.#counted(filled);
  }
  /** Without slot writes: measures, CRCs and (without workers) hashes `view` here, and appends it. */
  async #handle(view) {
    this.measurer.update(view);
    if (this.#crcOn) this.crc = crc32(view, this.crc);
    this.#local?.sha256.update(view);
    this.#local?.sha384.update(view);
    await this.out.append(view);
    this.#counted(view.byteLength);
  }
  /** Starts a background flush to disk every SYNC_EVERY bytes. */
  #counted(bytes) {
    this.#unsynced += bytes;
    if (this.#unsynced >= SYNC_EVERY && !this.#syncing) this.#startSync();
  }
  /**
   * Flushes what is written so far to disk in the background (on the thread pool), so that the
   * final fsync finds little left to write instead of the whole file.
   */
  #startSync() {
    this.#unsynced = 0;
    this.#syncing = this.out.datasync().then(
      () => void (this.#syncing = void 0),
      (error) => {
        this.#syncing = void 0;
        this.#syncError ??= error;
      }
    );
  }
  /** The file complete and on disk: writes what is staged, waits for a background flush, fsyncs the rest. */
  async sync() {
    await this.out.finish();
    await this.#syncing;
    if (this.#syncError) throw this.#syncError;
    await this.out.sync();
  }
  /** The CRC of everything written but the header's CRC field (from the workers when they took it). */
  finalCrc(fromWorkers) {
    const onWorker = this.#slotWrites ? fromWorkers?.get(FILE_CRC) : void 0;
    if (this.#slotWrites && !onWorker) throw new Error("EIF writer: the CRC worker returned no value");
    return onWorker ? onWorker.readUInt32BE(0) : this.crc;
  }
  /** The whole-file digests hashed here (not on workers), when asked for. */
  localDigests() {
    return this.#local && { sha256: this.#local.sha256.digest("hex"), sha384: this.#local.sha384.digest("hex") };
  }
};

// src/eif/writer.ts
var PARALLEL_FROM = 32 << 20;
var SMALL_SOURCE = 64 << 20;
async function writeEif(options) {
  const sections = await planSections(options);
  const infos = layout(sections);
  const fields = headerFields(options, infos);
  const planned = await plannedCrc(encodeHeader({ ...fields, crc32: 0 }), sections);
  const header = encodeHeader({ ...fields, crc32: planned ?? 0 });
  const size = infos.reduce((end, s) => s.offset + SECTION_HEADER_SIZE + s.size, HEADER_SIZE);
  const fileDigests = options.fileDigests ?? true;
  const threads = planned === void 0 || !fileDigests ? 2 : 3;
  const workers = options.parallel ?? size >= PARALLEL_FROM ? new HashWorkers(threads, 4, PARALLEL_CHUNK) : void 0;
  const file = new AtomicFile(options.outputPath);
  try {
    const slotWrites = planned !== void 0 && workers !== void 0;
    const out = await SequentialWriter.create(file.tempPath, { blocks: slotWrites }).catch((error) => {
      throw new UserError(`${options.outputPath}: cannot write: ${systemErrorReason(error)}`, { cause: error });
    });
    let written;
    try {
      written = planned === void 0 ? await writeThenReadBack(out, header, sections, workers, file.tempPath, fileDigests) : await writeOnePass(out, header, sections, workers, { planned, outputPath: options.outputPath, fileDigests });
    } catch (error) {
      if (!(error instanceof WriteFailed)) throw error;
      throw new UserError(`${options.outputPath}: cannot write: ${systemErrorReason(error)}`, { cause: error.cause });
    } finally {
      await out.close();
    }
    const { crc, measured: { pcrs, laterRamdisksSha384 }, digests } = written;
    await file.commit();
    return { path: options.outputPath, pcrs, size, ...digests, crc32: crcHex(crc), sections: infos, laterRamdisksSha384 };
  } finally {
    await workers?.close();
    await file.abort();
  }
}
function headerFields(options, infos) {
  return {
    version: options.version ?? EIF_VERSION,
    flags: options.arch === "aarch64" ? EIF_FLAG_AARCH64 : 0,
    defaultMem: options.defaultMem ?? DEFAULT_MEM,
    defaultCpus: options.defaultCpus ?? DEFAULT_CPUS,
    numSections: infos.length,
    sectionOffsets: infos.map((s) => BigInt(s.offset)),
    sectionSizes: infos.map((s) => BigInt(s.size))
  };
}
async function plannedCrc(header, sections) {
  let crc = crc32(header.subarray(0, HEADER.crc32[0]));
  for (const section of sections) {
    const data = await sectionCrc(section);
    if (data === void 0) return void 0;
    crc = crc32(sectionHeaderOf(section), crc);
    crc = crc32Combine(crc, data, section.size);
  }
  return crc;
}
async function sectionCrc({ source, size, what }) {
  if (source instanceof Uint8Array) return crc32(source);
  if ("stream" in source) return source.crc32;
  if (size > SMALL_SOURCE) return void 0;
  let crc = 0;
  for await (const chunk of readByteSource(source, size, what)) crc = crc32(chunk, crc);
  return crc;
}
async function writeThenReadBack(out, header, sections, workers, tempPath, fileDigests) {
  const measurer = new SectionMeasurer(workers);
  const sink = new Sink(out, measurer, workers, 0, { onePass: false, fileDigests: false });
  const crc = await writeBody(sink, header, sections);
  const crcBytes = new Uint8Array(4);
  new DataView(crcBytes.buffer).setUint32(0, crc);
  await out.patch(crcBytes, HEADER.crc32[0]);
  const reading = measurer.measure().then(async (measured) => ({
    crc,
    measured,
    digests: fileDigests ? await digestFile(tempPath, workers) : void 0
  }));
  return settleWithSync(sink, reading);
}
async function writeOnePass(out, header, sections, workers, expect) {
  const measurer = new SectionMeasurer(workers);
  const sink = new Sink(out, measurer, workers, 0, { onePass: true, fileDigests: expect.fileDigests });
  await writeBody(sink, header, sections);
  const collecting = (async () => {
    const fromWorkers = workers ? await workers.digests() : void 0;
    const crc = sink.finalCrc(fromWorkers);
    if (crc !== expect.planned) {
      throw new UserError(
        `${expect.outputPath}: section data changed while being written (CRC-32 ${crcHex(crc)}, planned ${crcHex(expect.planned)}); nothing written`,
        { code: "integrity" }
      );
    }
    const measured = await measurer.measure(fromWorkers);
    const hex = (name) => fromWorkers?.get(name)?.toString("hex") ?? "";
    const digests = !expect.fileDigests ? void 0 : sink.localDigests() ?? { sha256: hex(FILE_SHA256), sha384: hex(FILE_SHA384) };
    return { crc, measured, digests };
  })();
  return settleWithSync(sink, collecting);
}
async function settleWithSync(sink, work) {
  const [synced, done] = await Promise.allSettled([sink.sync(), work]);
  if (synced.status === "rejected") throw synced.reason;
  if (done.status === "rejected") throw done.reason;
  return done.value;
}
async function planSections(options) {
  const version = options.version ?? EIF_VERSION;
  if (options.ramdisks.length === 0) throw new UserError("writeEif: at least one ramdisk is required", { code: "usage" });
  const cmdline = typeof options.cmdline === "string" ? new TextEncoder().encode(kernelCmdline(options.cmdline, "cmdline")) : options.cmdline;
  const raw = [["kernel", options.kernel, "kernel"], ["cmdline", cmdline, "cmdline"]];
  if (version >= 4) raw.push(["metadata", metadataSource(options.metadata), "metadata"]);
  options.ramdisks.forEach((r, i) => raw.push(["ramdisk", r, `ramdisk ${i}`]));
  if (raw.length > MAX_NUM_SECTIONS) {
    throw new UserError(`writeEif: ${raw.length} sections exceed the EIF limit of ${MAX_NUM_SECTIONS}`, { code: "usage" });
  }
  const planned = [];
  for (const [type, source, what] of raw) planned.push({ type, source, what, size: await byteSourceSize(source, what) });
  return planned;
}
function metadataSource(metadata) {
  if (metadata === void 0) return new TextEncoder().encode("{}");
  if (typeof metadata === "string") return new TextEncoder().encode(metadata);
  if (metadata instanceof Uint8Array || "path" in metadata || "stream" in metadata) return metadata;
  return encodeMetadata(metadata);
}
function layout(sections) {
  let offset = HEADER_SIZE;
  return sections.map((s, index) => {
    const info = { index, type: s.type, offset, size: s.size };
    offset += SECTION_HEADER_SIZE + s.size;
    return info;
  });
}
function sectionHeaderOf(section) {
  return encodeSectionHeader({ type: SectionType[section.type], flags: 0, size: BigInt(section.size) });
}
async function writeBody(sink, header, sections) {
  sink.crc = crc32(header.subarray(0, HEADER.crc32[0]));
  await writeUnmeasured(sink, header, false);
  for (const section of sections) {
    await writeUnmeasured(sink, sectionHeaderOf(section), true);
    await sink.route(section.type, true);
    for await (const chunk of readByteSource(section.source, section.size, section.what)) await sink.add(chunk);
  }
  await sink.flush();
  return sink.crc;
}
async function writeUnmeasured(sink, bytes, crc) {
  if (!sink.mode.onePass) {
    await sink.flush();
    await sink.out.append(bytes);
    if (crc) sink.crc = crc32(bytes, sink.crc);
    return;
  }
  await sink.route(void 0, crc);
  await sink.add(bytes);
}

// src/eif/file-cursor.ts
import { createHash as createHash5 } from "node:crypto";
var FileCursor = class {
  #handle;
  #pool;
  #buffer;
  /** Local digests (without workers), by name. */
  #local = /* @__PURE__ */ new Map();
  /** Digests computed on the pool's worker threads: [name on the workers, algorithm, thread]. */
  #remote = [];
  #tee;
  /** The tee's work on the current buffer: the buffer is reused only once it has settled. */
  #teeing = [];
  /** All of the tee's work not yet settled. */
  #teeOpen = /* @__PURE__ */ new Set();
  /** Offset in the file of the next byte read from the handle. */
  #readPosition = 0;
  #start = 0;
  #end = 0;
  /** Absolute offset of the next byte to consume. */
  position = 0;
  constructor(handle, options = {}) {
    this.#handle = handle;
    this.#pool = options.pool ?? singleBufferPool(CHUNK_SIZE);
    this.#tee = options.tee;
    const workers = this.#pool instanceof HashWorkers ? this.#pool : void 0;
    for (const algorithm of options.fileDigests ?? []) {
      if (workers) this.#remote.push([algorithm === "sha256" ? FILE_SHA256 : FILE_SHA384, algorithm, algorithm === "sha256" ? workers.threads - 1 : 0]);
      else this.#local.set(algorithm, createHash5(algorithm));
    }
  }
  /** Exactly `n` bytes (n ≤ chunk size) as a copy, or fewer at end of file. */
  async take(n) {
    if (this.#end - this.#start < n) await this.#fill(n);
    const length = Math.min(n, this.#end - this.#start);
    const out = Uint8Array.prototype.slice.call(this.#buffer, this.#start, this.#start + length);
    this.#consume(length);
    return out;
  }
  /** Passes the next `n` bytes to `sink` in chunks valid only during the call; false at early EOF. */
  async pump(n, sink) {
    let left = n;
    while (left > 0) {
      if (this.#end === this.#start && !await this.#fill(1)) return false;
      const length = Math.min(left, this.#end - this.#start);
      const chunk = this.#buffer.subarray(this.#start, this.#start + length);
      sink(chunk);
      this.#consume(length);
      left -= length;
    }
    return true;
  }
  /**
   * Whole-file digests of everything consumed, by algorithm (hex). Those hashed on workers are
   * taken from `fromWorkers`, the workers' digests (collected once for the PCRs and these).
   */
  digests(fromWorkers) {
    const out = {};
    for (const [algorithm, hash] of this.#local) out[algorithm] = hash.digest("hex");
    for (const [name, algorithm] of this.#remote) out[algorithm] = (fromWorkers?.get(name) ?? createHash5(algorithm).digest()).toString("hex");
    return out;
  }
  #consume(length) {
    if (length === 0) return;
    const bytes = this.#buffer.subarray(this.#start, this.#start + length);
    for (const hash of this.#local.values()) hash.update(bytes);
    for (const [name, algorithm, thread] of this.#remote) this.#pool.update(thread, name, algorithm, bytes);
    this.#start += length;
    this.position += length;
  }
  /** Waits until the tee is done with every byte read so far. */
  async teeDone() {
    await Promise.allSettled([...this.#teeOpen]);
  }
  /** Hands the current buffer back to the pool; call once reading is over. */
  release() {
    if (this.#buffer) this.#retire(this.#buffer);
    this.#buffer = void 0;
  }
  #retire(buffer) {
    const teeing = this.#teeing;
    this.#teeing = [];
    this.#pool.retire(buffer, teeing.length > 0 ? Promise.allSettled(teeing) : void 0);
  }
  #track(work) {
    this.#teeing.push(work);
    this.#teeOpen.add(work);
    const forget = () => void this.#teeOpen.delete(work);
    work.then(forget, forget);
  }
  /** Reads until at least `want` bytes are buffered or EOF; returns whether any are. */
  async #fill(want) {
    if (!this.#buffer || this.#start > 0) {
      const next = await this.#pool.acquire();
      if (this.#buffer) {
        if (next === this.#buffer) await Promise.allSettled(this.#teeing.splice(0));
        this.#buffer.copy(next, 0, this.#start, this.#end);
        if (next !== this.#buffer) this.#retire(this.#buffer);
      }
      this.#buffer = next;
      this.#end -= this.#start;
      this.#start = 0;
    }
    const buffer = this.#buffer;
    while (this.#end < want) {
      const { bytesRead } = await this.#handle.read(buffer, this.#end, buffer.length - this.#end, null);
      if (bytesRead === 0) break;
      if (this.#tee) this.#track(this.#tee(buffer.subarray(this.#end, this.#end + bytesRead), this.#readPosition));
      this.#readPosition += bytesRead;
      this.#end += bytesRead;
    }
    return this.#end > this.#start;
  }
};

// src/eif/reader.ts
var PARALLEL_FROM2 = 32 << 20;
var READ_CHUNK_PARALLEL = 2 << 20;
var SINCE_VERSION = { signature: 3, metadata: 4 };
var HOLD_IN_MEMORY = /* @__PURE__ */ new Set(["cmdline", "metadata", "signature"]);
async function inspectEif(path, options = {}) {
  const { handle, size } = await openRegularFile(path);
  try {
    return await inspectEifFrom(handle, size, path, options);
  } finally {
    await handle.close();
  }
}
async function inspectEifFrom(handle, fileSize, path, options = {}) {
  if (fileSize < HEADER_SIZE) throw new FormatError(`${path}: truncated: ${fileSize} bytes is less than the ${HEADER_SIZE}-byte EIF header`);
  const parallel = options.parallel ?? fileSize >= PARALLEL_FROM2;
  const chunkSize = Math.max(options.chunkSize ?? (parallel ? READ_CHUNK_PARALLEL : CHUNK_SIZE), HEADER_SIZE);
  const workers = parallel ? new HashWorkers(2, 6, chunkSize) : void 0;
  const digests = options.fileDigests ?? true;
  const cursor = new FileCursor(handle, {
    fileDigests: digests === true ? ["sha256", "sha384"] : digests === false ? [] : digests,
    pool: workers ?? singleBufferPool(chunkSize),
    ...options.tee ? { tee: options.tee } : {}
  });
  try {
    const headerBytes = await cursor.take(HEADER_SIZE);
    const header = decodeHeader(headerBytes, path);
    const state = {
      file: path,
      header,
      cursor,
      fileSize,
      measurer: new SectionMeasurer(workers),
      crc: crc32(headerBytes.subarray(0, HEADER.crc32[0])),
      held: /* @__PURE__ */ new Map(),
      sections: [],
      maxHeld: options.maxInMemorySection ?? 16 << 20
    };
    for (let i = 0; i < header.numSections; i++) await walkSection(state, i);
    checkTail(state);
    await cursor.teeDone();
    cursor.release();
    const fromWorkers = await workers?.digests();
    return await finish(state, await state.measurer.pcrs(fromWorkers), cursor.digests(fromWorkers));
  } finally {
    await workers?.close();
  }
}
async function walkSection(state, index) {
  const { file, header, cursor, fileSize } = state;
  const offset = cursor.position;
  const tableOffset = header.sectionOffsets[index] ?? 0n;
  if (tableOffset !== BigInt(offset)) {
    throw new FormatError(`${file}: section_offsets[${index}] (byte ${HEADER.sectionOffsets[0] + 8 * index}) is ${tableOffset} but section ${index} starts at offset ${offset}`);
  }
  if (offset + SECTION_HEADER_SIZE > fileSize) {
    throw new FormatError(`${file}: truncated: section ${index} header at offset ${offset} runs past the end of the file (${fileSize} bytes)`);
  }
  const rawHeader = await cursor.take(SECTION_HEADER_SIZE);
  const section = decodeSectionHeader(rawHeader);
  const type = sectionTypeName(section.type);
  if (!type) throw new FormatError(`${file}: section ${index} at offset ${offset}: unknown section_type ${section.type}`);
  if (section.flags !== 0) throw new FormatError(`${file}: section ${index} (${type}) at offset ${offset}: flags ${section.flags} at offset ${offset + 2} must be 0`);
  const since = SINCE_VERSION[type];
  if (since !== void 0 && header.version < since) {
    throw new FormatError(`${file}: section ${index} at offset ${offset}: ${type} section is not allowed in EIF version ${header.version}`);
  }
  const end = BigInt(offset + SECTION_HEADER_SIZE) + section.size;
  if (end > BigInt(fileSize)) {
    throw new FormatError(`${file}: section ${index} (${type}) at offset ${offset}: section_size ${section.size} runs past the end of the file (${fileSize} bytes)`);
  }
  if ((header.sectionSizes[index] ?? 0n) !== section.size) {
    throw new FormatError(`${file}: section_sizes[${index}] (byte ${HEADER.sectionSizes[0] + 8 * index}) is ${header.sectionSizes[index]} but the section at offset ${offset} holds ${section.size} bytes`);
  }
  const size = Number(section.size);
  state.crc = crc32(rawHeader, state.crc);
  state.sections.push({ index, type, offset, size });
  await pumpData(state, type, size, offset);
}
async function pumpData(state, type, size, offset) {
  const hold = HOLD_IN_MEMORY.has(type);
  if (hold && state.held.has(type)) throw new FormatError(`${state.file}: second ${type} section at offset ${offset}`);
  if (hold && size > state.maxHeld) {
    throw new FormatError(`${state.file}: ${type} section at offset ${offset} is ${size} bytes, over the ${state.maxHeld}-byte limit`);
  }
  const kept = hold ? new Uint8Array(size) : void 0;
  let filled = 0;
  state.measurer.begin(type);
  const complete = await state.cursor.pump(size, (chunk) => {
    state.measurer.update(chunk);
    state.crc = crc32(chunk, state.crc);
    if (kept) kept.set(chunk, filled);
    filled += chunk.byteLength;
  });
  if (!complete) throw new FormatError(`${state.file}: truncated: ${type} section at offset ${offset} ends early`);
  if (kept) state.held.set(type, kept);
}
function checkTail(state) {
  const { file, header, cursor, fileSize, sections } = state;
  for (let i = header.numSections; i < MAX_NUM_SECTIONS; i++) {
    if (header.sectionOffsets[i] !== 0n || header.sectionSizes[i] !== 0n) {
      throw new FormatError(`${file}: unused section table slot ${i} (byte ${HEADER.sectionOffsets[0] + 8 * i}) is not zero`);
    }
  }
  if (cursor.position !== fileSize) {
    throw new FormatError(`${file}: ${fileSize - cursor.position} bytes of trailing data at offset ${cursor.position} after the last section`);
  }
  const count = (t) => sections.filter((s) => s.type === t).length;
  for (const required of ["kernel", "cmdline"]) {
    if (count(required) !== 1) throw new FormatError(`${file}: expected one ${required} section, found ${count(required)}`);
  }
  if (count("ramdisk") === 0) throw new FormatError(`${file}: no ramdisk section`);
}
async function finish(state, pcrs, digests) {
  const { file, header, held } = state;
  const inspection = {
    path: file,
    size: state.fileSize,
    version: header.version,
    arch: header.flags & EIF_FLAG_AARCH64 ? "aarch64" : "x86_64",
    flags: header.flags,
    defaultMem: header.defaultMem,
    defaultCpus: header.defaultCpus,
    sections: state.sections,
    pcrs,
    crc: { stored: crcHex(header.crc32), computed: crcHex(state.crc), ok: header.crc32 === state.crc },
    cmdline: new TextDecoder().decode(held.get("cmdline"))
  };
  const metadata = held.get("metadata");
  if (metadata) inspection.metadata = parseMetadata(file, metadata, state.sections);
  const signature = held.get("signature");
  if (signature) {
    const offset = state.sections.find((s) => s.type === "signature")?.offset ?? 0;
    inspection.signature = checkSignatureSection(signature, pcrs.PCR0, `${file}: signature section at offset ${offset}`);
    pcrs.PCR8 = inspection.signature.pcr8;
  }
  Object.assign(inspection, digests);
  return inspection;
}
function parseMetadata(file, bytes, sections) {
  const offset = sections.find((s) => s.type === "metadata")?.offset ?? 0;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new FormatError(`${file}: metadata section at offset ${offset} is not valid JSON: ${error.message}`, { cause: error });
  }
}

// src/eif/certificate-info.ts
var GRAPHEME_EXTEND = new RegExp("^\\p{Grapheme_Extend}$", "u");

// src/eif/sign.ts
import { open as open2 } from "node:fs/promises";
async function signEif(path, options) {
  const inspection = await inspectEif(path, { fileDigests: false });
  if (!inspection.crc.ok) throw new VerificationError(`${path}: CRC mismatch (stored ${inspection.crc.stored}, computed ${inspection.crc.computed}): refusing to sign a damaged EIF`);
  if (inspection.version < 3) throw new UserError(`${path}: EIF version ${inspection.version} cannot hold a signature (needs 3 or later)`, { code: "unsupported" });
  const pem = typeof options.certificatePem === "string" ? new TextEncoder().encode(options.certificatePem) : options.certificatePem;
  const label = options.certificateLabel ?? "signing certificate";
  if (pem.byteLength > MAX_PEM_BYTES) throw new UserError(`${label}: ${pem.byteLength} bytes, more than ${MAX_PEM_BYTES}`);
  const { publicKey } = checkSigningCertificateValidity(pem, label, options.now);
  const algorithm = coseAlgorithmForKey(publicKey, label);
  const payload = encodePcrInfo(0, parseHex(inspection.pcrs.PCR0, 48, "PCR0"));
  const protectedBytes = protectedHeader(algorithm);
  const toBeSigned = sigStructure(protectedBytes, payload);
  const signature = await options.signer.sign(toBeSigned, algorithm);
  if (!verifyRaw(publicKey, algorithm, toBeSigned, signature)) {
    throw new VerificationError(`${label}: the signature does not verify with this certificate's key: wrong private key for it?`);
  }
  const section = encodeSignatureSection(pem, encodeCoseSign1(protectedBytes, payload, signature));
  const kept = inspection.sections.filter((s) => s.type !== "signature");
  if (kept.length + 1 > MAX_NUM_SECTIONS) throw new UserError(`${path}: no free section slot for a signature`, { code: "unsupported" });
  const written = await rewrite(path, inspection, kept, section);
  const { PCR0, PCR1, PCR2 } = inspection.pcrs;
  return { pcrs: { PCR0, PCR1, PCR2, PCR8: certificatePcr8(pem) }, algorithm, ...written };
}
function layoutWith(kept, signatureSize) {
  const sizes = [...kept.map((s) => BigInt(s.size)), BigInt(signatureSize)];
  let at = BigInt(HEADER_SIZE);
  const offsets = sizes.map((size) => {
    const offset = at;
    at += BigInt(SECTION_HEADER_SIZE) + size;
    return offset;
  });
  return { offsets, sizes };
}
async function rewrite(path, inspection, kept, signature) {
  const { offsets, sizes } = layoutWith(kept, signature.byteLength);
  const header = encodeHeader({
    version: inspection.version,
    flags: inspection.flags,
    defaultMem: inspection.defaultMem,
    defaultCpus: inspection.defaultCpus,
    numSections: sizes.length,
    sectionOffsets: offsets,
    sectionSizes: sizes,
    crc32: 0
  });
  const file = new AtomicFile(path);
  try {
    const { handle: source } = await openRegularFile(path);
    const target = await open2(file.tempPath, "wx", 420);
    let crc = crc32(header.subarray(0, HEADER.crc32[0]));
    try {
      await target.write(header);
      for (const s of kept) crc = await copyRange(source, target, s.offset, SECTION_HEADER_SIZE + s.size, crc);
      const sigHeader = encodeSectionHeader({ type: SectionType.signature, flags: 0, size: BigInt(signature.byteLength) });
      await target.write(sigHeader);
      await target.write(signature);
      crc = crc32(signature, crc32(sigHeader, crc));
      const crcBytes = new Uint8Array(4);
      new DataView(crcBytes.buffer).setUint32(0, crc);
      await target.write(crcBytes, 0, 4, HEADER.crc32[0]);
      await target.sync();
    } finally {
      await source.close();
      await target.close();
    }
    const digests = await digestFile(file.tempPath);
    await file.commit();
    const last = offsets.length - 1;
    return { size: Number(offsets[last] + BigInt(SECTION_HEADER_SIZE) + sizes[last]), ...digests, crc32: crcHex(crc) };
  } finally {
    await file.abort();
  }
}
async function copyRange(source, target, offset, length, crc) {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_SIZE, Math.max(length, 1)));
  let done = 0;
  while (done < length) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, length - done), offset + done);
    if (bytesRead === 0) throw new UserError(`file changed while signing: short read at offset ${offset + done}`, { code: "integrity" });
    const chunk = buffer.subarray(0, bytesRead);
    crc = crc32(chunk, crc);
    await target.write(chunk);
    done += bytesRead;
  }
  return crc;
}

// src/eif/signer.ts
import { createPrivateKey, sign } from "node:crypto";
function localKeySigner(privateKeyPem, what = "private key") {
  let key;
  try {
    key = createPrivateKey({ key: Buffer.from(privateKeyPem), format: "pem" });
  } catch (error) {
    throw new UserError(`${what}: ${privateKeyProblem(Buffer.from(privateKeyPem).toString("latin1"))}`, { cause: error });
  }
  const own = coseAlgorithmForKey(key, what);
  return {
    sign: async (toBeSigned, algorithm) => {
      if (algorithm !== own) throw new UserError(`${what}: the key is for ${own} but the certificate needs ${algorithm}`, { code: "mismatch" });
      return Uint8Array.from(sign(COSE_ALGORITHMS[algorithm].hash, toBeSigned, { key, dsaEncoding: "ieee-p1363" }));
    }
  };
}
function privateKeyProblem(text) {
  if (text.includes("-----BEGIN CERTIFICATE-----")) return "holds a certificate, not a private key (are the certificate and the key swapped?)";
  if (text.includes("-----BEGIN ENCRYPTED PRIVATE KEY-----") || /Proc-Type: 4,ENCRYPTED/.test(text)) return "the private key is encrypted; give it unencrypted";
  if (text.includes("-----BEGIN PUBLIC KEY-----")) return "holds a public key, not a private key";
  if (!text.includes("-----BEGIN ")) return "not PEM (no -----BEGIN line)";
  return "not a readable PEM private key";
}

export {
  DIRECT_ALIGN,
  directFlag,
  alignedBuffer,
  misalignedBuffer,
  alignUp,
  alignDown,
  isDirectRefusal,
  EIF_MAGIC,
  crc32Combine,
  crc32,
  digestFile,
  writeEif,
  checkSigningCertificateValidity,
  COSE_ALGORITHMS,
  inspectEif,
  inspectEifFrom,
  signEif,
  localKeySigner
};
