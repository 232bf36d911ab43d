import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);

// src/errors.ts
var UserError = class extends Error {
  code;
  location;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "UserError";
    this.code = options.code ?? "input";
    if (options.location) this.location = options.location;
  }
};
var FormatError = class extends UserError {
  constructor(message, options = {}) {
    super(message, { code: "format", cause: options.cause });
    this.name = "FormatError";
  }
};
var VerificationError = class extends UserError {
  constructor(message, options = {}) {
    super(message, { code: "mismatch", cause: options.cause });
    this.name = "VerificationError";
  }
};
function errorMessage(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}
var MAX_ERROR_LINE = 900;
function errorLine(error) {
  const line = errorMessage(error).trim().split(/\s*\n\s*/).join(" ");
  return line.length <= MAX_ERROR_LINE ? line : `${line.slice(0, MAX_ERROR_LINE)}\u2026 (${line.length} characters)`;
}
function quoted(value, max = 100) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max ? text : `${text.slice(0, max)}\u2026 (${text.length} characters)`;
}
function systemErrorReason(error) {
  const message = errorMessage(error);
  const system = /^E[A-Z]+: (.+?), [a-z]+ '.*'$/s.exec(message);
  return system ? system[1] : message;
}

// src/io/regular-file.ts
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
var MAX_JSON_BYTES = 4 << 20;
var MAX_PEM_BYTES = 1 << 20;
var OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);
function kindOf(stats) {
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a file";
}
async function openRegularFile(path, options = {}) {
  const label = options.label ?? path;
  const handle = await open(path, OPEN_FLAGS).catch((error) => {
    throw new UserError(`${label}: cannot read: ${systemErrorReason(error)}`, { code: "not-found", cause: error });
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UserError(`${label}: not a regular file (${kindOf(stats)})`, { code: "input" });
    if (options.maxBytes !== void 0 && stats.size > options.maxBytes) {
      throw new UserError(`${label}: ${stats.size} bytes is too large (at most ${options.maxBytes})`, { code: "input" });
    }
    return { handle, size: stats.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
async function readExactly(file, label) {
  const buffer = Buffer.allocUnsafe(file.size);
  let filled = 0;
  while (filled < file.size) {
    const { bytesRead } = await file.handle.read(buffer, filled, file.size - filled, filled);
    if (bytesRead === 0) throw new UserError(`${label}: changed while being read (shorter than its ${file.size} bytes)`, { code: "input" });
    filled += bytesRead;
  }
  return buffer;
}
async function readRegularFile(path, options) {
  const file = await openRegularFile(path, options);
  try {
    return await readExactly(file, options.label ?? path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${options.label ?? path}: cannot read: ${systemErrorReason(error)}`, { code: "input", cause: error });
  } finally {
    await file.handle.close();
  }
}
async function readRegularText(path, options) {
  return (await readRegularFile(path, options)).toString("utf8");
}
async function readJsonFile(path, options = {}) {
  const label = options.label ?? path;
  return parseJsonBounded(await readRegularFile(path, { ...options, maxBytes: options.maxBytes ?? MAX_JSON_BYTES }), label);
}
var MIN_BYTES_PER_VALUE = 4;
var FREE_VALUES = 4096;
function parseJsonBounded(bytes, label, notJson = "not valid JSON") {
  let values = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 92) i++;
      else if (byte === 34) inString = false;
    } else if (byte === 34) {
      inString = true;
    } else if (byte === 91 || byte === 123 || byte === 44 || byte === 58) {
      values++;
    }
  }
  if (values > FREE_VALUES + bytes.length / MIN_BYTES_PER_VALUE) {
    throw new FormatError(`${label}: ${values} JSON values in ${bytes.length} bytes is more than any real file holds (refused before parsing)`);
  }
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (error) {
    throw new FormatError(`${label}: ${notJson} (${error.message})`, { cause: error });
  }
}
async function openRegularStream(path, options = {}) {
  const file = await openRegularFile(path, options);
  const start = options.start ?? 0;
  if (start >= file.size) {
    await file.handle.close();
    return { stream: Readable.from([]), size: file.size };
  }
  const stream = file.handle.createReadStream({ start, end: file.size - 1, highWaterMark: options.chunkSize ?? 1 << 20, autoClose: true });
  return { stream, size: file.size };
}
async function* regularFileChunks(path, options = {}) {
  const { stream } = await openRegularStream(path, options);
  try {
    for await (const chunk of stream) yield chunk;
  } finally {
    stream.destroy();
  }
}

export {
  UserError,
  FormatError,
  VerificationError,
  errorMessage,
  errorLine,
  quoted,
  systemErrorReason,
  MAX_JSON_BYTES,
  MAX_PEM_BYTES,
  openRegularFile,
  readRegularFile,
  readRegularText,
  readJsonFile,
  parseJsonBounded,
  openRegularStream,
  regularFileChunks
};
