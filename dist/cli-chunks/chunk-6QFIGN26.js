import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  parseHex
} from "./chunk-Y6ML42PT.js";
import {
  FormatError,
  MAX_PEM_BYTES,
  UserError,
  VerificationError,
  openRegularFile,
  regularFileChunks,
  removeOnInterrupt,
  systemErrorReason
} from "./chunk-7UVRZBVQ.js";

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
async function checkOutputPath(path, label) {
  const parent = dirname(path);
  const parentInfo = await stat(parent).catch(() => void 0);
  if (!parentInfo) throw new UserError(`${label} ${path}: directory ${parent} does not exist`);
  if (!parentInfo.isDirectory()) throw new UserError(`${label} ${path}: ${parent} is not a directory`);
  if ((await lstat(path).catch(() => void 0))?.isDirectory()) throw new UserError(`${label} ${path}: is a directory`);
}

// src/eif/certificate.ts
import { X509Certificate } from "node:crypto";

// src/eif/pcr.ts
import { createHash } from "node:crypto";
var ZERO_REGISTER = new Uint8Array(48);
function extendZeroPcr(digest) {
  return createHash("sha384").update(ZERO_REGISTER).update(digest).digest("hex");
}
var PcrHasher = class {
  #hash = createHash("sha384");
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
  return extendZeroPcr(createHash("sha384").update(bytes).digest());
}
async function pcrOfFile(path) {
  const hasher = new PcrHasher();
  for await (const chunk of regularFileChunks(path)) hasher.update(chunk);
  return hasher.digest();
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

// src/eif/file-digest.ts
import { createHash as createHash2 } from "node:crypto";

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
  const sha256 = createHash2("sha256");
  const sha384 = createHash2("sha384");
  const { handle, size } = await openRegularFile(path);
  let left = size;
  try {
    const local = workers ? void 0 : Buffer.allocUnsafe(CHUNK_SIZE);
    for (; ; ) {
      const buffer2 = local ?? await workers.acquire();
      const { bytesRead } = left === 0 ? { bytesRead: 0 } : await handle.read(buffer2, 0, Math.min(buffer2.byteLength, left), null);
      left -= bytesRead;
      const chunk = buffer2.subarray(0, bytesRead);
      if (workers) {
        if (bytesRead > 0) {
          workers.update(0, "sha256", "sha256", chunk);
          workers.update(1, "sha384", "sha384", chunk);
        }
        workers.retire(buffer2);
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
  const hex = (name, algorithm) => (digests.get(name) ?? createHash2(algorithm).digest()).toString("hex");
  return { sha256: hex("sha256", "sha256"), sha384: hex("sha384", "sha384") };
}

// src/eif/signature.ts
import { verify } from "node:crypto";

// node_modules/cborg/lib/is.js
var objectTypeNames = [
  "Object",
  // for Object.create(null) and other non-plain objects
  "RegExp",
  "Date",
  "Error",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Promise",
  "URL",
  "HTMLElement",
  "Int8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array"
];
function is(value) {
  if (value === null) {
    return "null";
  }
  if (value === void 0) {
    return "undefined";
  }
  if (value === true || value === false) {
    return "boolean";
  }
  const typeOf = typeof value;
  if (typeOf === "string" || typeOf === "number" || typeOf === "bigint" || typeOf === "symbol") {
    return typeOf;
  }
  if (typeOf === "function") {
    return "Function";
  }
  if (Array.isArray(value)) {
    return "Array";
  }
  if (value instanceof Uint8Array) {
    return "Uint8Array";
  }
  if (value.constructor === Object) {
    return "Object";
  }
  const objectType = getObjectType(value);
  if (objectType) {
    return objectType;
  }
  return "Object";
}
function getObjectType(value) {
  const objectTypeName = Object.prototype.toString.call(value).slice(8, -1);
  if (objectTypeNames.includes(objectTypeName)) {
    return objectTypeName;
  }
  return void 0;
}

// node_modules/cborg/lib/token.js
var Type = class {
  /**
   * @param {number} major
   * @param {string} name
   * @param {boolean} terminal
   */
  constructor(major, name, terminal) {
    this.major = major;
    this.majorEncoded = major << 5;
    this.name = name;
    this.terminal = terminal;
  }
  /* c8 ignore next 3 */
  toString() {
    return `Type[${this.major}].${this.name}`;
  }
  /**
   * @param {Type} typ
   * @returns {number}
   */
  compare(typ) {
    return this.major < typ.major ? -1 : this.major > typ.major ? 1 : 0;
  }
  /**
   * Check equality between two Type instances. Safe to use across different
   * copies of the Type class (e.g., when bundlers duplicate the module).
   * (major, name) uniquely identifies a Type; terminal is implied by these.
   * @param {Type} a
   * @param {Type} b
   * @returns {boolean}
   */
  static equals(a, b) {
    return a === b || a.major === b.major && a.name === b.name;
  }
};
Type.uint = new Type(0, "uint", true);
Type.negint = new Type(1, "negint", true);
Type.bytes = new Type(2, "bytes", true);
Type.string = new Type(3, "string", true);
Type.array = new Type(4, "array", false);
Type.map = new Type(5, "map", false);
Type.tag = new Type(6, "tag", false);
Type.float = new Type(7, "float", true);
Type.false = new Type(7, "false", true);
Type.true = new Type(7, "true", true);
Type.null = new Type(7, "null", true);
Type.undefined = new Type(7, "undefined", true);
Type.break = new Type(7, "break", true);
var Token = class {
  /**
   * @param {Type} type
   * @param {any} [value]
   * @param {number} [encodedLength]
   */
  constructor(type, value, encodedLength) {
    this.type = type;
    this.value = value;
    this.encodedLength = encodedLength;
    this.encodedBytes = void 0;
    this.byteValue = void 0;
  }
  /* c8 ignore next 3 */
  toString() {
    return `Token[${this.type}].${this.value}`;
  }
};

// node_modules/cborg/lib/byte-utils.js
var useBuffer = globalThis.process && // @ts-ignore
!globalThis.process.browser && // @ts-ignore
globalThis.Buffer && // @ts-ignore
typeof globalThis.Buffer.isBuffer === "function";
var textEncoder = new TextEncoder();
function isBuffer(buf) {
  return useBuffer && globalThis.Buffer.isBuffer(buf);
}
function asU8A(buf) {
  if (!(buf instanceof Uint8Array)) {
    return Uint8Array.from(buf);
  }
  return isBuffer(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : buf;
}
var FROM_STRING_THRESHOLD_BUFFER = 24;
var FROM_STRING_THRESHOLD_TEXTENCODER = 200;
var fromString = useBuffer ? (
  // eslint-disable-line operator-linebreak
  /**
   * @param {string} string
   */
  (string) => {
    return string.length >= FROM_STRING_THRESHOLD_BUFFER ? (
      // eslint-disable-line operator-linebreak
      // @ts-ignore
      globalThis.Buffer.from(string)
    ) : utf8ToBytes(string);
  }
) : (
  // eslint-disable-line operator-linebreak
  /**
   * @param {string} string
   */
  (string) => {
    return string.length >= FROM_STRING_THRESHOLD_TEXTENCODER ? textEncoder.encode(string) : utf8ToBytes(string);
  }
);
var fromArray = (arr) => {
  return Uint8Array.from(arr);
};
var slice = useBuffer ? (
  // eslint-disable-line operator-linebreak
  /**
   * @param {Uint8Array} bytes
   * @param {number} start
   * @param {number} end
   */
  // Buffer.slice() returns a view, not a copy, so we need special handling
  (bytes, start, end) => {
    if (isBuffer(bytes)) {
      return new Uint8Array(bytes.subarray(start, end));
    }
    return bytes.slice(start, end);
  }
) : (
  // eslint-disable-line operator-linebreak
  /**
   * @param {Uint8Array} bytes
   * @param {number} start
   * @param {number} end
   */
  (bytes, start, end) => {
    return bytes.slice(start, end);
  }
);
var concat = useBuffer ? (
  // eslint-disable-line operator-linebreak
  /**
   * @param {Uint8Array[]} chunks
   * @param {number} length
   * @returns {Uint8Array}
   */
  (chunks, length) => {
    chunks = chunks.map((c) => c instanceof Uint8Array ? c : (
      // eslint-disable-line operator-linebreak
      // @ts-ignore
      globalThis.Buffer.from(c)
    ));
    return asU8A(globalThis.Buffer.concat(chunks, length));
  }
) : (
  // eslint-disable-line operator-linebreak
  /**
   * @param {Uint8Array[]} chunks
   * @param {number} length
   * @returns {Uint8Array}
   */
  (chunks, length) => {
    const out = new Uint8Array(length);
    let off = 0;
    for (let b of chunks) {
      if (off + b.length > out.length) {
        b = b.subarray(0, out.length - off);
      }
      out.set(b, off);
      off += b.length;
    }
    return out;
  }
);
var alloc = useBuffer ? (
  // eslint-disable-line operator-linebreak
  /**
   * @param {number} size
   * @returns {Uint8Array}
   */
  (size) => {
    return globalThis.Buffer.allocUnsafe(size);
  }
) : (
  // eslint-disable-line operator-linebreak
  /**
   * @param {number} size
   * @returns {Uint8Array}
   */
  (size) => {
    return new Uint8Array(size);
  }
);
function compare(b1, b2) {
  if (isBuffer(b1) && isBuffer(b2)) {
    return b1.compare(b2);
  }
  for (let i = 0; i < b1.length; i++) {
    if (b1[i] === b2[i]) {
      continue;
    }
    return b1[i] < b2[i] ? -1 : 1;
  }
  return 0;
}
function utf8ToBytes(str) {
  const out = [];
  let p = 0;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 128) {
      out[p++] = c;
    } else if (c < 2048) {
      out[p++] = c >> 6 | 192;
      out[p++] = c & 63 | 128;
    } else if ((c & 64512) === 55296 && i + 1 < str.length && (str.charCodeAt(i + 1) & 64512) === 56320) {
      c = 65536 + ((c & 1023) << 10) + (str.charCodeAt(++i) & 1023);
      out[p++] = c >> 18 | 240;
      out[p++] = c >> 12 & 63 | 128;
      out[p++] = c >> 6 & 63 | 128;
      out[p++] = c & 63 | 128;
    } else {
      if (c >= 55296 && c <= 57343) {
        c = 65533;
      }
      out[p++] = c >> 12 | 224;
      out[p++] = c >> 6 & 63 | 128;
      out[p++] = c & 63 | 128;
    }
  }
  return out;
}

// node_modules/cborg/lib/bl.js
var defaultChunkSize = 256;
var Bl = class {
  /**
   * @param {number} [chunkSize]
   */
  constructor(chunkSize = defaultChunkSize) {
    this.chunkSize = chunkSize;
    this.cursor = 0;
    this.maxCursor = -1;
    this.chunks = [];
    this._initReuseChunk = null;
  }
  reset() {
    this.cursor = 0;
    this.maxCursor = -1;
    if (this.chunks.length) {
      this.chunks = [];
    }
    if (this._initReuseChunk !== null) {
      this.chunks.push(this._initReuseChunk);
      this.maxCursor = this._initReuseChunk.length - 1;
    }
  }
  /**
   * @param {Uint8Array|number[]} bytes
   */
  push(bytes) {
    let topChunk = this.chunks[this.chunks.length - 1];
    const newMax = this.cursor + bytes.length;
    if (newMax <= this.maxCursor + 1) {
      const chunkPos = topChunk.length - (this.maxCursor - this.cursor) - 1;
      topChunk.set(bytes, chunkPos);
    } else {
      if (topChunk) {
        const chunkPos = topChunk.length - (this.maxCursor - this.cursor) - 1;
        if (chunkPos < topChunk.length) {
          this.chunks[this.chunks.length - 1] = topChunk.subarray(0, chunkPos);
          this.maxCursor = this.cursor - 1;
        }
      }
      if (bytes.length < 64 && bytes.length < this.chunkSize) {
        topChunk = alloc(this.chunkSize);
        this.chunks.push(topChunk);
        this.maxCursor += topChunk.length;
        if (this._initReuseChunk === null) {
          this._initReuseChunk = topChunk;
        }
        topChunk.set(bytes, 0);
      } else {
        this.chunks.push(bytes);
        this.maxCursor += bytes.length;
      }
    }
    this.cursor += bytes.length;
  }
  /**
   * @param {boolean} [reset]
   * @returns {Uint8Array}
   */
  toBytes(reset = false) {
    let byts;
    if (this.chunks.length === 1) {
      const chunk = this.chunks[0];
      if (reset && this.cursor > chunk.length / 2) {
        byts = this.cursor === chunk.length ? chunk : chunk.subarray(0, this.cursor);
        this._initReuseChunk = null;
        this.chunks = [];
      } else {
        byts = slice(chunk, 0, this.cursor);
      }
    } else {
      byts = concat(this.chunks, this.cursor);
    }
    if (reset) {
      this.reset();
    }
    return byts;
  }
};
var U8Bl = class {
  /**
   * @param {Uint8Array} dest
   */
  constructor(dest) {
    this.dest = dest;
    this.cursor = 0;
    this.chunks = [dest];
  }
  reset() {
    this.cursor = 0;
  }
  /**
   * @param {Uint8Array|number[]} bytes
   */
  push(bytes) {
    if (this.cursor + bytes.length > this.dest.length) {
      throw new Error("write out of bounds, destination buffer is too small");
    }
    this.dest.set(bytes, this.cursor);
    this.cursor += bytes.length;
  }
  /**
   * @param {boolean} [reset]
   * @returns {Uint8Array}
   */
  toBytes(reset = false) {
    const byts = this.dest.subarray(0, this.cursor);
    if (reset) {
      this.reset();
    }
    return byts;
  }
};

// node_modules/cborg/lib/common.js
var decodeErrPrefix = "CBOR decode error:";
var encodeErrPrefix = "CBOR encode error:";
var uintMinorPrefixBytes = [];
uintMinorPrefixBytes[23] = 1;
uintMinorPrefixBytes[24] = 2;
uintMinorPrefixBytes[25] = 3;
uintMinorPrefixBytes[26] = 5;
uintMinorPrefixBytes[27] = 9;
function assertEnoughData(data, pos, need) {
  if (data.length - pos < need) {
    throw new Error(`${decodeErrPrefix} not enough data for type`);
  }
}

// node_modules/cborg/lib/0uint.js
var uintBoundaries = [24, 256, 65536, 4294967296, BigInt("18446744073709551616")];
function readUint8(data, offset, options) {
  assertEnoughData(data, offset, 1);
  const value = data[offset];
  if (options.strict === true && value < uintBoundaries[0]) {
    throw new Error(`${decodeErrPrefix} integer encoded in more bytes than necessary (strict decode)`);
  }
  return value;
}
function readUint16(data, offset, options) {
  assertEnoughData(data, offset, 2);
  const value = data[offset] << 8 | data[offset + 1];
  if (options.strict === true && value < uintBoundaries[1]) {
    throw new Error(`${decodeErrPrefix} integer encoded in more bytes than necessary (strict decode)`);
  }
  return value;
}
function readUint32(data, offset, options) {
  assertEnoughData(data, offset, 4);
  const value = data[offset] * 16777216 + (data[offset + 1] << 16) + (data[offset + 2] << 8) + data[offset + 3];
  if (options.strict === true && value < uintBoundaries[2]) {
    throw new Error(`${decodeErrPrefix} integer encoded in more bytes than necessary (strict decode)`);
  }
  return value;
}
function readUint64(data, offset, options) {
  assertEnoughData(data, offset, 8);
  const hi = data[offset] * 16777216 + (data[offset + 1] << 16) + (data[offset + 2] << 8) + data[offset + 3];
  const lo = data[offset + 4] * 16777216 + (data[offset + 5] << 16) + (data[offset + 6] << 8) + data[offset + 7];
  const value = (BigInt(hi) << BigInt(32)) + BigInt(lo);
  if (options.strict === true && value < uintBoundaries[3]) {
    throw new Error(`${decodeErrPrefix} integer encoded in more bytes than necessary (strict decode)`);
  }
  if (value <= Number.MAX_SAFE_INTEGER) {
    return Number(value);
  }
  if (options.allowBigInt === true) {
    return value;
  }
  throw new Error(`${decodeErrPrefix} integers outside of the safe integer range are not supported`);
}
function decodeUint8(data, pos, _minor, options) {
  return new Token(Type.uint, readUint8(data, pos + 1, options), 2);
}
function decodeUint16(data, pos, _minor, options) {
  return new Token(Type.uint, readUint16(data, pos + 1, options), 3);
}
function decodeUint32(data, pos, _minor, options) {
  return new Token(Type.uint, readUint32(data, pos + 1, options), 5);
}
function decodeUint64(data, pos, _minor, options) {
  return new Token(Type.uint, readUint64(data, pos + 1, options), 9);
}
function encodeUint(writer, token) {
  return encodeUintValue(writer, 0, token.value);
}
function encodeUintValue(writer, major, uint) {
  if (uint < uintBoundaries[0]) {
    const nuint = Number(uint);
    writer.push([major | nuint]);
  } else if (uint < uintBoundaries[1]) {
    const nuint = Number(uint);
    writer.push([major | 24, nuint]);
  } else if (uint < uintBoundaries[2]) {
    const nuint = Number(uint);
    writer.push([major | 25, nuint >>> 8, nuint & 255]);
  } else if (uint < uintBoundaries[3]) {
    const nuint = Number(uint);
    writer.push([major | 26, nuint >>> 24 & 255, nuint >>> 16 & 255, nuint >>> 8 & 255, nuint & 255]);
  } else {
    const buint = BigInt(uint);
    if (buint < uintBoundaries[4]) {
      const set = [major | 27, 0, 0, 0, 0, 0, 0, 0];
      let lo = Number(buint & BigInt(4294967295));
      let hi = Number(buint >> BigInt(32) & BigInt(4294967295));
      set[8] = lo & 255;
      lo = lo >> 8;
      set[7] = lo & 255;
      lo = lo >> 8;
      set[6] = lo & 255;
      lo = lo >> 8;
      set[5] = lo & 255;
      set[4] = hi & 255;
      hi = hi >> 8;
      set[3] = hi & 255;
      hi = hi >> 8;
      set[2] = hi & 255;
      hi = hi >> 8;
      set[1] = hi & 255;
      writer.push(set);
    } else {
      throw new Error(`${decodeErrPrefix} encountered BigInt larger than allowable range`);
    }
  }
}
encodeUint.encodedSize = function encodedSize(token) {
  return encodeUintValue.encodedSize(token.value);
};
encodeUintValue.encodedSize = function encodedSize2(uint) {
  if (uint < uintBoundaries[0]) {
    return 1;
  }
  if (uint < uintBoundaries[1]) {
    return 2;
  }
  if (uint < uintBoundaries[2]) {
    return 3;
  }
  if (uint < uintBoundaries[3]) {
    return 5;
  }
  return 9;
};
encodeUint.compareTokens = function compareTokens(tok1, tok2) {
  return tok1.value < tok2.value ? -1 : tok1.value > tok2.value ? 1 : (
    /* c8 ignore next */
    0
  );
};

// node_modules/cborg/lib/1negint.js
function decodeNegint8(data, pos, _minor, options) {
  return new Token(Type.negint, -1 - readUint8(data, pos + 1, options), 2);
}
function decodeNegint16(data, pos, _minor, options) {
  return new Token(Type.negint, -1 - readUint16(data, pos + 1, options), 3);
}
function decodeNegint32(data, pos, _minor, options) {
  return new Token(Type.negint, -1 - readUint32(data, pos + 1, options), 5);
}
var neg1b = BigInt(-1);
var pos1b = BigInt(1);
function decodeNegint64(data, pos, _minor, options) {
  const int = readUint64(data, pos + 1, options);
  if (typeof int !== "bigint") {
    const value = -1 - int;
    if (value >= Number.MIN_SAFE_INTEGER) {
      return new Token(Type.negint, value, 9);
    }
  }
  if (options.allowBigInt !== true) {
    throw new Error(`${decodeErrPrefix} integers outside of the safe integer range are not supported`);
  }
  return new Token(Type.negint, neg1b - BigInt(int), 9);
}
function encodeNegint(writer, token) {
  const negint = token.value;
  const unsigned = typeof negint === "bigint" ? negint * neg1b - pos1b : negint * -1 - 1;
  encodeUintValue(writer, token.type.majorEncoded, unsigned);
}
encodeNegint.encodedSize = function encodedSize3(token) {
  const negint = token.value;
  const unsigned = typeof negint === "bigint" ? negint * neg1b - pos1b : negint * -1 - 1;
  if (unsigned < uintBoundaries[0]) {
    return 1;
  }
  if (unsigned < uintBoundaries[1]) {
    return 2;
  }
  if (unsigned < uintBoundaries[2]) {
    return 3;
  }
  if (unsigned < uintBoundaries[3]) {
    return 5;
  }
  return 9;
};
encodeNegint.compareTokens = function compareTokens2(tok1, tok2) {
  return tok1.value < tok2.value ? 1 : tok1.value > tok2.value ? -1 : (
    /* c8 ignore next */
    0
  );
};

// node_modules/cborg/lib/2bytes.js
function toToken(data, pos, prefix, length) {
  assertEnoughData(data, pos, prefix + length);
  const buf = data.slice(pos + prefix, pos + prefix + length);
  return new Token(Type.bytes, buf, prefix + length);
}
function decodeBytesCompact(data, pos, minor, _options) {
  return toToken(data, pos, 1, minor);
}
function decodeBytes8(data, pos, _minor, options) {
  return toToken(data, pos, 2, readUint8(data, pos + 1, options));
}
function decodeBytes16(data, pos, _minor, options) {
  return toToken(data, pos, 3, readUint16(data, pos + 1, options));
}
function decodeBytes32(data, pos, _minor, options) {
  return toToken(data, pos, 5, readUint32(data, pos + 1, options));
}
function decodeBytes64(data, pos, _minor, options) {
  const l = readUint64(data, pos + 1, options);
  if (typeof l === "bigint") {
    throw new Error(`${decodeErrPrefix} 64-bit integer bytes lengths not supported`);
  }
  return toToken(data, pos, 9, l);
}
function tokenBytes(token) {
  if (token.encodedBytes === void 0) {
    token.encodedBytes = Type.equals(token.type, Type.string) ? fromString(token.value) : token.value;
  }
  return token.encodedBytes;
}
function encodeBytes(writer, token) {
  const bytes = tokenBytes(token);
  encodeUintValue(writer, token.type.majorEncoded, bytes.length);
  writer.push(bytes);
}
encodeBytes.encodedSize = function encodedSize4(token) {
  const bytes = tokenBytes(token);
  return encodeUintValue.encodedSize(bytes.length) + bytes.length;
};
encodeBytes.compareTokens = function compareTokens3(tok1, tok2) {
  return compareBytes(tokenBytes(tok1), tokenBytes(tok2));
};
function compareBytes(b1, b2) {
  return b1.length < b2.length ? -1 : b1.length > b2.length ? 1 : compare(b1, b2);
}

// node_modules/cborg/lib/3string.js
var textDecoder = new TextDecoder();
var ASCII_THRESHOLD = 32;
function toStr(bytes, start, end) {
  const len = end - start;
  if (len < ASCII_THRESHOLD) {
    let str = "";
    for (let i = start; i < end; i++) {
      const c = bytes[i];
      if (c & 128) {
        return textDecoder.decode(bytes.subarray(start, end));
      }
      str += String.fromCharCode(c);
    }
    return str;
  }
  return textDecoder.decode(bytes.subarray(start, end));
}
function toToken2(data, pos, prefix, length, options) {
  const totLength = prefix + length;
  assertEnoughData(data, pos, totLength);
  const tok = new Token(Type.string, toStr(data, pos + prefix, pos + totLength), totLength);
  if (options.retainStringBytes === true) {
    tok.byteValue = data.slice(pos + prefix, pos + totLength);
  }
  return tok;
}
function decodeStringCompact(data, pos, minor, options) {
  return toToken2(data, pos, 1, minor, options);
}
function decodeString8(data, pos, _minor, options) {
  return toToken2(data, pos, 2, readUint8(data, pos + 1, options), options);
}
function decodeString16(data, pos, _minor, options) {
  return toToken2(data, pos, 3, readUint16(data, pos + 1, options), options);
}
function decodeString32(data, pos, _minor, options) {
  return toToken2(data, pos, 5, readUint32(data, pos + 1, options), options);
}
function decodeString64(data, pos, _minor, options) {
  const l = readUint64(data, pos + 1, options);
  if (typeof l === "bigint") {
    throw new Error(`${decodeErrPrefix} 64-bit integer string lengths not supported`);
  }
  return toToken2(data, pos, 9, l, options);
}
var encodeString = encodeBytes;

// node_modules/cborg/lib/4array.js
function toToken3(_data, _pos, prefix, length) {
  return new Token(Type.array, length, prefix);
}
function decodeArrayCompact(data, pos, minor, _options) {
  return toToken3(data, pos, 1, minor);
}
function decodeArray8(data, pos, _minor, options) {
  return toToken3(data, pos, 2, readUint8(data, pos + 1, options));
}
function decodeArray16(data, pos, _minor, options) {
  return toToken3(data, pos, 3, readUint16(data, pos + 1, options));
}
function decodeArray32(data, pos, _minor, options) {
  return toToken3(data, pos, 5, readUint32(data, pos + 1, options));
}
function decodeArray64(data, pos, _minor, options) {
  const l = readUint64(data, pos + 1, options);
  if (typeof l === "bigint") {
    throw new Error(`${decodeErrPrefix} 64-bit integer array lengths not supported`);
  }
  return toToken3(data, pos, 9, l);
}
function decodeArrayIndefinite(data, pos, _minor, options) {
  if (options.allowIndefinite === false) {
    throw new Error(`${decodeErrPrefix} indefinite length items not allowed`);
  }
  return toToken3(data, pos, 1, Infinity);
}
function encodeArray(writer, token) {
  encodeUintValue(writer, Type.array.majorEncoded, token.value);
}
encodeArray.compareTokens = encodeUint.compareTokens;
encodeArray.encodedSize = function encodedSize5(token) {
  return encodeUintValue.encodedSize(token.value);
};

// node_modules/cborg/lib/5map.js
function toToken4(_data, _pos, prefix, length) {
  return new Token(Type.map, length, prefix);
}
function decodeMapCompact(data, pos, minor, _options) {
  return toToken4(data, pos, 1, minor);
}
function decodeMap8(data, pos, _minor, options) {
  return toToken4(data, pos, 2, readUint8(data, pos + 1, options));
}
function decodeMap16(data, pos, _minor, options) {
  return toToken4(data, pos, 3, readUint16(data, pos + 1, options));
}
function decodeMap32(data, pos, _minor, options) {
  return toToken4(data, pos, 5, readUint32(data, pos + 1, options));
}
function decodeMap64(data, pos, _minor, options) {
  const l = readUint64(data, pos + 1, options);
  if (typeof l === "bigint") {
    throw new Error(`${decodeErrPrefix} 64-bit integer map lengths not supported`);
  }
  return toToken4(data, pos, 9, l);
}
function decodeMapIndefinite(data, pos, _minor, options) {
  if (options.allowIndefinite === false) {
    throw new Error(`${decodeErrPrefix} indefinite length items not allowed`);
  }
  return toToken4(data, pos, 1, Infinity);
}
function encodeMap(writer, token) {
  encodeUintValue(writer, Type.map.majorEncoded, token.value);
}
encodeMap.compareTokens = encodeUint.compareTokens;
encodeMap.encodedSize = function encodedSize6(token) {
  return encodeUintValue.encodedSize(token.value);
};

// node_modules/cborg/lib/6tag.js
function decodeTagCompact(_data, _pos, minor, _options) {
  return new Token(Type.tag, minor, 1);
}
function decodeTag8(data, pos, _minor, options) {
  return new Token(Type.tag, readUint8(data, pos + 1, options), 2);
}
function decodeTag16(data, pos, _minor, options) {
  return new Token(Type.tag, readUint16(data, pos + 1, options), 3);
}
function decodeTag32(data, pos, _minor, options) {
  return new Token(Type.tag, readUint32(data, pos + 1, options), 5);
}
function decodeTag64(data, pos, _minor, options) {
  return new Token(Type.tag, readUint64(data, pos + 1, options), 9);
}
function encodeTag(writer, token) {
  encodeUintValue(writer, Type.tag.majorEncoded, token.value);
}
encodeTag.compareTokens = encodeUint.compareTokens;
encodeTag.encodedSize = function encodedSize7(token) {
  return encodeUintValue.encodedSize(token.value);
};

// node_modules/cborg/lib/7float.js
var MINOR_FALSE = 20;
var MINOR_TRUE = 21;
var MINOR_NULL = 22;
var MINOR_UNDEFINED = 23;
function decodeUndefined(_data, _pos, _minor, options) {
  if (options.allowUndefined === false) {
    throw new Error(`${decodeErrPrefix} undefined values are not supported`);
  } else if (options.coerceUndefinedToNull === true) {
    return new Token(Type.null, null, 1);
  }
  return new Token(Type.undefined, void 0, 1);
}
function decodeBreak(_data, _pos, _minor, options) {
  if (options.allowIndefinite === false) {
    throw new Error(`${decodeErrPrefix} indefinite length items not allowed`);
  }
  return new Token(Type.break, void 0, 1);
}
function createToken(value, bytes, options) {
  if (options) {
    if (options.allowNaN === false && Number.isNaN(value)) {
      throw new Error(`${decodeErrPrefix} NaN values are not supported`);
    }
    if (options.allowInfinity === false && (value === Infinity || value === -Infinity)) {
      throw new Error(`${decodeErrPrefix} Infinity values are not supported`);
    }
  }
  return new Token(Type.float, value, bytes);
}
function decodeFloat16(data, pos, _minor, options) {
  return createToken(readFloat16(data, pos + 1), 3, options);
}
function decodeFloat32(data, pos, _minor, options) {
  return createToken(readFloat32(data, pos + 1), 5, options);
}
function decodeFloat64(data, pos, _minor, options) {
  return createToken(readFloat64(data, pos + 1), 9, options);
}
function encodeFloat(writer, token, options) {
  const float = token.value;
  if (float === false) {
    writer.push([Type.float.majorEncoded | MINOR_FALSE]);
  } else if (float === true) {
    writer.push([Type.float.majorEncoded | MINOR_TRUE]);
  } else if (float === null) {
    writer.push([Type.float.majorEncoded | MINOR_NULL]);
  } else if (float === void 0) {
    writer.push([Type.float.majorEncoded | MINOR_UNDEFINED]);
  } else {
    let decoded;
    let success = false;
    if (!options || options.float64 !== true) {
      encodeFloat16(float);
      decoded = readFloat16(ui8a, 1);
      if (float === decoded || Number.isNaN(float)) {
        ui8a[0] = 249;
        writer.push(ui8a.slice(0, 3));
        success = true;
      } else {
        encodeFloat32(float);
        decoded = readFloat32(ui8a, 1);
        if (float === decoded) {
          ui8a[0] = 250;
          writer.push(ui8a.slice(0, 5));
          success = true;
        }
      }
    }
    if (!success) {
      encodeFloat64(float);
      decoded = readFloat64(ui8a, 1);
      ui8a[0] = 251;
      writer.push(ui8a.slice(0, 9));
    }
  }
}
encodeFloat.encodedSize = function encodedSize8(token, options) {
  const float = token.value;
  if (float === false || float === true || float === null || float === void 0) {
    return 1;
  }
  if (!options || options.float64 !== true) {
    encodeFloat16(float);
    let decoded = readFloat16(ui8a, 1);
    if (float === decoded || Number.isNaN(float)) {
      return 3;
    }
    encodeFloat32(float);
    decoded = readFloat32(ui8a, 1);
    if (float === decoded) {
      return 5;
    }
  }
  return 9;
};
var buffer = new ArrayBuffer(9);
var dataView = new DataView(buffer, 1);
var ui8a = new Uint8Array(buffer, 0);
function encodeFloat16(inp) {
  if (inp === Infinity) {
    dataView.setUint16(0, 31744, false);
  } else if (inp === -Infinity) {
    dataView.setUint16(0, 64512, false);
  } else if (Number.isNaN(inp)) {
    dataView.setUint16(0, 32256, false);
  } else {
    dataView.setFloat32(0, inp);
    const valu32 = dataView.getUint32(0);
    const exponent = (valu32 & 2139095040) >> 23;
    const mantissa = valu32 & 8388607;
    if (exponent === 255) {
      dataView.setUint16(0, 31744, false);
    } else if (exponent === 0) {
      dataView.setUint16(0, (inp & 2147483648) >> 16 | mantissa >> 13, false);
    } else {
      const logicalExponent = exponent - 127;
      if (logicalExponent < -24) {
        dataView.setUint16(0, 0);
      } else if (logicalExponent < -14) {
        dataView.setUint16(0, (valu32 & 2147483648) >> 16 | /* sign bit */
        1 << 24 + logicalExponent, false);
      } else {
        dataView.setUint16(0, (valu32 & 2147483648) >> 16 | logicalExponent + 15 << 10 | mantissa >> 13, false);
      }
    }
  }
}
function readFloat16(ui8a2, pos) {
  if (ui8a2.length - pos < 2) {
    throw new Error(`${decodeErrPrefix} not enough data for float16`);
  }
  const half = (ui8a2[pos] << 8) + ui8a2[pos + 1];
  if (half === 31744) {
    return Infinity;
  }
  if (half === 64512) {
    return -Infinity;
  }
  if (half === 32256) {
    return NaN;
  }
  const exp = half >> 10 & 31;
  const mant = half & 1023;
  let val;
  if (exp === 0) {
    val = mant * 2 ** -24;
  } else if (exp !== 31) {
    val = (mant + 1024) * 2 ** (exp - 25);
  } else {
    val = mant === 0 ? Infinity : NaN;
  }
  return half & 32768 ? -val : val;
}
function encodeFloat32(inp) {
  dataView.setFloat32(0, inp, false);
}
function readFloat32(ui8a2, pos) {
  if (ui8a2.length - pos < 4) {
    throw new Error(`${decodeErrPrefix} not enough data for float32`);
  }
  const offset = (ui8a2.byteOffset || 0) + pos;
  return new DataView(ui8a2.buffer, offset, 4).getFloat32(0, false);
}
function encodeFloat64(inp) {
  dataView.setFloat64(0, inp, false);
}
function readFloat64(ui8a2, pos) {
  if (ui8a2.length - pos < 8) {
    throw new Error(`${decodeErrPrefix} not enough data for float64`);
  }
  const offset = (ui8a2.byteOffset || 0) + pos;
  return new DataView(ui8a2.buffer, offset, 8).getFloat64(0, false);
}
encodeFloat.compareTokens = encodeUint.compareTokens;

// node_modules/cborg/lib/jump.js
function invalidMinor(data, pos, minor) {
  throw new Error(`${decodeErrPrefix} encountered invalid minor (${minor}) for major ${data[pos] >>> 5}`);
}
function errorer(msg) {
  return () => {
    throw new Error(`${decodeErrPrefix} ${msg}`);
  };
}
var jump = [];
for (let i = 0; i <= 23; i++) {
  jump[i] = invalidMinor;
}
jump[24] = decodeUint8;
jump[25] = decodeUint16;
jump[26] = decodeUint32;
jump[27] = decodeUint64;
jump[28] = invalidMinor;
jump[29] = invalidMinor;
jump[30] = invalidMinor;
jump[31] = invalidMinor;
for (let i = 32; i <= 55; i++) {
  jump[i] = invalidMinor;
}
jump[56] = decodeNegint8;
jump[57] = decodeNegint16;
jump[58] = decodeNegint32;
jump[59] = decodeNegint64;
jump[60] = invalidMinor;
jump[61] = invalidMinor;
jump[62] = invalidMinor;
jump[63] = invalidMinor;
for (let i = 64; i <= 87; i++) {
  jump[i] = decodeBytesCompact;
}
jump[88] = decodeBytes8;
jump[89] = decodeBytes16;
jump[90] = decodeBytes32;
jump[91] = decodeBytes64;
jump[92] = invalidMinor;
jump[93] = invalidMinor;
jump[94] = invalidMinor;
jump[95] = errorer("indefinite length bytes/strings are not supported");
for (let i = 96; i <= 119; i++) {
  jump[i] = decodeStringCompact;
}
jump[120] = decodeString8;
jump[121] = decodeString16;
jump[122] = decodeString32;
jump[123] = decodeString64;
jump[124] = invalidMinor;
jump[125] = invalidMinor;
jump[126] = invalidMinor;
jump[127] = errorer("indefinite length bytes/strings are not supported");
for (let i = 128; i <= 151; i++) {
  jump[i] = decodeArrayCompact;
}
jump[152] = decodeArray8;
jump[153] = decodeArray16;
jump[154] = decodeArray32;
jump[155] = decodeArray64;
jump[156] = invalidMinor;
jump[157] = invalidMinor;
jump[158] = invalidMinor;
jump[159] = decodeArrayIndefinite;
for (let i = 160; i <= 183; i++) {
  jump[i] = decodeMapCompact;
}
jump[184] = decodeMap8;
jump[185] = decodeMap16;
jump[186] = decodeMap32;
jump[187] = decodeMap64;
jump[188] = invalidMinor;
jump[189] = invalidMinor;
jump[190] = invalidMinor;
jump[191] = decodeMapIndefinite;
for (let i = 192; i <= 215; i++) {
  jump[i] = decodeTagCompact;
}
jump[216] = decodeTag8;
jump[217] = decodeTag16;
jump[218] = decodeTag32;
jump[219] = decodeTag64;
jump[220] = invalidMinor;
jump[221] = invalidMinor;
jump[222] = invalidMinor;
jump[223] = invalidMinor;
for (let i = 224; i <= 243; i++) {
  jump[i] = errorer("simple values are not supported");
}
jump[244] = invalidMinor;
jump[245] = invalidMinor;
jump[246] = invalidMinor;
jump[247] = decodeUndefined;
jump[248] = errorer("simple values are not supported");
jump[249] = decodeFloat16;
jump[250] = decodeFloat32;
jump[251] = decodeFloat64;
jump[252] = invalidMinor;
jump[253] = invalidMinor;
jump[254] = invalidMinor;
jump[255] = decodeBreak;
var quick = [];
for (let i = 0; i < 24; i++) {
  quick[i] = new Token(Type.uint, i, 1);
}
for (let i = -1; i >= -24; i--) {
  quick[31 - i] = new Token(Type.negint, i, 1);
}
quick[64] = new Token(Type.bytes, new Uint8Array(0), 1);
quick[96] = new Token(Type.string, "", 1);
quick[128] = new Token(Type.array, 0, 1);
quick[160] = new Token(Type.map, 0, 1);
quick[244] = new Token(Type.false, false, 1);
quick[245] = new Token(Type.true, true, 1);
quick[246] = new Token(Type.null, null, 1);
function quickEncodeToken(token) {
  switch (token.type) {
    case Type.false:
      return fromArray([244]);
    case Type.true:
      return fromArray([245]);
    case Type.null:
      return fromArray([246]);
    case Type.bytes:
      if (!token.value.length) {
        return fromArray([64]);
      }
      return;
    case Type.string:
      if (token.value === "") {
        return fromArray([96]);
      }
      return;
    case Type.array:
      if (token.value === 0) {
        return fromArray([128]);
      }
      return;
    case Type.map:
      if (token.value === 0) {
        return fromArray([160]);
      }
      return;
    case Type.uint:
      if (token.value < 24) {
        return fromArray([Number(token.value)]);
      }
      return;
    case Type.negint:
      if (token.value >= -24) {
        return fromArray([31 - Number(token.value)]);
      }
  }
}

// node_modules/cborg/lib/encode.js
var defaultEncodeOptions = {
  float64: false,
  mapSorter,
  quickEncodeToken
};
var rfc8949EncodeOptions = Object.freeze({
  float64: true,
  mapSorter: rfc8949MapSorter,
  quickEncodeToken
});
function makeCborEncoders() {
  const encoders = [];
  encoders[Type.uint.major] = encodeUint;
  encoders[Type.negint.major] = encodeNegint;
  encoders[Type.bytes.major] = encodeBytes;
  encoders[Type.string.major] = encodeString;
  encoders[Type.array.major] = encodeArray;
  encoders[Type.map.major] = encodeMap;
  encoders[Type.tag.major] = encodeTag;
  encoders[Type.float.major] = encodeFloat;
  return encoders;
}
var cborEncoders = makeCborEncoders();
var defaultWriter = new Bl();
var Ref = class _Ref {
  /**
   * @param {object|any[]} obj
   * @param {Reference|undefined} parent
   */
  constructor(obj, parent) {
    this.obj = obj;
    this.parent = parent;
  }
  /**
   * @param {object|any[]} obj
   * @returns {boolean}
   */
  includes(obj) {
    let p = this;
    do {
      if (p.obj === obj) {
        return true;
      }
    } while (p = p.parent);
    return false;
  }
  /**
   * @param {Reference|undefined} stack
   * @param {object|any[]} obj
   * @returns {Reference}
   */
  static createCheck(stack, obj) {
    if (stack && stack.includes(obj)) {
      throw new Error(`${encodeErrPrefix} object contains circular references`);
    }
    return new _Ref(obj, stack);
  }
};
var simpleTokens = {
  null: new Token(Type.null, null),
  undefined: new Token(Type.undefined, void 0),
  true: new Token(Type.true, true),
  false: new Token(Type.false, false),
  emptyArray: new Token(Type.array, 0),
  emptyMap: new Token(Type.map, 0)
};
var typeEncoders = {
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  number(obj, _typ, _options, _refStack) {
    if (!Number.isInteger(obj) || !Number.isSafeInteger(obj)) {
      return new Token(Type.float, obj);
    } else if (obj >= 0) {
      return new Token(Type.uint, obj);
    } else {
      return new Token(Type.negint, obj);
    }
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  bigint(obj, _typ, _options, _refStack) {
    if (obj >= BigInt(0)) {
      return new Token(Type.uint, obj);
    } else {
      return new Token(Type.negint, obj);
    }
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  Uint8Array(obj, _typ, _options, _refStack) {
    return new Token(Type.bytes, obj);
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  string(obj, _typ, _options, _refStack) {
    return new Token(Type.string, obj);
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  boolean(obj, _typ, _options, _refStack) {
    return obj ? simpleTokens.true : simpleTokens.false;
  },
  /**
   * @param {any} _obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  null(_obj, _typ, _options, _refStack) {
    return simpleTokens.null;
  },
  /**
   * @param {any} _obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  undefined(_obj, _typ, _options, _refStack) {
    return simpleTokens.undefined;
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  ArrayBuffer(obj, _typ, _options, _refStack) {
    return new Token(Type.bytes, new Uint8Array(obj));
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} _options
   * @param {Reference} [_refStack]
   * @returns {TokenOrNestedTokens}
   */
  DataView(obj, _typ, _options, _refStack) {
    return new Token(Type.bytes, new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength));
  },
  /**
   * @param {any} obj
   * @param {string} _typ
   * @param {EncodeOptions} options
   * @param {Reference} [refStack]
   * @returns {TokenOrNestedTokens}
   */
  Array(obj, _typ, options, refStack) {
    if (!obj.length) {
      if (options.addBreakTokens === true) {
        return [simpleTokens.emptyArray, new Token(Type.break)];
      }
      return simpleTokens.emptyArray;
    }
    refStack = Ref.createCheck(refStack, obj);
    const entries = [];
    let i = 0;
    for (const e of obj) {
      entries[i++] = objectToTokens(e, options, refStack);
    }
    if (options.addBreakTokens) {
      return [new Token(Type.array, obj.length), entries, new Token(Type.break)];
    }
    return [new Token(Type.array, obj.length), entries];
  },
  /**
   * @param {any} obj
   * @param {string} typ
   * @param {EncodeOptions} options
   * @param {Reference} [refStack]
   * @returns {TokenOrNestedTokens}
   */
  Object(obj, typ, options, refStack) {
    const isMap = typ !== "Object";
    const keys = isMap ? obj.keys() : Object.keys(obj);
    const maxLength = isMap ? obj.size : keys.length;
    let entries;
    if (maxLength) {
      entries = new Array(maxLength);
      refStack = Ref.createCheck(refStack, obj);
      const skipUndefined = !isMap && options.ignoreUndefinedProperties;
      let i = 0;
      for (const key of keys) {
        const value = isMap ? obj.get(key) : obj[key];
        if (skipUndefined && value === void 0) {
          continue;
        }
        entries[i++] = [
          objectToTokens(key, options, refStack),
          objectToTokens(value, options, refStack)
        ];
      }
      if (i < maxLength) {
        entries.length = i;
      }
    }
    if (!entries?.length) {
      if (options.addBreakTokens === true) {
        return [simpleTokens.emptyMap, new Token(Type.break)];
      }
      return simpleTokens.emptyMap;
    }
    sortMapEntries(entries, options);
    if (options.addBreakTokens) {
      return [new Token(Type.map, entries.length), entries, new Token(Type.break)];
    }
    return [new Token(Type.map, entries.length), entries];
  }
};
typeEncoders.Map = typeEncoders.Object;
typeEncoders.Buffer = typeEncoders.Uint8Array;
for (const typ of "Uint8Clamped Uint16 Uint32 Int8 Int16 Int32 BigUint64 BigInt64 Float32 Float64".split(" ")) {
  typeEncoders[`${typ}Array`] = typeEncoders.DataView;
}
function objectToTokens(obj, options = {}, refStack) {
  const typ = is(obj);
  const customTypeEncoder = options && options.typeEncoders && /** @type {OptionalTypeEncoder} */
  options.typeEncoders[typ] || typeEncoders[typ];
  if (typeof customTypeEncoder === "function") {
    const tokens = customTypeEncoder(obj, typ, options, refStack);
    if (tokens != null) {
      return tokens;
    }
  }
  const typeEncoder = typeEncoders[typ];
  if (!typeEncoder) {
    throw new Error(`${encodeErrPrefix} unsupported type: ${typ}`);
  }
  return typeEncoder(obj, typ, options, refStack);
}
function sortMapEntries(entries, options) {
  if (options.mapSorter) {
    entries.sort(options.mapSorter);
  }
}
function mapSorter(e1, e2) {
  const keyToken1 = Array.isArray(e1[0]) ? e1[0][0] : e1[0];
  const keyToken2 = Array.isArray(e2[0]) ? e2[0][0] : e2[0];
  if (keyToken1.type !== keyToken2.type) {
    return keyToken1.type.compare(keyToken2.type);
  }
  const major = keyToken1.type.major;
  const tcmp = cborEncoders[major].compareTokens(keyToken1, keyToken2);
  if (tcmp === 0) {
    console.warn("WARNING: complex key types used, CBOR key sorting guarantees are gone");
  }
  return tcmp;
}
function rfc8949MapSorter(e1, e2) {
  if (e1[0] instanceof Token && e2[0] instanceof Token) {
    const t1 = (
      /** @type {TokenEx} */
      e1[0]
    );
    const t2 = (
      /** @type {TokenEx} */
      e2[0]
    );
    if (!t1._keyBytes) {
      t1._keyBytes = encodeRfc8949(t1.value);
    }
    if (!t2._keyBytes) {
      t2._keyBytes = encodeRfc8949(t2.value);
    }
    return compare(t1._keyBytes, t2._keyBytes);
  }
  throw new Error("rfc8949MapSorter: complex key types are not supported yet");
}
function encodeRfc8949(data) {
  return encodeCustom(data, cborEncoders, rfc8949EncodeOptions);
}
function tokensToEncoded(writer, tokens, encoders, options) {
  if (Array.isArray(tokens)) {
    for (const token of tokens) {
      tokensToEncoded(writer, token, encoders, options);
    }
  } else {
    encoders[tokens.type.major](writer, tokens, options);
  }
}
var MAJOR_UINT = Type.uint.majorEncoded;
var MAJOR_NEGINT = Type.negint.majorEncoded;
var MAJOR_BYTES = Type.bytes.majorEncoded;
var MAJOR_STRING = Type.string.majorEncoded;
var MAJOR_ARRAY = Type.array.majorEncoded;
var SIMPLE_FALSE = Type.float.majorEncoded | MINOR_FALSE;
var SIMPLE_TRUE = Type.float.majorEncoded | MINOR_TRUE;
var SIMPLE_NULL = Type.float.majorEncoded | MINOR_NULL;
var SIMPLE_UNDEFINED = Type.float.majorEncoded | MINOR_UNDEFINED;
var neg1b2 = BigInt(-1);
var pos1b2 = BigInt(1);
function canDirectEncode(options) {
  return options.addBreakTokens !== true;
}
function directEncode(writer, data, options, refStack) {
  const typ = is(data);
  const customEncoder = options.typeEncoders && options.typeEncoders[typ];
  if (customEncoder) {
    const tokens = customEncoder(data, typ, options, refStack);
    if (tokens != null) {
      tokensToEncoded(writer, tokens, cborEncoders, options);
      return;
    }
  }
  switch (typ) {
    case "null":
      writer.push([SIMPLE_NULL]);
      return;
    case "undefined":
      writer.push([SIMPLE_UNDEFINED]);
      return;
    case "boolean":
      writer.push([data ? SIMPLE_TRUE : SIMPLE_FALSE]);
      return;
    case "number":
      if (!Number.isInteger(data) || !Number.isSafeInteger(data)) {
        encodeFloat(writer, new Token(Type.float, data), options);
      } else if (data >= 0) {
        encodeUintValue(writer, MAJOR_UINT, data);
      } else {
        encodeUintValue(writer, MAJOR_NEGINT, data * -1 - 1);
      }
      return;
    case "bigint":
      if (data >= BigInt(0)) {
        encodeUintValue(writer, MAJOR_UINT, data);
      } else {
        encodeUintValue(writer, MAJOR_NEGINT, data * neg1b2 - pos1b2);
      }
      return;
    case "string": {
      const bytes = fromString(data);
      encodeUintValue(writer, MAJOR_STRING, bytes.length);
      writer.push(bytes);
      return;
    }
    case "Uint8Array":
      encodeUintValue(writer, MAJOR_BYTES, data.length);
      writer.push(data);
      return;
    case "Array":
      if (!data.length) {
        writer.push([MAJOR_ARRAY]);
        return;
      }
      refStack = Ref.createCheck(refStack, data);
      encodeUintValue(writer, MAJOR_ARRAY, data.length);
      for (const elem of data) {
        directEncode(writer, elem, options, refStack);
      }
      return;
    case "Object":
    case "Map":
      {
        const tokens = typeEncoders.Object(data, typ, options, refStack);
        tokensToEncoded(writer, tokens, cborEncoders, options);
      }
      return;
    default: {
      const typeEncoder = typeEncoders[typ];
      if (!typeEncoder) {
        throw new Error(`${encodeErrPrefix} unsupported type: ${typ}`);
      }
      const tokens = typeEncoder(data, typ, options, refStack);
      tokensToEncoded(writer, tokens, cborEncoders, options);
    }
  }
}
function encodeCustom(data, encoders, options, destination) {
  const hasDest = destination instanceof Uint8Array;
  let writeTo = hasDest ? new U8Bl(destination) : defaultWriter;
  const tokens = objectToTokens(data, options);
  if (!Array.isArray(tokens) && options.quickEncodeToken) {
    const quickBytes = options.quickEncodeToken(tokens);
    if (quickBytes) {
      if (hasDest) {
        writeTo.push(quickBytes);
        return writeTo.toBytes();
      }
      return quickBytes;
    }
    const encoder = encoders[tokens.type.major];
    if (encoder.encodedSize) {
      const size = encoder.encodedSize(tokens, options);
      if (!hasDest) {
        writeTo = new Bl(size);
      }
      encoder(writeTo, tokens, options);
      if (writeTo.chunks.length !== 1) {
        throw new Error(`Unexpected error: pre-calculated length for ${tokens} was wrong`);
      }
      return hasDest ? writeTo.toBytes() : asU8A(writeTo.chunks[0]);
    }
  }
  writeTo.reset();
  tokensToEncoded(writeTo, tokens, encoders, options);
  return writeTo.toBytes(true);
}
function encode(data, options) {
  options = Object.assign({}, defaultEncodeOptions, options);
  if (canDirectEncode(options)) {
    defaultWriter.reset();
    directEncode(defaultWriter, data, options, void 0);
    return defaultWriter.toBytes(true);
  }
  return encodeCustom(data, cborEncoders, options);
}

// node_modules/cborg/lib/decode.js
var defaultDecodeOptions = {
  strict: false,
  allowIndefinite: true,
  allowUndefined: true,
  allowBigInt: true
};
var Tokeniser = class {
  /**
   * @param {Uint8Array} data
   * @param {DecodeOptions} options
   */
  constructor(data, options = {}) {
    this._pos = 0;
    this.data = data;
    this.options = options;
  }
  pos() {
    return this._pos;
  }
  done() {
    return this._pos >= this.data.length;
  }
  next() {
    const byt = this.data[this._pos];
    let token = quick[byt];
    if (token === void 0) {
      const decoder = jump[byt];
      if (!decoder) {
        throw new Error(`${decodeErrPrefix} no decoder for major type ${byt >>> 5} (byte 0x${byt.toString(16).padStart(2, "0")})`);
      }
      const minor = byt & 31;
      token = decoder(this.data, this._pos, minor, this.options);
    }
    this._pos += token.encodedLength;
    return token;
  }
};
var DONE = Symbol.for("DONE");
var BREAK = Symbol.for("BREAK");
function tokenToArray(token, tokeniser, options) {
  const arr = [];
  for (let i = 0; i < token.value; i++) {
    const value = tokensToObject(tokeniser, options);
    if (value === BREAK) {
      if (token.value === Infinity) {
        break;
      }
      throw new Error(`${decodeErrPrefix} got unexpected break to lengthed array`);
    }
    if (value === DONE) {
      throw new Error(`${decodeErrPrefix} found array but not enough entries (got ${i}, expected ${token.value})`);
    }
    arr[i] = value;
  }
  return arr;
}
function tokenToMap(token, tokeniser, options) {
  const useMaps = options.useMaps === true;
  const rejectDuplicateMapKeys = options.rejectDuplicateMapKeys === true;
  const obj = useMaps ? void 0 : {};
  const m = useMaps ? /* @__PURE__ */ new Map() : void 0;
  for (let i = 0; i < token.value; i++) {
    const key = tokensToObject(tokeniser, options);
    if (key === BREAK) {
      if (token.value === Infinity) {
        break;
      }
      throw new Error(`${decodeErrPrefix} got unexpected break to lengthed map`);
    }
    if (key === DONE) {
      throw new Error(`${decodeErrPrefix} found map but not enough entries (got ${i} [no key], expected ${token.value})`);
    }
    if (!useMaps && typeof key !== "string") {
      throw new Error(`${decodeErrPrefix} non-string keys not supported (got ${typeof key})`);
    }
    if (rejectDuplicateMapKeys) {
      if (useMaps && m.has(key) || !useMaps && Object.hasOwn(obj, key)) {
        throw new Error(`${decodeErrPrefix} found repeat map key "${key}"`);
      }
    }
    const value = tokensToObject(tokeniser, options);
    if (value === DONE) {
      throw new Error(`${decodeErrPrefix} found map but not enough entries (got ${i} [no value], expected ${token.value})`);
    }
    if (useMaps) {
      m.set(key, value);
    } else {
      obj[key] = value;
    }
  }
  return useMaps ? m : obj;
}
function tokensToObject(tokeniser, options) {
  if (tokeniser.done()) {
    return DONE;
  }
  const token = tokeniser.next();
  if (Type.equals(token.type, Type.break)) {
    return BREAK;
  }
  if (token.type.terminal) {
    return token.value;
  }
  if (Type.equals(token.type, Type.array)) {
    return tokenToArray(token, tokeniser, options);
  }
  if (Type.equals(token.type, Type.map)) {
    return tokenToMap(token, tokeniser, options);
  }
  if (Type.equals(token.type, Type.tag)) {
    if (options.tags && typeof options.tags[token.value] === "function") {
      const tagged = tokensToObject(tokeniser, options);
      return options.tags[token.value](tagged);
    }
    throw new Error(`${decodeErrPrefix} tag not supported (${token.value})`);
  }
  throw new Error("unsupported");
}
function decodeFirst(data, options) {
  if (!(data instanceof Uint8Array)) {
    throw new Error(`${decodeErrPrefix} data to decode must be a Uint8Array`);
  }
  options = Object.assign({}, defaultDecodeOptions, options);
  const u8aData = asU8A(data);
  const tokeniser = options.tokenizer || new Tokeniser(u8aData, options);
  const decoded = tokensToObject(tokeniser, options);
  if (decoded === DONE) {
    throw new Error(`${decodeErrPrefix} did not find any content to decode`);
  }
  if (decoded === BREAK) {
    throw new Error(`${decodeErrPrefix} got unexpected break`);
  }
  return [decoded, data.subarray(tokeniser.pos())];
}
function decode(data, options) {
  const [decoded, remainder] = decodeFirst(data, options);
  if (remainder.length > 0) {
    throw new Error(`${decodeErrPrefix} too many terminals, data makes no sense`);
  }
  return decoded;
}

// src/io/cbor-shape.ts
function checkCborShape(bytes, limits, what) {
  const fail = (problem, at) => {
    throw new FormatError(`${what}: invalid CBOR: ${problem} at byte ${at}`);
  };
  const stack = [];
  let pos = 0;
  let items = 0;
  const argument = (info, at) => {
    if (info < 24) return info;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0) return fail(`reserved additional information ${info}`, at);
    if (pos + width > bytes.length) return fail("truncated item head", at);
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + bytes[pos + i];
    pos += width;
    return value;
  };
  do {
    const at = pos;
    if (pos >= bytes.length) fail("truncated (an item is missing)", at);
    const initial = bytes[pos++];
    const major = initial >> 5;
    const info = initial & 31;
    const top = stack.at(-1);
    if (initial === 255) {
      if (!top || top.left !== Infinity) fail("unexpected break", at);
      stack.pop();
    } else {
      if (++items > limits.maxItems) fail(`more than ${limits.maxItems} data items`, at);
      if (stack.length >= limits.maxDepth) fail(`nested deeper than ${limits.maxDepth} levels`, at);
      if (top?.chunksOf !== void 0 && (major !== top.chunksOf || info === 31)) fail("indefinite-length string chunk of another type", at);
      if (top && top.left !== Infinity) top.left--;
      if (info === 31) {
        if (major === 0 || major === 1 || major === 6 || major === 7) fail("indefinite length on a type that has none", at);
        stack.push(major === 2 || major === 3 ? { left: Infinity, chunksOf: major } : { left: Infinity });
      } else {
        const value = argument(info, at);
        if (major === 2 || major === 3) {
          if (value > bytes.length - pos) fail(`string of ${value} bytes runs past the end`, at);
          pos += value;
        } else if (major === 4 || major === 5) {
          const members = major === 5 ? value * 2 : value;
          if (members > bytes.length - pos) fail(`${major === 4 ? "array" : "map"} of ${value} entries runs past the end`, at);
          if (members > 0) stack.push({ left: members });
        } else if (major === 6) {
          stack.push({ left: 1 });
        } else if (major === 7 && info === 24 && value < 32) {
          fail("simple value encoded in two bytes", at);
        }
      }
    }
    while (stack.length > 0 && stack.at(-1).left === 0) stack.pop();
  } while (stack.length > 0);
}

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
function asByteVector(value, field2, what) {
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new FormatError(`${what}: ${field2} is not a byte vector`);
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

// src/io/crc32.ts
import zlib from "node:zlib";
function crc32(data, previous = 0) {
  return data.byteLength === 0 ? previous >>> 0 : zlib.crc32(data, previous) >>> 0;
}

// src/eif/crc.ts
function crcHex(value) {
  return (value >>> 0).toString(16).padStart(8, "0");
}

// src/eif/file-cursor.ts
import { createHash as createHash4 } from "node:crypto";

// src/eif/hash-workers.ts
import { Worker } from "node:worker_threads";

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

// src/eif/hash-workers.ts
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
  const buffer2 = Buffer.allocUnsafe(size);
  return { acquire: async () => buffer2, retire: () => void 0 };
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
  retire(buffer2, after) {
    const slot = buffer2.byteOffset / this.#size;
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

// src/eif/write-sink.ts
import { createHash as createHash3 } from "node:crypto";
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
    this.#local = mode.fileDigests && !workers ? { sha256: createHash3("sha256"), sha384: createHash3("sha384") } : void 0;
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

// src/eif/file-cursor.ts
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
      else this.#local.set(algorithm, createHash4(algorithm));
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
    for (const [name, algorithm] of this.#remote) out[algorithm] = (fromWorkers?.get(name) ?? createHash4(algorithm).digest()).toString("hex");
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
  #retire(buffer2) {
    const teeing = this.#teeing;
    this.#teeing = [];
    this.#pool.retire(buffer2, teeing.length > 0 ? Promise.allSettled(teeing) : void 0);
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
    const buffer2 = this.#buffer;
    while (this.#end < want) {
      const { bytesRead } = await this.#handle.read(buffer2, this.#end, buffer2.length - this.#end, null);
      if (bytesRead === 0) break;
      if (this.#tee) this.#track(this.#tee(buffer2.subarray(this.#end, this.#end + bytesRead), this.#readPosition));
      this.#readPosition += bytesRead;
      this.#end += bytesRead;
    }
    return this.#end > this.#start;
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
import { createHash as createHash5 } from "node:crypto";
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
    const inner = (name) => digests.get(name) ?? createHash5("sha384").digest();
    return {
      pcrs: { PCR0: extendZeroPcr(inner("PCR0")), PCR1: extendZeroPcr(inner("PCR1")), PCR2: extendZeroPcr(inner("PCR2")) },
      laterRamdisksSha384: inner("PCR2").toString("hex")
    };
  }
};

// src/eif/reader.ts
var PARALLEL_FROM = 32 << 20;
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
  const parallel = options.parallel ?? fileSize >= PARALLEL_FROM;
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

// src/io/sequential-writer.ts
import { constants as constants2 } from "node:fs";
import { open } from "node:fs/promises";
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
function sortKeysDeep(value) {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value).sort(compareKeys);
  return Object.fromEntries(keys.map((k) => [k, sortKeysDeep(value[k])]));
}
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

// src/eif/writer.ts
var PARALLEL_FROM2 = 32 << 20;
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
  const workers = options.parallel ?? size >= PARALLEL_FROM2 ? new HashWorkers(threads, 4, PARALLEL_CHUNK) : void 0;
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

// src/eif/certificate-info.ts
import { X509Certificate as X509Certificate2 } from "node:crypto";

// src/io/oid.ts
function oidText(bytes) {
  const parts = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 127);
    if (!(b & 128)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

// src/eif/certificate-info.ts
var ATTRIBUTE_NAMES = {
  "2.5.4.3": "commonName",
  "2.5.4.4": "surname",
  "2.5.4.5": "serialNumber",
  "2.5.4.6": "countryName",
  "2.5.4.7": "localityName",
  "2.5.4.8": "stateOrProvinceName",
  "2.5.4.9": "streetAddress",
  "2.5.4.10": "organizationName",
  "2.5.4.11": "organizationalUnitName",
  "2.5.4.12": "title",
  "2.5.4.13": "description",
  "2.5.4.14": "searchGuide",
  "2.5.4.15": "businessCategory",
  "2.5.4.16": "postalAddress",
  "2.5.4.17": "postalCode",
  "2.5.4.18": "postOfficeBox",
  "2.5.4.19": "physicalDeliveryOfficeName",
  "2.5.4.20": "telephoneNumber",
  "2.5.4.21": "telexNumber",
  "2.5.4.22": "teletexTerminalIdentifier",
  "2.5.4.23": "facsimileTelephoneNumber",
  "2.5.4.24": "x121Address",
  "2.5.4.25": "internationaliSDNNumber",
  "2.5.4.26": "registeredAddress",
  "2.5.4.27": "destinationIndicator",
  "2.5.4.28": "preferredDeliveryMethod",
  "2.5.4.29": "presentationAddress",
  "2.5.4.30": "supportedApplicationContext",
  "2.5.4.31": "member",
  "2.5.4.32": "owner",
  "2.5.4.33": "roleOccupant",
  "2.5.4.34": "seeAlso",
  "2.5.4.35": "userPassword",
  "2.5.4.36": "userCertificate",
  "2.5.4.37": "cACertificate",
  "2.5.4.38": "authorityRevocationList",
  "2.5.4.39": "certificateRevocationList",
  "2.5.4.40": "crossCertificatePair",
  "2.5.4.41": "name",
  "2.5.4.42": "givenName",
  "2.5.4.43": "initials",
  "2.5.4.44": "generationQualifier",
  "2.5.4.45": "x500UniqueIdentifier",
  "2.5.4.46": "dnQualifier",
  "2.5.4.47": "enhancedSearchGuide",
  "2.5.4.48": "protocolInformation",
  "2.5.4.49": "distinguishedName",
  "2.5.4.50": "uniqueMember",
  "2.5.4.51": "houseIdentifier",
  "2.5.4.52": "supportedAlgorithms",
  "2.5.4.53": "deltaRevocationList",
  "2.5.4.54": "dmdName",
  "2.5.4.65": "pseudonym",
  "2.5.4.72": "role",
  "2.5.4.97": "organizationIdentifier",
  "2.5.4.98": "countryCode3c",
  "2.5.4.99": "countryCode3n",
  "2.5.4.100": "dnsName",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.1": "userId",
  "0.9.2342.19200300.100.1.25": "domainComponent",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionLocalityName",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionStateOrProvinceName",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionCountryName"
};
var SIGNATURE_ALGORITHMS = {
  "1.2.840.10040.4.3": "dsaWithSHA1",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.2.840.113549.1.1.2": "md2WithRSAEncryption",
  "1.2.840.113549.1.1.3": "md4WithRSAEncryption",
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.113549.1.1.15": "sha512-224WithRSAEncryption",
  "1.2.840.113549.1.1.16": "sha512-256WithRSAEncryption",
  "1.3.101.112": "ED25519",
  "1.3.101.113": "ED448",
  "2.16.840.1.101.3.4.3.1": "dsa_with_SHA224",
  "2.16.840.1.101.3.4.3.2": "dsa_with_SHA256",
  "2.16.840.1.101.3.4.3.3": "dsa_with_SHA384",
  "2.16.840.1.101.3.4.3.4": "dsa_with_SHA512",
  "2.16.840.1.101.3.4.3.5": "dsa_with_SHA3-224",
  "2.16.840.1.101.3.4.3.6": "dsa_with_SHA3-256",
  "2.16.840.1.101.3.4.3.7": "dsa_with_SHA3-384",
  "2.16.840.1.101.3.4.3.8": "dsa_with_SHA3-512",
  "2.16.840.1.101.3.4.3.9": "ecdsa_with_SHA3-224",
  "2.16.840.1.101.3.4.3.10": "ecdsa_with_SHA3-256",
  "2.16.840.1.101.3.4.3.11": "ecdsa_with_SHA3-384",
  "2.16.840.1.101.3.4.3.12": "ecdsa_with_SHA3-512",
  "2.16.840.1.101.3.4.3.13": "RSA-SHA3-224",
  "2.16.840.1.101.3.4.3.14": "RSA-SHA3-256",
  "2.16.840.1.101.3.4.3.15": "RSA-SHA3-384",
  "2.16.840.1.101.3.4.3.16": "RSA-SHA3-512"
};
function tlv(der, at) {
  const tag = der[at] ?? 0;
  let length = der[at + 1] ?? 0;
  let start = at + 2;
  if (length & 128) {
    const count = length & 127;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  return { tag, start, end: start + length, next: start + length };
}
function asn1Text(tag, bytes) {
  const buffer2 = Buffer.from(bytes);
  if (tag === 12) return buffer2.toString("utf8");
  if (tag === 30) return Buffer.from(buffer2).swap16().toString("utf16le");
  if (tag === 28) return String.fromCodePoint(...Array.from({ length: buffer2.length / 4 }, (_, i) => buffer2.readUInt32BE(4 * i)));
  return buffer2.toString("latin1");
}
var GRAPHEME_EXTEND = new RegExp("^\\p{Grapheme_Extend}$", "u");
var NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;
function rustDebugUnquoted(text) {
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === "	") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\0") out += "\\0";
    else if (ch === '"') out += "\\";
    else if (ch !== " " && (GRAPHEME_EXTEND.test(ch) || NOT_PRINTABLE.test(ch))) out += `\\u{${ch.codePointAt(0).toString(16)}}`;
    else out += ch;
  }
  return out;
}
function issuerName(der, issuer) {
  const entries = /* @__PURE__ */ new Map();
  for (let setAt = issuer.start; setAt < issuer.end; ) {
    const set = tlv(der, setAt);
    for (let avaAt = set.start; avaAt < set.end; ) {
      const ava = tlv(der, avaAt);
      const oid = tlv(der, ava.start);
      const value = tlv(der, oid.next);
      const oidString = oidText(der.subarray(oid.start, oid.end));
      entries.set(ATTRIBUTE_NAMES[oidString] ?? oidString, rustDebugUnquoted(asn1Text(value.tag, der.subarray(value.start, value.end))));
      avaAt = ava.next;
    }
    setAt = set.next;
  }
  return Object.fromEntries([...entries].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function signingCertificateInfo(der) {
  const cert = new X509Certificate2(der);
  const outer = tlv(der, 0);
  const tbs = tlv(der, outer.start);
  const algorithmId = tlv(der, tbs.next);
  const oid = tlv(der, algorithmId.start);
  const bits = tlv(der, algorithmId.next);
  const oidString = oidText(der.subarray(oid.start, oid.end));
  const signature = Buffer.from(der.subarray(bits.start + 1, bits.end)).toString("hex").toUpperCase();
  let field2 = tlv(der, tbs.start);
  if (field2.tag === 160) field2 = tlv(der, field2.next);
  const issuer = tlv(der, tlv(der, field2.next).next);
  return {
    IssuerName: issuerName(der, issuer),
    Algorithm: SIGNATURE_ALGORITHMS[oidString] ?? oidString,
    NotBefore: cert.validFrom,
    NotAfter: cert.validTo,
    Signature: signature.match(/../g)?.join(":") ?? ""
  };
}

// src/eif/describe.ts
var HASH_ALGORITHM = "Sha512_48 { .. }";
function field(source, key) {
  return typeof source === "object" && source !== null && !Array.isArray(source) ? source[key] : void 0;
}
function metadataEntries(metadata) {
  const build = field(metadata, "BuildMetadata");
  const strings = ["BuildTime", "BuildTool", "BuildToolVersion", "OperatingSystem", "KernelVersion"];
  if (typeof field(metadata, "ImageName") !== "string" || typeof field(metadata, "ImageVersion") !== "string" || !strings.every((k) => typeof field(build, k) === "string")) {
    return void 0;
  }
  const entries = strings.map((key) => [key, field(build, key)]);
  entries.push(["DockerInfo", sortKeysDeep(field(metadata, "DockerInfo") ?? null)]);
  const custom = field(metadata, "CustomMetadata");
  if (typeof custom === "object" && custom !== null && !Array.isArray(custom)) {
    for (const key of Object.keys(custom).sort(compareKeys)) entries.push([key, sortKeysDeep(custom[key])]);
  }
  return entries;
}
function describeEif(inspection, name = "EIF") {
  const { pcrs, signature } = inspection;
  if (signature && !signature.verifies) throw new VerificationError(`${name}: signature section does not verify: ${signature.problem ?? "invalid"}`);
  const measurements = { HashAlgorithm: HASH_ALGORITHM, PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2 };
  if (pcrs.PCR8) measurements["PCR8"] = pcrs.PCR8;
  const out = { EifVersion: inspection.version, Measurements: measurements, IsSigned: signature !== void 0 };
  if (signature) out["SigningCertificate"] = signingCertificateInfo(firstCertificateDer(signature.certificatePem, "signing certificate"));
  out["CheckCRC"] = inspection.crc.ok;
  if (signature) out["SignatureCheck"] = signature.valid;
  const metadata = metadataEntries(inspection.metadata);
  if (metadata) {
    out["ImageName"] = field(inspection.metadata, "ImageName");
    out["ImageVersion"] = field(inspection.metadata, "ImageVersion");
    out["Metadata"] = Object.fromEntries(metadata);
  }
  return out;
}
function renderDescribeEif(inspection, name = "EIF") {
  const described = describeEif(inspection, name);
  const metadata = metadataEntries(inspection.metadata);
  return serdeJson(new JsonStruct(Object.entries(described).map(([key, value]) => {
    if (key === "Metadata" && metadata) return [key, new JsonStruct(metadata)];
    if (key === "SigningCertificate") return [key, new JsonStruct(Object.entries(value))];
    return [key, value];
  })), true);
}

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
  const buffer2 = Buffer.allocUnsafe(Math.min(CHUNK_SIZE, Math.max(length, 1)));
  let done = 0;
  while (done < length) {
    const { bytesRead } = await source.read(buffer2, 0, Math.min(buffer2.length, length - done), offset + done);
    if (bytesRead === 0) throw new UserError(`file changed while signing: short read at offset ${offset + done}`, { code: "integrity" });
    const chunk = buffer2.subarray(0, bytesRead);
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

// src/eif/memory.ts
function minimumEnclaveMemoryMiB(eifSize) {
  return Math.ceil(4 * eifSize / (1 << 20));
}

export {
  AtomicFile,
  writeFileAtomic,
  checkOutputPath,
  kernelCmdlineOfBytes,
  crc32Combine,
  crc32,
  pcrOfFile,
  certificatePcr8,
  checkSigningCertificateValidity,
  oidText,
  HASH_ALGORITHM,
  renderDescribeEif,
  DIRECT_ALIGN,
  directFlag,
  alignedBuffer,
  misalignedBuffer,
  alignUp,
  alignDown,
  isDirectRefusal,
  EIF_MAGIC,
  digestFile,
  writeEif,
  encode,
  decode,
  checkCborShape,
  COSE_ALGORITHMS,
  inspectEif,
  inspectEifFrom,
  signEif,
  localKeySigner,
  minimumEnclaveMemoryMiB
};
