import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  BUILDER_NAME,
  BUILDER_VERSION
} from "./chunk-H6BAN5PQ.js";
import {
  AtomicFile,
  DIRECT_ALIGN,
  HASH_ALGORITHM,
  alignDown,
  alignUp,
  alignedBuffer,
  crc32,
  crc32Combine,
  directFlag,
  isDirectRefusal,
  kernelCmdlineOfBytes,
  misalignedBuffer,
  writeEif,
  writeFileAtomic
} from "./chunk-6QFIGN26.js";
import {
  osImageHash
} from "./chunk-Y6ML42PT.js";
import {
  FormatError,
  MAX_JSON_BYTES,
  UserError,
  VerificationError,
  makeTempDir,
  openRegularFile,
  openRegularStream,
  parseJsonBounded,
  quoted,
  readRegularFile,
  regularFileChunks,
  removeOnInterrupt,
  removeTempDir,
  systemErrorReason
} from "./chunk-7UVRZBVQ.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-LWSQTYNC.js";

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
    module.exports = class FixedFIFO {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm);
        this.mask = hwm - 1;
        this.top = 0;
        this.btm = 0;
        this.next = null;
      }
      clear() {
        this.top = this.btm = 0;
        this.next = null;
        this.buffer.fill(void 0);
      }
      push(data) {
        if (this.buffer[this.top] !== void 0) return false;
        this.buffer[this.top] = data;
        this.top = this.top + 1 & this.mask;
        return true;
      }
      shift() {
        const last = this.buffer[this.btm];
        if (last === void 0) return void 0;
        this.buffer[this.btm] = void 0;
        this.btm = this.btm + 1 & this.mask;
        return last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class FastFIFO {
      constructor(hwm) {
        this.hwm = hwm || 16;
        this.head = new FixedFIFO(this.hwm);
        this.tail = this.head;
        this.length = 0;
      }
      clear() {
        this.head = this.tail;
        this.head.clear();
        this.length = 0;
      }
      push(val) {
        this.length++;
        if (!this.head.push(val)) {
          const prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
          this.head.push(val);
        }
      }
      shift() {
        if (this.length !== 0) this.length--;
        const val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          const next = this.tail.next;
          this.tail.next = null;
          this.tail = next;
          return this.tail.shift();
        }
        return val;
      }
      peek() {
        const val = this.tail.peek();
        if (val === void 0 && this.tail.next) return this.tail.next.peek();
        return val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size, fill2, encoding) {
      return Buffer.alloc(size, fill2, encoding);
    }
    function allocUnsafe(size) {
      return Buffer.allocUnsafe(size);
    }
    function allocUnsafeSlow(size) {
      return Buffer.allocUnsafeSlow(size);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      if (Buffer.isBuffer(buffer)) return buffer;
      return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class PassThroughDecoder {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class UTF8Decoder {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
          this.bytesSeen = trailingBytesSeen(data);
          return b4a.toString(data, "utf8");
        }
        let result = "";
        let start = 0;
        if (this.bytesNeeded > 0) {
          while (start < data.byteLength) {
            const byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "\uFFFD";
              this._reset();
              break;
            }
            this.lowerBoundary = 128;
            this.upperBoundary = 191;
            this.codePoint = this.codePoint << 6 | byte & 63;
            this.bytesSeen++;
            start++;
            if (this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint);
              this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        const trailing = trailingIncomplete(data, start);
        const end = data.byteLength - trailing;
        if (end > start) result += b4a.toString(data, "utf8", start, end);
        for (let i = end; i < data.byteLength; i++) {
          const byte = data[i];
          if (this.bytesNeeded === 0) {
            if (byte <= 127) {
              this.bytesSeen = 0;
              result += String.fromCharCode(byte);
            } else if (byte >= 194 && byte <= 223) {
              this.bytesNeeded = 2;
              this.bytesSeen = 1;
              this.codePoint = byte & 31;
            } else if (byte >= 224 && byte <= 239) {
              if (byte === 224) this.lowerBoundary = 160;
              else if (byte === 237) this.upperBoundary = 159;
              this.bytesNeeded = 3;
              this.bytesSeen = 1;
              this.codePoint = byte & 15;
            } else if (byte >= 240 && byte <= 244) {
              if (byte === 240) this.lowerBoundary = 144;
              else if (byte === 244) this.upperBoundary = 143;
              this.bytesNeeded = 4;
              this.bytesSeen = 1;
              this.codePoint = byte & 7;
            } else {
              this.bytesSeen = 1;
              result += "\uFFFD";
            }
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "\uFFFD";
            i--;
            this._reset();
            continue;
          }
          this.lowerBoundary = 128;
          this.upperBoundary = 191;
          this.codePoint = this.codePoint << 6 | byte & 63;
          this.bytesSeen++;
          if (this.bytesSeen === this.bytesNeeded) {
            result += String.fromCodePoint(this.codePoint);
            this._reset();
          }
        }
        return result;
      }
      flush() {
        const result = this.bytesNeeded > 0 ? "\uFFFD" : "";
        this._reset();
        return result;
      }
      _reset() {
        this.codePoint = 0;
        this.bytesNeeded = 0;
        this.bytesSeen = 0;
        this.lowerBoundary = 128;
        this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      const len = data.byteLength;
      if (len <= start) return 0;
      const limit = Math.max(start, len - 4);
      let i = len - 1;
      while (i > limit && (data[i] & 192) === 128) i--;
      if (i < start) return 0;
      const byte = data[i];
      let needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      const available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      const len = data.byteLength;
      if (len === 0) return 0;
      const last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      const limit = Math.max(0, len - 4);
      let i = len - 2;
      while (i >= limit && (data[i] & 192) === 128) i--;
      if (i < 0) return 1;
      const first = data[i];
      let needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        const second = data[i + 1];
        if (first === 224 && second < 160) return 1;
        if (first === 237 && second > 159) return 1;
        if (first === 240 && second < 144) return 1;
        if (first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports, module) {
    var PassThroughDecoder = require_pass_through_decoder();
    var UTF8Decoder = require_utf8_decoder();
    module.exports = class TextDecoder {
      constructor(encoding = "utf8") {
        this.encoding = normalizeEncoding(encoding);
        switch (this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        if (typeof data === "string") return data;
        return this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        if (data) result = this.push(data);
        result += this.decoder.flush();
        return result;
      }
    };
    function normalizeEncoding(encoding) {
      encoding = encoding.toLowerCase();
      switch (encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg);
        this.code = code;
        if (Error.captureStackTrace) {
          Error.captureStackTrace(this, fn);
        }
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default();
    var FIFO = require_fast_fifo();
    var TextDecoder2 = require_text_decoder();
    var StreamError = require_errors();
    var qmt = typeof queueMicrotask === "undefined" ? (fn) => global.process.nextTick(fn) : queueMicrotask;
    var MAX = (1 << 29) - 1;
    var OPENING = 1;
    var PREDESTROYING = 2;
    var DESTROYING = 4;
    var DESTROYED = 8;
    var NOT_OPENING = MAX ^ OPENING;
    var NOT_PREDESTROYING = MAX ^ PREDESTROYING;
    var READ_ACTIVE = 1 << 4;
    var READ_UPDATING = 2 << 4;
    var READ_PRIMARY = 4 << 4;
    var READ_QUEUED = 8 << 4;
    var READ_RESUMED = 16 << 4;
    var READ_PIPE_DRAINED = 32 << 4;
    var READ_ENDING = 64 << 4;
    var READ_EMIT_DATA = 128 << 4;
    var READ_EMIT_READABLE = 256 << 4;
    var READ_EMITTED_READABLE = 512 << 4;
    var READ_DONE = 1024 << 4;
    var READ_NEXT_TICK = 2048 << 4;
    var READ_NEEDS_PUSH = 4096 << 4;
    var READ_READ_AHEAD = 8192 << 4;
    var READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
    var READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
    var READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
    var READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
    var READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;
    var READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
    var READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
    var READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
    var READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
    var READ_PAUSED = MAX ^ READ_RESUMED;
    var READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
    var READ_NOT_ENDING = MAX ^ READ_ENDING;
    var READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
    var READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
    var READ_NOT_UPDATING = MAX ^ READ_UPDATING;
    var READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
    var READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;
    var WRITE_ACTIVE = 1 << 18;
    var WRITE_UPDATING = 2 << 18;
    var WRITE_PRIMARY = 4 << 18;
    var WRITE_QUEUED = 8 << 18;
    var WRITE_UNDRAINED = 16 << 18;
    var WRITE_DONE = 32 << 18;
    var WRITE_EMIT_DRAIN = 64 << 18;
    var WRITE_NEXT_TICK = 128 << 18;
    var WRITE_WRITING = 256 << 18;
    var WRITE_FINISHING = 512 << 18;
    var WRITE_CORKED = 1024 << 18;
    var WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
    var WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
    var WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
    var WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
    var WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
    var WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
    var WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
    var WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;
    var ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
    var NOT_ACTIVE = MAX ^ ACTIVE;
    var DONE = READ_DONE | WRITE_DONE;
    var DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
    var OPEN_STATUS = DESTROY_STATUS | OPENING;
    var AUTO_DESTROY = DESTROY_STATUS | DONE;
    var NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
    var ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
    var TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
    var IS_OPENING = OPEN_STATUS | TICKING;
    var READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
    var READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
    var READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
    var READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
    var SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
    var READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
    var READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
    var READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;
    var WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
    var WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
    var WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
    var WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
    var WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
    var WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
    var WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
    var WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
    var WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
    var WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;
    var asyncIterator = Symbol.asyncIterator || Symbol("asyncIterator");
    var WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark;
        this.buffered = 0;
        this.error = null;
        this.pipeline = null;
        this.drains = null;
        this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
        this.map = mapWritable || map;
        this.afterWrite = afterWrite.bind(this);
        this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false;
        if (this.map !== null) data = this.map(data);
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        if (this.buffered < this.highWaterMark) {
          this.stream._duplexState |= WRITE_QUEUED;
          return true;
        }
        this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
        return false;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;
        return data;
      }
      end(data) {
        if (typeof data === "function") {
          this.stream.once("finish", data);
        } else if (data !== void 0 && data !== null) {
          this.push(data);
        }
        this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        const buffer = [];
        const stream = this.stream;
        buffer.push(data);
        while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
          buffer.push(stream._writableState.shift());
        }
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
            const data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
            stream._write(data, this.afterWrite);
          }
          if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
        } while (this.continueUpdate() === true);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE;
          stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTick() {
        if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= WRITE_NEXT_TICK;
        if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream;
        this.queue = new FIFO();
        this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
        this.buffered = 0;
        this.readAhead = highWaterMark > 0;
        this.error = null;
        this.pipeline = null;
        this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
        this.map = mapReadable || map;
        this.pipeTo = null;
        this.afterRead = afterRead.bind(this);
        this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb !== "function") cb = null;
        this.stream._duplexState |= READ_PIPE_DRAINED;
        this.pipeTo = pipeTo;
        this.pipeline = new Pipeline(this.stream, pipeTo, cb);
        if (cb) this.stream.on("error", noop);
        if (isStreamx(pipeTo)) {
          pipeTo._writableState.pipeline = this.pipeline;
          if (cb) pipeTo.on("error", noop);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        } else {
          const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
          const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror);
          pipeTo.on("close", onclose);
          pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this));
        this.stream.emit("piping", pipeTo);
        pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        const stream = this.stream;
        if (data === null) {
          this.highWaterMark = 0;
          stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
          return false;
        }
        if (this.map !== null) {
          data = this.map(data);
          if (data === null) {
            stream._duplexState &= READ_PUSHED;
            return this.buffered < this.highWaterMark;
          }
        }
        this.buffered += this.byteLength(data);
        this.queue.push(data);
        stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;
        return this.buffered < this.highWaterMark;
      }
      shift() {
        const data = this.queue.shift();
        this.buffered -= this.byteLength(data);
        if (this.buffered === 0) {
          this.stream._duplexState &= READ_NOT_QUEUED;
        }
        return data;
      }
      unshift(data) {
        const pending = [this.map !== null ? this.map(data) : data];
        while (this.buffered > 0) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          const data2 = pending[i];
          this.buffered += this.byteLength(data2);
          this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        const stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
          return data;
        }
        if (this.readAhead === false) {
          stream._duplexState |= READ_READ_AHEAD;
          this.updateNextTick();
        }
        return null;
      }
      drain() {
        const stream = this.stream;
        while ((stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0) {
          const data = this.shift();
          if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
            stream._duplexState &= READ_PIPE_NOT_DRAINED;
          }
          if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
            stream.emit("data", data);
          }
        }
      }
      update() {
        const stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          this.drain();
          while (this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD) {
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
            stream._read(this.afterRead);
            this.drain();
          }
          if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
            stream._duplexState |= READ_EMITTED_READABLE;
            stream.emit("readable");
          }
          if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
            this.updateNonPrimary();
          }
        } while (this.continueUpdate() === true);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        const stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
          stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
          stream.emit("end");
          if ((stream._duplexState & AUTO_DESTROY) === DONE) {
            stream._duplexState |= DESTROYING;
          }
          if (this.pipeTo !== null) {
            this.pipeTo.end();
          }
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
            stream._duplexState |= ACTIVE;
            stream._destroy(afterDestroy.bind(this));
          }
          return;
        }
        if ((stream._duplexState & IS_OPENING) === OPENING) {
          stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
          stream._open(afterOpen.bind(this));
        }
      }
      continueUpdate() {
        if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false;
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        return true;
      }
      updateCallback() {
        if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
          this.update();
        } else {
          this.updateNextTick();
        }
      }
      updateNextTickIfOpen() {
        if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
      updateNextTick() {
        if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return;
        this.stream._duplexState |= READ_NEXT_TICK;
        if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
      }
    };
    var TransformState = class {
      constructor(stream) {
        this.data = null;
        this.afterTransform = afterTransform.bind(stream);
        this.afterFinal = null;
      }
    };
    var Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src;
        this.to = dst;
        this.afterPipe = cb;
        this.error = null;
        this.pipeToFinished = false;
      }
      finished() {
        this.pipeToFinished = true;
      }
      done(stream, err) {
        if (err) this.error = err;
        if (stream === this.to) {
          this.to = null;
          if (this.from !== null) {
            if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
              this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
            }
            return;
          }
        }
        if (stream === this.from) {
          this.from = null;
          if (this.to !== null) {
            if ((stream._duplexState & READ_DONE) === 0) {
              this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
            }
            return;
          }
        }
        if (this.afterPipe !== null) this.afterPipe(this.error);
        this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED;
      this.updateCallback();
    }
    function afterFinal(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROY_STATUS) === 0) {
        stream._duplexState |= WRITE_DONE;
        stream.emit("finish");
      }
      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
        stream._duplexState |= DESTROYING;
      }
      stream._duplexState &= WRITE_NOT_FINISHING;
      if ((stream._duplexState & WRITE_UPDATING) === 0) {
        this.update();
      } else {
        this.updateNextTick();
      }
    }
    function afterDestroy(err) {
      const stream = this.stream;
      if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
      if (err) stream.emit("error", err);
      stream._duplexState |= DESTROYED;
      stream.emit("close");
      const rs = stream._readableState;
      const ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null) {
        rs.pipeline.done(stream, err);
      }
      if (ws !== null) {
        while (ws.drains !== null && ws.drains.length > 0) {
          ws.drains.shift().resolve(false);
        }
        if (ws.pipeline !== null) {
          ws.pipeline.done(stream, err);
        }
      }
    }
    function afterWrite(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      stream._duplexState &= WRITE_NOT_ACTIVE;
      if (this.drains !== null) tickDrains(this.drains);
      if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
        stream._duplexState &= WRITE_DRAINED;
        if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
          stream.emit("drain");
        }
      }
      this.updateCallback();
    }
    function afterRead(err) {
      if (err) this.stream.destroy(err);
      this.stream._duplexState &= READ_NOT_ACTIVE;
      if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
        this.stream._duplexState &= READ_NO_READ_AHEAD;
      }
      this.updateCallback();
    }
    function updateReadNT() {
      if ((this.stream._duplexState & READ_UPDATING) === 0) {
        this.stream._duplexState &= READ_NOT_NEXT_TICK;
        this.update();
      }
    }
    function updateWriteNT() {
      if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
        this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
        this.update();
      }
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++) {
        if (--drains[i].writes === 0) {
          drains.shift().resolve(true);
          i--;
        }
      }
    }
    function afterOpen(err) {
      const stream = this.stream;
      if (err) stream.destroy(err);
      if ((stream._duplexState & DESTROYING) === 0) {
        if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
          stream._duplexState |= READ_PRIMARY;
        }
        if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
          stream._duplexState |= WRITE_PRIMARY;
        }
        stream.emit("open");
      }
      stream._duplexState &= NOT_ACTIVE;
      if (stream._writableState !== null) {
        stream._writableState.updateCallback();
      }
      if (stream._readableState !== null) {
        stream._readableState.updateCallback();
      }
    }
    function afterTransform(err, data) {
      if (data !== void 0 && data !== null) this.push(data);
      this._writableState.afterWrite(err);
    }
    function newListener(name) {
      if (this._readableState !== null) {
        if (name === "data") {
          this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
          this._readableState.updateNextTick();
        }
        if (name === "readable") {
          this._duplexState |= READ_EMIT_READABLE;
          this._readableState.updateNextTick();
        }
      }
      if (this._writableState !== null) {
        if (name === "drain") {
          this._duplexState |= WRITE_EMIT_DRAIN;
          this._writableState.updateNextTick();
        }
      }
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super();
        this._duplexState = 0;
        this._readableState = null;
        this._writableState = null;
        if (opts) {
          if (opts.open) this._open = opts.open;
          if (opts.destroy) this._destroy = opts.destroy;
          if (opts.predestroy) this._predestroy = opts.predestroy;
          if (opts.signal) opts.signal.addEventListener("abort", abort.bind(this));
        }
        this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? true : void 0;
      }
      get writable() {
        return this._writableState !== null ? true : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        if ((this._duplexState & DESTROY_STATUS) === 0) {
          if (!err) err = StreamError.STREAM_DESTROYED();
          this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;
          if (this._readableState !== null) {
            this._readableState.highWaterMark = 0;
            this._readableState.error = err;
          }
          if (this._writableState !== null) {
            this._writableState.highWaterMark = 0;
            this._writableState.error = err;
          }
          this._duplexState |= PREDESTROYING;
          this._predestroy();
          this._duplexState &= NOT_PREDESTROYING;
          if (this._readableState !== null) {
            this._readableState.updateNextTick();
          }
          if (this._writableState !== null) {
            this._writableState.updateNextTick();
          }
        }
      }
    };
    var Readable2 = class _Readable extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
        this._readableState = new ReadableState(this, opts);
        if (opts) {
          if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
          if (opts.read) this._read = opts.read;
          if (opts.eagerOpen) this._readableState.updateNextTick();
          if (opts.encoding) this.setEncoding(opts.encoding);
        }
      }
      static deferred(fn, opts) {
        const out = new PassThrough(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline4(src, out, noop);
        }).catch((err) => out.destroy(err));
        return out;
      }
      setEncoding(encoding) {
        const dec = new TextDecoder2(encoding);
        const map = this._readableState.map || echo;
        this._readableState.map = mapOrSkip;
        return this;
        function mapOrSkip(data) {
          const next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        this._readableState.updateNextTick();
        this._readableState.pipe(dest, cb);
        return dest;
      }
      read() {
        this._readableState.updateNextTick();
        return this._readableState.read();
      }
      push(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.push(data);
      }
      unshift(data) {
        this._readableState.updateNextTickIfOpen();
        return this._readableState.unshift(data);
      }
      resume() {
        this._duplexState |= READ_RESUMED_READ_AHEAD;
        this._readableState.updateNextTick();
        return this;
      }
      pause() {
        this._duplexState &= this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
        return this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy;
        const rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          if (data.done) rs.push(null);
          else rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        if (!Array.isArray(data)) data = data === void 0 ? [] : [data];
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]);
            cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        const stream = this;
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        this.on("error", (err) => {
          error = err;
        });
        this.on("readable", onreadable);
        this.on("close", onclose);
        return {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve, reject) {
              promiseResolve = resolve;
              promiseReject = reject;
              const data = stream.read();
              if (data !== null) ondata(data);
              else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          if (promiseResolve !== null) ondata(stream.read());
        }
        function onclose() {
          if (promiseResolve !== null) ondata(null);
        }
        function ondata(data) {
          if (promiseReject === null) return;
          if (error) {
            promiseReject(error);
          } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
            promiseReject(StreamError.STREAM_DESTROYED());
          } else {
            promiseResolve({ value: data, done: data === null });
          }
          promiseReject = promiseResolve = null;
        }
        function destroy(err) {
          stream.destroy(err);
          return new Promise((resolve, reject) => {
            if (stream._duplexState & DESTROYED) return resolve({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable = class extends Stream {
      constructor(opts) {
        super(opts);
        this._duplexState |= OPENING | READ_DONE;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
          if (opts.eagerOpen) this._writableState.updateNextTick();
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(false);
        const state = ws._writableState;
        const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
        const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        if (writes === 0) return Promise.resolve(true);
        if (state.drains === null) state.drains = [];
        return new Promise((resolve) => {
          state.drains.push({ writes, resolve });
        });
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Duplex = class extends Readable2 {
      // and Writable
      constructor(opts) {
        super(opts);
        this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD;
        this._writableState = new WritableState(this, opts);
        if (opts) {
          if (opts.writev) this._writev = opts.writev;
          if (opts.write) this._write = opts.write;
          if (opts.final) this._final = opts.final;
        }
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED;
        this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        this._writableState.updateNextTick();
        return this._writableState.push(data);
      }
      end(data) {
        this._writableState.updateNextTick();
        this._writableState.end(data);
        return this;
      }
    };
    var Transform3 = class extends Duplex {
      constructor(opts) {
        super(opts);
        this._transformState = new TransformState(this);
        if (opts) {
          if (opts.transform) this._transform = opts.transform;
          if (opts.flush) this._flush = opts.flush;
        }
      }
      _write(data, cb) {
        if (this._readableState.buffered >= this._readableState.highWaterMark) {
          this._transformState.data = data;
        } else {
          this._transform(data, this._transformState.afterTransform);
        }
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          const data = this._transformState.data;
          this._transformState.data = null;
          cb(null);
          this._transform(data, this._transformState.afterTransform);
        } else {
          cb(null);
        }
      }
      destroy(err) {
        super.destroy(err);
        if (this._transformState.data !== null) {
          this._transformState.data = null;
          this._transformState.afterTransform();
        }
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb;
        this._flush(transformAfterFlush.bind(this));
      }
    };
    var PassThrough = class extends Transform3 {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve, reject) => {
        return pipeline4(...streams, (err) => {
          if (err) return reject(err);
          resolve();
        });
      });
    }
    function pipeline4(stream, ...streams) {
      const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
      const done = all.length && typeof all[all.length - 1] === "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0];
      let dest = null;
      let error = null;
      for (let i = 1; i < all.length; i++) {
        dest = all[i];
        if (isStreamx(src)) {
          src.pipe(dest, onerror);
        } else {
          errorHandle(src, true, i > 1, onerror);
          src.pipe(dest);
        }
        src = dest;
      }
      if (done) {
        let fin = false;
        const autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          if (error === null) error = err;
        });
        dest.on("finish", () => {
          fin = true;
          if (!autoDestroy) done(error);
        });
        if (autoDestroy) {
          dest.on("close", () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
        }
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2);
        s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
          if (wr && s._writableState && !s._writableState.ended) {
            return onerror2(StreamError.PREMATURE_CLOSE());
          }
        }
      }
      function onerror(err) {
        if (!err || error) return;
        error = err;
        for (const s of all) {
          s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState === "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      const err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data === "object" && data !== null && typeof data.byteLength === "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline4,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable2,
      Duplex,
      Transform: Transform3,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a();
    var ZEROS2 = "0000000000000000000";
    var SEVENS = "7777777777777777777";
    var ZERO_OFFSET = "0".charCodeAt(0);
    var USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]);
    var USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
    var GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]);
    var GNU_VER = b4a.from([32, 0]);
    var MASK = 4095;
    var MAGIC_OFFSET = 257;
    var VERSION_OFFSET = 263;
    exports.decodeLongPath = function decodeLongPath(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function encodePax(opts) {
      let result = "";
      if (opts.name) result += addLength(" path=" + opts.name + "\n");
      if (opts.linkname) result += addLength(" linkpath=" + opts.linkname + "\n");
      const pax = opts.pax;
      if (pax) {
        for (const key in pax) {
          result += addLength(" " + key + "=" + pax[key] + "\n");
        }
      }
      return b4a.from(result);
    };
    exports.decodePax = function decodePax(buf) {
      const result = {};
      while (buf.length) {
        let i = 0;
        while (i < buf.length && buf[i] !== 32) i++;
        const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        const b = b4a.toString(buf.subarray(i + 1, len - 1));
        const keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);
        buf = buf.subarray(len);
      }
      return result;
    };
    exports.encode = function encode(opts) {
      const buf = b4a.alloc(512);
      let name = opts.name;
      let prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/") name += "/";
      if (b4a.byteLength(name) !== name.length) return null;
      while (b4a.byteLength(name) > 100) {
        const i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i);
        name = name.slice(i + 1);
      }
      if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null;
      if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null;
      b4a.write(buf, name);
      b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
      b4a.write(buf, encodeOct(opts.uid, 6), 108);
      b4a.write(buf, encodeOct(opts.gid, 6), 116);
      encodeSize(opts.size, buf, 124);
      b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136);
      buf[156] = ZERO_OFFSET + toTypeflag(opts.type);
      if (opts.linkname) b4a.write(buf, opts.linkname, 157);
      b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
      b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
      if (opts.uname) b4a.write(buf, opts.uname, 265);
      if (opts.gname) b4a.write(buf, opts.gname, 297);
      b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
      b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);
      if (prefix) b4a.write(buf, prefix, 345);
      b4a.write(buf, encodeOct(cksum(buf), 6), 148);
      return buf;
    };
    exports.decode = function decode(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;
      let name = decodeStr(buf, 0, 100, filenameEncoding);
      const mode = decodeOct(buf, 100, 8);
      const uid = decodeOct(buf, 108, 8);
      const gid = decodeOct(buf, 116, 8);
      const size = decodeOct(buf, 124, 12);
      const mtime = decodeOct(buf, 136, 12);
      const type = toType(typeflag);
      const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
      const uname = decodeStr(buf, 265, 32);
      const gname = decodeStr(buf, 297, 32);
      const devmajor = decodeOct(buf, 329, 8);
      const devminor = decodeOct(buf, 337, 8);
      const c = cksum(buf);
      if (c === 8 * 32) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf)) {
        if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name;
      } else if (isGNU(buf)) {
      } else {
        if (!allowUnknownFormat) {
          throw new Error("Invalid tar header: unknown format.");
        }
      }
      if (typeflag === 0 && name && name[name.length - 1] === "/") typeflag = 5;
      return {
        name,
        mode,
        uid,
        gid,
        size,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      if (typeof index !== "number") return defaultValue;
      index = ~~index;
      if (index >= len) return len;
      if (index >= 0) return index;
      index += len;
      if (index >= 0) return index;
      return 0;
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num, offset, end) {
      for (; offset < end; offset++) {
        if (block[offset] === num) return offset;
      }
      return end;
    }
    function cksum(block) {
      let sum = 8 * 32;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      val = val.toString(8);
      if (val.length > n) return SEVENS.slice(0, n) + " ";
      return ZEROS2.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--) {
        buf[off + i] = num & 255;
        num = Math.floor(num / 256);
      }
    }
    function encodeSize(num, buf, off) {
      if (num.toString(8).length > 11) {
        encodeSizeBin(num, buf, off);
      } else {
        b4a.write(buf, encodeOct(num, 11), off);
      }
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = true;
      else if (buf[0] === 255) positive = false;
      else return null;
      const tuple = [];
      let i;
      for (i = buf.length - 1; i > 0; i--) {
        const byte = buf[i];
        if (positive) tuple.push(byte);
        else tuple.push(255 - byte);
      }
      let sum = 0;
      const l = tuple.length;
      for (i = 0; i < l; i++) {
        sum += tuple[i] * Math.pow(256, i);
      }
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      val = val.subarray(offset, offset + length);
      offset = 0;
      if (val[offset] & 128) {
        return parse256(val);
      } else {
        while (offset < val.length && val[offset] === 32) offset++;
        const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        while (offset < end && val[offset] === 0) offset++;
        if (end === offset) return 0;
        return parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str) {
      const len = b4a.byteLength(str);
      let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      if (len + digits >= Math.pow(10, digits)) digits++;
      return len + digits + str;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable2, getStreamError } = require_streamx();
    var FIFO = require_fast_fifo();
    var b4a = require_b4a();
    var headers = require_headers();
    var EMPTY = b4a.alloc(0);
    var MAX_HEADER_SIZE = 4 * 1024 * 1024;
    var BufferList = class {
      constructor() {
        this.buffered = 0;
        this.shifted = 0;
        this.queue = new FIFO();
        this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength;
        this.queue.push(buffer);
      }
      shiftFirst(size) {
        return this.buffered === 0 ? null : this._next(size);
      }
      shift(size) {
        if (size > this.buffered) return null;
        if (size === 0) return EMPTY;
        let chunk = this._next(size);
        if (size === chunk.byteLength) return chunk;
        const chunks = [chunk];
        while ((size -= chunk.byteLength) > 0) {
          chunk = this._next(size);
          chunks.push(chunk);
        }
        return b4a.concat(chunks);
      }
      _next(size) {
        const buf = this.queue.peek();
        const rem = buf.byteLength - this._offset;
        if (size >= rem) {
          const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          this.queue.shift();
          this._offset = 0;
          this.buffered -= rem;
          this.shifted += rem;
          return sub;
        }
        this.buffered -= size;
        this.shifted += size;
        return buf.subarray(this._offset, this._offset += size);
      }
    };
    var Source = class extends Readable2 {
      constructor(self, header, offset) {
        super();
        this.header = header;
        this.offset = offset;
        this._parent = self;
      }
      _read(cb) {
        if (this.header.size === 0) {
          this.push(null);
        }
        if (this._parent._stream === this) {
          this._parent._update();
        }
        cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        if (this._parent._stream === this) {
          this._parent._stream = null;
          this._parent._missing = overflow(this.header.size);
          this._parent._update();
        }
      }
      _destroy(cb) {
        this._detach();
        cb(null);
      }
    };
    var Extract = class extends Writable {
      constructor(opts) {
        super(opts);
        if (!opts) opts = {};
        this._buffer = new BufferList();
        this._offset = 0;
        this._header = null;
        this._stream = null;
        this._missing = 0;
        this._longHeader = false;
        this._callback = noop;
        this._locked = false;
        this._finished = false;
        this._pax = null;
        this._paxGlobal = null;
        this._gnuLongPath = null;
        this._gnuLongLinkPath = null;
        this._filenameEncoding = opts.filenameEncoding || "utf-8";
        this._allowUnknownFormat = !!opts.allowUnknownFormat;
        this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        this._locked = false;
        if (err) {
          this.destroy(err);
          this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return false;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        if (!this._header) return true;
        this._header.byteOffset = this._buffer.shifted;
        switch (this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            this._longHeader = true;
            this._missing = this._header.size;
            if (this._missing > MAX_HEADER_SIZE) {
              this._continueWrite(new Error("Header exceeds max size"));
              return false;
            }
            return true;
        }
        this._locked = true;
        this._applyLongHeaders();
        if (!(this._header.size >= 0)) {
          this._continueWrite(new Error("Invalid header"));
          return false;
        }
        if (this._header.size === 0 || this._header.type === "directory") {
          this.emit("entry", this._header, this._createStream(), this._unlockBound);
          return true;
        }
        this._stream = this._createStream();
        this._missing = this._header.size;
        this.emit("entry", this._header, this._stream, this._unlockBound);
        return true;
      }
      _applyLongHeaders() {
        if (this._gnuLongPath) {
          this._header.name = this._gnuLongPath;
          this._gnuLongPath = null;
        }
        if (this._gnuLongLinkPath) {
          this._header.linkname = this._gnuLongLinkPath;
          this._gnuLongLinkPath = null;
        }
        if (this._pax) {
          if (this._pax.path) this._header.name = this._pax.path;
          if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
          if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
          this._header.pax = this._pax;
          this._pax = null;
        }
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = false;
        this._missing = overflow(this._header.size);
        const buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          this._continueWrite(err);
          return false;
        }
        return true;
      }
      _consumeStream() {
        const buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return false;
        this._missing -= buf.byteLength;
        const drained = this._stream.push(buf);
        if (this._missing === 0) {
          this._stream.push(null);
          if (drained) this._stream._detach();
          return drained && this._locked === false;
        }
        return drained;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        while (this._buffer.buffered > 0 && !this.destroying) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === false) return;
              continue;
            }
            if (this._longHeader === true) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === false) return false;
              continue;
            }
            const ignore = this._buffer.shiftFirst(this._missing);
            if (ignore !== null) this._missing -= ignore.byteLength;
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === false) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        const cb = this._callback;
        this._callback = noop;
        cb(err);
      }
      _write(data, cb) {
        this._callback = cb;
        this._buffer.push(data);
        this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0;
        cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        if (this._stream) this._stream.destroy(getStreamError(this));
        cb(null);
      }
      [Symbol.asyncIterator]() {
        let error = null;
        let promiseResolve = null;
        let promiseReject = null;
        let entryStream = null;
        let entryCallback = null;
        const extract = this;
        this.on("entry", onentry);
        this.on("error", (err) => {
          error = err;
        });
        this.on("close", onclose);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          const cb = entryCallback;
          entryCallback = null;
          cb(err);
        }
        function onnext(resolve, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve;
          promiseReject = reject;
          consumeCallback(null);
          if (extract._finished && promiseResolve) {
            promiseResolve({ value: void 0, done: true });
            promiseResolve = promiseReject = null;
          }
        }
        function onentry(header, stream, callback) {
          entryCallback = callback;
          stream.on("error", noop);
          if (promiseResolve) {
            promiseResolve({ value: stream, done: false });
            promiseResolve = promiseReject = null;
          } else {
            entryStream = stream;
          }
        }
        function onclose() {
          consumeCallback(error);
          if (!promiseResolve) return;
          if (error) promiseReject(error);
          else promiseResolve({ value: void 0, done: true });
          promiseResolve = promiseReject = null;
        }
        function destroy(err) {
          extract.destroy(err);
          consumeCallback(err);
          return new Promise((resolve, reject) => {
            if (extract.destroyed) return resolve({ value: void 0, done: true });
            extract.once("close", function() {
              if (err) reject(err);
              else resolve({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract(opts) {
      return new Extract(opts);
    };
    function noop() {
    }
    function overflow(size) {
      size &= 511;
      return size && 512 - size;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants2 = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants2;
    } catch {
      module.exports = constants2;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable2, Writable, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants2 = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable {
      constructor(pack, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack;
        this._openCallback = null;
        if (this._pack._stream === null) this._pack._stream = this;
        else this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb;
        if (this._pack._stream === this) this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        const callback = this._callback;
        this._callback = null;
        callback(err);
      }
      _continueOpen() {
        if (this._pack._stream === null) this._pack._stream = this;
        const cb = this._openCallback;
        this._openCallback = null;
        if (cb === null) return;
        if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
        if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
        this._pack._stream = this;
        if (!this._isLinkname) {
          this._pack._encode(this.header);
        }
        if (this._isVoid) {
          this._finish();
          this._continuePack(null);
        }
        cb(null);
      }
      _write(data, cb) {
        if (this._isLinkname) {
          this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
          return cb(null);
        }
        if (this._isVoid) {
          if (data.byteLength > 0) {
            return cb(new Error("No body allowed for this entry"));
          }
          return cb();
        }
        this.written += data.byteLength;
        if (this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        if (this._finished) return;
        this._finished = true;
        if (this._isLinkname) {
          this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "";
          this._pack._encode(this.header);
        }
        overflow(this._pack, this.header.size);
        this._pack._done(this);
      }
      _final(cb) {
        if (this.written !== this.header.size) {
          return cb(new Error("Size mismatch"));
        }
        this._finish();
        cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this);
        this._continuePack(this._finished ? null : this._getError());
        cb();
      }
    };
    var Pack = class extends Readable2 {
      constructor(opts) {
        super(opts);
        this._drain = noop;
        this._finalized = false;
        this._finalizing = false;
        this._pending = [];
        this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        if (typeof buffer === "function") {
          callback = buffer;
          buffer = null;
        }
        if (!callback) callback = noop;
        if (!header.size || header.type === "symlink") header.size = 0;
        if (!header.type) header.type = modeToType(header.mode);
        if (!header.mode) header.mode = header.type === "directory" ? DMODE : FMODE;
        if (!header.uid) header.uid = 0;
        if (!header.gid) header.gid = 0;
        if (!header.mtime) header.mtime = /* @__PURE__ */ new Date();
        if (typeof buffer === "string") buffer = b4a.from(buffer);
        const sink = new Sink(this, header, callback);
        if (b4a.isBuffer(buffer)) {
          header.size = buffer.byteLength;
          sink.write(buffer);
          sink.end();
          return sink;
        }
        if (sink._isVoid) {
          return sink;
        }
        return sink;
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = true;
          return;
        }
        if (this._finalized) return;
        this._finalized = true;
        this.push(END_OF_TAR);
        this.push(null);
      }
      _done(stream) {
        if (stream !== this._stream) return;
        this._stream = null;
        if (this._finalizing) this.finalize();
        if (this._pending.length) this._pending.shift()._continueOpen();
      }
      _encode(header) {
        if (!header.pax) {
          const buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        const paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        });
        const newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader));
        this.push(paxHeader);
        overflow(this, paxHeader.byteLength);
        newHeader.size = header.size;
        newHeader.type = header.type;
        this.push(headers.encode(newHeader));
      }
      _doDrain() {
        const drain = this._drain;
        this._drain = noop;
        drain();
      }
      _predestroy() {
        const err = getStreamError(this);
        if (this._stream) this._stream.destroy(err);
        while (this._pending.length) {
          const stream = this._pending.shift();
          stream.destroy(err);
          stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain();
        cb();
      }
    };
    module.exports = function pack(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants2.S_IFMT) {
        case constants2.S_IFBLK:
          return "block-device";
        case constants2.S_IFCHR:
          return "character-device";
        case constants2.S_IFDIR:
          return "directory";
        case constants2.S_IFIFO:
          return "fifo";
        case constants2.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size) {
      size &= 511;
      if (size) self.push(END_OF_TAR.subarray(0, 512 - size));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
  }
});

// src/build/blobs.ts
import { stat } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";

// src/build/kernel-config.ts
var UNKNOWN_KERNEL_FIELD = "Unknown";
var KERNEL_ARCH = { x86_64: "x86_64", x86: "x86_64", arm64: "aarch64", aarch64: "aarch64" };
function parseKernelConfig(text, path) {
  const line = text.split("\n")[2];
  if (line === void 0) throw new UserError(`kernel config ${path}: fewer than 3 lines`, { code: "format" });
  const words = line.replace(/\r$/, "").split(/[ /-]/);
  return {
    os: words[1] ?? UNKNOWN_KERNEL_FIELD,
    version: words[3] ?? UNKNOWN_KERNEL_FIELD,
    arch: KERNEL_ARCH[words[2] ?? ""]
  };
}

// src/build/known-blobs.ts
var REPOSITORY = "aws/aws-nitro-enclaves-cli";
var BLOBS_TREE_5673B66 = {
  x86_64: {
    bzImage: {
      gitBlob: "1b7b48cfb6eab842005d3f80a46d0225a27f9fc2",
      sha384: "127b320741835315a4b05fd4b7d063771d9097af887a42296809ff1f98971ec99a1c5f865cfa8be2b3562547369821c4"
    },
    "bzImage.config": {
      gitBlob: "c8cfce416c1c54271049cb294ff37075bedcb568",
      size: 79576,
      sha384: "e9704ca3fee1f01a0d0a5a7a1aff588999122983032ac2615c4a158ba318febf55dbd9b059f51e189a028a7f647d9d35"
    },
    cmdline: {
      gitBlob: "b3b51ddf3555e116d0bb2b5d9354c93036868ab1",
      size: 120,
      sha384: "cefb9209bc63dbab600937db2c945fd08d5a9a97b74ead867b4487920bf2b7914a9b4f569bb9aabb884044a221ab0b0f"
    },
    init: {
      gitBlob: "122b5d1514316b1b553fb486445fe1482a48b8c8",
      size: 742968,
      sha384: "ba660d640a91dbebffd62dc272e9d88fba86c0ed67f5ca643f5f028db00333305302070c0cdd2c5231383b99b6488959"
    },
    "nsm.ko": {
      gitBlob: "24cbfe5dd041b75d731bd3feda9748b75883be7f",
      size: 20504,
      sha384: "993d1f27554ffa16672a06a3ce0c84bd862c05bbec5eccd69fab94414f4d4ea37e2520aa60bc2c9c5d3ad2c5d4657b50"
    }
  },
  aarch64: {
    Image: { gitBlob: "5503018854dbc9ff4e3356d0912eb8d3256c6af6" },
    "Image.config": {
      gitBlob: "864df6a87e07746cb2d04dfe5ff8534cd87d2d7e",
      size: 71592,
      sha384: "6857f95e8e0c59e251cd64affc1d6f3182babdaa1abd5477c0016202d638f0f6ac7ec2fbde85f505eb1fd72349890dc4"
    },
    cmdline: {
      gitBlob: "347d16b9720a63744e2018431250fbac2658721d",
      size: 85,
      sha384: "d72473287ab78caada25ef6c69a82d2ab4e68c38bcb93919a4b67a482adcb0b0b62e3064cf5bf37e8e6dfcbcefce67a1"
    },
    init: {
      gitBlob: "4825177283ee249df32fc07e129805380fe62a64",
      size: 738616,
      sha384: "e566b36e125531b13d976e412a7102bce09c7695416088cb6b2003ec951067f0122f8839ceed2348abd577ec04df82b2"
    },
    "nsm.ko": {
      gitBlob: "1f3fd871816513430a5a5911ca729dded5bb5409",
      size: 23208,
      sha384: "e29aba7bc9075f52935f1facc5dabe4155bd95784596c4e27928a4c6947235381fc1dc5dab42f17b81fd97060f5e7097"
    }
  }
};
var RELEASES = [
  ["v1.3.4", "59beb801f2180f8e83bf22706d562e35e3c15172"],
  ["v1.4.0", "e9d45c4c6952bae5411d4c3a223178f63aa64ef0"],
  ["v1.4.1", "0aceabd1ab25952db09a1ffe02f729e3cce99d24"],
  ["v1.4.2", "6e8512e4d9e1ba82e0e5c4c9d9d0b3987724f217"],
  ["v1.4.3", "82501bb9637e4b41c87ce73f8ffc2ce51ca37a6a"],
  ["v1.4.4", "d7830d68dc1e6c31d1ed25ecf06684d766737392"],
  ["v1.4.5", "18a5f6f35f110c0f235f193ae3caff9434d64ee1"],
  ["v1.5.0", "2950b3699d81ad304df2458915688a552734833d"]
];
var PUBLIC_BLOB_SETS = RELEASES.map(([tag, commit]) => ({
  name: `aws-nitro-enclaves-cli@${tag}`,
  repository: REPOSITORY,
  tag,
  commit,
  blobsTree: "5673b664916ad24c17dca5797246b0c67eb89d8b",
  baseUrl: `https://raw.githubusercontent.com/${REPOSITORY}/${commit}`,
  files: BLOBS_TREE_5673B66
}));
var activeSets = PUBLIC_BLOB_SETS;
function knownBlobSets() {
  return activeSets;
}
function pinMismatch(pin, digests) {
  if (pin.size !== void 0 && pin.size !== digests.size) return { what: "size", actual: String(digests.size), expected: String(pin.size) };
  if (pin.sha384 !== void 0 && pin.sha384 !== digests.sha384) return { what: "sha384", actual: digests.sha384, expected: pin.sha384 };
  if (pin.gitBlob !== void 0 && pin.gitBlob !== digests.gitBlob) return { what: "git blob id", actual: digests.gitBlob, expected: pin.gitBlob };
  return void 0;
}
function recogniseBlobSet(arch, blobs, sets = knownBlobSets()) {
  const matching = sets.filter(
    (set) => Object.entries(set.files[arch]).every(([name, pin]) => blobs[name] !== void 0 && pinMismatch(pin, blobs[name]) === void 0)
  );
  if (matching.length === 0) return void 0;
  if (matching.length === 1) return matching[0].name;
  return `${matching[0].name} \u2026 ${matching[matching.length - 1].tag} (identical blobs)`;
}

// src/build/blobs.ts
var DEFAULT_BLOBS_DIR = "/usr/share/nitro_enclaves/blobs";
var MAX_BLOB_SIZE = 128 * 1024 * 1024;
var KERNEL_FILE = { x86_64: "bzImage", aarch64: "Image" };
var CMDLINE_FILE = "cmdline";
var INIT_FILE = "init";
var NSM_FILE = "nsm.ko";
function blobHashes(set) {
  const blobs = [set.kernel, set.kernelConfig, set.cmdline, set.init, set.nsm];
  return Object.fromEntries(blobs.map((b) => [b.name, b.sha384]));
}
async function loadBlobs(options) {
  const { dir, arch } = options;
  const kernelName = KERNEL_FILE[arch];
  await refuseOtherArch(dir, arch);
  const [kernel, kernelConfig, cmdline, init, nsm] = await Promise.all(
    [kernelName, `${kernelName}.config`, CMDLINE_FILE, INIT_FILE, NSM_FILE].map((name) => readBlob(dir, name))
  );
  const kernelInfo = parseKernelConfig(Buffer.from(kernelConfig.bytes).toString("utf8"), kernelConfig.path);
  if (kernelInfo.arch !== void 0 && kernelInfo.arch !== arch) {
    throw new UserError(
      `blobs directory ${dir}: ${kernelConfig.name} is for ${kernelInfo.arch}, but the image is ${arch}`,
      { code: "mismatch" }
    );
  }
  const set = { dir, arch, kernel, kernelConfig, cmdline, init, nsm, kernelInfo, cmdlineText: kernelCmdlineOfBytes(cmdline.bytes, `blob ${cmdline.path}`) };
  if (options.lock) checkBlobLock(blobHashes(set), options.lock);
  const blobs = [kernel, kernelConfig, cmdline, init, nsm];
  if (options.pinned) {
    for (const blob of blobs) checkPin(options.pinned.setName, options.pinned.pins, blob);
    return { ...set, recognisedSet: options.pinned.setName };
  }
  const digests = Object.fromEntries(blobs.map((b) => [b.name, { size: b.bytes.byteLength, sha384: b.sha384, gitBlob: b.gitBlob }]));
  return { ...set, recognisedSet: recogniseBlobSet(arch, digests) };
}
function checkPin(setName, pins, blob) {
  const pin = pins[blob.name];
  if (!pin) throw new VerificationError(`blob ${blob.name}: ${setName} does not pin it`);
  const wrong = pinMismatch(pin, { size: blob.bytes.byteLength, sha384: blob.sha384, gitBlob: blob.gitBlob });
  if (wrong) throw new VerificationError(`blob ${blob.name} (${setName}) at ${blob.path}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
}
function gitBlobId(bytes) {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}
async function refuseOtherArch(dir, arch) {
  const other = arch === "x86_64" ? "aarch64" : "x86_64";
  const [mine, theirs] = await Promise.all([exists(join(dir, KERNEL_FILE[arch])), exists(join(dir, KERNEL_FILE[other]))]);
  if (!mine && theirs) {
    throw new UserError(
      `blobs directory ${dir} holds an ${other} kernel (${KERNEL_FILE[other]}), but the image is ${arch} (needs ${KERNEL_FILE[arch]})`,
      { code: "mismatch" }
    );
  }
}
async function exists(path) {
  return stat(path).then(() => true, () => false);
}
async function readBlob(dir, name) {
  const path = join(dir, name);
  const info = await stat(path).catch((cause) => {
    throw new UserError(`blobs directory ${dir}: missing ${name}`, { code: "not-found", cause });
  });
  if (!info.isFile()) throw new UserError(`blob ${path} is not a regular file`);
  if (info.size > MAX_BLOB_SIZE) throw new UserError(`blob ${path} is ${info.size} bytes, more than any real blob (${MAX_BLOB_SIZE})`);
  const bytes = new Uint8Array(await readRegularFile(path, { label: `blob ${path}`, maxBytes: MAX_BLOB_SIZE }));
  return { name, path, bytes, sha384: createHash("sha384").update(bytes).digest("hex"), gitBlob: gitBlobId(bytes) };
}
function checkBlobLock(actual, lock) {
  for (const name of Object.keys(lock)) {
    if (!(name in actual)) {
      throw new UserError(`blob lock names ${quoted(name)}, which this build does not use (uses ${Object.keys(actual).join(", ")})`);
    }
  }
  for (const [name, sha384] of Object.entries(actual)) {
    const pinned = lock[name];
    if (pinned === void 0) throw new UserError(`blob lock does not pin ${name} (sha384 ${sha384})`);
    if (pinned.toLowerCase().replace(/^0x/, "") !== sha384) {
      throw new VerificationError(`blob ${name}: sha384 ${sha384} does not match the lock's ${pinned}`);
    }
  }
}
async function readBlobLock(path) {
  const bytes = await readRegularFile(path, { label: `blob lock ${path}`, maxBytes: MAX_JSON_BYTES });
  const text = bytes.toString("utf8");
  if (!/^\s*[[{]/.test(text)) return parseBlobPinLines(text, `blob lock ${path}`);
  const parsed = parseJsonBounded(bytes, `blob lock ${path}`);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`blob lock ${path}: expected a JSON object of blob name \u2192 sha384`, { code: "format" });
  }
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== "string" || !/^(0x)?[0-9a-fA-F]{96}$/.test(value)) {
      throw new UserError(`blob lock ${path}: ${name} is not a sha384 (96 hex digits)`, { code: "format" });
    }
  }
  return parsed;
}
function parseBlobPinLines(text, what) {
  const pins = {};
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const named = /^([^\s=]+)\s*=\s*([0-9a-fA-F]{96})$/.exec(line);
    const summed = /^([0-9a-fA-F]{96})\s+\*?(\S+)$/.exec(line);
    const [name, hex] = named ? [named[1], named[2]] : summed ? [summed[2], summed[1]] : [];
    if (name === void 0 || hex === void 0) {
      throw new UserError(`${what}: expected "name=<96 hex digits>" or sha384sum lines, got ${JSON.stringify(line.slice(0, 200))}`, { code: "format" });
    }
    pins[name.split("/").pop()] = hex.toLowerCase();
  }
  return pins;
}
function eifArchOf(architecture) {
  if (architecture === "amd64") return "x86_64";
  if (architecture === "arm64") return "aarch64";
  throw new UserError(`image architecture ${quoted(architecture)} is not supported by Nitro Enclaves (amd64 or arm64)`, {
    code: "unsupported"
  });
}

// src/io/proxy-fetch.ts
function proxyFetchFromEnv(env) {
  const pick = (name) => env[name.toLowerCase()] || env[name.toUpperCase()] || void 0;
  const proxies = { "https:": pick("https_proxy"), "http:": pick("http_proxy") };
  if (!proxies["https:"] && !proxies["http:"]) return void 0;
  const noProxy = (pick("no_proxy") ?? "").split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  const agents = /* @__PURE__ */ new Map();
  return async (url, init) => {
    const target = new URL(url);
    const proxy = proxies[target.protocol];
    if (!proxy || bypasses(noProxy, target)) return fetch(url, init);
    const loaded = await import("./undici-5ZCHYZ3A.js");
    const undici = "ProxyAgent" in loaded ? loaded : loaded.default;
    let dispatcher = agents.get(proxy);
    if (!dispatcher) agents.set(proxy, dispatcher = new undici.ProxyAgent(proxy));
    return await undici.fetch(url, { ...init, dispatcher });
  };
}
function bypasses(noProxy, target) {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  return noProxy.some((entry) => {
    if (entry === "*") return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = m[1].replace(/^\*?\./, "").replace(/^\[|\]$/g, "");
    if (m[2] !== void 0 && m[2] !== port) return false;
    return host === name || host.endsWith(`.${name}`);
  });
}

// src/io/byte-names.ts
var ASCII = /^[\x00-\x7f]*$/;
var SURROGATE = /[\uD800-\uDFFF]/;
var ESCAPE_BASE = 56320;
function sequenceLength(b, i) {
  const c = b[i];
  if (c < 128) return 1;
  const cont = (k, lo = 128, hi = 191) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 194 && c <= 223) return cont(1) ? 2 : 0;
  if (c === 224) return cont(1, 160) && cont(2) ? 3 : 0;
  if (c >= 225 && c <= 236 || c === 238 || c === 239) return cont(1) && cont(2) ? 3 : 0;
  if (c === 237) return cont(1, 128, 159) && cont(2) ? 3 : 0;
  if (c === 240) return cont(1, 144) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 241 && c <= 243) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 244) return cont(1, 128, 143) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
function decodeName(byteString2) {
  if (ASCII.test(byteString2)) return byteString2;
  const bytes = Buffer.from(byteString2, "latin1");
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n === 0) {
      out += String.fromCharCode(ESCAPE_BASE + bytes[i]);
      i += 1;
    } else {
      out += bytes.toString("utf8", i, i + n);
      i += n;
    }
  }
  return out;
}
function nameBytes(name) {
  if (!SURROGATE.test(name)) return Buffer.from(name, "utf8");
  const parts = [];
  let run = 0;
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    const pair = c >= 55296 && c <= 56319 && i + 1 < name.length && (name.charCodeAt(i + 1) & 64512) === 56320;
    if (pair) {
      i += 1;
      continue;
    }
    if (c >= 56448 && c <= 56575) {
      parts.push(Buffer.from(name.slice(run, i), "utf8"), Buffer.of(c - ESCAPE_BASE));
      run = i + 1;
    }
  }
  parts.push(Buffer.from(name.slice(run), "utf8"));
  return Buffer.concat(parts);
}
function nameByteLength(name) {
  return SURROGATE.test(name) ? nameBytes(name).length : Buffer.byteLength(name, "utf8");
}

// src/review/manifest-diff.ts
var MAX_LISTED_CHANGES = 1e3;
var MAX_OUT_OF_ORDER = 1024;
var CONTENT_FIELDS = /* @__PURE__ */ new Set(["sha256", "sha384", "digest", "size", "linkname", "target", "contents"]);
async function diffManifests(before, after, options = {}) {
  const [early, late] = [await outOfOrder(before), await outOfOrder(after)];
  const list = new ChangeList(options.listed ?? MAX_LISTED_CHANGES);
  const settled = /* @__PURE__ */ new Set();
  const compare = (path, a, b) => {
    if (early.has(path) || late.has(path)) settled.add(path);
    const prev = early.get(path) ?? a;
    const now = late.get(path) ?? b;
    if (!prev) list.add({ path, kind: "added", fields: [] });
    else if (!now) list.add({ path, kind: "removed", fields: [] });
    else {
      const fields = differingFields(prev, now);
      if (fields.length > 0) list.add({ path, kind: fields.some((f) => CONTENT_FIELDS.has(f)) ? "contents" : "metadata", fields });
    }
  };
  const left = ordered(before)[Symbol.asyncIterator]();
  const right = ordered(after)[Symbol.asyncIterator]();
  try {
    let [a, b] = await Promise.all([left.next(), right.next()]);
    while (!a.done || !b.done) {
      const order = a.done ? 1 : b.done ? -1 : archiveOrder(a.value.path, b.value.path);
      if (order < 0) {
        compare(a.value.path, a.value, void 0);
        a = await left.next();
      } else if (order > 0) {
        compare(b.value.path, void 0, b.value);
        b = await right.next();
      } else {
        compare(a.value.path, a.value, b.value);
        [a, b] = await Promise.all([left.next(), right.next()]);
      }
    }
  } finally {
    await Promise.all([left.return(void 0), right.return(void 0)]);
  }
  for (const path of /* @__PURE__ */ new Set([...early.keys(), ...late.keys()])) if (!settled.has(path)) compare(path, void 0, void 0);
  return list.result();
}
function archiveOrder(a, b) {
  if (SURROGATE2.test(a) || SURROGATE2.test(b)) {
    const order = Buffer.compare(nameBytesOf(a), nameBytesOf(b));
    return order !== 0 ? order : a < b ? -1 : a > b ? 1 : 0;
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return (x === SLASH ? -1 : x) - (y === SLASH ? -1 : y);
  }
  return a.length - b.length;
}
var SLASH = 47;
var SURROGATE2 = /[\uD800-\uDFFF]/;
function nameBytesOf(path) {
  const parts = [];
  for (const name of path.split("/")) {
    if (parts.length > 0) parts.push(Buffer.of(0));
    parts.push(nameBytes(name));
  }
  return Buffer.concat(parts);
}
async function outOfOrder(source) {
  const found = /* @__PURE__ */ new Map();
  let last;
  for await (const entry of source.entries()) {
    if (last === void 0 || archiveOrder(entry.path, last) > 0) {
      last = entry.path;
      continue;
    }
    found.delete(entry.path);
    found.set(entry.path, entry);
    if (found.size > MAX_OUT_OF_ORDER) {
      throw new FormatError(`${source.label}: more than ${MAX_OUT_OF_ORDER} entries out of archive order (not a manifest nitro-eif wrote)`);
    }
  }
  return found;
}
async function* ordered(source) {
  let last;
  for await (const entry of source.entries()) {
    if (last !== void 0 && archiveOrder(entry.path, last) <= 0) continue;
    last = entry.path;
    yield entry;
  }
}
function differingFields(a, b) {
  const x = a;
  const y = b;
  const fields = [];
  for (const key of Object.keys(x)) if (key !== "path" && !sameValue(x[key], y[key])) fields.push(key);
  for (const key of Object.keys(y)) if (key !== "path" && !(key in x)) fields.push(key);
  return fields.sort();
}
function sameValue(a, b) {
  return a === b || typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b);
}
var ChangeList = class {
  #limit;
  #kept = [];
  #total = 0;
  #counts = { added: 0, removed: 0, contents: 0, metadata: 0 };
  constructor(limit) {
    this.#limit = limit;
  }
  add(change) {
    this.#total += 1;
    this.#counts[change.kind] += 1;
    if (this.#limit <= 0) return;
    this.#kept.push(change);
    if (this.#kept.length >= 2 * this.#limit) this.#trim();
  }
  #trim() {
    this.#kept.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    this.#kept.length = Math.min(this.#kept.length, this.#limit);
  }
  result() {
    this.#trim();
    return { changes: this.#kept, total: this.#total, counts: { ...this.#counts } };
  }
};
function describeChange(change) {
  switch (change.kind) {
    case "added":
      return `+ ${change.path} (added)`;
    case "removed":
      return `- ${change.path} (removed)`;
    default:
      return `~ ${change.path} (${change.kind}: ${change.fields.join(", ")})`;
  }
}
function describeChanges(diff) {
  const lines = diff.changes.map(describeChange);
  if (diff.total > diff.changes.length) lines.push(`\u2026 and ${diff.total - diff.changes.length} more (${countsText(diff)} in all)`);
  return lines;
}
function countsText(diff) {
  const { added, removed, contents, metadata } = diff.counts;
  return `${added} added, ${removed} removed, ${contents} changed in contents, ${metadata} in metadata`;
}

// src/build/manifest-reader.ts
import { createHash as createHash3 } from "node:crypto";
import { pipeline as pipeline2 } from "node:stream/promises";

// src/build/manifest.ts
import { createHash as createHash2, randomBytes } from "node:crypto";
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import { rm } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";
import { pipeline } from "node:stream/promises";

// src/ramdisk/cpio-header.ts
var NEWC_MAGIC = "070701";
var NEWC_HEADER_SIZE = 110;
var FIRST_INODE = 721;
var CPIO_DEV_MAJOR = 3;
var CPIO_DEV_MINOR = 1;
var TRAILER_NAME = "TRAILER!!!";
var ARCHIVE_BLOCK = 512;
var MAX_FIELD = 4294967295;
var MODE_TYPE = {
  file: 32768,
  dir: 16384,
  symlink: 40960,
  char: 8192,
  block: 24576,
  fifo: 4096
};
var PERMISSION_MASK = 4095;
function align4(n) {
  return Math.ceil(n / 4) * 4;
}
function checkField(value, field, name) {
  if (!Number.isInteger(value) || value < 0 || value > MAX_FIELD) {
    throw new FormatError(
      `cpio entry ${JSON.stringify(name)}: ${field} ${value} cannot be represented in a newc header (0..0xffffffff)`
    );
  }
  return value;
}
var MAGIC_BYTES = Buffer.from(NEWC_MAGIC, "latin1");
var HEX_DIGITS = Buffer.from("0123456789abcdef", "latin1");
function putHex8(target, at, value) {
  for (let shift = 28; shift >= 0; shift -= 4) target[at++] = HEX_DIGITS[value >>> shift & 15];
  return at;
}
function encodeNewcHeader(h, target = Buffer.allocUnsafe(NEWC_HEADER_SIZE), at = 0) {
  let pos = at + MAGIC_BYTES.copy(target, at);
  pos = putHex8(target, pos, h.ino);
  pos = putHex8(target, pos, h.mode);
  pos = putHex8(target, pos, h.uid);
  pos = putHex8(target, pos, h.gid);
  pos = putHex8(target, pos, h.nlink);
  pos = putHex8(target, pos, h.mtime);
  pos = putHex8(target, pos, h.filesize);
  pos = putHex8(target, pos, CPIO_DEV_MAJOR);
  pos = putHex8(target, pos, CPIO_DEV_MINOR);
  pos = putHex8(target, pos, h.rdevmajor);
  pos = putHex8(target, pos, h.rdevminor);
  pos = putHex8(target, pos, h.namesize);
  putHex8(target, pos, 0);
  return target;
}

// src/build/manifest.ts
var MANIFEST_SCHEMA = "nitro-eif-build/ramdisk-manifest@1";
var TYPE_BY_BITS = new Map(
  Object.entries(MODE_TYPE).map(([name, bits]) => [bits, name])
);
function manifestEntry(written) {
  const { header } = written;
  const type = TYPE_BY_BITS.get(header.mode & 61440) ?? "file";
  const base = {
    path: written.name,
    type,
    mode: (header.mode & 4095).toString(8).padStart(4, "0"),
    uid: header.uid,
    gid: header.gid,
    mtime: header.mtime
  };
  if (type === "file") return { ...base, size: header.filesize, sha256: written.sha256 };
  if (type === "symlink") return { ...base, target: written.linkTarget };
  if (type === "char" || type === "block") return { ...base, rdev: `${header.rdevmajor}:${header.rdevminor}` };
  return base;
}
function manifestHeadText(head) {
  const text = JSON.stringify({ schema: head.schema, ramdisk: head.ramdisk, size: head.size, sha384: head.sha384 }, null, 2);
  return `${text.slice(0, -2)},
  "entries": [
`;
}
function manifestEntryText(entry) {
  return `    ${JSON.stringify(entry)}`;
}
var MANIFEST_TAIL = "\n  ]\n}\n";
var FLUSH_BYTES = 64 << 10;
var ManifestWriter = class {
  hashData = true;
  path;
  #bodyPath;
  #forgetBody;
  #fd;
  #pending = [];
  #pendingBytes = 0;
  #entries = 0;
  #closed = false;
  constructor(path) {
    this.path = path;
    this.#bodyPath = join2(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.body.partial`);
    this.#forgetBody = removeOnInterrupt(this.#bodyPath);
    try {
      this.#fd = openSync(this.#bodyPath, "wx", 384);
    } catch (error) {
      this.#forgetBody();
      throw this.#writeError(error);
    }
  }
  get entries() {
    return this.#entries;
  }
  // The observer is called synchronously from the cpio writer's loop, so lines are written with
  // writeSync, 64 KiB at a time: microseconds per call, and no entry is ever kept.
  onEntry(entry) {
    const line = manifestEntryText(manifestEntry(entry));
    const text = this.#entries === 0 ? line : `,
${line}`;
    this.#entries += 1;
    this.#pending.push(text);
    this.#pendingBytes += text.length;
    if (this.#pendingBytes >= FLUSH_BYTES) this.#flush();
  }
  #flush() {
    if (this.#pending.length === 0 || this.#fd === void 0) return;
    const bytes = Buffer.from(this.#pending.join(""), "utf8");
    this.#pending = [];
    this.#pendingBytes = 0;
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.#fd, bytes, done, bytes.length - done);
    } catch (error) {
      throw this.#writeError(error);
    }
  }
  /** Writes the file (head, entries, tail) atomically to `path`. */
  async finish(head) {
    const file = new AtomicFile(this.path);
    const hash = createHash2("sha256");
    let bytes = 0;
    const body = this.#bodyPath;
    const headText = manifestHeadText({ schema: MANIFEST_SCHEMA, ramdisk: "customer", ...head });
    async function* pieces() {
      yield Buffer.from(headText, "utf8");
      for await (const chunk of createReadStream(body, { highWaterMark: FLUSH_BYTES })) yield chunk;
      yield Buffer.from(MANIFEST_TAIL, "utf8");
    }
    try {
      this.#flush();
      this.#closeBody();
      await pipeline(async function* () {
        for await (const piece of pieces()) {
          hash.update(piece);
          bytes += piece.length;
          yield piece;
        }
      }, file.createWriteStream());
      await file.commit();
    } catch (error) {
      throw this.#writeError(error, file.tempPath);
    } finally {
      await file.abort();
      await this.abort();
    }
    return { path: this.path, entries: this.#entries, sha256: hash.digest("hex"), bytes };
  }
  /** Removes the body file (the final file is never in place unless `finish` completed). Never throws. */
  async abort() {
    this.#closeBody();
    await rm(this.#bodyPath, { force: true }).catch(() => void 0);
    this.#forgetBody();
  }
  #closeBody() {
    if (this.#closed) return;
    this.#closed = true;
    const fd = this.#fd;
    this.#fd = void 0;
    if (fd !== void 0) {
      try {
        closeSync(fd);
      } catch {
      }
    }
  }
  #writeError(error, tempPath) {
    if (error instanceof UserError) return error;
    let message = error.message.replaceAll(this.#bodyPath, this.path);
    if (tempPath) message = message.replaceAll(tempPath, this.path);
    return new UserError(`${this.path}: cannot write the manifest: ${message}`, { cause: error });
  }
};

// src/build/manifest-reader.ts
var MAX_MANIFEST_BYTES = 4 * 2 ** 30;
var MAX_MANIFEST_ENTRIES = 2 ** 24;
var MAX_MANIFEST_LINE = 64 << 10;
var READ_CHUNK = 64 << 10;
var HEAD_KEYS = ["schema", "ramdisk", "size", "sha384"];
var TYPES = /* @__PURE__ */ new Set(["file", "dir", "symlink", "char", "block", "fifo"]);
var MAX_ID = 4294967295;
var utf8 = new TextDecoder("utf-8", { fatal: true });
function looksLikeManifest(start) {
  const text = Buffer.from(start.buffer, start.byteOffset, start.byteLength).toString("latin1");
  return /^\{\r?\n[ \t]*"schema": *"nitro-eif-build\/ramdisk-manifest@/.test(text);
}
async function openManifest(path, options = {}) {
  const label = options.label ?? path;
  let head;
  for await (const item of readManifest(path, label, true)) if ("schema" in item) head = item;
  if (!head) throw new Error("internal: the manifest reader gave no head");
  const found = head;
  return {
    label,
    path,
    head: found,
    entries: async function* () {
      for await (const item of readManifest(path, label, false)) {
        if ("schema" in item) {
          if (item.size !== found.size || item.sha384 !== found.sha384) throw new FormatError(`${label}: changed while being read`);
          continue;
        }
        yield item;
      }
    }
  };
}
async function fileSha256(path, label = path) {
  const hash = createHash3("sha256");
  for await (const chunk of regularFileChunks(path, { label, maxBytes: MAX_MANIFEST_BYTES, chunkSize: READ_CHUNK })) hash.update(chunk);
  return hash.digest("hex");
}
async function copyManifest(from, to, label = from) {
  const file = new AtomicFile(to);
  try {
    const hash = createHash3("sha256");
    const { stream } = await openRegularStream(from, { label, maxBytes: MAX_MANIFEST_BYTES, chunkSize: READ_CHUNK });
    await pipeline2(stream, async function* (source) {
      for await (const chunk of source) {
        hash.update(chunk);
        yield chunk;
      }
    }, file.createWriteStream()).catch((error) => {
      if (error instanceof UserError) throw error;
      throw new UserError(`${to}: cannot write: ${error.message.replaceAll(file.tempPath, to)}`, { cause: error });
    });
    let entries = 0;
    for await (const _entry of (await openManifest(file.tempPath, { label })).entries()) entries += 1;
    await file.commit();
    return { sha256: hash.digest("hex"), entries };
  } finally {
    await file.abort();
  }
}
async function* readManifest(path, label, headOnly) {
  const state = new LayoutState(label);
  for await (const batch of lineBatches(path, label)) {
    for (const [number, line] of batch) {
      const item = state.line(line, number);
      if (item === void 0) continue;
      yield item;
      if (headOnly && "schema" in item) return;
    }
  }
  state.end();
}
var LayoutState = class {
  #label;
  #expect = "open";
  #head = {};
  #entries = 0;
  /** The previous entry line ended with a comma: another entry must follow. */
  #more = false;
  #line = 0;
  constructor(label) {
    this.#label = label;
  }
  line(raw, number) {
    this.#line = number;
    const line = raw.trim();
    switch (this.#expect) {
      case "open":
        if (line !== "{") throw this.#error(`expected "{" (a nitro-eif ramdisk manifest starts with its schema)`);
        this.#expect = "head";
        return void 0;
      case "head":
        return this.#headLine(line);
      case "entry":
        return this.#entryLine(line);
      case "close":
        if (line !== "}") throw this.#error('expected "}" after the entries');
        this.#expect = "end";
        return void 0;
      case "end":
        if (line !== "") throw this.#error("unexpected text after the end of the manifest");
        return void 0;
    }
  }
  end() {
    if (this.#line === 0) throw new FormatError(`${this.#label}: empty (not a manifest)`);
    if (this.#expect !== "end") throw new FormatError(`${this.#label}: ends early (after line ${this.#line}: truncated?)`);
  }
  #headLine(line) {
    const key = HEAD_KEYS[Object.keys(this.#head).length];
    if (key === void 0) {
      if (line !== '"entries": [') throw this.#error('expected "entries": [ after the head');
      this.#expect = "entry";
      return this.#checkedHead();
    }
    if (!line.startsWith(`"${key}":`) || !line.endsWith(",")) throw this.#error(`expected "${key}": \u2026, (the head is schema, ramdisk, size, sha384)`);
    const value = this.#parse(`{${line.slice(0, -1)}}`)[key];
    if (key === "schema" && value !== MANIFEST_SCHEMA) throw this.#error(`schema ${quoted(value)} is not ${MANIFEST_SCHEMA}`);
    this.#head[key] = value;
    return void 0;
  }
  #checkedHead() {
    const { schema, ramdisk, size, sha384 } = this.#head;
    if (ramdisk !== "customer") throw this.#error(`"ramdisk" must be "customer"`);
    if (!Number.isSafeInteger(size) || size < 0) throw this.#error(`"size" must be a byte count`);
    if (typeof sha384 !== "string" || !/^[0-9a-f]{96}$/.test(sha384)) throw this.#error(`"sha384" must be 96 lowercase hex digits`);
    return { schema, ramdisk, size, sha384 };
  }
  #entryLine(line) {
    if (line === "]") {
      if (this.#more) throw this.#error('"]" after a comma: an entry is missing');
      this.#expect = "close";
      return void 0;
    }
    if (line === "" && this.#entries === 0 && !this.#more) return void 0;
    if (this.#entries > 0 && !this.#more) throw this.#error('expected "," after the previous entry, or "]"');
    const more = line.endsWith(",");
    const text = more ? line.slice(0, -1) : line;
    if (!text.startsWith("{") || !text.endsWith("}")) throw this.#error("expected one entry {\u2026} on the line");
    if (++this.#entries > MAX_MANIFEST_ENTRIES) throw this.#error(`more than ${MAX_MANIFEST_ENTRIES} entries`);
    this.#more = more;
    return this.#checkedEntry(this.#parse(text));
  }
  #checkedEntry(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw this.#error("an entry must be a JSON object");
    const entry = value;
    const { path, type } = entry;
    if (typeof path !== "string" || path === "") throw this.#error('"path" must be a non-empty string');
    if (typeof type !== "string" || !TYPES.has(type)) throw this.#error(`"type" must be one of ${[...TYPES].join(", ")}`);
    if (typeof entry["mode"] !== "string" || !/^[0-7]{4}$/.test(entry["mode"])) throw this.#error('"mode" must be 4 octal digits');
    for (const key of ["uid", "gid", "mtime"]) {
      const n = entry[key];
      if (!Number.isInteger(n) || n < 0 || n > MAX_ID) throw this.#error(`"${key}" must be an integer from 0 to ${MAX_ID}`);
    }
    const allowed = ["path", "type", "mode", "uid", "gid", "mtime"];
    if (type === "file") {
      if (!Number.isSafeInteger(entry["size"]) || entry["size"] < 0) throw this.#error('"size" must be a byte count');
      if (typeof entry["sha256"] !== "string" || !/^[0-9a-f]{64}$/.test(entry["sha256"])) throw this.#error('"sha256" must be 64 lowercase hex digits');
      allowed.push("size", "sha256");
    } else if (type === "symlink") {
      if (typeof entry["target"] !== "string") throw this.#error('"target" must be a string');
      allowed.push("target");
    } else if (type === "char" || type === "block") {
      if (typeof entry["rdev"] !== "string" || !/^\d{1,10}:\d{1,10}$/.test(entry["rdev"])) throw this.#error('"rdev" must be major:minor');
      allowed.push("rdev");
    }
    const keys = Object.keys(entry);
    if (keys.length !== allowed.length) {
      const extra = keys.find((k) => !allowed.includes(k));
      throw this.#error(extra === void 0 ? "a field is missing" : `unexpected field ${JSON.stringify(extra.slice(0, 64))} for a ${type}`);
    }
    return entry;
  }
  #parse(text) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.#error(`not valid JSON (${error.message})`);
    }
  }
  #error(what) {
    return new FormatError(`${this.#label}: line ${this.#line}: ${what}`);
  }
};
async function* lineBatches(path, label) {
  const { stream } = await openRegularStream(path, { label, maxBytes: MAX_MANIFEST_BYTES, chunkSize: READ_CHUNK });
  let carry = [];
  let carried = 0;
  let number = 0;
  const decode = (bytes) => {
    number += 1;
    if (bytes.length > MAX_MANIFEST_LINE) throw tooLong(label, number);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new FormatError(`${label}: line ${number}: not UTF-8`);
    }
  };
  try {
    for await (const chunk of stream) {
      const batch = [];
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        let bytes = chunk.subarray(start, nl);
        if (carried > 0) {
          bytes = Buffer.concat([...carry, bytes]);
          carry = [];
          carried = 0;
        }
        const text = decode(bytes);
        batch.push([number, text]);
        start = nl + 1;
      }
      if (start < chunk.length) {
        carried += chunk.length - start;
        if (carried > MAX_MANIFEST_LINE) throw tooLong(label, number + 1);
        carry.push(chunk.subarray(start));
      }
      if (batch.length > 0) yield batch;
    }
    if (carried > 0) {
      const text = decode(Buffer.concat(carry));
      yield [[number, text]];
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${label}: cannot read: ${systemErrorReason(error)}`, { cause: error });
  } finally {
    stream.destroy();
  }
}
function tooLong(label, number) {
  return new FormatError(`${label}: line ${number}: longer than ${MAX_MANIFEST_LINE} bytes`);
}
async function readStart(path, length, label = path) {
  const { handle } = await openRegularFile(path, { label });
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// src/build/pipeline.ts
import { createHash as createHash11 } from "node:crypto";
import { rm as rm3 } from "node:fs/promises";

// src/image/blob-store.ts
import { createReadStream as createReadStream2 } from "node:fs";
import { open as open2, stat as stat2 } from "node:fs/promises";
import { join as join3 } from "node:path";
import { Readable } from "node:stream";

// src/image/tar-index.ts
import { open } from "node:fs/promises";
var BLOCK = 512;
var MAX_META_SIZE = 1 << 20;
async function indexTar(path) {
  const fh = await open(path, "r");
  try {
    return await scan(fh, path);
  } finally {
    await fh.close();
  }
}
async function scan(fh, path) {
  const members = /* @__PURE__ */ new Map();
  const { size: fileSize } = await fh.stat();
  const header = Buffer.alloc(BLOCK);
  let offset = 0;
  let longName;
  while (offset + BLOCK <= fileSize) {
    await readExactly(fh, header, offset, path);
    if (header.every((b) => b === 0)) break;
    checkChecksum(header, path, offset);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = parseNumber(header.subarray(124, 136), path, offset);
    const dataOffset = offset + BLOCK;
    if (dataOffset + size > fileSize) {
      throw new FormatError(`${path}: tar member at offset ${offset} runs past the end of the file`);
    }
    if (type === "L" || type === "x") {
      const meta = await readMeta(fh, dataOffset, size, path);
      longName = type === "L" ? cString(meta) : paxPath(meta, path, offset) ?? longName;
    } else if (type !== "g" && type !== "K") {
      const name = normaliseMemberName(longName ?? ustarName(header));
      longName = void 0;
      if (type === "0" || type === "\0" || type === "7") members.set(name, { offset: dataOffset, size });
    }
    offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
async function readExactly(fh, buf, position, path) {
  const { bytesRead } = await fh.read(buf, 0, buf.length, position);
  if (bytesRead !== buf.length) throw new FormatError(`${path}: truncated tar archive at offset ${position}`);
}
async function readMeta(fh, position, size, path) {
  if (size > MAX_META_SIZE) throw new FormatError(`${path}: tar extended header of ${size} bytes at ${position}`);
  const buf = Buffer.alloc(size);
  await readExactly(fh, buf, position, path);
  return buf;
}
function checkChecksum(header, path, offset) {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i] ?? 0;
  const stored = parseInt(cString(header.subarray(148, 156)).trim() || "NaN", 8);
  if (stored !== sum) throw new FormatError(`${path}: bad tar header checksum at offset ${offset}`);
}
function parseNumber(field, path, offset) {
  if (((field[0] ?? 0) & 128) !== 0) {
    if (((field[0] ?? 0) & 64) !== 0) throw new FormatError(`${path}: negative tar size at offset ${offset}`);
    let value = 0n;
    for (let i = 1; i < field.length; i++) value = value << 8n | BigInt(field[i] ?? 0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`${path}: tar size too large at ${offset}`);
    return Number(value);
  }
  const text = cString(field).trim();
  if (!/^[0-7]*$/.test(text)) throw new FormatError(`${path}: bad tar size field at offset ${offset}`);
  return text === "" ? 0 : parseInt(text, 8);
}
function ustarName(header) {
  const name = cString(header.subarray(0, 100));
  const magic = header.subarray(257, 263).toString("latin1");
  const prefix = magic.startsWith("ustar") ? cString(header.subarray(345, 500)) : "";
  return prefix ? `${prefix}/${name}` : name;
}
function paxPath(meta, path, offset) {
  let pos = 0;
  let found;
  while (pos < meta.length) {
    const space = meta.indexOf(32, pos);
    const lengthText = space < 0 ? "" : meta.subarray(pos, space).toString("latin1");
    const len = /^\d{1,7}$/.test(lengthText) ? Number(lengthText) : NaN;
    if (!(len > space - pos + 1 && pos + len <= meta.length && meta[pos + len - 1] === 10)) {
      throw new FormatError(`${path}: unreadable PAX record in the tar header at offset ${offset}`);
    }
    const record = meta.subarray(space + 1, pos + len - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (record.slice(0, eq) === "path") found = record.slice(eq + 1);
    pos += len;
  }
  return found;
}
function cString(buf) {
  const end = buf.indexOf(0);
  return buf.subarray(0, end < 0 ? buf.length : end).toString("utf8");
}
function normaliseMemberName(name) {
  return name.split("/").filter((part) => part !== "" && part !== ".").join("/");
}

// src/image/blob-store.ts
var MAX_JSON_SIZE = 8 * 1024 * 1024;
async function openTarStore(path) {
  await (await openRegularFile(path)).handle.close();
  let members;
  try {
    members = await indexTar(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`${path}: cannot read archive: ${systemErrorReason(error)}`, { cause: error });
  }
  return {
    source: path,
    size: async (name) => members.get(normaliseMemberName(name))?.size,
    open: (name) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      if (member.size === 0) return Readable.from([]);
      return createReadStream2(path, {
        start: member.offset,
        end: member.offset + member.size - 1,
        highWaterMark: 1 << 20
      });
    },
    peek: async (name, length) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      return readAt(path, member.offset, Math.min(length, member.size));
    },
    locate: async (name) => {
      const member = members.get(normaliseMemberName(name));
      if (!member) throw new FormatError(`${path}: no member ${name}`);
      return { file: path, offset: member.offset, size: member.size };
    }
  };
}
function openDirStore(dir) {
  return {
    source: dir,
    size: async (name) => {
      const stat4 = await statFile(join3(dir, name));
      return stat4?.isFile() ? stat4.size : void 0;
    },
    open: (name) => createReadStream2(join3(dir, name), { highWaterMark: 1 << 20 }),
    peek: async (name, length) => {
      const size = (await statFile(join3(dir, name)))?.size ?? 0;
      return readAt(join3(dir, name), 0, Math.min(length, size));
    },
    locate: async (name) => {
      const stat4 = await statFile(join3(dir, name));
      if (!stat4?.isFile()) throw new FormatError(`${dir}: no file ${name}`);
      return { file: join3(dir, name), offset: 0, size: stat4.size };
    }
  };
}
async function readJsonMember(store, path, expectedSize) {
  const size = await store.size(path);
  if (size === void 0) throw new FormatError(`${store.source}: missing ${quoted(path)}`);
  if (size > MAX_JSON_SIZE) throw new FormatError(`${store.source}: ${path} is too large (${size} bytes)`);
  if (expectedSize !== void 0 && size !== expectedSize) {
    throw new FormatError(`${store.source}: ${path} is ${size} bytes, the descriptor says ${expectedSize}`);
  }
  const chunks = [];
  for await (const chunk of store.open(path)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
async function isDirectory(path) {
  const info = await stat2(path).catch((error) => {
    throw new UserError(`${path}: cannot open image: ${systemErrorReason(error)}`, { code: "not-found", cause: error });
  });
  return info.isDirectory();
}
async function readAt(path, position, length) {
  const fh = await open2(path, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
async function statFile(path) {
  return stat2(path).catch(() => void 0);
}

// src/image/docker-archive.ts
import { createHash as createHash5 } from "node:crypto";

// src/image/oci-schema.ts
var MEDIA_OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var MEDIA_OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var MEDIA_OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
var MEDIA_DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var MEDIA_DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var MEDIA_DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
var INDEX_MEDIA_TYPES = [MEDIA_OCI_INDEX, MEDIA_DOCKER_LIST];
var MANIFEST_MEDIA_TYPES = [MEDIA_OCI_MANIFEST, MEDIA_DOCKER_MANIFEST];
var CONFIG_MEDIA_TYPES = [MEDIA_OCI_CONFIG, MEDIA_DOCKER_CONFIG];
var LAYER_MEDIA_TYPES = {
  "application/vnd.oci.image.layer.v1.tar": "none",
  "application/vnd.oci.image.layer.v1.tar+gzip": "gzip",
  "application/vnd.oci.image.layer.v1.tar+zstd": "zstd",
  "application/vnd.oci.image.layer.nondistributable.v1.tar": "none",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip": "gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd": "zstd",
  "application/vnd.docker.image.rootfs.diff.tar": "none",
  "application/vnd.docker.image.rootfs.diff.tar.gzip": "gzip",
  "application/vnd.docker.image.rootfs.foreign.diff.tar": "none",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip": "gzip"
};
function parseJson(bytes, what) {
  let value;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${what}: not valid JSON (${error.message})`, { cause: error });
  }
  return asObject(value, what);
}
function asObject(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FormatError(`${what}: expected a JSON object`);
  }
  return value;
}
function asString(value, what) {
  if (typeof value !== "string") throw new FormatError(`${what}: expected a string`);
  return value;
}
function optString(value, what) {
  return value === void 0 || value === null ? void 0 : asString(value, what);
}
function optStrings(value, what) {
  if (value === void 0 || value === null) return void 0;
  if (!Array.isArray(value)) throw new FormatError(`${what}: expected an array of strings`);
  return value.map((item, i) => asString(item, `${what}[${i}]`));
}
function asArray(value, what) {
  if (!Array.isArray(value)) throw new FormatError(`${what}: expected an array`);
  return value;
}
function checkDigest(value, what) {
  const digest = asString(value, what);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new FormatError(`${what}: unsupported or malformed digest ${quoted(digest)} (need sha256:<64 hex>)`);
  }
  return digest;
}
var MAX_LAYERS = 125;
function checkLayerCount(list, what) {
  if (list.length > MAX_LAYERS) throw new FormatError(`${what}: ${list.length} layers, more than Docker loads (${MAX_LAYERS})`);
  return list;
}
function checkSchemaVersion(doc, what) {
  if (doc.schemaVersion !== 2) throw new FormatError(`${what}: schemaVersion must be 2`);
}
function parsePlatform(value, what) {
  const obj = asObject(value, what);
  const variant = optString(obj.variant, `${what}.variant`);
  return {
    os: asString(obj.os, `${what}.os`),
    architecture: asString(obj.architecture, `${what}.architecture`),
    ...variant ? { variant } : {}
  };
}
function parseDescriptor(value, what) {
  const obj = asObject(value, what);
  const size = obj.size;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new FormatError(`${what}.size: expected a non-negative integer`);
  }
  const annotations = obj.annotations === void 0 ? void 0 : asObject(obj.annotations, `${what}.annotations`);
  return {
    mediaType: asString(obj.mediaType, `${what}.mediaType`),
    digest: checkDigest(obj.digest, `${what}.digest`),
    size,
    ...obj.platform === void 0 ? {} : { platform: parsePlatform(obj.platform, `${what}.platform`) },
    ...annotations ? { annotations } : {}
  };
}
function parseIndex(doc, what) {
  checkSchemaVersion(doc, what);
  if (doc.mediaType !== void 0 && !INDEX_MEDIA_TYPES.includes(asString(doc.mediaType, `${what}.mediaType`))) {
    throw new FormatError(`${what}: mediaType ${String(doc.mediaType)} is not an image index`);
  }
  return asArray(doc.manifests, `${what}.manifests`).map((d, i) => parseDescriptor(d, `${what}.manifests[${i}]`));
}
function parseManifest(doc, what) {
  checkSchemaVersion(doc, what);
  if (doc.mediaType !== void 0 && !MANIFEST_MEDIA_TYPES.includes(asString(doc.mediaType, `${what}.mediaType`))) {
    throw new FormatError(`${what}: mediaType ${String(doc.mediaType)} is not an image manifest`);
  }
  const config = parseDescriptor(doc.config, `${what}.config`);
  if (!CONFIG_MEDIA_TYPES.includes(config.mediaType)) {
    throw new FormatError(`${what}.config: mediaType ${config.mediaType} is not an image config`);
  }
  const layers = checkLayerCount(asArray(doc.layers, `${what}.layers`), `${what}.layers`).map((d, i) => parseDescriptor(d, `${what}.layers[${i}]`));
  for (const [i, layer] of layers.entries()) {
    if (!(layer.mediaType in LAYER_MEDIA_TYPES)) {
      throw new FormatError(`${what}.layers[${i}]: unsupported layer mediaType ${quoted(layer.mediaType)}`);
    }
  }
  return { config, layers };
}
function parseConfig(doc, what) {
  const platform = parsePlatform(doc, what);
  const config = doc.config === void 0 || doc.config === null ? {} : asObject(doc.config, `${what}.config`);
  const rootfs = asObject(doc.rootfs, `${what}.rootfs`);
  if (rootfs.type !== "layers") throw new FormatError(`${what}.rootfs.type: expected "layers"`);
  const diffIds = checkLayerCount(asArray(rootfs.diff_ids, `${what}.rootfs.diff_ids`), `${what}.rootfs.diff_ids`).map(
    (d, i) => checkDigest(d, `${what}.rootfs.diff_ids[${i}]`)
  );
  const cmd = optStrings(config.Cmd, `${what}.config.Cmd`);
  const entrypoint = optStrings(config.Entrypoint, `${what}.config.Entrypoint`);
  const env = optStrings(config.Env, `${what}.config.Env`);
  const workingDir = optString(config.WorkingDir, `${what}.config.WorkingDir`);
  return {
    platform,
    diffIds,
    ...cmd ? { cmd } : {},
    ...entrypoint ? { entrypoint } : {},
    ...env ? { env } : {},
    ...workingDir ? { workingDir } : {}
  };
}
function parseDockerManifest(value, what) {
  let parsed;
  try {
    parsed = JSON.parse(value.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${what}: not valid JSON`, { cause: error });
  }
  return asArray(parsed, what).map((item, i) => {
    const obj = asObject(item, `${what}[${i}]`);
    return {
      config: asString(obj.Config, `${what}[${i}].Config`),
      layers: checkLayerCount(asArray(obj.Layers, `${what}[${i}].Layers`), `${what}[${i}].Layers`).map((l, j) => asString(l, `${what}[${i}].Layers[${j}]`))
    };
  });
}
function platformString(p) {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}`;
}

// src/image/oci-layout.ts
import { createHash as createHash4 } from "node:crypto";

// src/image/platform.ts
var ARCH_ALIASES = { x86_64: "amd64", aarch64: "arm64" };
function parsePlatform2(text) {
  const [os, arch, variant, extra] = text.trim().split("/");
  if (!os || !arch || extra !== void 0) {
    throw new UserError(`--platform ${JSON.stringify(text)}: expected os/arch[/variant], e.g. linux/amd64`, { code: "usage" });
  }
  const architecture = ARCH_ALIASES[arch] ?? arch;
  return { os, architecture, ...variant ? { variant } : {} };
}
function normalVariant(p) {
  return p.architecture === "arm64" && p.variant === "v8" ? void 0 : p.variant;
}
function normalPlatform(text) {
  const p = parsePlatform2(text);
  const variant = normalVariant(p);
  return platformString({ os: p.os, architecture: p.architecture, ...variant ? { variant } : {} });
}
function platformMatches(want, have) {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  return want.variant === void 0 || normalVariant(want) === normalVariant(have);
}
function choosePlatform(candidates, wanted, source) {
  const choices = candidates.map((c) => platformString(c.platform)).join(", ");
  if (candidates.length === 0) throw new UserError(`${source}: no image manifest found`, { code: "not-found" });
  if (wanted === void 0) {
    if (candidates.length === 1) return candidates[0];
    throw new UserError(`${source}: the image has several platforms (${choices}); choose one with --platform`, { code: "usage" });
  }
  const want = parsePlatform2(wanted);
  const matches = candidates.filter((c) => platformMatches(want, c.platform));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    throw new UserError(`${source}: no image for platform ${wanted} (the image has: ${choices})`, { code: "not-found" });
  }
  throw new UserError(`${source}: several images match platform ${wanted} (${choices}); add the variant`, { code: "usage" });
}

// src/image/oci-layout.ts
var MAX_INDEX_DEPTH = 4;
function blobPath(digest) {
  return `blobs/${digest.replace(":", "/")}`;
}
async function readBlobJson(store, desc, what) {
  const bytes = await readJsonMember(store, blobPath(desc.digest), desc.size);
  checkSha256(bytes, desc.digest, `${store.source}: ${what} ${desc.digest}`);
  return parseJson(bytes, `${store.source}: ${what} ${desc.digest}`);
}
function checkSha256(bytes, digest, what) {
  const actual = `sha256:${createHash4("sha256").update(bytes).digest("hex")}`;
  if (actual !== digest) throw new VerificationError(`${what}: content digest is ${actual}`);
}
async function openOci(store, platform) {
  if (await store.size("oci-layout") === void 0 && await store.size("manifest.json") !== void 0) {
    throw new UserError(`${store.source}: not an OCI layout (no oci-layout file) but a docker save archive: read it as a docker archive (--docker-archive)`);
  }
  const layout = parseJson(await readJsonMember(store, "oci-layout"), `${store.source}: oci-layout`);
  if (layout.imageLayoutVersion !== "1.0.0") {
    throw new FormatError(`${store.source}: oci-layout: unsupported imageLayoutVersion ${String(layout.imageLayoutVersion)}`);
  }
  const candidates = await ociCandidates(store);
  const chosen = choosePlatform(candidates, platform, store.source);
  return openManifest2(store, chosen.manifest);
}
async function ociCandidates(store) {
  const index = parseIndex(parseJson(await readJsonMember(store, "index.json"), `${store.source}: index.json`), `${store.source}: index.json`);
  const found = /* @__PURE__ */ new Map();
  await collect(store, index, 0, found);
  return [...found.values()];
}
async function collect(store, descs, depth, found) {
  for (const desc of descs) {
    if (desc.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") continue;
    if (desc.platform?.os === "unknown") continue;
    if (INDEX_MEDIA_TYPES.includes(desc.mediaType)) {
      if (depth >= MAX_INDEX_DEPTH) throw new FormatError(`${store.source}: image indexes nested too deep`);
      const nested = parseIndex(await readBlobJson(store, desc, "index"), `${store.source}: index ${desc.digest}`);
      await collect(store, nested, depth + 1, found);
    } else if (MANIFEST_MEDIA_TYPES.includes(desc.mediaType) && !found.has(desc.digest)) {
      const platform = desc.platform ?? await manifestPlatform(store, desc);
      found.set(desc.digest, { manifest: desc, platform });
    }
  }
}
async function manifestPlatform(store, desc) {
  const manifest = parseManifest(await readBlobJson(store, desc, "manifest"), `${store.source}: manifest ${desc.digest}`);
  const config = await readBlobJson(store, manifest.config, "config");
  return parseConfig(config, `${store.source}: config ${manifest.config.digest}`).platform;
}
async function openManifest2(store, desc) {
  const what = `${store.source}: manifest ${desc.digest}`;
  const manifest = parseManifest(await readBlobJson(store, desc, "manifest"), what);
  const configWhat = `${store.source}: config ${manifest.config.digest}`;
  const config = parseConfig(await readBlobJson(store, manifest.config, "config"), configWhat);
  if (config.diffIds.length !== manifest.layers.length) {
    throw new FormatError(`${configWhat}: ${config.diffIds.length} diff_ids for ${manifest.layers.length} layers`);
  }
  const layers = [];
  for (const [i, layer] of manifest.layers.entries()) {
    const path = blobPath(layer.digest);
    const size = await store.size(path);
    if (size === void 0) throw new FormatError(`${store.source}: missing blob for layer ${layer.digest}`);
    if (size !== layer.size) {
      throw new VerificationError(`${store.source}: layer ${layer.digest} is ${size} bytes, the manifest says ${layer.size}`);
    }
    layers.push({
      digest: layer.digest,
      path,
      size,
      blobDigest: layer.digest,
      diffId: config.diffIds[i],
      compression: LAYER_MEDIA_TYPES[layer.mediaType]
    });
  }
  return imageOf(store, config, layers, desc.digest, manifest.config.digest);
}
function imageOf(store, config, layers, manifestDigest, configDigest) {
  const info = {
    ...manifestDigest ? { manifestDigest } : {},
    configDigest,
    platform: platformString(config.platform),
    architecture: config.platform.architecture,
    ...config.cmd ? { cmd: config.cmd } : {},
    ...config.entrypoint ? { entrypoint: config.entrypoint } : {},
    ...config.env ? { env: config.env } : {},
    layers: layers.map((l) => l.digest)
  };
  return { info, store, layers, ...config.workingDir ? { workingDir: config.workingDir } : {} };
}

// src/image/docker-archive.ts
async function openDockerArchive(store, platform) {
  if (await store.size("manifest.json") === void 0 && await store.size("index.json") !== void 0) {
    throw new FormatError(`${store.source}: an OCI image archive (index.json, no manifest.json), not a docker save archive: read it as an OCI archive (--oci-archive)`);
  }
  const entries = parseDockerManifest(await readJsonMember(store, "manifest.json"), `${store.source}: manifest.json`);
  const images = [];
  for (const entry of entries) {
    const bytes = await readJsonMember(store, entry.config);
    const configDigest = `sha256:${createHash5("sha256").update(bytes).digest("hex")}`;
    const named = digestInName(entry.config);
    if (named !== void 0 && named !== configDigest) {
      throw new VerificationError(`${store.source}: config ${entry.config}: content digest is ${configDigest}`);
    }
    const config = parseConfig(parseJson(bytes, `${store.source}: ${entry.config}`), `${store.source}: ${entry.config}`);
    if (config.diffIds.length !== entry.layers.length) {
      throw new FormatError(`${store.source}: ${entry.config}: ${config.diffIds.length} diff_ids for ${entry.layers.length} layers`);
    }
    images.push({ platform: config.platform, config, configDigest, layerPaths: entry.layers });
  }
  const chosen = choosePlatform(uniqueByConfig(images), platform, store.source);
  const layers = [];
  for (const [i, path] of chosen.layerPaths.entries()) {
    if (await store.size(path) === void 0) throw new FormatError(`${store.source}: missing layer ${quoted(path)}`);
    const diffId = chosen.config.diffIds[i];
    const blobDigest = digestInName(path);
    layers.push({ digest: blobDigest ?? diffId, path, diffId, ...blobDigest ? { blobDigest } : {} });
  }
  const manifestDigest = await findManifestDigest(store, chosen.configDigest);
  return imageOf(store, chosen.config, layers, manifestDigest, chosen.configDigest);
}
function digestInName(path) {
  const match = /^(?:\.\/)?(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.json)$/.exec(path);
  const hex = match?.[1] ?? match?.[2];
  return hex ? `sha256:${hex}` : void 0;
}
function uniqueByConfig(images) {
  const seen = /* @__PURE__ */ new Map();
  for (const image of images) if (!seen.has(image.configDigest)) seen.set(image.configDigest, image);
  return [...seen.values()];
}
async function findManifestDigest(store, configDigest) {
  if (await store.size("index.json") === void 0) return void 0;
  try {
    for (const candidate of await ociCandidates(store)) {
      const what = `${store.source}: manifest ${candidate.manifest.digest}`;
      const manifest = parseManifest(await readBlobJson(store, candidate.manifest, "manifest"), what);
      if (manifest.config.digest === configDigest) return candidate.manifest.digest;
    }
  } catch {
  }
  return void 0;
}

// src/image/open-image.ts
async function openImage(source) {
  if ("dockerArchive" in source) return openDockerArchive(await openTarStore(source.dockerArchive), source.platform);
  if ("ociLayout" in source) {
    if (!await isDirectory(source.ociLayout)) throw new UserError(`${source.ociLayout}: not an OCI layout directory`);
    return openOci(openDirStore(source.ociLayout), source.platform);
  }
  return openOci(await openTarStore(source.ociArchive), source.platform);
}

// src/io/yield.ts
var ENTRIES_PER_TURN = 4096;
function eventLoopTurn() {
  return new Promise((resolve) => setImmediate(resolve));
}

// src/image/export-walk.ts
function* exportEntries(root, spool, onData) {
  const { tree } = root;
  const seen = /* @__PURE__ */ new Map();
  const stack = [{ prefix: "", children: tree.sortedChildren(root.id), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.children.length) {
      stack.pop();
      continue;
    }
    const id = top.children[top.next++];
    const path = top.prefix + tree.nameOf(id);
    if (tree.isDir(id)) {
      const { mode, uid, gid, mtime } = tree.attrsOf(id);
      yield { path: `${path}/`, type: "dir", mode, uid, gid, mtime, size: 0 };
      stack.push({ prefix: `${path}/`, children: tree.sortedChildren(id), next: 0 });
      continue;
    }
    const inode = tree.inodeAttrs(id);
    const first = inode.shared ? seen.get(tree.inodeOf(id)) : void 0;
    if (inode.shared && first === void 0) seen.set(tree.inodeOf(id), path);
    const entry = leafEntry(path, inode, first, spool);
    if (entry.type === "file" && entry.size > 0 && inode.kind === "file") onData?.(inode.dataOffset, entry.size);
    yield entry;
  }
}
async function walkData(root, spool, onData) {
  let count = 0;
  for (const _entry of exportEntries(root, spool, onData)) if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
}
function leafEntry(path, inode, linkTo, spool) {
  const base = { path, mode: inode.mode, uid: inode.uid, gid: inode.gid, mtime: inode.mtime };
  if (linkTo !== void 0) {
    const device = inode.kind === "char" || inode.kind === "block" ? { devmajor: inode.devmajor ?? 0, devminor: inode.devminor ?? 0 } : {};
    return { ...base, type: "hardlink", size: 0, linkname: linkTo, ...device };
  }
  switch (inode.kind) {
    case "file": {
      const { dataOffset, size } = inode;
      const crc322 = inode.crc32 ?? (size === 0 ? 0 : void 0);
      return { ...base, type: "file", size, ...crc322 !== void 0 ? { crc32: crc322 } : {}, open: () => spool.read(dataOffset, size) };
    }
    case "symlink":
      return { ...base, type: "symlink", size: 0, linkname: inode.linkname ?? "" };
    case "char":
    case "block":
      return { ...base, type: inode.kind, size: 0, devmajor: inode.devmajor ?? 0, devminor: inode.devminor ?? 0 };
    case "fifo":
      return { ...base, type: "fifo", size: 0 };
  }
}

// src/image/flat-image.ts
import { createHash as createHash6, randomBytes as randomBytes2 } from "node:crypto";
import { lstat, mkdir, open as open3, rename, rm as rm2, writeFile } from "node:fs/promises";
import { basename as basename2, dirname as dirname2, join as join4 } from "node:path";

// src/io/worker-hash.ts
import { Worker } from "node:worker_threads";
var MAX_IN_FLIGHT = 4;
var WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
let hash = createHash(workerData);
parentPort.on('message', (m) => {
  if (m === null) { parentPort.postMessage({ digest: hash.digest('hex') }); hash = createHash(workerData); }
  else { hash.update(new Uint8Array(m.buffer, 0, m.length)); parentPort.postMessage({ buffer: m.buffer }, [m.buffer]); }
});`;
var BUFFER_SIZE = 1 << 20;
var WorkerHash = class {
  #worker;
  #inFlight = 0;
  #free = [];
  /** The buffer being filled (small chunks are batched into one message). */
  #current;
  #filled = 0;
  #waiting;
  #digest;
  #failure;
  /** `algorithm`: a node:crypto hash name such as 'sha256' or 'sha384'. */
  constructor(algorithm) {
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    this.#worker = new Worker(WORKER_CODE, { eval: true, workerData: algorithm, resourceLimits });
    this.#worker.on("message", (m) => {
      if (m.digest !== void 0) this.#digest?.resolve(m.digest);
      else {
        if (m.buffer && m.buffer.byteLength === BUFFER_SIZE) this.#free.push(m.buffer);
        this.#inFlight -= 1;
        this.#release();
      }
    });
    this.#worker.on("error", (error) => {
      this.#failure = error;
      this.#digest?.reject(error);
      this.#release();
    });
  }
  #release() {
    const wake = this.#waiting;
    this.#waiting = void 0;
    wake?.();
  }
  /** Copies `chunk` into the current buffer, sending it when full; waits while too many are queued. */
  async update(chunk) {
    if (this.#failure) throw this.#failure;
    if (this.#current && this.#filled + chunk.byteLength > this.#current.byteLength) this.#send();
    if (!this.#current) {
      while (this.#inFlight >= MAX_IN_FLIGHT && !this.#failure) await new Promise((resolve) => this.#waiting = resolve);
      if (this.#failure) throw this.#failure;
      this.#current = chunk.byteLength > BUFFER_SIZE ? new ArrayBuffer(chunk.byteLength) : this.#free.pop() ?? new ArrayBuffer(BUFFER_SIZE);
    }
    new Uint8Array(this.#current, this.#filled, chunk.byteLength).set(chunk);
    this.#filled += chunk.byteLength;
    if (this.#filled === this.#current.byteLength) this.#send();
  }
  #send() {
    const buffer = this.#current;
    this.#inFlight += 1;
    this.#worker.postMessage({ buffer, length: this.#filled }, [buffer]);
    this.#current = void 0;
    this.#filled = 0;
  }
  /**
   * The hex digest of everything queued since the previous digest; the worker then starts afresh,
   * so one WorkerHash (one thread start, ≈ 35 ms of CPU) can hash several streams in turn.
   */
  async digest() {
    if (this.#current) this.#send();
    if (this.#failure) throw this.#failure;
    const result = new Promise((resolve, reject) => this.#digest = { resolve, reject });
    this.#worker.postMessage(null);
    return result;
  }
  /** Stops the worker; never throws. */
  async close() {
    this.#free.length = 0;
    await this.#worker.terminate().catch(() => void 0);
  }
};

// src/image/flat-image.ts
var BLOCK2 = 512;
var MAX_OCTAL_7 = 2097151;
var MAX_OCTAL_11 = 8589934591;
var BATCH = 64 * 1024;
var MAGIC = Buffer.from("ustar\x0000", "latin1");
var PAX_NAME = Buffer.from("PaxHeader", "latin1");
var TYPE_FLAGS = {
  file: 48,
  hardlink: 49,
  symlink: 50,
  char: 51,
  block: 52,
  dir: 53,
  fifo: 54
};
var PAX_FLAG = 120;
function putOctal(buf, at, width, value) {
  let v = value;
  for (let i = width - 2; i >= 0; i -= 1) {
    buf[at + i] = 48 + v % 8;
    v = Math.floor(v / 8);
  }
  buf[at + width - 1] = 0;
}
function putHeader(buf, at, h) {
  buf.fill(0, at, at + BLOCK2);
  buf.set(h.name.subarray(0, 100), at);
  putOctal(buf, at + 100, 8, h.mode);
  putOctal(buf, at + 108, 8, h.uid);
  putOctal(buf, at + 116, 8, h.gid);
  putOctal(buf, at + 124, 12, h.size);
  putOctal(buf, at + 136, 12, h.mtime);
  buf.fill(32, at + 148, at + 156);
  buf[at + 156] = h.typeflag;
  if (h.linkname) buf.set(h.linkname.subarray(0, 100), at + 157);
  MAGIC.copy(buf, at + 257);
  putOctal(buf, at + 329, 8, h.devmajor);
  putOctal(buf, at + 337, 8, h.devminor);
  let sum = 0;
  for (let i = at; i < at + BLOCK2; i += 1) sum += buf[i];
  putOctal(buf, at + 148, 7, sum);
  buf[at + 155] = 32;
}
function paxRecord(key, value) {
  const rest = Buffer.byteLength(key, "latin1") + value.length + 3;
  let len = rest + 1;
  while (String(len).length + rest !== len) len = String(len).length + rest;
  return Buffer.concat([Buffer.from(`${len} ${key}=`, "latin1"), value, Buffer.from("\n", "latin1")]);
}
function checkNumber(value, what, path) {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${path}: ${what} ${value} is not a non-negative integer`);
}
var FlatTar = class {
  #sink;
  #headersOnly;
  /** The file whose data `data()` takes (push form), and how much of it came. */
  #open;
  /** Pending header (and padding) bytes: reused, so a sink must not keep a chunk past its call. */
  #batch = Buffer.alloc(BATCH);
  #used = 0;
  #total = 0;
  #ended = false;
  /**
   * `sink` gets the archive's bytes in order. A chunk is only valid during the call (or until the
   * promise it returns settles): it may be a view into a buffer reused afterwards.
   */
  constructor(sink, options = {}) {
    this.#sink = sink;
    this.#headersOnly = options.headersOnly ?? false;
  }
  /** Writes the entry's header(s) and, for a file, its data from entry.open() (exactly entry.size bytes, else throw Error naming the path) and padding. */
  async add(entry) {
    await this.begin(entry);
    if (entry.type === "file" && !this.#headersOnly) await this.#data(entry);
    this.#open = void 0;
  }
  /**
   * The push form of add(), for data read elsewhere (a stream being merged): writes the entry's
   * header(s); a file's data then comes through `data()` and `endEntry()` pads it. With
   * `headersOnly` (a digest of the entries' metadata alone) no data or padding is written.
   */
  async begin(entry) {
    if (this.#ended) throw new Error(`${entry.path}: added after the end of the archive`);
    if (this.#open) throw new Error(`${entry.path}: added before the data of ${this.#open.path} ended`);
    const header = this.#fields(entry);
    const pax = [];
    if (header.name.length > 100) pax.push(paxRecord("path", header.name));
    if (header.linkname && header.linkname.length > 100) pax.push(paxRecord("linkpath", header.linkname));
    const big = (key, value, max) => {
      if (value <= max) return value;
      pax.push(paxRecord(key, Buffer.from(String(value), "latin1")));
      return 0;
    };
    const uid = big("uid", header.uid, MAX_OCTAL_7);
    const gid = big("gid", header.gid, MAX_OCTAL_7);
    const mtime = big("mtime", header.mtime, MAX_OCTAL_11);
    if (pax.length > 0) {
      const records = Buffer.concat(pax);
      await this.#header({ name: PAX_NAME, mode: 420, uid: 0, gid: 0, size: records.length, mtime: 0, typeflag: PAX_FLAG, devmajor: 0, devminor: 0 });
      await this.#put(records);
      await this.#pad(records.length);
    }
    await this.#header({ ...header, uid, gid, mtime });
    if (entry.type === "file") this.#open = { path: entry.path, size: header.size, written: 0 };
  }
  /** Part of the data of the file begun (push form); the chunk goes to the sink at once. */
  async data(chunk) {
    const open5 = this.#open;
    if (!open5) throw new Error("data without a file begun");
    if (chunk.length > open5.size - open5.written) throw new Error(`${open5.path}: data longer than its size ${open5.size}`);
    open5.written += chunk.length;
    if (this.#headersOnly) return;
    await this.#flush();
    this.#total += chunk.length;
    const pending = this.#sink(chunk);
    if (pending) await pending;
  }
  /** Ends the entry begun (push form): checks its data's length and pads it. */
  async endEntry() {
    const open5 = this.#open;
    this.#open = void 0;
    if (!open5) return;
    if (open5.written !== open5.size) throw new Error(`${open5.path}: data ended after ${open5.written} of ${open5.size} bytes`);
    if (!this.#headersOnly) await this.#pad(open5.size);
  }
  /** Writes the two zero blocks; returns total bytes written. */
  async end() {
    if (this.#open) throw new Error(`${this.#open.path}: the archive ended before its data`);
    if (!this.#ended) {
      this.#ended = true;
      await this.#put(new Uint8Array(2 * BLOCK2));
      await this.#flush();
    }
    return this.#total;
  }
  #fields(entry) {
    const { path, type } = entry;
    const typeflag = TYPE_FLAGS[type];
    if (typeflag === void 0) throw new Error(`${path}: unknown entry type ${String(type)}`);
    checkNumber(entry.mode, "mode", path);
    checkNumber(entry.uid, "uid", path);
    checkNumber(entry.gid, "gid", path);
    checkNumber(entry.mtime, "mtime", path);
    const size = type === "file" ? entry.size : 0;
    checkNumber(size, "size", path);
    if (size > MAX_OCTAL_11) throw new Error(`${path}: size ${size} does not fit a ustar header`);
    let linkname;
    if (type === "symlink" || type === "hardlink") {
      if (entry.linkname === void 0) throw new Error(`${path}: ${type} without a link name`);
      linkname = nameBytes(entry.linkname);
    }
    const device = type === "char" || type === "block" || type === "hardlink";
    const devmajor = device ? entry.devmajor ?? 0 : 0;
    const devminor = device ? entry.devminor ?? 0 : 0;
    for (const [what, value] of [["devmajor", devmajor], ["devminor", devminor]]) {
      checkNumber(value, what, path);
      if (value > MAX_OCTAL_7) throw new Error(`${path}: ${what} ${value} does not fit a ustar header`);
    }
    return { name: nameBytes(path), mode: entry.mode & 4095, uid: entry.uid, gid: entry.gid, size, mtime: entry.mtime, typeflag, ...linkname ? { linkname } : {}, devmajor, devminor };
  }
  async #data(entry) {
    const { path, size } = entry;
    let written = 0;
    if (entry.open) {
      await this.#flush();
      for await (const chunk of entry.open()) {
        if (chunk.length > size - written) throw new Error(`${path}: data longer than its size ${size}`);
        written += chunk.length;
        this.#total += chunk.length;
        const pending = this.#sink(chunk);
        if (pending) await pending;
      }
    }
    if (written !== size) throw new Error(`${path}: data ended after ${written} of ${size} bytes`);
    await this.#pad(size);
  }
  async #header(h) {
    await this.#room(BLOCK2);
    putHeader(this.#batch, this.#used, h);
    this.#used += BLOCK2;
    this.#total += BLOCK2;
  }
  async #pad(length) {
    const pad = (BLOCK2 - length % BLOCK2) % BLOCK2;
    if (pad === 0) return;
    await this.#room(pad);
    this.#batch.fill(0, this.#used, this.#used + pad);
    this.#used += pad;
    this.#total += pad;
  }
  async #put(bytes) {
    if (bytes.length > BATCH) {
      await this.#flush();
      this.#total += bytes.length;
      const pending = this.#sink(bytes);
      if (pending) await pending;
      return;
    }
    await this.#room(bytes.length);
    this.#batch.set(bytes, this.#used);
    this.#used += bytes.length;
    this.#total += bytes.length;
  }
  async #room(length) {
    if (this.#used + length > BATCH) await this.#flush();
  }
  async #flush() {
    if (this.#used === 0) return;
    const chunk = this.#batch.subarray(0, this.#used);
    const pending = this.#sink(chunk);
    if (pending) await pending;
    this.#used = 0;
  }
};
async function writeEntries(tar, entries) {
  for await (const entry of entries) await tar.add(entry);
  return tar.end();
}
async function hashFlatLayer(entries) {
  const hash = new WorkerHash("sha256");
  try {
    const size = await writeEntries(new FlatTar((chunk) => hash.update(chunk)), entries);
    return { diffId: `sha256:${await hash.digest()}`, size };
  } finally {
    await hash.close();
  }
}
async function flatHeadersDigest(entries) {
  const hash = createHash6("sha256");
  await writeEntries(new FlatTar((chunk) => void hash.update(chunk), { headersOnly: true }), entries);
  return hash.digest("hex");
}
var CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
var MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
var INDEX_TYPE = "application/vnd.oci.image.index.v1+json";
var LAYER_TYPE = "application/vnd.oci.image.layer.v1.tar";
var CREATED_BY = "nitro-eif-build: flattened root filesystem";
var PLATFORM_PART = /^[A-Za-z0-9_.-]+$/;
var DIGEST = /^sha256:[0-9a-f]{64}$/;
function flatPlatform(text) {
  const parts = text.split("/");
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PLATFORM_PART.test(p))) {
    throw new Error(`platform ${JSON.stringify(text)}: expected os/arch[/variant], e.g. linux/amd64`);
  }
  const [os, architecture, variant] = parts;
  return { os, architecture, ...variant ? { variant } : {} };
}
function rfc3339(seconds) {
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds >= 253402300800) {
    throw new Error(`SOURCE_DATE_EPOCH ${seconds} is not a time in years 1970-9999`);
  }
  return `${new Date(seconds * 1e3).toISOString().slice(0, 19)}Z`;
}
var sha256 = (bytes) => `sha256:${createHash6("sha256").update(bytes).digest("hex")}`;
var present = (value) => value !== void 0 && value.length > 0;
function flatImage(fields, layer, sourceDateEpoch) {
  const platform = flatPlatform(fields.platform);
  if (!DIGEST.test(layer.diffId)) throw new Error(`layer digest ${JSON.stringify(layer.diffId)} is not sha256:<hex>`);
  if (!Number.isSafeInteger(layer.size) || layer.size < 2 * BLOCK2) throw new Error(`layer size ${layer.size} is not that of a tar`);
  const created = rfc3339(sourceDateEpoch);
  const runtime = {};
  if (present(fields.user)) runtime.User = fields.user;
  if (present(fields.env)) runtime.Env = fields.env;
  if (present(fields.entrypoint)) runtime.Entrypoint = fields.entrypoint;
  if (present(fields.cmd)) runtime.Cmd = fields.cmd;
  if (present(fields.workingDir)) runtime.WorkingDir = fields.workingDir;
  const config = Buffer.from(JSON.stringify({
    architecture: platform.architecture,
    config: runtime,
    created,
    history: [{ created, created_by: CREATED_BY }],
    os: platform.os,
    rootfs: { type: "layers", diff_ids: [layer.diffId] },
    ...platform.variant ? { variant: platform.variant } : {}
  }), "utf8");
  const configDigest = sha256(config);
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: MANIFEST_TYPE,
    config: { mediaType: CONFIG_TYPE, digest: configDigest, size: config.length },
    layers: [{ mediaType: LAYER_TYPE, digest: layer.diffId, size: layer.size }]
  }), "utf8");
  return { config, configDigest, manifest, manifestDigest: sha256(manifest), layer: { diffId: layer.diffId, size: layer.size } };
}
async function writeAll(file, chunk) {
  for (let done = 0; done < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk, done, chunk.length - done);
    done += bytesWritten;
  }
}
async function writeFlatLayout(dir, image, fields, entries) {
  const platform = flatPlatform(fields.platform);
  if (sha256(image.config) !== image.configDigest || sha256(image.manifest) !== image.manifestDigest) {
    throw new Error(`${dir}: the image's config or manifest does not match its digest`);
  }
  const config = JSON.parse(image.config.toString("utf8"));
  if (config.os !== platform.os || config.architecture !== platform.architecture || config.variant !== platform.variant) {
    throw new Error(`${dir}: the image's config is not for platform ${fields.platform}`);
  }
  if (await lstat(dir).then(() => true, () => false)) throw new Error(`${dir}: already exists`);
  const temp = join4(dirname2(dir), `.${basename2(dir)}.${randomBytes2(6).toString("hex")}.partial`);
  const forget = removeOnInterrupt(temp);
  try {
    const blobs = join4(temp, "blobs", "sha256");
    await mkdir(temp);
    await mkdir(blobs, { recursive: true });
    const layerPath = join4(blobs, image.layer.diffId.slice(7));
    const file = await open3(layerPath, "wx", 420);
    const hash = createHash6("sha256");
    let size;
    try {
      size = await writeEntries(new FlatTar((chunk) => {
        hash.update(chunk);
        return writeAll(file, chunk);
      }), entries);
    } finally {
      await file.close();
    }
    const diffId = `sha256:${hash.digest("hex")}`;
    if (diffId !== image.layer.diffId || size !== image.layer.size) {
      throw new Error(`${dir}: the layer written is ${diffId} (${size} bytes), expected ${image.layer.diffId} (${image.layer.size} bytes)`);
    }
    await writeFile(join4(blobs, image.configDigest.slice(7)), image.config, { flag: "wx" });
    await writeFile(join4(blobs, image.manifestDigest.slice(7)), image.manifest, { flag: "wx" });
    await writeFile(join4(temp, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }), { flag: "wx" });
    const index = {
      schemaVersion: 2,
      mediaType: INDEX_TYPE,
      manifests: [{ mediaType: MANIFEST_TYPE, digest: image.manifestDigest, size: image.manifest.length, platform: { architecture: platform.architecture, os: platform.os, ...platform.variant ? { variant: platform.variant } : {} } }]
    };
    await writeFile(join4(temp, "index.json"), JSON.stringify(index), { flag: "wx" });
    await rename(temp, dir);
  } catch (error) {
    await rm2(temp, { recursive: true, force: true }).catch(() => void 0);
    throw error;
  } finally {
    forget();
  }
}

// src/image/tree.ts
var NotADirectoryError = class extends Error {
  constructor(at) {
    super(`${at} is not a directory`);
    this.at = at;
  }
};
var ROOT = 0;
var NONE = -1;
var KINDS = ["file", "symlink", "char", "block", "fifo"];
var KIND_CODE = { file: 1, symlink: 2, char: 3, block: 4, fifo: 5 };
var DIR = 0;
var LENGTH_MASK = 255;
var LONG_NAME = 255;
var MODE_SHIFT = 8;
var MODE_MASK = 4095 << MODE_SHIFT;
var KIND_SHIFT = 20;
var KIND_MASK = 7 << KIND_SHIFT;
var DEAD = 1 << 23;
var SHARED = 1 << 24;
var HAS_CRC = 1 << 25;
var LINKED = 1 << 26;
var HEADER = 1 << 27;
var WALKED = 1 << 28;
var SYMLINK_BITS = KIND_CODE.symlink << KIND_SHIFT;
var MAX_SYMLINK_HOPS = 255;
var INITIAL_SLOTS = 2048;
var INITIAL_NAME_BYTES = 16 * 1024;
var MAX_NAME_BYTES = 4294967295;
var SURROGATE3 = /[\uD800-\uDFFF]/;
var PAGE_BITS = 15;
var PAGE_ROWS = 1 << PAGE_BITS;
var PAGE_MASK = PAGE_ROWS - 1;
var Int32Column = class {
  #pages = [];
  get(id) {
    return this.#pages[id >>> PAGE_BITS][id & PAGE_MASK];
  }
  set(id, value) {
    this.#pages[id >>> PAGE_BITS][id & PAGE_MASK] = value;
  }
  addPage() {
    this.#pages.push(new Int32Array(PAGE_ROWS));
  }
};
var Float64Column = class {
  #pages = [];
  get(id) {
    return this.#pages[id >>> PAGE_BITS][id & PAGE_MASK];
  }
  set(id, value) {
    this.#pages[id >>> PAGE_BITS][id & PAGE_MASK] = value;
  }
  addPage() {
    this.#pages.push(new Float64Array(PAGE_ROWS));
  }
};
var MAX_IMAGE_ENTRIES = 2 ** 24;
var TooManyEntriesError = class extends FormatError {
  constructor(limit) {
    super(`the image adds more than ${limit} entries over its layers (deleted ones included)`);
    this.limit = limit;
    this.name = "TooManyEntriesError";
  }
};
var Tree = class {
  root = { tree: this, id: ROOT };
  /** Attributes of directories a layer implies without a header of their own. */
  #implied;
  #rows = 0;
  // Entry columns (one row per name ever added).
  #parent = new Int32Column();
  #nameStart = new Int32Column();
  /** Index of the layer that last set (or, for a directory, walked through) the entry. */
  #layer = new Int32Column();
  /** A directory's first child (newest first); a regular file's data row, NONE when it has no data. */
  #firstChild = new Int32Column();
  #nextSibling = new Int32Column();
  /** Name length, mode, kind and flags (see LENGTH_MASK and after). */
  #meta = new Int32Column();
  // Inode columns (meaningful on an entry's own row unless it is LINKED).
  #uid = new Int32Column();
  #gid = new Int32Column();
  #mtime = new Float64Column();
  // Data rows: only regular files with data have one (most entries of a large tree have none).
  #dataRows = 0;
  #size = new Float64Column();
  #dataOffset = new Float64Column();
  #crc32 = new Int32Column();
  // Rare fields, by row.
  #linkedInode = /* @__PURE__ */ new Map();
  #longNameLength = /* @__PURE__ */ new Map();
  #linkname = /* @__PURE__ */ new Map();
  #device = /* @__PURE__ */ new Map();
  #names = Buffer.alloc(INITIAL_NAME_BYTES);
  #nameBytesUsed = 0;
  /** A name being looked up, as bytes, its length and hash (set by childOf, used by the adds after it). */
  #scratch = Buffer.alloc(256);
  #scratchLength = 0;
  #scratchHash = 0;
  /** Open addressing with linear probing: row ids, NONE where empty; dead rows stay until a rebuild. */
  #slots = new Int32Array(INITIAL_SLOTS).fill(NONE);
  #slotsUsed = 0;
  /** Rows (names ever added, deleted ones included) allowed before TooManyEntriesError. */
  #maxRows;
  /**
   * Lower directories whited out by the layer being applied (rows), deleted when a later
   * layer starts. Docker's applier writes `.wh.d` as a whiteout device at `d`; a `d/` entry later in
   * the same layer replaces the device with a plain directory (not opaque), so overlayfs still
   * shows the lower `d`'s children, under the new header.
   */
  #pendingWhiteouts = /* @__PURE__ */ new Set();
  /** The layer of the pending whiteouts. */
  #pendingLayer = -1;
  /**
   * Directory headers whose entry the same layer then replaced or removed: docker's applier sets
   * the times of a layer's directory headers once the layer is written, on whatever is at the name
   * by then (a file that replaced the directory gets the directory's mtime). Rare, so a list.
   */
  #headerTimes = [];
  /** The layer of #headerTimes. */
  #headerTimesLayer = -1;
  /**
   * Lower directories a non-directory of the layer being applied replaced (by "parent\0name", and
   * their rows), dead but kept whole until the layer ends: docker's applier writes a layer into an
   * overlayfs upper directory, where only the layer's last entry at a name counts, so a directory
   * header after the replacement makes a plain directory over the lower one, whose contents show.
   */
  #stashByName = /* @__PURE__ */ new Map();
  #stashedRows = /* @__PURE__ */ new Map();
  #stashLayer = -1;
  constructor(implied, maxEntries = MAX_IMAGE_ENTRIES) {
    this.#implied = implied;
    this.#maxRows = maxEntries + 1;
    const root = this.#newRow(NONE, 0, 0, -1);
    this.#setAttrs(root, { mode: 493, uid: 0, gid: 0, mtime: 0 });
  }
  /** The layers are applied: the few entries the build adds itself (the init layer) are not limited. */
  endLimit() {
    this.#settleWhiteouts(Number.POSITIVE_INFINITY);
    this.#maxRows = Number.POSITIVE_INFINITY;
  }
  // ---- Lookups ----
  /** The live entry at `parts` (the root for none), or NONE. */
  find(parts) {
    let id = ROOT;
    for (const part of parts) {
      if (!this.isDir(id)) return NONE;
      id = this.childOf(id, part);
      if (id === NONE) return NONE;
    }
    return id;
  }
  /**
   * `find` for an entry of `layer` (a hard link's target): directories earlier layers whited out
   * are gone, and one this layer whited out is not there either.
   */
  findInLayer(parts, layer) {
    this.#settleWhiteouts(layer);
    let id = ROOT;
    for (const part of parts) {
      if (!this.isDir(id)) return NONE;
      id = this.childOf(id, part);
      if (id === NONE || this.#pendingWhiteouts.has(id)) return NONE;
    }
    return id;
  }
  /** The live entry named `name` in the directory `dir`, or NONE. */
  childOf(dir, name) {
    const length = this.#encode(name);
    this.#scratchHash = hashName(dir, this.#scratch, 0, length);
    return this.#lookup(dir, length, this.#scratchHash);
  }
  isDir(id) {
    return (this.#meta.get(id) & KIND_MASK) === 0;
  }
  kindOf(id) {
    const code = (this.#meta.get(id) & KIND_MASK) >>> KIND_SHIFT;
    return code === DIR ? "dir" : KINDS[code - 1];
  }
  /** The row holding an entry's inode, shared with its hard links (its own row when it has none). */
  inodeOf(id) {
    return (this.#meta.get(id) & LINKED) === 0 ? id : this.#linkedInode.get(id);
  }
  /** The entry's name as a string (io/byte-names.ts: raw bytes that are not UTF-8 kept as lone surrogates). */
  nameOf(id) {
    const start = this.#nameStart.get(id) >>> 0;
    return decodeName(this.#names.toString("latin1", start, start + this.#nameLength(id)));
  }
  attrsOf(id) {
    const ino = this.inodeOf(id);
    return { mode: (this.#meta.get(ino) & MODE_MASK) >>> MODE_SHIFT, uid: this.#uid.get(ino) >>> 0, gid: this.#gid.get(ino) >>> 0, mtime: this.#mtime.get(ino) };
  }
  /** A non-directory's inode as it stands (a hard link's: the group's). */
  inodeAttrs(id) {
    const ino = this.inodeOf(id);
    const meta = this.#meta.get(ino);
    const data = this.#firstChild.get(ino);
    const device = this.#device.get(ino);
    const linkname = this.#linkname.get(ino);
    return {
      kind: this.kindOf(ino),
      ...this.attrsOf(ino),
      size: data === NONE ? 0 : this.#size.get(data),
      dataOffset: data === NONE ? 0 : this.#dataOffset.get(data),
      shared: (meta & SHARED) !== 0,
      ...(meta & HAS_CRC) !== 0 ? { crc32: data === NONE ? 0 : this.#crc32.get(data) >>> 0 } : {},
      ...linkname !== void 0 ? { linkname } : {},
      ...device !== void 0 ? { devmajor: device[0], devminor: device[1] } : {}
    };
  }
  /** A directory's live entries, names in byte order (the export walk's order). */
  sortedChildren(dir) {
    this.#settleWhiteouts(Number.POSITIVE_INFINITY);
    const children = [];
    for (let c = this.#firstChild.get(dir); c !== NONE; c = this.#nextSibling.get(c)) {
      if ((this.#meta.get(c) & DEAD) === 0) children.push(c);
    }
    const names = this.#names;
    return children.sort((a, b) => {
      const as = this.#nameStart.get(a) >>> 0;
      const bs = this.#nameStart.get(b) >>> 0;
      const al = this.#nameLength(a);
      const bl = this.#nameLength(b);
      const n = al < bl ? al : bl;
      for (let i = 0; i < n; i++) {
        const d = names[as + i] - names[bs + i];
        if (d !== 0) return d;
      }
      return al - bl;
    });
  }
  /** Rows ever added (live or dead): what the tree's memory grows with. */
  get rowCount() {
    return this.#rows;
  }
  // ---- Layer entries ----
  /** The directory holding `parts`' last name, creating missing parents (marked with `layer`). */
  parentOf(parts, layer, throughLinks = false) {
    let dir = ROOT;
    for (let i = 0; i < parts.length - 1; i++) {
      let next = this.childOf(dir, parts[i]);
      if (next !== NONE && (this.#meta.get(next) & KIND_MASK) === SYMLINK_BITS && (layer === 0 || this.#layer.get(next) >= layer)) {
        const resolved = throughLinks ? void 0 : this.#resolveInLayer(parts.slice(0, -1), layer);
        if (resolved === void 0) throw new NotADirectoryError(parts.slice(0, i + 1).join("/"));
        return this.parentOf([...resolved, parts[parts.length - 1]], layer, true);
      }
      if (next !== NONE && this.#pendingWhiteouts.size > 0 && this.#pendingWhiteouts.delete(next)) {
        this.#kill(next);
        next = this.childOf(dir, parts[i]);
      }
      if (next !== NONE && !this.isDir(next)) {
        if (layer === 0 || this.#layer.get(next) >= layer) throw new NotADirectoryError(parts.slice(0, i + 1).join("/"));
        const target = this.kindOf(next) === "symlink" ? this.#resolve(next) : NONE;
        const attrs = target !== NONE && this.isDir(target) ? { ...this.attrsOf(target), mtime: this.#implied.mtime } : this.#impliedIn(dir);
        this.#kill(next);
        this.childOf(dir, parts[i]);
        next = this.#add(dir, layer);
        this.#setAttrs(next, attrs);
      } else if (next === NONE) {
        next = this.#add(dir, layer);
        this.#setAttrs(next, this.#impliedIn(dir));
      }
      if (this.#layer.get(next) < layer) {
        this.#layer.set(next, layer);
        this.#meta.set(next, this.#meta.get(next) & ~HEADER | WALKED);
      } else if ((this.#meta.get(next) & WALKED) === 0) {
        this.#meta.set(next, this.#meta.get(next) | WALKED);
      }
      dir = next;
    }
    return dir;
  }
  /**
   * The attributes of a directory the applier makes in `dir` (mkdir, chmod 0755, no chown): Linux
   * gives a directory made in a setgid directory the parent's group (the chmod drops the bit).
   */
  #impliedIn(dir) {
    const meta = this.#meta.get(dir);
    if ((meta & 1024 << MODE_SHIFT) === 0) return this.#implied;
    return { ...this.#implied, gid: this.#gid.get(dir) >>> 0 };
  }
  /** A directory entry: updates an existing directory's header, or replaces a non-directory. */
  setDir(parts, attrs, layer) {
    if (parts.length === 0) return;
    this.#settleWhiteouts(layer);
    const parent = this.parentOf(parts, layer);
    const existing = this.childOf(parent, parts[parts.length - 1]);
    let id = existing;
    if (existing !== NONE && this.isDir(existing)) {
      this.#pendingWhiteouts.delete(existing);
      if (this.#layer.get(existing) < layer) this.#meta.set(existing, this.#meta.get(existing) & ~WALKED);
      this.#setAttrs(existing, attrs);
      this.#layer.set(existing, layer);
    } else {
      const stashed = this.#stashByName.size > 0 ? this.#stashByName.get(`${parent}\0${parts[parts.length - 1]}`) : void 0;
      if (stashed === void 0) id = this.#addDirAfterLookup(parent, existing, attrs, layer);
      else {
        if (existing !== NONE) this.#kill(existing);
        this.#unstash(stashed);
        this.#meta.set(stashed, this.#meta.get(stashed) & ~(DEAD | WALKED));
        this.#setAttrs(stashed, attrs);
        this.#layer.set(stashed, layer);
        id = stashed;
      }
    }
    this.#meta.set(id, this.#meta.get(id) | HEADER);
  }
  /** A non-directory entry: replaces whatever was there (a directory with all it holds). */
  setLeaf(parts, inode, layer) {
    this.#settleWhiteouts(layer);
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1];
    const existing = this.childOf(parent, name);
    if (existing !== NONE) {
      this.#noteHeaderTime(existing, parent, name, layer);
      this.#stashLowerDir(existing, parent, name, layer);
    }
    this.#addLeafAfterLookup(parent, existing, inode, layer);
  }
  /**
   * A hard link at `parts` to the non-directory `target`: joins its inode, and (as containerd's
   * applier does: link, then Lchown, lchmod, chtimes) the link's header sets the group's owner,
   * mtime and mode (not a symlink's).
   */
  hardLink(parts, target, attrs, layer) {
    this.#settleWhiteouts(layer);
    const ino = this.inodeOf(target);
    const meta = this.#meta.get(ino);
    this.#setAttrs(ino, (meta & KIND_MASK) === SYMLINK_BITS ? { ...attrs, mode: (meta & MODE_MASK) >>> MODE_SHIFT } : attrs);
    this.#meta.set(ino, this.#meta.get(ino) | SHARED);
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1];
    const existing = this.childOf(parent, name);
    if (existing !== NONE) {
      this.#noteHeaderTime(existing, parent, name, layer);
      this.#stashLowerDir(existing, parent, name, layer);
      this.#kill(existing);
    }
    const id = this.#add(parent, layer);
    this.#meta.set(id, this.#meta.get(id) | meta & KIND_MASK | LINKED);
    this.#linkedInode.set(id, ino);
  }
  /**
   * `.wh.NAME`: removes what lower layers put at `parts` (never what this layer added); a lower
   * directory only once the layer ends (see #pendingWhiteouts). `replacesOwn`: a whiteout device
   * (char 0:0), which first replaces what this layer put there. Missing parents are made, as
   * docker's applier makes them for every entry. The first layer is written into a plain
   * directory: there a whiteout removes whatever is at the name.
   */
  whiteout(parts, layer, replacesOwn = false) {
    this.#settleWhiteouts(layer);
    const parent = this.parentOf(parts, layer);
    const name = parts[parts.length - 1];
    const node = this.childOf(parent, name);
    if (node === NONE) return;
    if (layer === 0 || replacesOwn && this.#layer.get(node) >= layer) {
      this.#pendingWhiteouts.delete(node);
      this.#noteHeaderTime(node, parent, name, layer);
      this.#kill(node);
    } else if (this.#layer.get(node) < layer) {
      if (this.isDir(node)) {
        this.#pendingWhiteouts.add(node);
        this.#pendingLayer = layer;
      } else {
        this.#kill(node);
      }
    } else if (this.isDir(node)) this.#pruneLower(node, layer);
  }
  /**
   * `.wh..wh..opq`: hides everything lower layers put under the directory `parts` (made when
   * missing). In the first layer, docker's applier removes instead what under it has no header of
   * this layer: the directories it made for entries whose parents had none.
   */
  opaque(parts, layer) {
    this.#settleWhiteouts(layer);
    const dir = this.parentOf([...parts, ""], layer);
    if (layer === 0) this.#pruneImplied(dir);
    else this.#pruneLower(dir, layer);
  }
  // ---- Direct edits (what `docker create` adds: init-layer.ts) ----
  /** A new directory `name` in `dir`, replacing whatever was there. */
  addDir(dir, name, attrs, layer) {
    return this.#addDirAfterLookup(dir, this.childOf(dir, name), attrs, layer);
  }
  /** A new non-directory `name` in `dir`, replacing whatever was there. */
  addLeaf(dir, name, inode, layer) {
    return this.#addLeafAfterLookup(dir, this.childOf(dir, name), inode, layer);
  }
  /** Removes an entry (a directory with all it holds). */
  remove(id) {
    if (id !== ROOT) this.#kill(id);
  }
  setMtime(id, mtime) {
    this.#mtime.set(this.inodeOf(id), mtime);
  }
  // ---- Internals ----
  #nameLength(id) {
    const length = this.#meta.get(id) & LENGTH_MASK;
    return length === LONG_NAME ? this.#longNameLength.get(id) : length;
  }
  #encode(name) {
    let length;
    if (!SURROGATE3.test(name)) {
      if (this.#scratch.length < name.length * 3) this.#scratch = Buffer.alloc(name.length * 3);
      length = this.#scratch.write(name, 0, "utf8");
    } else {
      const bytes = nameBytes(name);
      if (this.#scratch.length < bytes.length) this.#scratch = Buffer.alloc(bytes.length);
      bytes.copy(this.#scratch);
      length = bytes.length;
    }
    this.#scratchLength = length;
    return length;
  }
  /** The live row (parent, scratch name), or NONE. */
  #lookup(parent, length, hash) {
    const slots = this.#slots;
    const mask = slots.length - 1;
    const names = this.#names;
    const scratch = this.#scratch;
    for (let s = hash & mask; ; s = s + 1 & mask) {
      const id = slots[s];
      if (id === NONE) return NONE;
      if (this.#parent.get(id) !== parent || (this.#meta.get(id) & DEAD) !== 0 || this.#nameLength(id) !== length) continue;
      const start = this.#nameStart.get(id) >>> 0;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (names[start + i] !== scratch[i]) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }
  #addDirAfterLookup(dir, existing, attrs, layer) {
    if (existing !== NONE) this.#kill(existing);
    const id = this.#add(dir, layer);
    this.#setAttrs(id, attrs);
    return id;
  }
  #addLeafAfterLookup(dir, existing, inode, layer) {
    if (existing !== NONE) this.#kill(existing);
    const id = this.#add(dir, layer);
    this.#setAttrs(id, inode);
    this.#meta.set(id, this.#meta.get(id) | KIND_CODE[inode.kind] << KIND_SHIFT | (inode.crc32 !== void 0 ? HAS_CRC : 0));
    if (inode.size !== 0 || inode.dataOffset !== 0 || (inode.crc32 ?? 0) !== 0) {
      if ((this.#dataRows & PAGE_MASK) === 0) {
        this.#size.addPage();
        this.#dataOffset.addPage();
        this.#crc32.addPage();
      }
      const data = this.#dataRows++;
      this.#size.set(data, inode.size);
      this.#dataOffset.set(data, inode.dataOffset);
      this.#crc32.set(data, inode.crc32 ?? 0);
      this.#firstChild.set(id, data);
    }
    if (inode.linkname !== void 0) this.#linkname.set(id, inode.linkname);
    if (inode.devmajor !== void 0 || inode.devminor !== void 0) this.#device.set(id, [inode.devmajor ?? 0, inode.devminor ?? 0]);
    return id;
  }
  #setAttrs(id, attrs) {
    this.#meta.set(id, this.#meta.get(id) & ~MODE_MASK | (attrs.mode & 4095) << MODE_SHIFT);
    this.#uid.set(id, attrs.uid);
    this.#gid.set(id, attrs.gid);
    this.#mtime.set(id, attrs.mtime);
  }
  /** A new directory row in `parent` named by the scratch name (a leaf once its kind is set). */
  #add(parent, layer) {
    const length = this.#scratchLength;
    const hash = this.#scratchHash;
    if (this.#nameBytesUsed + length > this.#names.length) {
      if (this.#nameBytesUsed + length > MAX_NAME_BYTES) throw new RangeError("the image holds more than 4 GiB of names");
      let size = this.#names.length * 2;
      while (size < this.#nameBytesUsed + length) size *= 2;
      const names = Buffer.alloc(Math.min(size, MAX_NAME_BYTES));
      this.#names.copy(names, 0, 0, this.#nameBytesUsed);
      this.#names = names;
    }
    const id = this.#newRow(parent, this.#nameBytesUsed, length, layer);
    this.#scratch.copy(this.#names, this.#nameBytesUsed, 0, length);
    this.#nameBytesUsed += length;
    this.#nextSibling.set(id, this.#firstChild.get(parent));
    this.#firstChild.set(parent, id);
    this.#insertSlot(id, hash);
    return id;
  }
  #newRow(parent, nameStart, nameLength, layer) {
    if (this.#rows >= this.#maxRows) throw new TooManyEntriesError(this.#maxRows - 1);
    if ((this.#rows & PAGE_MASK) === 0) {
      for (const column of [this.#parent, this.#nameStart, this.#layer, this.#firstChild, this.#nextSibling, this.#meta, this.#uid, this.#gid]) {
        column.addPage();
      }
      this.#mtime.addPage();
    }
    const id = this.#rows++;
    this.#parent.set(id, parent);
    this.#nameStart.set(id, nameStart);
    this.#layer.set(id, layer);
    this.#firstChild.set(id, NONE);
    this.#nextSibling.set(id, NONE);
    if (nameLength >= LONG_NAME) this.#longNameLength.set(id, nameLength);
    this.#meta.set(id, nameLength >= LONG_NAME ? LONG_NAME : nameLength);
    return id;
  }
  #insertSlot(id, hash) {
    if ((this.#slotsUsed + 1) * 3 > this.#slots.length * 2) this.#rebuildSlots();
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = hash & mask;
    while (slots[s] !== NONE) s = s + 1 & mask;
    slots[s] = id;
    this.#slotsUsed += 1;
  }
  /**
   * Drops dead rows from the hash table, doubling it while live rows fill more than half. A row
   * whose parent is dead dies here too (a parent's row always comes before its children's).
   */
  #rebuildSlots() {
    let live = 0;
    const stashed = this.#stashedRows;
    for (let id = 1; id < this.#rows; id++) {
      const parent = this.#parent.get(id);
      if ((this.#meta.get(parent) & DEAD) !== 0 && !stashed.has(parent)) this.#kill(id);
      else if ((this.#meta.get(id) & DEAD) === 0 || stashed.has(id)) live += 1;
    }
    let size = this.#slots.length;
    while ((live + 1) * 2 > size) size *= 2;
    const slots = new Int32Array(size).fill(NONE);
    const mask = size - 1;
    for (let id = 1; id < this.#rows; id++) {
      if ((this.#meta.get(id) & DEAD) !== 0 && !stashed.has(id)) continue;
      let s = hashName(this.#parent.get(id), this.#names, this.#nameStart.get(id) >>> 0, this.#nameLength(id)) & mask;
      while (slots[s] !== NONE) s = s + 1 & mask;
      slots[s] = id;
    }
    this.#slots = slots;
    this.#slotsUsed = live;
  }
  /**
   * Deletes the directories whited out by layers before `layer`. Every change settles first, so the
   * pending ones are all of one layer: a check per change, not a scan.
   */
  #settleWhiteouts(layer) {
    if (this.#headerTimes.length > 0 && this.#headerTimesLayer < layer) this.#applyHeaderTimes();
    if (this.#stashByName.size > 0 && this.#stashLayer < layer) {
      this.#stashByName.clear();
      this.#stashedRows.clear();
    }
    if (this.#pendingWhiteouts.size === 0 || this.#pendingLayer >= layer) return;
    for (const id of this.#pendingWhiteouts.keys()) this.#kill(id);
    this.#pendingWhiteouts.clear();
  }
  #kill(id) {
    this.#meta.set(id, this.#meta.get(id) | DEAD);
  }
  /**
   * Before `existing` (at `name` in `parent`) goes: when it is a directory whose header came in
   * this layer, that header's mtime is to be set again at the end of the layer.
   */
  #noteHeaderTime(existing, parent, name, layer) {
    const meta = this.#meta.get(existing);
    if ((meta & KIND_MASK) !== DIR || (meta & HEADER) === 0 || this.#layer.get(existing) !== layer) return;
    if (this.#headerTimesLayer !== layer) this.#headerTimes = [];
    this.#headerTimesLayer = layer;
    this.#headerTimes.push({ parent, name, mtime: this.#mtime.get(existing) });
  }
  /**
   * The end of the layer of #headerTimes: each noted mtime goes to what is now at its name (through
   * a symlink, to what it leads to within the layer), unless a later header of the layer made a
   * directory there again. Where nothing is, docker's applier fails; we leave it.
   */
  #applyHeaderTimes() {
    const layer = this.#headerTimesLayer;
    const times = this.#headerTimes;
    this.#headerTimes = [];
    for (const { parent, name, mtime } of times) {
      if ((this.#meta.get(parent) & DEAD) !== 0) continue;
      let id = this.childOf(parent, name);
      if (id === NONE) continue;
      const meta = this.#meta.get(id);
      if ((meta & KIND_MASK) === DIR && (meta & HEADER) !== 0 && this.#layer.get(id) === layer) continue;
      if ((meta & KIND_MASK) === SYMLINK_BITS) {
        id = this.#resolve(id);
        if (id === NONE || this.#layer.get(this.inodeOf(id)) < layer) continue;
      }
      this.#mtime.set(this.inodeOf(id), mtime);
    }
  }
  /**
   * A directory that a non-directory replaces, above the first layer, when this layer wrote nothing
   * in it (a header of its own changes nothing below it).
   */
  #stashLowerDir(existing, parent, name, layer) {
    if (layer === 0 || !this.isDir(existing)) return;
    if (this.#layer.get(existing) >= layer && (this.#meta.get(existing) & WALKED) !== 0) return;
    this.#pendingWhiteouts.delete(existing);
    if (this.#stashLayer !== layer) this.#unstash();
    this.#stashLayer = layer;
    const key = `${parent}\0${name}`;
    this.#stashByName.set(key, existing);
    this.#stashedRows.set(existing, key);
  }
  /** Forgets one stashed directory, or all. */
  #unstash(id) {
    if (id === void 0) {
      this.#stashByName.clear();
      this.#stashedRows.clear();
      return;
    }
    const key = this.#stashedRows.get(id);
    this.#stashedRows.delete(id);
    if (key !== void 0 && this.#stashByName.get(key) === id) this.#stashByName.delete(key);
  }
  /**
   * `parts` with the symlinks the layer wrote followed (relative ones from their directory, `..`
   * stopping at the root), other names as they are; undefined when the links loop.
   */
  #resolveInLayer(parts, layer) {
    const pending = [...parts];
    const names = [];
    const rows = [ROOT];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.shift();
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (names.length > 0) {
          names.pop();
          rows.pop();
        }
        continue;
      }
      const top = rows[rows.length - 1];
      const next = top === NONE || !this.isDir(top) ? NONE : this.childOf(top, part);
      if (next !== NONE && (this.#meta.get(next) & KIND_MASK) === SYMLINK_BITS && (layer === 0 || this.#layer.get(next) >= layer)) {
        if (++hops > MAX_SYMLINK_HOPS) return void 0;
        const link = this.#linkname.get(this.inodeOf(next)) ?? "";
        if (link.startsWith("/")) {
          names.length = 0;
          rows.length = 1;
        }
        pending.unshift(...link.split("/"));
        continue;
      }
      names.push(part);
      rows.push(next);
    }
    return names;
  }
  /** Names from the root to `id`. */
  #pathOf(id) {
    const parts = [];
    for (let at = id; at !== ROOT && at !== NONE; at = this.#parent.get(at)) parts.push(this.nameOf(at));
    return parts.reverse();
  }
  /**
   * What the symlink `id` leads to, symlinks followed within the root (`..` stops at the root, as
   * containerd's RootPath), or NONE when nothing is there or the links loop.
   */
  #resolve(id) {
    const link = this.#linkname.get(this.inodeOf(id)) ?? "";
    const pending = [...link.startsWith("/") ? [] : this.#pathOf(id).slice(0, -1), ...link.split("/")];
    const resolved = [];
    let hops = 1;
    while (pending.length > 0) {
      const part = pending.shift();
      if (part === "" || part === ".") continue;
      if (part === "..") {
        resolved.pop();
        continue;
      }
      const node = this.find([...resolved, part]);
      if (node !== NONE && this.kindOf(node) === "symlink") {
        if (++hops > MAX_SYMLINK_HOPS) return NONE;
        const target = this.#linkname.get(this.inodeOf(node)) ?? "";
        if (target.startsWith("/")) resolved.length = 0;
        pending.unshift(...target.split("/"));
        continue;
      }
      resolved.push(part);
    }
    return this.find(resolved);
  }
  /** First layer's opaque marker: removes the directories under `dir` that had no header of their own. */
  #pruneImplied(dir) {
    const pending = [dir];
    while (pending.length > 0) {
      const d = pending.pop();
      for (let c = this.#firstChild.get(d); c !== NONE; c = this.#nextSibling.get(c)) {
        const meta = this.#meta.get(c);
        if ((meta & DEAD) !== 0 || (meta & KIND_MASK) !== DIR) continue;
        if ((meta & HEADER) === 0) this.#kill(c);
        else pending.push(c);
      }
    }
  }
  /** Removes what layers below `layer` put under `dir`, keeping this layer's own entries. */
  #pruneLower(dir, layer) {
    const pending = [dir];
    while (pending.length > 0) {
      const d = pending.pop();
      let previous = NONE;
      for (let c = this.#firstChild.get(d); c !== NONE; c = this.#nextSibling.get(c)) {
        if ((this.#meta.get(c) & DEAD) === 0 && this.#layer.get(c) < layer) this.#kill(c);
        if ((this.#meta.get(c) & DEAD) !== 0) {
          if (this.#stashedRows.size > 0 && this.#stashedRows.has(c)) this.#unstash(c);
          if (previous === NONE) this.#firstChild.set(d, this.#nextSibling.get(c));
          else this.#nextSibling.set(previous, this.#nextSibling.get(c));
          continue;
        }
        if (this.isDir(c)) pending.push(c);
        previous = c;
      }
    }
  }
};
function hashName(parent, bytes, start, length) {
  let h = Math.imul(parent ^ 2166136261, 16777619);
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return h ^ h >>> 15;
}

// src/image/init-layer.ts
var INIT_LAYER_PATHS = [
  ["dev/pts", "dir"],
  ["dev/shm", "dir"],
  ["proc", "dir"],
  ["sys", "dir"],
  [".dockerenv", "file"],
  ["etc/resolv.conf", "file"],
  ["etc/hosts", "file"],
  ["etc/hostname", "file"],
  ["dev/console", "file"],
  ["etc/mtab", "/proc/mounts"]
];
var INIT_MODE = 493;
var MAX_SYMLINK_HOPS2 = 255;
function applyInitLayer(tree, createdAt, layer) {
  for (const [path, type] of INIT_LAYER_PATHS) {
    const parts = path.split("/");
    for (let i = 1; i <= parts.length; i++) unlinkNonDir(tree, parts.slice(0, i), createdAt);
    if (tree.find(parts) !== NONE) continue;
    const parent = mkdirAll(tree, parts.slice(0, -1), createdAt, layer);
    const name = parts[parts.length - 1];
    if (type === "dir") tree.addDir(parent, name, dirAttrs(tree, parent, createdAt), layer);
    else tree.addLeaf(parent, name, leaf(type, createdAt, tree.attrsOf(parent)), layer);
    tree.setMtime(parent, createdAt);
  }
}
var SETGID = 1024;
function dirAttrs(tree, parent, createdAt) {
  return { mode: INIT_MODE | tree.attrsOf(parent).mode & SETGID, uid: 0, gid: 0, mtime: createdAt };
}
function leaf(type, createdAt, parent) {
  const common = { uid: 0, gid: 0, mtime: createdAt, size: 0, dataOffset: 0 };
  if (type === "file") return { kind: "file", mode: INIT_MODE, ...common };
  return { kind: "symlink", mode: 511, linkname: type, ...common, gid: parent.mode & SETGID ? parent.gid : 0 };
}
function unlinkNonDir(tree, parts, createdAt) {
  const parent = tree.find(parts.slice(0, -1));
  if (parent === NONE || !tree.isDir(parent)) return;
  const node = tree.childOf(parent, parts[parts.length - 1]);
  if (node !== NONE && !tree.isDir(node)) {
    tree.remove(node);
    tree.setMtime(parent, createdAt);
  }
}
function mkdirAll(tree, parts, createdAt, layer) {
  let dir = ROOT;
  for (const [i, part] of parts.entries()) {
    let next = tree.childOf(dir, part);
    if (next === NONE) {
      next = tree.addDir(dir, part, dirAttrs(tree, dir, createdAt), layer);
      tree.setMtime(dir, createdAt);
    } else if (!tree.isDir(next)) {
      throw new UserError(`image WorkingDir: /${parts.slice(0, i + 1).join("/")} is not a directory`);
    }
    dir = next;
  }
  return dir;
}
function applyWorkingDir(tree, workingDir, createdAt, layer) {
  if (!workingDir) return;
  mkdirAll(tree, resolveInRoot(tree, workingDir), createdAt, layer);
}
function resolveInRoot(tree, path) {
  const pending = path.split("/");
  const resolved = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift();
    if (part === "" || part === ".") continue;
    if (part === "..") {
      resolved.pop();
      continue;
    }
    const node = tree.find([...resolved, part]);
    if (node !== NONE && tree.kindOf(node) === "symlink") {
      if (++hops > MAX_SYMLINK_HOPS2) throw new UserError(`image WorkingDir ${path}: too many levels of symbolic links`);
      const target = tree.inodeAttrs(node).linkname ?? "";
      if (target.startsWith("/")) resolved.length = 0;
      pending.unshift(...target.split("/"));
      continue;
    }
    resolved.push(part);
  }
  return resolved;
}

// src/image/tar-check.ts
import { Transform } from "node:stream";
var BLOCK3 = 512;
var MAX_META_SIZE2 = 1 << 20;
var MAX_NAME_COMPONENT = 255;
var MAX_PATH = 4096;
var MAX_ID2 = 4294967295;
var TYPES2 = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "link",
  "2": "symlink",
  "3": "char",
  "4": "block",
  "5": "dir",
  "6": "fifo"
};
var SHOWN_NAME = 120;
function showName(name) {
  const cut = name.length > SHOWN_NAME;
  const bytes = Buffer.from(cut ? name.slice(0, SHOWN_NAME) : name, "latin1");
  let shown;
  try {
    shown = JSON.stringify(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    const escaped = [...bytes].map((b) => b >= 32 && b < 127 && b !== 34 && b !== 92 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`);
    shown = `"${escaped.join("")}"`;
  }
  return cut ? `${shown.slice(0, -1)}\u2026" (${name.length} bytes)` : shown;
}
var TarCheck = class extends Transform {
  #what;
  #header = Buffer.alloc(BLOCK3);
  #headerFilled = 0;
  #state = { kind: "header" };
  /** Bytes of data and padding still to pass in the 'skip' state. */
  #skip = 0;
  /** Offset in the tar stream of the next byte. */
  #offset = 0;
  #pending = {};
  #queue = [];
  #head = 0;
  #maxFileSize;
  /** `what` names the tar in messages (`layer sha256:…`); `maxFileSize`: refuse a larger regular file from its header, before its data is read. */
  constructor(what, maxFileSize) {
    super();
    this.#what = what;
    this.#maxFileSize = maxFileSize;
  }
  /** The next entry tar-stream will emit; undefined when none is queued (an internal error). */
  next() {
    if (this.#head >= this.#queue.length) return void 0;
    const entry = this.#queue[this.#head];
    this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
    return entry;
  }
  _transform(chunk, _enc, cb) {
    let passUntil = chunk.length;
    try {
      let pos = 0;
      while (pos < chunk.length) {
        const state = this.#state;
        if (state.kind === "end") {
          passUntil = Math.min(passUntil, pos);
          break;
        }
        if (state.kind === "skip") {
          const n = Math.min(this.#skip, chunk.length - pos);
          this.#skip -= n;
          pos += n;
          if (this.#skip === 0) this.#state = { kind: "header" };
          continue;
        }
        if (state.kind === "meta") {
          const n = Math.min(state.record.length + state.padding - state.filled, chunk.length - pos);
          const copy = Math.min(n, state.record.length - state.filled);
          if (copy > 0) chunk.copy(state.record, state.filled, pos, pos + copy);
          state.filled += n;
          pos += n;
          if (state.filled === state.record.length + state.padding) this.#meta(state.type, state.record);
          continue;
        }
        let block;
        if (this.#headerFilled === 0 && chunk.length - pos >= BLOCK3) {
          block = chunk.subarray(pos, pos + BLOCK3);
          pos += BLOCK3;
        } else {
          const n = Math.min(BLOCK3 - this.#headerFilled, chunk.length - pos);
          chunk.copy(this.#header, this.#headerFilled, pos, pos + n);
          this.#headerFilled += n;
          pos += n;
          if (this.#headerFilled < BLOCK3) continue;
          this.#headerFilled = 0;
          block = this.#header;
        }
        const at = this.#offset + pos - BLOCK3;
        this.#block(block, at);
        if (this.#state.kind === "end") passUntil = pos;
      }
      this.#offset += chunk.length;
    } catch (error) {
      cb(error);
      return;
    }
    cb(null, passUntil === chunk.length ? chunk : chunk.subarray(0, passUntil));
  }
  _flush(cb) {
    const state = this.#state;
    const mid = this.#headerFilled > 0 || state.kind === "meta" || state.kind === "skip";
    if (mid) {
      cb(this.#fail(void 0, this.#offset, "the archive ends in the middle of an entry"));
      return;
    }
    if (this.#pending.pax || this.#pending.gnuName !== void 0 || this.#pending.gnuLink !== void 0) {
      cb(this.#fail(void 0, this.#offset, "the archive ends after an extended header with no entry"));
      return;
    }
    cb();
  }
  #fail(name, at, what) {
    const entry = name === void 0 ? `tar header at byte ${at}` : `entry ${showName(name)}`;
    return new FormatError(`${this.#what}: ${entry}: ${what}`);
  }
  #block(block, at) {
    if (this.#state.kind === "zero") {
      if (!isZero(block)) throw this.#fail(void 0, at, "a header follows a single zero block (the end-of-archive marker is two)");
      this.#state = { kind: "end" };
      return;
    }
    if (isZero(block)) {
      if (this.#pending.pax || this.#pending.gnuName !== void 0 || this.#pending.gnuLink !== void 0) {
        throw this.#fail(void 0, at, "an extended header is followed by the end of the archive");
      }
      this.#state = { kind: "zero" };
      return;
    }
    checkChecksum2(block, () => this.#fail(void 0, at, "bad header checksum"));
    const ustar = block.toString("latin1", 257, 265);
    const isUstar = ustar === "ustar\x0000";
    if (!isUstar && ustar !== "ustar  \0") throw this.#fail(void 0, at, "not a ustar, PAX or GNU tar header");
    const flag = String.fromCharCode(block[156]);
    const fieldName = cString2(block, 0, 100);
    const name = isUstar && block[345] !== 0 ? `${cString2(block, 345, 155)}/${fieldName}` : fieldName;
    const num = (offset, length, what) => parseNumeric(block, offset, length, (why) => this.#fail(this.#pending.gnuName ?? name, at, `${what} field ${why}`));
    const size = num(124, 12, "size");
    if (size < 0) throw this.#fail(this.#pending.gnuName ?? name, at, `negative size (${size})`);
    if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
      if (size > MAX_META_SIZE2) throw this.#fail(name, at, `extended header of ${size} bytes (at most ${MAX_META_SIZE2})`);
      this.#state = { kind: "meta", type: flag, record: Buffer.alloc(size), filled: 0, padding: padding(size) };
      if (size === 0) this.#meta(flag, Buffer.alloc(0));
      return;
    }
    this.#entry(block, at, flag, name, size, num);
  }
  /** An extended header's content, complete. */
  #meta(type, record) {
    this.#state = { kind: "header" };
    if (type === "L") this.#pending.gnuName = cString2(record, 0, record.length);
    else if (type === "K") this.#pending.gnuLink = cString2(record, 0, record.length);
    else if (type === "g") parsePax(record, (why) => this.#fail(void 0, this.#offset, `global PAX header: ${why}`));
    else this.#pending.pax = parsePax(record, (why) => this.#fail(void 0, this.#offset, `PAX header: ${why}`));
  }
  #entry(block, at, flag, headerName, headerSize, num) {
    const { pax, gnuName, gnuLink } = this.#pending;
    this.#pending = {};
    const name = gnuName ?? pax?.get("path") ?? headerName;
    const linkname = gnuLink ?? pax?.get("linkpath") ?? cString2(block, 157, 100);
    const fail = (what) => this.#fail(name, at, what);
    let type = TYPES2[flag];
    if (type === void 0) throw fail(`unsupported tar entry type ${JSON.stringify(flag)}`);
    if (flag === "\0" && name.endsWith("/")) type = "dir";
    else if (type === "file" && name.endsWith("/")) throw fail('a regular file whose name ends with "/"');
    if (pax) {
      for (const key of pax.keys()) if (key.startsWith("GNU.sparse.")) throw fail("GNU sparse files are not supported");
    }
    const paxNumber = (key) => {
      const text = pax?.get(key);
      if (text === void 0) return void 0;
      if (!/^\d{1,15}$/.test(text)) throw fail(`PAX ${key} ${JSON.stringify(text.slice(0, 40))} is not a non-negative decimal number`);
      return Number(text);
    };
    const size = paxNumber("size") ?? headerSize;
    if (type !== "file" && size !== 0) throw fail(`a ${type} entry declares ${size} bytes of data`);
    const uid = paxNumber("uid") ?? num(108, 8, "uid");
    const gid = paxNumber("gid") ?? num(116, 8, "gid");
    for (const [what, id] of [["uid", uid], ["gid", gid]]) {
      if (id < 0 || id > MAX_ID2) throw fail(`${what} ${id} is outside 0..${MAX_ID2}`);
    }
    const mode = num(100, 8, "mode");
    if (mode < 0) throw fail(`negative mode (${mode})`);
    const mtime = paxTime(pax?.get("mtime"), fail) ?? num(136, 12, "mtime");
    const devmajor = type === "char" || type === "block" ? num(329, 8, "devmajor") : 0;
    const devminor = type === "char" || type === "block" ? num(337, 8, "devminor") : 0;
    if (devmajor < 0 || devminor < 0 || devmajor > MAX_ID2 || devminor > MAX_ID2) throw fail(`device number ${devmajor},${devminor} out of range`);
    checkPath(name, "name", fail);
    if (type === "link" || type === "symlink") checkPath(linkname, "link target", fail, type === "symlink");
    if (!Number.isSafeInteger(size)) throw fail(`size ${size} is too large`);
    if (this.#maxFileSize !== void 0 && size > this.#maxFileSize) {
      throw fail(`${size} bytes; an enclave ramdisk cannot hold a file over ${this.#maxFileSize} bytes`);
    }
    this.#queue.push({ name, type, size, mode: mode & 4095, uid, gid, mtime, linkname: type === "link" || type === "symlink" ? linkname : "", devmajor, devminor });
    this.#skip = size + padding(size);
    this.#state = this.#skip === 0 ? { kind: "header" } : { kind: "skip" };
  }
};
function isZero(block) {
  for (let i = 0; i < BLOCK3; i += 1) if (block[i] !== 0) return false;
  return true;
}
function padding(size) {
  return (BLOCK3 - size % BLOCK3) % BLOCK3;
}
function cString2(buf, offset, length) {
  const end = buf.indexOf(0, offset);
  return buf.toString("latin1", offset, end < 0 || end > offset + length ? offset + length : end);
}
function checkChecksum2(block, fail) {
  let pairs = 0;
  for (let i = 0; i < BLOCK3; i += 4) {
    if (i === 148 || i === 152) continue;
    const word = block.readUInt32LE(i);
    pairs += (word & 16711935) + (word >>> 8 & 16711935);
  }
  const unsigned = (pairs & 65535) + Math.floor(pairs / 65536) + 8 * 32;
  const stored = parseOctal(block, 148, 8);
  if (stored === unsigned) return;
  let signed = 8 * 32;
  for (let i = 0; i < BLOCK3; i += 1) {
    if (i >= 148 && i < 156) continue;
    const b = block[i];
    signed += b < 128 ? b : b - 256;
  }
  if (stored !== signed) throw fail();
}
function parseNumeric(block, offset, length, fail) {
  const first = block[offset];
  if ((first & 128) === 0) {
    const value2 = parseOctal(block, offset, length);
    if (Number.isNaN(value2)) throw fail(`${JSON.stringify(block.toString("latin1", offset, offset + length))} is not octal`);
    return value2;
  }
  const negative = (first & 64) !== 0;
  const inv = negative ? 255 : 0;
  let value = 0n;
  for (let i = 0; i < length; i += 1) {
    let byte = block[offset + i] ^ inv;
    if (i === 0) byte &= 127;
    value = value << 8n | BigInt(byte);
  }
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw fail(negative ? "holds a negative base-256 number beyond -2^53" : "holds a base-256 number beyond 2^53");
  return negative ? -Number(value) - 1 : Number(value);
}
function parseOctal(block, offset, length) {
  let stop = offset;
  const end = offset + length;
  while (stop < end && block[stop] !== 0) stop += 1;
  let start = offset;
  while (start < stop && block[start] === 32) start += 1;
  while (stop > start && block[stop - 1] === 32) stop -= 1;
  if (stop - start > 17) return Number.NaN;
  let value = 0;
  for (let i = start; i < stop; i += 1) {
    const digit = block[i] - 48;
    if (digit < 0 || digit > 7) return Number.NaN;
    value = value * 8 + digit;
  }
  return value;
}
function parsePax(record, fail) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < record.length) {
    const space = record.indexOf(32, pos);
    const lengthText = space < 0 ? "" : record.toString("latin1", pos, space);
    if (!/^\d{1,7}$/.test(lengthText)) {
      throw fail(`record at byte ${pos} has an unreadable length ${JSON.stringify(record.toString("latin1", pos, Math.min(pos + 24, space < 0 ? record.length : space)))}`);
    }
    const length = Number(lengthText);
    if (length < 5 || pos + length > record.length || length <= lengthText.length + 1) {
      throw fail(`record at byte ${pos} declares ${length} bytes, ${record.length - pos} remain`);
    }
    const end = pos + length;
    if (record[end - 1] !== 10) throw fail(`record at byte ${pos} does not end with a newline`);
    const body = record.toString("latin1", space + 1, end - 1);
    const eq = body.indexOf("=");
    if (eq <= 0) throw fail(`record at byte ${pos} has no key`);
    const key = body.slice(0, eq);
    const value = body.slice(eq + 1);
    if ((key === "path" || key === "linkpath" || key === "uname" || key === "gname") && value.includes("\0")) {
      throw fail(`${key} record contains NUL`);
    }
    if (key.includes("\0")) throw fail(`record at byte ${pos}: key contains NUL`);
    records.set(key, value);
    pos = end;
  }
  return records;
}
function paxTime(text, fail) {
  if (text === void 0) return void 0;
  const match = /^(-?)(\d{1,15})(?:\.(\d*))?$/.exec(text);
  if (!match) throw fail(`PAX mtime ${JSON.stringify(text.slice(0, 40))} is not a time`);
  const whole = Number(match[2]);
  const fraction = /[1-9]/.test(match[3] ?? "");
  return match[1] ? 0 - whole - (fraction ? 1 : 0) || 0 : whole;
}
function checkPath(name, what, fail, wholeOnly = false) {
  if (name.length > MAX_PATH) throw fail(`${what} of ${name.length} bytes (Linux allows ${MAX_PATH})`);
  if (wholeOnly) return;
  let start = 0;
  while (start <= name.length) {
    let slash = name.indexOf("/", start);
    if (slash < 0) slash = name.length;
    if (slash - start > MAX_NAME_COMPONENT) throw fail(`${what} component of ${slash - start} bytes (Linux allows ${MAX_NAME_COMPONENT})`);
    start = slash + 1;
  }
}

// src/image/layer-apply.ts
var WHITEOUT_PREFIX = ".wh.";
var OPAQUE_MARKER = ".wh..wh..opq";
var WHITEOUT_META_PREFIX = ".wh..wh.";
var SYMLINK_MODE = 511;
var LEAF_TYPES = {
  file: "file",
  symlink: "symlink",
  char: "char",
  block: "block",
  fifo: "fifo"
};
function textName(name) {
  return decodeName(name);
}
function splitName(raw, ctx) {
  const name = textName(raw);
  if (name.includes("\0")) throw new FormatError(`${ctx.what}: path ${JSON.stringify(name)} contains NUL`);
  if (name.startsWith("/")) throw new FormatError(`${ctx.what}: absolute path ${JSON.stringify(name)} escapes the image root`);
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new FormatError(`${ctx.what}: path ${JSON.stringify(name)} escapes the image root`);
  return parts;
}
async function applyEntry(ctx, header, body) {
  const parts = splitName(header.name, ctx);
  const base = parts[parts.length - 1] ?? "";
  const shown = () => showName(header.name);
  try {
    if (base.startsWith(WHITEOUT_PREFIX)) return applyWhiteout(ctx, parts, base);
    if (header.type === "dir") return ctx.tree.setDir(parts, attrsOf(header), ctx.index);
    if (parts.length === 0) throw new FormatError(`${ctx.what}: non-directory entry ${shown()} at the root`);
    if (header.type === "link") return applyHardLink(ctx, parts, header);
    if (header.type === "char" && header.devmajor === 0 && header.devminor === 0) return ctx.tree.whiteout(parts, ctx.index, true);
    const kind = LEAF_TYPES[header.type];
    if (kind === void 0) {
      throw new FormatError(`${ctx.what}: path ${shown()}: unsupported tar entry type ${String(header.type)}`);
    }
    const size = kind === "file" ? header.size : 0;
    const { rootfs } = ctx;
    if (rootfs.limit !== void 0 && rootfs.used + size > rootfs.limit) {
      throw new FormatError(
        `${ctx.what}: entry ${shown()}: the image's files reach ${rootfs.used + size} bytes, over the limit of ${rootfs.limit} bytes on the root filesystem (max-rootfs-size)`
      );
    }
    rootfs.used += size;
    const { offset: dataOffset, crc32: crc322 } = size > 0 ? await ctx.spool.append(body, size) : { offset: 0, crc32: 0 };
    const inode = {
      kind,
      ...attrsOf(header),
      // Linux symlinks are always 0777 (the applier's lchmod skips them).
      ...kind === "symlink" ? { mode: SYMLINK_MODE } : {},
      size,
      dataOffset,
      ...kind === "file" ? { crc32: crc322 } : {},
      ...kind === "symlink" ? { linkname: textName(header.linkname) } : {},
      ...kind === "char" || kind === "block" ? { devmajor: header.devmajor, devminor: header.devminor } : {}
    };
    ctx.tree.setLeaf(parts, inode, ctx.index);
  } catch (error) {
    if (error instanceof NotADirectoryError) {
      throw new FormatError(`${ctx.what}: path ${shown()}: parent ${error.at} is not a directory`);
    }
    if (error instanceof TooManyEntriesError) throw new FormatError(`${ctx.what}: entry ${shown()}: ${error.message}`);
    throw error;
  }
}
function applyWhiteout(ctx, parts, base) {
  const dir = parts.slice(0, -1);
  if (base === OPAQUE_MARKER) return ctx.tree.opaque(dir, ctx.index);
  if (base.startsWith(WHITEOUT_META_PREFIX)) return;
  const target = base.slice(WHITEOUT_PREFIX.length);
  if (target === "" || target === "." || target === "..") {
    throw new FormatError(`${ctx.what}: invalid whiteout ${parts.join("/")}`);
  }
  ctx.tree.whiteout([...dir, target], ctx.index);
}
function applyHardLink(ctx, parts, header) {
  const linkname = header.linkname;
  const targetParts = splitName(linkname, ctx);
  const target = targetParts.length === 0 ? NONE : ctx.tree.findInLayer(targetParts, ctx.index);
  if (target === NONE) {
    throw new FormatError(`${ctx.what}: path ${showName(header.name)}: hard link to nothing (${showName(linkname)})`);
  }
  if (ctx.tree.isDir(target)) {
    throw new FormatError(`${ctx.what}: path ${showName(header.name)}: hard link to a directory (${showName(linkname)})`);
  }
  ctx.tree.hardLink(parts, target, attrsOf(header), ctx.index);
}
function attrsOf(header) {
  return { mode: header.mode, uid: header.uid, gid: header.gid, mtime: boundMtime(header.mtime) };
}
var LATEST_APPLIED_MTIME = 9223372036;
function boundMtime(mtime) {
  return mtime < 0 || mtime > LATEST_APPLIED_MTIME ? 0 : mtime;
}

// src/image/layer-reader.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
import { createHash as createHash7 } from "node:crypto";
import { Transform as Transform2 } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";
import * as zlib from "node:zlib";

// src/io/range-digest.ts
import { Worker as Worker2 } from "node:worker_threads";
var WORKER_CODE2 = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync } = require('node:fs');
const buffer = Buffer.allocUnsafe(1 << 20);
parentPort.on('message', ({ id, fd, offset, length, algorithm }) => {
  try {
    const hash = createHash(algorithm);
    let done = 0;
    while (done < length) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, length - done), offset + done);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      done += n;
    }
    parentPort.postMessage({ id, bytes: done, digest: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});`;
var RangeDigester = class {
  #worker;
  #nextId = 0;
  #pending = /* @__PURE__ */ new Map();
  #failure;
  /** The job before the last one asked for: jobs run one at a time, each file opened on its turn. */
  #queue = Promise.resolve();
  /** Jobs asked for and not done: at 0 the worker stops (its memory is given back for what follows). */
  #jobs = 0;
  #start() {
    if (this.#worker) return this.#worker;
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 };
    const worker = new Worker2(WORKER_CODE2, { eval: true, resourceLimits });
    worker.on("message", (m) => {
      const job = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (m.error !== void 0) job?.reject(new Error(m.error));
      else job?.resolve({ bytes: m.bytes ?? 0, digest: m.digest ?? "" });
    });
    worker.on("error", (error) => this.#fail(error));
    worker.on("exit", () => this.#fail(new Error("digest worker stopped")));
    this.#worker = worker;
    return worker;
  }
  #fail(error) {
    this.#failure ??= error;
    for (const job of this.#pending.values()) job.reject(error);
    this.#pending.clear();
  }
  /**
   * The hex digest (`algorithm`: a node:crypto hash name) of `length` bytes of `path` from
   * `offset`, or of fewer when the file ends first. `path` must be a regular file (UserError otherwise).
   */
  digest(path, offset, length, algorithm) {
    this.#jobs += 1;
    const job = this.#queue.then(() => this.#run(path, offset, length, algorithm)).finally(() => {
      this.#jobs -= 1;
      if (this.#jobs === 0) this.#idle();
    });
    this.#queue = job.catch(() => void 0);
    return job;
  }
  async #run(path, offset, length, algorithm) {
    if (this.#failure) throw this.#failure;
    const { handle } = await openRegularFile(path);
    try {
      const worker = this.#start();
      const id = this.#nextId++;
      const result = new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
      worker.postMessage({ id, fd: handle.fd, offset, length, algorithm });
      return await result;
    } finally {
      await handle.close();
    }
  }
  /** No job left: the worker stops, and the next job starts another. */
  #idle() {
    const worker = this.#worker;
    this.#worker = void 0;
    worker?.removeAllListeners("exit");
    void worker?.terminate().catch(() => void 0);
  }
  /** Stops the worker; never throws. */
  async close() {
    const worker = this.#worker;
    this.#worker = void 0;
    this.#fail(new Error("digest worker closed"));
    await worker?.terminate().catch(() => void 0);
  }
};

// src/image/layer-reader.ts
var INFLATE_CHUNK = 1 << 20;
var WORKER_FROM = 8 << 20;
var LayerDigests = class {
  #diffs = [];
  #idleDiffs = [];
  #blobs = new RangeDigester();
  #verifications = /* @__PURE__ */ new Map();
  /** A diff worker for one layer: an idle one, or a new one. */
  takeDiff() {
    const idle = this.#idleDiffs.pop();
    if (idle) return idle;
    const worker = new WorkerHash("sha256");
    this.#diffs.push(worker);
    return worker;
  }
  /** A diff worker whose digest was taken (it starts afresh) is reused; after a failure it is stopped. */
  giveBackDiff(worker, clean) {
    if (clean) this.#idleDiffs.push(worker);
    else void worker.close();
  }
  /**
   * Queues the check of `layer`'s blob now, to run while earlier layers are expanded; the
   * readLayer of `layer` waits for its result before it expands anything.
   */
  verifyAhead(store, layer) {
    this.#verification(store, layer);
  }
  /** The check of `layer`'s blob: the one started ahead, or a new one. */
  verified(store, layer) {
    const verification = this.#verification(store, layer);
    this.#verifications.delete(layer);
    return verification;
  }
  #verification(store, layer) {
    let verification = this.#verifications.get(layer);
    if (verification === void 0) {
      verification = verifyBlob(store, layer, this.#blobs);
      verification.catch(() => void 0);
      this.#verifications.set(layer, verification);
    }
    return verification;
  }
  /** Stops the workers; never throws. */
  async close() {
    await Promise.all([...this.#diffs.map((worker) => worker.close()), this.#blobs.close()]);
  }
};
async function readLayer(store, layer, onEntry, onBytes = () => {
}, digests, limits = {}) {
  const own = digests ? void 0 : new LayerDigests();
  const workers = digests ?? own;
  try {
    const compression = await detectCompression(store, layer);
    await workers.verified(store, layer);
    const threaded = layer.size === void 0 || layer.size >= WORKER_FROM;
    const worker = threaded ? workers.takeDiff() : void 0;
    let clean = false;
    try {
      await expandLayer(store, layer, compression, { onEntry, onBytes, maxFileSize: limits.maxFileSize }, worker);
      clean = true;
    } finally {
      if (worker) workers.giveBackDiff(worker, clean);
    }
  } finally {
    await own?.close();
  }
}
async function expandLayer(store, layer, compression, to, worker) {
  const blobCount = new Counter(to.onBytes);
  const diffHash = new HashCounter(worker);
  await streamEntries(store, layer, compression, { blobCount, diffHash }, to.onEntry, to.maxFileSize);
  await checkDigests(layer, blobCount, diffHash);
}
async function verifyBlob(store, layer, digester) {
  if (layer.blobDigest === void 0 || layer.blobDigest === layer.diffId) return;
  const { file, offset, size } = await store.locate(layer.path);
  const length = layer.size === void 0 ? size : Math.min(size, layer.size + 1);
  const { bytes, digest } = await digester.digest(file, offset, length, "sha256").catch((error) => {
    if (error instanceof UserError) throw error;
    throw new FormatError(`layer ${layer.digest}: cannot read the blob (${error.message})`, { cause: error });
  });
  if (layer.size !== void 0 && bytes !== layer.size) {
    throw new VerificationError(`layer ${layer.digest}: blob is ${bytes > layer.size ? "more than " : ""}${Math.min(bytes, layer.size)} bytes, the manifest says ${layer.size}`);
  }
  const actual = `sha256:${digest}`;
  if (actual !== layer.blobDigest) {
    throw new VerificationError(`layer ${layer.digest}: blob digest is ${actual}, the manifest says ${layer.blobDigest}`);
  }
}
async function streamEntries(store, layer, compression, h, onEntry, maxFileSize) {
  const source = store.open(layer.path);
  const check = new TarCheck(`layer ${layer.digest}`, maxFileSize);
  await drainEntries(`layer ${layer.digest}`, source, check, (extract) => pipeline3(source, h.blobCount, decompressor(compression, layer), h.diffHash, check, (tar) => feed(tar, extract)), onEntry);
}
async function readTarStream(what, source, onEntry, onBytes = () => {
}, limits = {}) {
  const check = new TarCheck(what, limits.maxFileSize);
  const count = new Counter(onBytes);
  await drainEntries(what, source, check, (extract) => pipeline3(source, count, check, (tar) => feed(tar, extract)), onEntry);
}
async function drainEntries(what, source, check, feeding, onEntry) {
  const extract = (0, import_tar_stream.extract)();
  const fed = feeding(extract);
  fed.catch((error) => extract.destroy(error));
  try {
    for await (const entry of extract) {
      const checked = check.next();
      if (checked === void 0 || checked.type === "file" && checked.size !== entry.header.size) {
        throw new Error(`internal: tar entry ${entry.header.name} out of step with the header check`);
      }
      await onEntry(checked, entry);
      entry.resume();
    }
    await fed;
  } catch (error) {
    source.destroy();
    if (error instanceof UserError) throw error;
    throw new FormatError(`${what}: cannot read (${error.message})`, { cause: error });
  }
}
async function feed(tar, extract) {
  for await (const chunk of tar) {
    if (!extract.write(chunk)) {
      await new Promise((resolve) => {
        const done = () => {
          extract.off("drain", done).off("close", done);
          resolve();
        };
        extract.on("drain", done).on("close", done);
      });
    }
  }
  extract.end(void 0);
}
async function checkDigests(layer, blob, diff) {
  if (layer.size !== void 0 && blob.bytes !== layer.size) {
    throw new VerificationError(`layer ${layer.digest}: blob is ${blob.bytes} bytes, the manifest says ${layer.size}`);
  }
  const diffId = await diff.digest();
  if (diffId !== layer.diffId) {
    throw new VerificationError(layer.blobDigest === layer.diffId ? `layer ${layer.digest}: blob digest is ${diffId}, the manifest says ${layer.blobDigest}` : `layer ${layer.digest}: uncompressed digest is ${diffId}, the config's diff_id says ${layer.diffId}`);
  }
}
async function detectCompression(store, layer) {
  const magic = await store.peek(layer.path, 4);
  const sniffed = magic[0] === 31 && magic[1] === 139 ? "gzip" : magic.length === 4 && magic.readUInt32LE(0) === 4247762216 ? "zstd" : "none";
  if (layer.compression !== void 0 && layer.compression !== sniffed) {
    throw new FormatError(`layer ${layer.digest}: declared ${layer.compression} but the data looks like ${sniffed}`);
  }
  return sniffed;
}
function decompressor(compression, layer) {
  if (compression === "gzip") return zlib.createGunzip({ chunkSize: INFLATE_CHUNK });
  if (compression === "none") return new Transform2({ transform: (chunk, _enc, cb) => cb(null, chunk) });
  const factory = zlib.createZstdDecompress;
  if (typeof factory !== "function") {
    throw new UserError(
      `layer ${layer.digest} is zstd-compressed, and this Node (${process.version}) has no zstd decompressor (zlib.createZstdDecompress needs Node >= 22.15); rebuild the image with gzip layers (docker buildx build --output type=oci,compression=gzip,force-compression=true)`,
      { code: "unsupported" }
    );
  }
  return factory({ chunkSize: INFLATE_CHUNK });
}
var Counter = class extends Transform2 {
  constructor(onBytes) {
    super();
    this.onBytes = onBytes;
  }
  bytes = 0;
  _transform(chunk, _enc, cb) {
    this.bytes += chunk.length;
    this.onBytes(this.bytes);
    cb(null, chunk);
  }
};
var HashCounter = class extends Transform2 {
  #local;
  #worker;
  bytes = 0;
  /** `worker`: hash on it (worth a thread for large streams only), else on this thread. */
  constructor(worker) {
    super();
    if (worker) this.#worker = worker;
    else this.#local = createHash7("sha256");
  }
  _transform(chunk, _enc, cb) {
    this.bytes += chunk.length;
    if (this.#local) {
      this.#local.update(chunk);
      cb(null, chunk);
      return;
    }
    this.#worker.update(chunk).then(() => cb(null, chunk), cb);
  }
  async digest() {
    return `sha256:${this.#local ? this.#local.digest("hex") : await this.#worker.digest()}`;
  }
};

// src/image/layer-expansion.ts
var QUEUED_ENTRIES = 4096;
var WHITEOUT_PREFIX2 = ".wh.";
var Stopped = class extends Error {
};
var RootfsGate = class {
  constructor(limit) {
    this.limit = limit;
  }
  #spooled = 0;
  /** Bytes of the layers before `#oldest`, all finished. */
  #before = 0;
  #oldest = 0;
  #finished = /* @__PURE__ */ new Map();
  #waiters = [];
  /** Waits until `layer`, with `own` bytes spooled, may spool `size` more; false: over the limit. */
  async admit(layer, own, size, stopped) {
    if (this.limit !== void 0) {
      while (layer !== this.#oldest && this.#spooled + size > this.limit) {
        await new Promise((wake) => this.#waiters.push(wake));
        if (stopped()) throw new Stopped("stopped");
      }
      if (layer === this.#oldest && this.#before + own + size > this.limit) return false;
    }
    this.#spooled += size;
    return true;
  }
  finish(layer, bytes) {
    this.#finished.set(layer, bytes);
    while (this.#finished.has(this.#oldest)) {
      this.#before += this.#finished.get(this.#oldest);
      this.#finished.delete(this.#oldest);
      this.#oldest += 1;
    }
    this.wake();
  }
  wake() {
    for (const wake of this.#waiters.splice(0)) wake();
  }
};
var LayerExpansion = class {
  constructor(spool, store, layer, index, how) {
    this.spool = spool;
    this.layer = layer;
    this.index = index;
    this.region = spool.region();
    let own = 0;
    const onEntry = async (header, body) => {
      if (this.#stopped) throw new Stopped("stopped");
      let data;
      if (this.#spools(header)) {
        if (!await how.gate.admit(index, own, header.size, () => this.#stopped)) {
          await this.#push({ header });
          throw new Stopped("over the limit");
        }
        own += header.size;
        data = await this.region.append(body, header.size);
      }
      await this.#push(data ? { header, data } : { header });
    };
    this.done = readLayer(store, layer, onEntry, how.onBytes, how.digests, { maxFileSize: how.maxFileSize }).then(() => spool.finish(this.region)).catch((error) => void (this.#error = error)).finally(() => {
      this.#ended = true;
      how.gate.finish(index, own);
      this.#wakeConsumer?.();
    });
  }
  region;
  #queue = [];
  #head = 0;
  #ended = false;
  #error;
  #stopped = false;
  #wakeConsumer;
  #wakeProducer;
  /** Settles when the layer is read and its digests checked (never rejects: see `entries`). */
  done;
  /** Whether the merge spools this entry's data (see applyEntry): a regular file, not a whiteout, under the root. */
  #spools(header) {
    if (header.type !== "file" || header.size === 0) return false;
    let parts;
    try {
      parts = splitName(header.name, { what: `layer ${this.layer.digest}` });
    } catch {
      return false;
    }
    return parts.length > 0 && !parts[parts.length - 1].startsWith(WHITEOUT_PREFIX2);
  }
  async #push(entry) {
    while (this.#queue.length - this.#head >= QUEUED_ENTRIES && !this.#stopped) {
      await new Promise((wake) => this.#wakeProducer = wake);
    }
    if (this.#stopped) throw new Stopped("stopped");
    this.#queue.push(entry);
    this.#wakeConsumer?.();
  }
  /** The layer's entries in order; throws what failed its reading, after the entries before it. */
  async *entries() {
    for (; ; ) {
      if (this.#head < this.#queue.length) {
        const entry = this.#queue[this.#head];
        this.#queue[this.#head++] = void 0;
        if (this.#head > QUEUED_ENTRIES) {
          this.#queue.splice(0, this.#head);
          this.#head = 0;
        }
        const wake = this.#wakeProducer;
        this.#wakeProducer = void 0;
        wake?.();
        yield entry;
        continue;
      }
      if (this.#ended) {
        if (this.#error !== void 0 && !(this.#error instanceof Stopped)) throw this.#error;
        return;
      }
      await new Promise((wake) => this.#wakeConsumer = wake);
      this.#wakeConsumer = void 0;
    }
  }
  /** Stops the reading (the merge failed) and waits for it to end. */
  async stop(gate) {
    this.#stopped = true;
    this.#wakeProducer?.();
    gate.wake();
    await this.done;
  }
};

// src/image/spool.ts
import { closeSync as closeSync2, constants, openSync as openSync2, read as readAsync } from "node:fs";
import { open as open4, unlink } from "node:fs/promises";
import { join as join5 } from "node:path";

// src/io/staged-blocks.ts
var StagedBlocks = class {
  /** `count` buffers of `blockSize` bytes (at least 2). */
  constructor(blockSize, allocate, writeBlock, count = 2) {
    this.blockSize = blockSize;
    this.writeBlock = writeBlock;
    if (!Number.isInteger(count) || count < 2) throw new RangeError(`StagedBlocks needs at least 2 buffers, not ${count}`);
    this.#buffers = Array.from({ length: count }, () => allocate(blockSize));
    this.#writes = this.#buffers.map(() => Promise.resolve());
  }
  #buffers;
  /** The write of each buffer's last block (settled ones stay until the buffer is reused). */
  #writes;
  /** The last write queued: the next one starts when it is done (a failure fails every later one). */
  #queue = Promise.resolve();
  #fill = 0;
  /** Bytes appended so far (staged ones included). */
  #size = 0;
  /** Bytes handed to writeBlock; the fill buffer holds [#written, #size). */
  #written = 0;
  get size() {
    return this.#size;
  }
  /** The buffers, for reuse once everything is flushed. */
  get buffers() {
    return this.#buffers;
  }
  async append(bytes) {
    for (let at = 0; at < bytes.byteLength; ) {
      const staged = this.#size - this.#written;
      const n = Math.min(bytes.byteLength - at, this.blockSize - staged);
      this.#buffers[this.#fill].set(bytes.subarray(at, at + n), staged);
      this.#size += n;
      at += n;
      if (this.#size - this.#written === this.blockSize) await this.#handOver();
    }
  }
  /** Queues the fill buffer's write and moves on to the next buffer, once that one's write is done. */
  async #handOver() {
    const length = this.#size - this.#written;
    if (length === 0) return;
    const index = this.#fill;
    const position = this.#written;
    this.#written = this.#size;
    const writing = this.#queue.then(() => this.writeBlock(this.#buffers[index], length, position));
    this.#queue = writing;
    writing.catch(() => void 0);
    this.#writes[index] = writing;
    this.#fill = (index + 1) % this.#buffers.length;
    await this.#writes[this.#fill];
  }
  /** Writes what is staged (a partial block) and waits for every write. */
  async flush() {
    await this.#handOver();
    await this.#queue;
  }
  /** Waits for the writes queued, ignoring their failure (for cleanup). */
  async settle() {
    await this.#queue.catch(() => void 0);
  }
};

// src/image/spool.ts
var IO_BUFFER = 2 << 20;
var IO_BUFFERS = 8;
var READ_GAP = 128 << 10;
var SEGMENT_SIZE = 32 << 20;
var OPEN_READERS = 4;
var SpoolRegion = class {
  /** @internal */
  constructor(lane, appendTo) {
    this.lane = lane;
    this.appendTo = appendTo;
  }
  /** As `Spool.append`; the offset is within the region (add the base `Spool.place` gives). */
  append(body, size) {
    return this.appendTo(this.lane, body, size);
  }
  /** Bytes appended so far. */
  get size() {
    return this.lane.staged.size;
  }
};
var Spool = class _Spool {
  #dir;
  /** The spool's own appends (`append`), made on the first one; exclusive with regions. */
  #own;
  /** Regions made so far; `#placed`: those placed, in spool order. */
  #regions = [];
  #placed = [];
  /** Write buffers not in use by a lane: the read buffers after seal. */
  #pool;
  /** After seal: one of the write buffers, reused (no more writes). */
  #readBuffer;
  /** The read buffer holds the spool's bytes [#readStart, #readEnd). */
  #readStart = 0;
  #readEnd = 0;
  /** Open read descriptors by segment, oldest first. */
  #readers = /* @__PURE__ */ new Map();
  /** Expected bytes still to be read per segment, once declared. */
  #unread;
  #released = /* @__PURE__ */ new Set();
  /** Segment deletions under way (on the thread pool: deleting a 32 MiB file can block for tens of ms). */
  #deleting = /* @__PURE__ */ new Set();
  #sealed = false;
  #disposed = false;
  /** Declared reads (non-empty) in order; `#cursor` is the next one, `#current` the one being read (-1: off plan). */
  #plan;
  #cursor = 0;
  #current = -1;
  /** After seal: the other write buffers, free for prefetches. */
  #spareBuffers = [];
  /** Reads in flight along the plan, in plan order; `end` is where a window's needed bytes end. */
  #prefetches = [];
  #fills = { prefetched: 0, waited: 0, bytes: 0 };
  #segmentSize;
  /** O_DIRECT flag while direct I/O is in use; 0 after the kernel refused it (or never). */
  #directFlag;
  constructor(dir, options) {
    this.#dir = dir;
    this.#segmentSize = options.segmentSize ?? SEGMENT_SIZE;
    if (this.#segmentSize % DIRECT_ALIGN !== 0) throw new RangeError(`spool segment size ${this.#segmentSize} is not a multiple of ${DIRECT_ALIGN}`);
    this.#directFlag = options.direct === false ? 0 : directFlag() ?? 0;
    const buffer = options.alignedBuffers === false ? misalignedBuffer : alignedBuffer;
    this.#pool = Array.from({ length: IO_BUFFERS }, () => buffer(IO_BUFFER));
  }
  /** A lane taking `count` buffers from the pool. */
  #lane(prefix, count) {
    if (this.#sealed) throw new Error("spool append after seal");
    if (this.#pool.length < count) throw new Error("spool: no write buffers left for another region");
    const buffers = this.#pool.splice(0, count);
    const lane = {
      prefix,
      base: void 0,
      finished: false,
      writer: void 0,
      staged: new StagedBlocks(IO_BUFFER, () => buffers.pop(), (block, length, position) => this.#writeAt(lane, block, length, position), count)
    };
    return lane;
  }
  /**
   * A region for one layer expansion to append to, side by side with another (at most two at once:
   * each takes half of the write buffers until `finish`). Not with `append`.
   */
  region() {
    if (this.#own) throw new Error("spool: regions after appends");
    const lane = this.#lane(`r${String(this.#regions.length).padStart(4, "0")}-`, IO_BUFFERS / 2);
    this.#regions.push(lane);
    return new SpoolRegion(lane, (l, body, size) => this.#append(l, body, size));
  }
  /** Writes out a region's last data and gives its buffers back; no more appends to it. */
  async finish(region) {
    await this.#finish(region.lane);
  }
  async #finish(lane) {
    if (lane.finished) return;
    lane.finished = true;
    await lane.staged.flush();
    await this.#closeWriter(lane);
    this.#pool.push(...lane.staged.buffers);
  }
  /**
   * Gives a region its place in the spool's offsets, after the regions placed before it, which
   * must be finished; returns its base (a region's offset + base = the spool offset).
   */
  place(region) {
    const lane = region.lane;
    if (lane.base !== void 0) return lane.base;
    const last = this.#placed[this.#placed.length - 1];
    if (last && !last.finished) throw new Error("spool: a region placed before the one ahead of it is finished");
    lane.base = last ? Math.ceil((last.base + last.staged.size) / this.#segmentSize) * this.#segmentSize : 0;
    this.#placed.push(lane);
    return lane.base;
  }
  /** The spool's size: the end of its own appends, or of the last region placed. */
  get #size() {
    if (this.#own) return this.#own.staged.size;
    const last = this.#placed[this.#placed.length - 1];
    return last ? last.base + last.staged.size : 0;
  }
  /** A spool in a fresh private directory under `tempDir`. */
  static async create(tempDir, options = {}) {
    return new _Spool(await makeTempDir(tempDir, "nitro-eif-image-"), options);
  }
  /**
   * Read-buffer refills so far: from a prefetch, or waited for; and the bytes read from disk for
   * them (for tests and benchmarks).
   */
  get fills() {
    return { ...this.#fills };
  }
  /** Whether segment files are still written and read with O_DIRECT. */
  get direct() {
    return this.#directFlag !== 0;
  }
  /** The directory holding the segment files. */
  get directory() {
    return this.#dir;
  }
  /**
   * Appends exactly `size` bytes from `body`; returns their offset and CRC-32 (zlib's), taken as
   * they pass so the ramdisk's CRC can be known before it is written.
   */
  async append(body, size) {
    if (this.#regions.length > 0) throw new Error("spool: appends after regions");
    if (!this.#own) {
      this.#own = this.#lane("", IO_BUFFERS);
      this.#own.base = 0;
      this.#placed.push(this.#own);
    }
    return this.#append(this.#own, body, size);
  }
  async #append(lane, body, size) {
    if (this.#sealed || lane.finished) throw new Error("spool append after seal");
    const offset = lane.staged.size;
    let written = 0;
    let crc = 0;
    for await (const chunk of body) {
      written += chunk.byteLength;
      if (written > size) break;
      crc = crc32(chunk, crc);
      await lane.staged.append(chunk);
    }
    if (written !== size) throw new Error(`expected ${size} bytes of file data, got ${written}`);
    return { offset, crc32: crc };
  }
  /**
   * Writes `buffer`'s first `length` bytes at a lane offset (a multiple of IO_BUFFER), split at
   * segment boundaries. With direct I/O a short last piece is written padded to the alignment
   * (bytes past the lane's size are never read).
   */
  async #writeAt(lane, buffer, length, position) {
    for (let done = 0; done < length; ) {
      const at = position + done;
      const segment = Math.floor(at / this.#segmentSize);
      const within = at - segment * this.#segmentSize;
      const piece = Math.min(length - done, this.#segmentSize - within);
      const { handle, direct } = await this.#writerFor(lane, segment);
      try {
        const count = direct ? alignUp(piece) : piece;
        const { bytesWritten } = await handle.write(buffer, done, count, within);
        done += Math.min(bytesWritten, piece);
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw this.#writeFailed(error);
        await this.#refuseDirect(lane);
      }
    }
  }
  /** A failed spool write (typically a full disk) as one line naming the directory and what it needs. */
  #writeFailed(error) {
    return new UserError(
      `temporary directory ${this.#dir}: cannot write the image's files: ${error.message} (it needs about the image's uncompressed size free; set TMPDIR to a larger disk)`,
      { cause: error }
    );
  }
  async #writerFor(lane, segment) {
    if (lane.writer?.segment === segment) return lane.writer;
    await this.#closeWriter(lane);
    const path = this.#lanePath(lane.prefix, segment);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    let handle;
    let direct = this.direct;
    try {
      handle = await open4(path, flags | this.#directFlag, 384);
    } catch (error) {
      if (!direct || !isDirectRefusal(error)) throw error;
      this.#stopDirect();
      direct = false;
      handle = await open4(path, flags, 384);
    }
    lane.writer = { segment, handle, direct };
    return lane.writer;
  }
  /** The kernel refused a direct write: buffered I/O from now on (the lane's open writer is reopened). */
  async #refuseDirect(lane) {
    this.#stopDirect();
    const writer = lane.writer;
    if (writer) {
      await writer.handle.close().catch(() => void 0);
      lane.writer = { segment: writer.segment, handle: await open4(this.#lanePath(lane.prefix, writer.segment), constants.O_WRONLY), direct: false };
    }
  }
  /** Buffered I/O from now on: read descriptors opened for direct I/O are closed (reopened on use). */
  #stopDirect() {
    this.#directFlag = 0;
    for (const fd of this.#readers.values()) closeSync2(fd);
    this.#readers.clear();
  }
  async #closeWriter(lane) {
    const writer = lane.writer;
    lane.writer = void 0;
    await writer?.handle.close();
  }
  /** A lane's segment file by its own segment number. */
  #lanePath(prefix, segment) {
    return join5(this.#dir, `${prefix}segment-${String(segment).padStart(6, "0")}.data`);
  }
  /** The lane holding spool segment `segment`: the last one placed at or before it. */
  #laneOf(segment) {
    for (let i = this.#placed.length - 1; i >= 0; i--) {
      const lane = this.#placed[i];
      if (lane.base / this.#segmentSize <= segment) return lane;
    }
    return void 0;
  }
  #segmentPath(segment) {
    const lane = this.#laneOf(segment);
    return this.#lanePath(lane?.prefix ?? "", segment - (lane ? lane.base / this.#segmentSize : 0));
  }
  /** Where the data in `segment`'s lane ends (a region ends before the next one's segment). */
  #dataEnd(segment) {
    const lane = this.#laneOf(segment);
    return lane ? lane.base + lane.staged.size : 0;
  }
  /** Flushes the writes: call once before reading (every region made must be placed by then). */
  async seal() {
    if (this.#sealed) return;
    if (this.#regions.some((lane) => lane.base === void 0)) throw new Error("spool: sealed with a region not placed");
    for (const lane of [...this.#own ? [this.#own] : [], ...this.#regions]) await this.#finish(lane);
    [this.#readBuffer, ...this.#spareBuffers] = this.#pool.splice(0);
    this.#sealed = true;
  }
  /**
   * Declares every read to come, as [offset, size] ranges (a range read twice is declared twice).
   * From then on each segment is deleted once its declared bytes have been read, and a segment
   * with none is deleted now; reading outside what was declared is an error.
   */
  expectReads(ranges) {
    if (!this.#sealed) throw new Error("spool expectReads before seal");
    const unread = new Array(Math.ceil(this.#size / this.#segmentSize)).fill(0);
    const plan = Array.from(ranges).filter(([, size]) => size > 0);
    for (const [offset, size] of plan) this.#overlaps(offset, size, (segment, n) => unread[segment] += n);
    this.#plan = plan;
    this.#unread = unread;
    unread.forEach((n, segment) => n === 0 && this.#release(segment));
  }
  /** Calls `f(segment, bytes)` for each segment [offset, offset + size) overlaps. */
  #overlaps(offset, size, f) {
    for (let at = offset, end = offset + size; at < end; ) {
      const segment = Math.floor(at / this.#segmentSize);
      const stop = Math.min(end, (segment + 1) * this.#segmentSize);
      f(segment, stop - at);
      at = stop;
    }
  }
  /**
   * Streams `size` bytes at `offset` (after seal). Chunks are views into a reused buffer: each is
   * valid until the next one is asked for (every consumer hashes, copies or writes it at once).
   */
  async *read(offset, size) {
    if (size === 0) return;
    if (!this.#sealed) throw new Error("spool read before seal");
    if (offset < 0 || offset + size > this.#size) throw new Error(`spool read [${offset}, ${offset + size}) outside [0, ${this.#size})`);
    this.#follow(offset, size);
    for (let at = offset, end = offset + size; at < end; ) {
      if (at < this.#readStart || at >= this.#readEnd) await this.#fillAhead(at);
      const stop = Math.min(end, this.#readEnd);
      const view = this.#readBuffer.subarray(at - this.#readStart, stop - this.#readStart);
      this.#consumed(at, stop - at);
      at = stop;
      yield view;
    }
  }
  /** Moves the plan's cursor to this read when it is the next one declared (reads follow the walk). */
  #follow(offset, size) {
    const next = this.#plan?.[this.#cursor];
    if (next && next[0] === offset && next[1] === size) {
      this.#current = this.#cursor;
      this.#cursor += 1;
    } else {
      this.#current = -1;
    }
  }
  /**
   * Refills the read buffer for `at`: from the first prefetched window when it holds `at` (the
   * buffers swap), else by reading it now (the prefetches, off the path now, are dropped); then
   * prefetches the windows the declared reads need next, so the disk works while this thread
   * frames and hashes what it has.
   */
  async #fillAhead(at) {
    const prefetched = this.#prefetches.shift();
    const end = prefetched ? await prefetched.done.catch((error) => {
      if (this.direct && isDirectRefusal(error)) this.#stopDirect();
      return -1;
    }) : -1;
    if (prefetched && at >= prefetched.start && at < end) {
      this.#spareBuffers.push(this.#readBuffer);
      this.#readBuffer = prefetched.buffer;
      this.#readStart = prefetched.start;
      this.#readEnd = end;
      this.#fills.prefetched += 1;
    } else {
      if (prefetched) this.#spareBuffers.push(prefetched.buffer);
      await this.#dropPrefetches();
      await this.#fill(at);
      this.#fills.waited += 1;
    }
    this.#startPrefetches(at);
  }
  /** Waits for the reads in flight and takes their buffers back. */
  async #dropPrefetches() {
    const dropped = this.#prefetches.splice(0);
    await Promise.all(dropped.map((p) => p.done.catch(() => void 0)));
    this.#spareBuffers.push(...dropped.map((p) => p.buffer));
  }
  /** Starts reads, into the spare buffers, of the next windows the reads from `at` on will need. */
  #startPrefetches(at) {
    while (this.#spareBuffers.length > 0) {
      const next = this.#nextUncovered(at);
      if (next === void 0) return;
      const w = this.#window(next.at, next.index);
      if (this.#released.has(w.segment) || w.needed <= 0) return;
      let fd;
      try {
        fd = openSync2(this.#segmentPath(w.segment), constants.O_RDONLY | this.#directFlag);
      } catch {
        return;
      }
      const buffer = this.#spareBuffers.pop();
      const done = readFully(fd, buffer, w.length, w.start, w.needed).then(
        (got) => (this.#fills.bytes += got, w.base + w.start + Math.min(got, w.needed))
      ).finally(() => closeSync2(fd));
      done.catch(() => void 0);
      this.#prefetches.push({ start: w.base + w.start, end: w.base + w.start + w.needed, buffer, done });
    }
  }
  /**
   * Where the next prefetch must start: the reads to come, from `at` in the current one, replayed
   * against the buffers they will find (the read buffer, then each window in flight in turn, as
   * `read` switches only when a byte is outside the buffer it holds); the first byte in none of
   * them, with the index of the declared read it belongs to. A byte the read buffer holds now but
   * will have left by then (the walk alternating between two regions of the spool) is not covered.
   */
  #nextUncovered(at) {
    const plan = this.#plan;
    if (!plan || this.#current < 0) return void 0;
    let held = { start: this.#readStart, end: this.#readEnd };
    let queued = 0;
    for (let i = this.#current; i < plan.length; i++) {
      const [offset, size] = plan[i];
      for (let pos = i === this.#current ? Math.max(offset, at) : offset; pos < offset + size; pos = held.end) {
        if (pos >= held.start && pos < held.end) continue;
        const next = this.#prefetches[queued];
        if (next === void 0) return { at: pos, index: i };
        if (pos < next.start || pos >= next.end) return void 0;
        held = next;
        queued += 1;
      }
    }
    return void 0;
  }
  /**
   * The window a fill for `at` (in declared read `index`, -1 off the plan) reads: from the aligned
   * block holding it (direct I/O) to the end of the bytes the declared reads need next from there
   * (see #extent), at most IO_BUFFER and the segment's end. `length` is what is asked of the
   * kernel (whole blocks with direct I/O), `needed` what must arrive. Reading a full IO_BUFFER
   * whatever was needed read 1.8 GiB to serve 1 GiB on the benchmark image, whose walk jumps
   * between directories written in another order.
   */
  #window(at, index) {
    const segment = Math.floor(at / this.#segmentSize);
    const base = segment * this.#segmentSize;
    const start = this.direct ? alignDown(at - base) : at - base;
    const room = Math.min(IO_BUFFER, this.#segmentSize - start);
    const limit = base + start + Math.min(room, this.#dataEnd(segment) - base - start);
    const needed = this.#extent(index, base + start, limit) - base - start;
    return { segment, base, start, length: this.direct ? Math.min(room, alignUp(needed)) : needed, needed };
  }
  /**
   * Where the bytes needed from declared read `index` on, in a window [from, limit), end: each
   * next declared read that starts inside the window or within READ_GAP of its end extends it;
   * the first that does not ends it. Off the plan (`index` -1): `limit`.
   */
  #extent(index, from, limit) {
    const plan = this.#plan;
    if (!plan || index < 0) return limit;
    const [offset, size] = plan[index];
    let end = Math.min(offset + size, limit);
    for (let i = index + 1; i < plan.length && end < limit; i++) {
      const [next, length] = plan[i];
      if (next < from || next > end + READ_GAP) break;
      end = Math.min(Math.max(end, next + length), limit);
    }
    return end;
  }
  /** Reads the window holding `at` into the read buffer (see #window). */
  async #fill(at) {
    const segment = Math.floor(at / this.#segmentSize);
    if (this.#released.has(segment)) throw new Error(`spool segment ${segment} was released: offset ${at} read more often than declared`);
    for (; ; ) {
      const direct = this.direct;
      const { base, start, length, needed } = this.#window(at, this.#current);
      try {
        const got = await readFully(this.#readerFor(segment), this.#readBuffer, length, start, needed);
        this.#fills.bytes += got;
        this.#readStart = base + start;
        this.#readEnd = base + start + Math.min(got, needed);
        return;
      } catch (error) {
        if (!direct || !isDirectRefusal(error)) throw error;
        this.#stopDirect();
      }
    }
  }
  #readerFor(segment) {
    const open5 = this.#readers.get(segment);
    if (open5 !== void 0) return open5;
    if (this.#readers.size >= OPEN_READERS) {
      const [oldest, fd2] = this.#readers.entries().next().value;
      closeSync2(fd2);
      this.#readers.delete(oldest);
    }
    const fd = openSync2(this.#segmentPath(segment), constants.O_RDONLY | this.#directFlag);
    this.#readers.set(segment, fd);
    return fd;
  }
  #consumed(offset, size) {
    const unread = this.#unread;
    if (!unread) return;
    this.#overlaps(offset, size, (segment, n) => {
      const left = (unread[segment] ?? 0) - n;
      if (left < 0) throw new Error(`spool segment ${segment} read beyond the declared reads`);
      unread[segment] = left;
      if (left === 0) this.#release(segment);
    });
  }
  /** Deletes a segment file: its page-cache pages are freed for the writes to come. */
  #release(segment) {
    if (this.#released.has(segment)) return;
    this.#released.add(segment);
    const fd = this.#readers.get(segment);
    if (fd !== void 0) closeSync2(fd);
    this.#readers.delete(segment);
    const deleted = unlink(this.#segmentPath(segment)).catch(() => void 0).then(() => void this.#deleting.delete(deleted));
    this.#deleting.add(deleted);
  }
  /** Resolves when the segments released so far are deleted. */
  async deletions() {
    await Promise.all([...this.#deleting]);
  }
  /** Deletes the temp directory. Never throws. */
  async dispose() {
    if (!this.#disposed) {
      this.#disposed = true;
      await this.#dropPrefetches();
      this.#sealed = true;
      for (const lane of [...this.#own ? [this.#own] : [], ...this.#regions]) {
        await lane.staged.settle();
        await this.#closeWriter(lane).catch(() => void 0);
      }
      await this.deletions();
      const fds = [...this.#readers.values()];
      this.#readers.clear();
      for (const fd of fds) {
        try {
          closeSync2(fd);
        } catch {
        }
      }
    }
    await removeTempDir(this.#dir);
  }
};
function readFully(fd, buffer, length, position, needed) {
  return new Promise((resolve, reject) => {
    const step = (got) => {
      if (got >= needed) return resolve(got);
      readAsync(fd, buffer, got, length - got, position + got, (error, n) => {
        if (error) return reject(error);
        if (n === 0) return reject(new Error(`spool segment ends at ${position + got}`));
        step(got + n);
      });
    };
    step(0);
  });
}

// src/image/merge.ts
var NO_BODY = { [Symbol.asyncIterator]: async function* () {
} };
async function mergeFilesystem(image, options) {
  return mergeTree(options, image.layers.length, (tree, spool) => applyLayers(image, tree, spool, options), async () => image.workingDir);
}
async function mergeTree(options, layerCount, apply, workingDir) {
  const spool = await Spool.create(options.tempDir).catch((error) => {
    throw new UserError(`${options.tempDir}: cannot create a temporary directory: ${error.message}`, { cause: error });
  });
  try {
    const tree = new Tree({ mode: 493, uid: 0, gid: 0, mtime: options.impliedDirMtime ?? 0 }, options.maxEntries);
    const streamed = await apply(tree, spool);
    tree.endLimit();
    await spool.seal();
    const walk = () => entriesWithTurns(exportEntries(tree.root, spool));
    const known = streamed && options.flatten && streamed.headers === await flatHeadersDigest(walk()) ? streamed.layer : void 0;
    const flatLayer = options.flatten ? await options.flatten(walk, known) : void 0;
    const createdAt = options.createdAt ?? 0;
    applyInitLayer(tree, createdAt, layerCount);
    applyWorkingDir(tree, await workingDir(), createdAt, layerCount + 1);
    if (options.readOnce) {
      const reads = [];
      await walkData(tree.root, spool, (offset, size) => reads.push([offset, size]));
      spool.expectReads(reads);
    }
    return { entries: () => exportEntries(tree.root, spool), close: () => spool.dispose(), ...flatLayer ? { flatLayer } : {} };
  } catch (error) {
    await spool.dispose();
    throw error;
  }
}
async function* entriesWithTurns(entries) {
  let count = 0;
  for (const entry of entries) {
    yield entry;
    if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
  }
}
async function applyLayers(image, tree, spool, options) {
  const digests = new LayerDigests();
  const sideBySide = options.layersSideBySide ?? 1;
  if (sideBySide !== 1 && sideBySide !== 2) throw new RangeError(`layersSideBySide is 1 or 2, not ${sideBySide}`);
  for (const layer of image.layers) digests.verifyAhead(image.store, layer);
  const rootfs = { used: 0, limit: options.maxRootfsSize };
  const gate = new RootfsGate(options.maxRootfsSize);
  const expansions = [];
  const expand = (index) => {
    const layer = image.layers[index];
    if (layer === void 0 || expansions[index]) return;
    const onBytes = (bytes) => options.onProgress?.({
      layer: index,
      layerCount: image.layers.length,
      digest: layer.digest,
      bytes,
      ...layer.size === void 0 ? {} : { size: layer.size }
    });
    expansions[index] = new LayerExpansion(spool, image.store, layer, index, { digests, gate, maxFileSize: options.maxFileSize, onBytes });
  };
  try {
    for (const [index, layer] of image.layers.entries()) {
      for (let ahead = index; ahead < index + sideBySide; ahead++) expand(ahead);
      const expansion = expansions[index];
      const base = spool.place(expansion.region);
      let data;
      const placed = {
        append: async () => {
          if (!data) throw new Error("internal: a file entry without spooled data");
          return { offset: base + data.offset, crc32: data.crc32 };
        }
      };
      const ctx = { tree, spool: placed, index, what: `layer ${layer.digest}`, rootfs };
      for await (const entry of expansion.entries()) {
        data = entry.data;
        await applyEntry(ctx, entry.header, NO_BODY);
      }
    }
  } finally {
    await Promise.all(expansions.map((expansion) => expansion.stop(gate)));
    await digests.close();
  }
}

// src/image/rootfs-stream.ts
import { createHash as createHash8 } from "node:crypto";
import { createReadStream as createReadStream3 } from "node:fs";
import { stat as stat3 } from "node:fs/promises";
var NO_BODY2 = { [Symbol.asyncIterator]: async function* () {
} };
async function mergeRootfsStream(stream, options) {
  const layers = stream.extraFile ? 2 : 1;
  return mergeTree(options, layers, async (tree, spool) => {
    const rootfs = { used: 0, limit: options.maxRootfsSize };
    const ctx = { tree, spool, index: 0, what: stream.what, rootfs };
    const epoch = stream.clampMtimesTo;
    const flat = options.flatten && !stream.extraFile ? new FlatteningStream(ctx) : void 0;
    try {
      await readTarStream(stream.what, stream.source, async (header, body) => {
        const clamped = header.mtime > epoch ? { ...header, mtime: epoch } : header;
        await applyEntry(ctx, clamped, flat ? await flat.entry(clamped, body) : body);
        await flat?.endEntry();
      }, (bytes) => options.onProgress?.({ layer: 0, layerCount: layers, digest: stream.what, bytes, stream: true }), { maxFileSize: options.maxFileSize });
      if (stream.extraFile) await applyFile({ ...ctx, index: 1, what: `the layer adding ${stream.extraFile.targetPath}` }, stream.extraFile);
      return await flat?.result();
    } finally {
      await flat?.close();
    }
  }, stream.workingDir);
}
async function applyFile(ctx, file) {
  const { size } = await stat3(file.sourcePath);
  const parts = file.targetPath.replace(/^\/+/, "").split("/");
  const owner = { uid: 0, gid: 0, mtime: file.mtime, linkname: "", devmajor: 0, devminor: 0 };
  for (let i = 1; i < parts.length; i++) {
    await applyEntry(ctx, { ...owner, name: byteString(`${parts.slice(0, i).join("/")}/`), type: "dir", size: 0, mode: 493 }, NO_BODY2);
  }
  await applyEntry(ctx, { ...owner, name: byteString(parts.join("/")), type: "file", size, mode: file.mode }, createReadStream3(file.sourcePath, { highWaterMark: 1 << 20 }));
}
var FlatteningStream = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  // On a worker: this thread has the stream to parse and spool.
  #layerHash = new WorkerHash("sha256");
  #headerHash = createHash8("sha256");
  #layer = new FlatTar((chunk) => this.#layerHash.update(chunk));
  #headers = new FlatTar((chunk) => void this.#headerHash.update(chunk), { headersOnly: true });
  #usable = true;
  #begun = false;
  /** Begins the entry; returns the body to merge (its chunks also hashed). */
  async entry(header, body) {
    const entry = this.#usable ? walkEntryOf(header, this.ctx) : void 0;
    if (entry === "root") return body;
    if (!entry) {
      this.#usable = false;
      return body;
    }
    await this.#layer.begin(entry);
    await this.#headers.begin(entry);
    this.#begun = true;
    const layer = this.#layer;
    const headers = this.#headers;
    return {
      [Symbol.asyncIterator]: async function* () {
        for await (const chunk of body) {
          await layer.data(chunk);
          await headers.data(chunk);
          yield chunk;
        }
      }
    };
  }
  async endEntry() {
    if (!this.#begun) return;
    this.#begun = false;
    await this.#layer.endEntry();
    await this.#headers.endEntry();
  }
  async result() {
    if (!this.#usable) return void 0;
    const size = await this.#layer.end();
    await this.#headers.end();
    return { layer: { diffId: `sha256:${await this.#layerHash.digest()}`, size }, headers: this.#headerHash.digest("hex") };
  }
  /** Stops the hash worker; never throws. */
  close() {
    return this.#layerHash.close();
  }
};
function walkEntryOf(header, ctx) {
  const parts = splitName(header.name, ctx);
  const base = parts[parts.length - 1];
  if (base === void 0) return header.type === "dir" ? "root" : void 0;
  if (base.startsWith(".wh.")) return void 0;
  const attrs = { mode: header.mode, uid: header.uid, gid: header.gid, mtime: boundMtime(header.mtime) };
  const path = parts.join("/");
  switch (header.type) {
    case "dir":
      return { path: `${path}/`, type: "dir", ...attrs, size: 0 };
    case "file":
      return { path, type: "file", ...attrs, size: header.size };
    case "symlink":
      return { path, type: "symlink", ...attrs, mode: 511, size: 0, linkname: decodeName(header.linkname) };
    case "link":
      return { path, type: "hardlink", ...attrs, size: 0, linkname: splitName(header.linkname, ctx).join("/") };
    case "char":
    case "block":
      if (header.devmajor === 0 && header.devminor === 0) return void 0;
      return { path, type: header.type, ...attrs, size: 0, devmajor: header.devmajor, devminor: header.devminor };
    case "fifo":
      return { path, type: "fifo", ...attrs, size: 0 };
  }
}
function byteString(path) {
  return Buffer.from(path, "utf8").toString("latin1");
}

// src/ramdisk/cpio-writer.ts
import { createHash as createHash9 } from "node:crypto";

// src/ramdisk/relative-link.ts
function cleanPath(path) {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}
function dirPath(path) {
  const slash = path.lastIndexOf("/");
  return cleanPath(path.slice(0, slash + 1));
}
function relativePath(basePath, targetPath) {
  const base = cleanPath(basePath);
  const target = cleanPath(targetPath);
  if (base === target) return ".";
  const baseParts = base === "." ? [] : splitPath(base);
  const targetParts = splitPath(target);
  if (base.startsWith("/") !== target.startsWith("/")) return void 0;
  let common = 0;
  while (common < baseParts.length && common < targetParts.length && baseParts[common] === targetParts[common]) {
    common += 1;
  }
  const up = baseParts.slice(common);
  if (up[0] === "..") return void 0;
  const down = targetParts.slice(common);
  return [...up.map(() => ".."), ...down].join("/");
}
function splitPath(path) {
  return path === "/" ? [""] : path.split("/");
}
function hardLinkTarget(name, linkname) {
  return relativePath(dirPath(name), linkname) ?? `/${linkname}`;
}

// src/ramdisk/cpio-writer.ts
var SURROGATE4 = /[\uD800-\uDFFF]/;
function resolveEntry(entry, ino) {
  const { name } = entry;
  if (name === "" || name.includes("\0")) throw new FormatError(`cpio entry ${JSON.stringify(name)}: invalid name`);
  const linkTarget = linkTargetOf(entry);
  const typeBits = MODE_TYPE[entry.type === "hardlink" ? "symlink" : entry.type];
  const filesize = linkTarget !== void 0 ? nameByteLength(linkTarget) : entry.type === "file" ? entry.size : 0;
  const header = {
    ino,
    mode: entry.mode & PERMISSION_MASK | typeBits,
    uid: checkField(entry.uid, "uid", name),
    gid: checkField(entry.gid, "gid", name),
    nlink: entry.type === "dir" ? 2 : 1,
    mtime: checkField(entry.mtime, "mtime", name),
    filesize: checkField(filesize, "size", name),
    rdevmajor: checkField(entry.rdevmajor ?? 0, "rdevmajor", name),
    rdevminor: checkField(entry.rdevminor ?? 0, "rdevminor", name),
    namesize: nameByteLength(name) + 1
  };
  const file = entry.type === "file";
  return { name, header, linkTarget, data: file ? entry.data : void 0, dataCrc32: file ? entry.crc32 : void 0 };
}
function linkTargetOf(entry) {
  if (entry.type !== "symlink" && entry.type !== "hardlink") return void 0;
  if (entry.linkname === void 0) throw new FormatError(`cpio entry ${JSON.stringify(entry.name)}: link without a target`);
  return entry.type === "hardlink" ? hardLinkTarget(entry.name, entry.linkname) : entry.linkname;
}
function entrySpan(header) {
  return align4(NEWC_HEADER_SIZE + header.namesize) + align4(header.filesize);
}
function trailerHeader(ino) {
  return { ino, mode: 0, uid: 0, gid: 0, nlink: 1, mtime: 0, filesize: 0, rdevmajor: 0, rdevminor: 0, namesize: TRAILER_NAME.length + 1 };
}
function* resolveEntries(entries) {
  let ino = FIRST_INODE;
  for (const entry of entries) {
    yield resolveEntry(entry, ino);
    ino += 1;
  }
  yield { name: TRAILER_NAME, header: trailerHeader(ino), trailer: true };
}
function planCpio(entries) {
  const plan = new Planner();
  for (const entry of resolveEntries(entries)) plan.add(entry);
  return plan.result();
}
async function planCpioYielding(entries) {
  const plan = new Planner();
  let count = 0;
  for (const entry of resolveEntries(entries)) {
    plan.add(entry);
    if (++count % ENTRIES_PER_TURN === 0) await eventLoopTurn();
  }
  return plan.result();
}
var Planner = class {
  #size = 0;
  #crc = 0;
  add(entry) {
    this.#size += entrySpan(entry.header);
    if (this.#crc !== void 0) this.#crc = entryCrc(entry, this.#crc);
  }
  result() {
    const padded = Math.ceil(this.#size / ARCHIVE_BLOCK) * ARCHIVE_BLOCK;
    const crc = this.#crc;
    return { size: padded, ...crc !== void 0 ? { crc32: crc32(zeros(padded - this.#size), crc) } : {} };
  }
};
function entryCrc(entry, crc) {
  const { header } = entry;
  let next = crc32(headBytes(entry), crc);
  if (entry.linkTarget !== void 0) next = crc32(nameBytes(entry.linkTarget), next);
  else if (entry.data instanceof Uint8Array) next = crc32(entry.data.subarray(0, header.filesize), next);
  else if (header.filesize > 0) {
    if (entry.dataCrc32 === void 0) return void 0;
    next = crc32Combine(next, entry.dataCrc32, header.filesize);
  }
  return crc32(zeros(align4(header.filesize) - header.filesize), next);
}
function headBytes(entry) {
  const head = Buffer.allocUnsafe(align4(NEWC_HEADER_SIZE + entry.header.namesize));
  encodeNewcHeader(entry.header, head, 0);
  const written = SURROGATE4.test(entry.name) ? nameBytes(entry.name).copy(head, NEWC_HEADER_SIZE) : head.write(entry.name, NEWC_HEADER_SIZE, "utf8");
  head.fill(0, NEWC_HEADER_SIZE + written);
  return head;
}
function cpioArchive(entries, observer, plan) {
  const { size, crc32: crc322 } = plan ?? planCpio(entries());
  return { size, stream: () => writeCpio(entries(), size, observer), ...crc322 !== void 0 ? { crc32: crc322 } : {} };
}
async function* writeCpio(entries, plannedSize, observer) {
  const out = new ChunkBatcher();
  for (const entry of resolveEntries(entries)) {
    const { header } = entry;
    const offset = out.total;
    yield* out.push(headBytes(entry));
    const regular = (header.mode & 61440) === MODE_TYPE.file;
    const hash = observer?.hashData && regular ? createHash9("sha256") : void 0;
    if (entry.linkTarget !== void 0) yield* out.push(nameBytes(entry.linkTarget));
    else if (entry.data !== void 0 || header.filesize > 0) yield* streamData(entry, out, hash);
    yield* out.push(zeros(align4(header.filesize) - header.filesize));
    if (observer && !entry.trailer) {
      observer.onEntry({ name: entry.name, offset, header, linkTarget: entry.linkTarget, sha256: hash?.digest("hex") });
    }
  }
  const written = out.total;
  const padded = Math.ceil(written / ARCHIVE_BLOCK) * ARCHIVE_BLOCK;
  yield* out.push(zeros(padded - written));
  yield* out.flush();
  if (plannedSize !== void 0 && padded !== plannedSize) {
    throw new FormatError(`cpio archive: wrote ${padded} bytes, planned ${plannedSize} (entries changed between passes)`);
  }
}
async function* streamData(entry, out, hash) {
  const declared = entry.header.filesize;
  if (entry.data === void 0) throw new FormatError(`cpio entry ${JSON.stringify(entry.name)}: no data for ${declared} bytes`);
  const chunks = entry.data instanceof Uint8Array ? [entry.data] : entry.data();
  let seen = 0;
  for await (const chunk of chunks) {
    seen += chunk.byteLength;
    if (seen > declared) break;
    hash?.update(chunk);
    yield* out.push(chunk);
  }
  if (seen !== declared) {
    throw new FormatError(
      `cpio entry ${JSON.stringify(entry.name)}: data is ${seen > declared ? "longer" : "shorter"} than its declared size ${declared}`
    );
  }
}
var ZEROS = Buffer.alloc(ARCHIVE_BLOCK);
function zeros(n) {
  return ZEROS.subarray(0, n);
}
var ChunkBatcher = class _ChunkBatcher {
  static TARGET = 256 * 1024;
  /** Pieces this large are yielded as they are (after what is pending). */
  static PASS_THROUGH = 64 * 1024;
  #buffer = Buffer.allocUnsafe(_ChunkBatcher.TARGET);
  #pending = 0;
  total = 0;
  *push(bytes) {
    if (bytes.byteLength === 0) return;
    this.total += bytes.byteLength;
    if (bytes.byteLength >= _ChunkBatcher.PASS_THROUGH) {
      yield* this.flush();
      yield bytes;
      return;
    }
    if (this.#pending + bytes.byteLength > _ChunkBatcher.TARGET) yield* this.flush();
    this.#buffer.set(bytes, this.#pending);
    this.#pending += bytes.byteLength;
  }
  *flush() {
    if (this.#pending === 0) return;
    const full = this.#buffer.subarray(0, this.#pending);
    this.#pending = 0;
    if (full.byteLength < _ChunkBatcher.TARGET / 2) {
      yield Buffer.from(full);
      return;
    }
    this.#buffer = Buffer.allocUnsafe(_ChunkBatcher.TARGET);
    yield full;
  }
};

// src/ramdisk/linuxkit-defaults.ts
var LINUXKIT_MTIME = 1492533e3;
var GENERATED_DIR_MODE = 493;
var GENERATED_FILE_MODE = 420;
var ROOTFS_DIR = "rootfs";

// src/ramdisk/bootstrap.ts
var BOOTSTRAP_BLOB_MODE = 493;
function bootstrapEntries(blobs) {
  const generated = { uid: 0, gid: 0, mtime: LINUXKIT_MTIME };
  return [
    { ...generated, name: "dev", type: "dir", mode: GENERATED_DIR_MODE, size: 0 },
    { ...generated, name: "init", type: "file", mode: BOOTSTRAP_BLOB_MODE, size: blobs.init.size, data: blobs.init.data },
    { ...generated, name: "nsm.ko", type: "file", mode: BOOTSTRAP_BLOB_MODE, size: blobs.nsm.size, data: blobs.nsm.data }
  ];
}
function bootstrapRamdisk(blobs) {
  return cpioArchive(() => bootstrapEntries(blobs));
}

// src/ramdisk/cmd-env.ts
function selectCommand(config) {
  if (config.cmd !== void 0 && config.cmd !== null) return config.cmd;
  if (config.entrypoint !== void 0 && config.entrypoint !== null) return config.entrypoint;
  throw new UserError("image config has neither Cmd nor Entrypoint: the enclave would have nothing to run");
}
function encodeLines(lines, what) {
  for (const line of lines) {
    if (line.includes("\n")) {
      throw new UserError(`image config ${what}: element ${quoted(line)} contains a newline, which the enclave init cannot represent`);
    }
  }
  return Buffer.from(lines.map((line) => `${line}
`).join(""), "utf8");
}
function cmdEnvFiles(config) {
  return {
    cmd: encodeLines(selectCommand(config), config.cmd ? "Cmd" : "Entrypoint"),
    env: encodeLines(config.env ?? [], "Env")
  };
}

// src/ramdisk/customer.ts
var EXCLUDED_PATHS = /* @__PURE__ */ new Set([".dockerenv", "Dockerfile", "dev/console", "etc/hostname"]);
var HOSTS_PATH = "etc/hosts";
var HOSTS_CONTENT = Buffer.from(
  "127.0.0.1       localhost\n::1     localhost ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n",
  "latin1"
);
var HOSTS_MODE = 493;
var RESOLV_CONF_PATH = "etc/resolv.conf";
var RESOLV_CONF_TARGET = "/run/resolvconf/resolv.conf";
var RESOLV_CONF_MODE = 493;
var MTAB_PATH = "etc/mtab";
var MTAB_TARGET = "/proc/mounts";
var MTAB_MODE = 511;
var TOUCHED_DIRS = ["dev/", "dev/pts/", "dev/shm/", "etc/", "proc/", "sys/"];
var MOUNT_POINT_DIRS = ["dev", "run", "sys", "var", "proc", "tmp"];
var ROOT_OWNED = { uid: 0, gid: 0 };
function generatedDir(name) {
  return { ...ROOT_OWNED, name, type: "dir", mode: GENERATED_DIR_MODE, mtime: LINUXKIT_MTIME, size: 0 };
}
function prefixed(path) {
  return `${ROOTFS_DIR}/${path}`;
}
function normaliseEntry(entry) {
  if (EXCLUDED_PATHS.has(entry.path)) return void 0;
  const name = prefixed(entry.path);
  switch (entry.path) {
    case HOSTS_PATH:
      return hostsEntry(name);
    case RESOLV_CONF_PATH:
      return fixedSymlink(name, RESOLV_CONF_TARGET, RESOLV_CONF_MODE);
    case MTAB_PATH:
      return fixedSymlink(name, MTAB_TARGET, MTAB_MODE);
  }
  const mtime = TOUCHED_DIRS.includes(entry.path) ? LINUXKIT_MTIME : Math.floor(entry.mtime);
  return {
    name,
    type: entry.type,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    mtime,
    size: entry.type === "file" ? entry.size : 0,
    // Hard links name the data's entry by its export path, which is now under rootfs/ too.
    linkname: entry.type === "hardlink" && entry.linkname !== void 0 ? prefixed(entry.linkname) : entry.linkname,
    rdevmajor: entry.devmajor,
    rdevminor: entry.devminor,
    data: entry.open,
    crc32: entry.crc32
  };
}
function hostsEntry(name) {
  return { ...ROOT_OWNED, name, type: "file", mode: HOSTS_MODE, mtime: LINUXKIT_MTIME, size: HOSTS_CONTENT.length, data: HOSTS_CONTENT };
}
function fixedSymlink(name, linkname, mode) {
  return { ...ROOT_OWNED, name, type: "symlink", mode, mtime: LINUXKIT_MTIME, size: 0, linkname };
}
var TOUCH_HOSTS_MODE = 420;
var TOUCH_MTAB_MODE = 493;
var TOUCH_RESOLV_CONF_MODE = 420;
var TOUCH_TABLE = [
  ["dev/", () => generatedDir(prefixed("dev"))],
  ["dev/pts/", () => generatedDir(prefixed("dev/pts"))],
  ["dev/shm/", () => generatedDir(prefixed("dev/shm"))],
  ["etc/", () => generatedDir(prefixed("etc"))],
  [HOSTS_PATH, () => ({ ...hostsEntry(prefixed(HOSTS_PATH)), mode: TOUCH_HOSTS_MODE })],
  [MTAB_PATH, () => fixedSymlink(prefixed(MTAB_PATH), MTAB_TARGET, TOUCH_MTAB_MODE)],
  [RESOLV_CONF_PATH, () => fixedSymlink(prefixed(RESOLV_CONF_PATH), RESOLV_CONF_TARGET, TOUCH_RESOLV_CONF_MODE)],
  ["proc/", () => generatedDir(prefixed("proc"))],
  ["sys/", () => generatedDir(prefixed("sys"))]
];
var TOUCHED = new Set(TOUCH_TABLE.map(([path]) => path));
function missingTouchedEntries(seen) {
  return TOUCH_TABLE.filter(([path]) => !seen.has(path)).map(([, make]) => make());
}
function linuxkitFiles(files) {
  const file = (name, data) => ({
    ...ROOT_OWNED,
    name,
    type: "file",
    mode: GENERATED_FILE_MODE,
    mtime: LINUXKIT_MTIME,
    size: data.byteLength,
    data
  });
  return [
    generatedDir(ROOTFS_DIR),
    ...MOUNT_POINT_DIRS.map((dir) => generatedDir(prefixed(dir))),
    file("cmd", files.cmd),
    file("env", files.env)
  ];
}
function* customerEntries(tree, files) {
  yield generatedDir(ROOTFS_DIR);
  const seen = /* @__PURE__ */ new Set();
  for (const entry of tree) {
    if (TOUCHED.has(entry.path)) seen.add(entry.path);
    const normalised = normaliseEntry(entry);
    if (normalised !== void 0) yield normalised;
  }
  yield* missingTouchedEntries(seen);
  yield* linuxkitFiles(files);
}
function customerRamdisk(tree, files, observer, plan) {
  return cpioArchive(() => customerEntries(tree(), files), observer, plan);
}
async function customerRamdiskYielding(tree, files, observer) {
  const plan = await planCpioYielding(customerEntries(tree(), files));
  return customerRamdisk(tree, files, observer, plan);
}

// src/build/blob-report.ts
import { createHash as createHash10 } from "node:crypto";
async function bootstrapDigest(set) {
  const blob = (b) => ({ size: b.bytes.byteLength, data: b.bytes });
  const ramdisk = bootstrapRamdisk({ init: blob(set.init), nsm: blob(set.nsm) });
  const hash = createHash10("sha384");
  for await (const chunk of ramdisk.stream()) hash.update(chunk);
  return { size: ramdisk.size, sha384: hash.digest("hex") };
}
async function blobReport(set) {
  return {
    arch: set.arch,
    set: set.recognisedSet ?? null,
    sha384: blobHashes(set),
    cmdline: set.cmdlineText,
    kernel: { os: set.kernelInfo.os, version: set.kernelInfo.version },
    bootstrap: await bootstrapDigest(set)
  };
}

// src/build/eif-metadata.ts
var DEFAULT_IMAGE_NAME = "enclave";
var MAX_CUSTOM_METADATA_BYTES = 4096;
var MAX_SOURCE_DATE_EPOCH = 253402300799;
function parseSourceDateEpoch(value, what) {
  if (!/^[0-9]+$/.test(value.trim()) || Number(value) > MAX_SOURCE_DATE_EPOCH) {
    throw new UserError(`${what}: expected whole seconds since 1970 (0..${MAX_SOURCE_DATE_EPOCH}), got ${JSON.stringify(value)}`, { code: "usage" });
  }
  return Number(value);
}
function rfc33392(epochSeconds) {
  return new Date(epochSeconds * 1e3).toISOString().replace(/\.000Z$/, "+00:00");
}
function dockerInfo(image) {
  const [os, , variant] = image.platform.split("/");
  const info = { Id: image.configDigest, Os: os ?? "linux", Architecture: image.architecture };
  if (variant !== void 0) info["Variant"] = variant;
  return info;
}
function eifMetadata(inputs) {
  return {
    ImageName: inputs.name ?? DEFAULT_IMAGE_NAME,
    ImageVersion: inputs.version ?? inputs.image.configDigest.replace(/^sha256:/, ""),
    BuildMetadata: {
      BuildTime: rfc33392(inputs.sourceDateEpoch),
      BuildTool: BUILDER_NAME,
      BuildToolVersion: BUILDER_VERSION,
      OperatingSystem: inputs.kernel.os,
      KernelVersion: inputs.kernel.version
    },
    DockerInfo: dockerInfo(inputs.image),
    CustomMetadata: inputs.custom ?? null
  };
}
function parseCustomMetadata(text, path) {
  if (Buffer.byteLength(text) > MAX_CUSTOM_METADATA_BYTES) {
    throw new UserError(`metadata file ${path}: larger than ${MAX_CUSTOM_METADATA_BYTES} bytes (nitro-cli's limit)`);
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UserError(`metadata file ${path}: not valid JSON`, { code: "format", cause });
  }
}

// src/build/rootfs-size.ts
var DEFAULT_MAX_ROOTFS_SIZE = 16 * 2 ** 30;
var UNITS = { "": 1, b: 1, k: 2 ** 10, kib: 2 ** 10, m: 2 ** 20, mib: 2 ** 20, g: 2 ** 30, gib: 2 ** 30, t: 2 ** 40, tib: 2 ** 40 };
function parseByteSize(text, what) {
  const match = /^\s*(\d{1,16})\s*([a-z]*)\s*$/i.exec(text);
  const unit = match ? UNITS[(match[2] ?? "").toLowerCase()] : void 0;
  const bytes = match && unit !== void 0 ? Number(match[1]) * unit : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new UserError(`${what}: expected a size in bytes, optionally with K, M, G or T (binary multiples), got ${JSON.stringify(text)}`, { code: "usage" });
  }
  return bytes;
}

// src/build/measurements.ts
var MEASUREMENTS_SCHEMA = "nitro-eif-build/measurements@1";
function renderMeasurements(doc) {
  return `${JSON.stringify(doc, null, 2)}
`;
}
function nitroCliMeasurements(pcrs) {
  const measurements = { HashAlgorithm: HASH_ALGORITHM, PCR0: pcrs.PCR0, PCR1: pcrs.PCR1, PCR2: pcrs.PCR2 };
  if (pcrs.PCR8 !== void 0) measurements["PCR8"] = pcrs.PCR8;
  const sorted = Object.fromEntries(Object.entries(measurements).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ Measurements: sorted }, null, 2);
}

// src/build/pipeline.ts
async function buildEnclave(options) {
  options.onProgress?.({ phase: "open" });
  const input = "rootfsStream" in options.image ? streamedInput(options.image) : await openedInput(options.image);
  const inImage = (read) => {
    try {
      return read();
    } catch (error) {
      if (error instanceof UserError) throw new UserError(`${input.what()}: ${error.message}`, { code: error.code, cause: error });
      throw error;
    }
  };
  const arch = inImage(() => eifArchOf(input.architecture));
  const blobs = await loadBlobsFor(options, arch);
  if (input.early) inImage(() => cmdEnvFiles(input.early));
  const flatten = options.flatten || "rootfsStream" in options.image ? flattenWith(options, input) : void 0;
  const fs = await input.merge({
    tempDir: options.tempDir,
    maxFileSize: MAX_FIELD,
    maxRootfsSize: options.maxRootfsSize ?? DEFAULT_MAX_ROOTFS_SIZE,
    readOnce: true,
    ...options.layersSideBySide ? { layersSideBySide: options.layersSideBySide } : {},
    ...flatten ? { flatten: flatten.layer } : {},
    onProgress: (p) => options.onProgress?.({ phase: "layers", layer: p.layer, layerCount: p.layerCount, bytes: p.bytes, size: p.size, ...p.stream ? { stream: p.stream } : {} })
  });
  let manifest;
  try {
    const image = flatten ? await flatten.info() : input.early;
    const files = inImage(() => cmdEnvFiles(image));
    manifest = options.manifestPath !== void 0 ? new ManifestWriter(options.manifestPath) : void 0;
    return await writeBuild(options, { image, arch, blobs, fs, files, manifest });
  } finally {
    await manifest?.abort();
    await fs.close();
  }
}
async function openedInput(source) {
  const opened = await openImage(source);
  const { info } = opened;
  const fields = {
    platform: info.platform,
    ...info.cmd ? { cmd: info.cmd } : {},
    ...info.entrypoint ? { entrypoint: info.entrypoint } : {},
    ...info.env ? { env: info.env } : {},
    ...opened.workingDir ? { workingDir: opened.workingDir } : {}
  };
  return {
    what: () => `${opened.store.source} (config ${info.configDigest})`,
    architecture: info.architecture,
    early: info,
    merge: (options) => mergeFilesystem(opened, options),
    fields: async () => fields
  };
}
function streamedInput(source) {
  const { os, architecture } = parsePlatform2(source.platform);
  if (os !== "linux") throw new UserError(`platform ${source.platform}: an enclave image is linux/amd64 or linux/arm64`, { code: "usage" });
  const fields = async () => {
    const config = await source.config;
    const built = parsePlatform2(config.platform).architecture;
    if (built !== architecture) throw new FormatError(`${source.rootfsStream.what}: the builder made a ${config.platform} image, not ${source.platform}`);
    return config;
  };
  return {
    what: () => source.rootfsStream.what,
    architecture,
    merge: (options) => mergeRootfsStream({ ...source.rootfsStream, workingDir: async () => (await fields()).workingDir }, options),
    fields
  };
}
function flattenWith(options, input) {
  let flatLayer;
  const layer = async (entries, known) => {
    flatLayer = known ?? await hashFlatLayer(entries());
    const layoutDir = typeof options.flatten === "object" ? options.flatten.layoutDir : void 0;
    if (layoutDir !== void 0) {
      const fields = normalFields(await input.fields());
      await writeFlatLayout(layoutDir, flatImage(fields, flatLayer, options.sourceDateEpoch), fields, entries());
    }
    return flatLayer;
  };
  const info = async () => {
    if (!flatLayer) throw new Error("internal: the merge did not flatten the image");
    const fields = normalFields(await input.fields());
    const flat = flatImage(fields, flatLayer, options.sourceDateEpoch);
    return {
      manifestDigest: flat.manifestDigest,
      configDigest: flat.configDigest,
      platform: fields.platform,
      architecture: parsePlatform2(fields.platform).architecture,
      ...fields.cmd ? { cmd: fields.cmd } : {},
      ...fields.entrypoint ? { entrypoint: fields.entrypoint } : {},
      ...fields.env ? { env: fields.env } : {},
      layers: [flatLayer.diffId]
    };
  };
  return { layer, info };
}
function normalFields(fields) {
  return { ...fields, platform: normalPlatform(fields.platform) };
}
async function loadBlobsFor(options, arch) {
  const { blobSet, blobsDir, blobsLock: lock } = options;
  if (blobSet) {
    const dir = await blobSet.dirFor(arch);
    return loadBlobs({ dir, arch, lock, pinned: { setName: blobSet.set.name, pins: blobSet.set.files[arch] } });
  }
  if (blobsDir === void 0) throw new Error("internal: a build needs blobsDir or blobSet");
  return loadBlobs({ dir: blobsDir, arch, lock });
}
async function writeBuild(options, p) {
  const blob = (b) => ({ size: b.bytes.byteLength, data: b.bytes });
  const bootstrap = bootstrapRamdisk({ init: blob(p.blobs.init), nsm: blob(p.blobs.nsm) });
  const bootstrapInfo = await bootstrapDigest(p.blobs);
  const counter = { entries: 0, onEntry: () => void (counter.entries += 1) };
  const customer = withProgress(
    await customerRamdiskYielding(() => p.fs.entries(), p.files, p.manifest ?? counter),
    (bytes, total) => options.onProgress?.({ phase: "write", bytes, total })
  );
  const metadata = eifMetadata({
    image: p.image,
    kernel: p.blobs.kernelInfo,
    sourceDateEpoch: options.sourceDateEpoch,
    name: options.name,
    version: options.version,
    custom: options.customMetadata
  });
  const eif = await writeEif({
    outputPath: options.outputPath,
    arch: p.arch,
    kernel: p.blobs.kernel.bytes,
    cmdline: p.blobs.cmdlineText,
    metadata,
    ramdisks: [bootstrap, customer.source],
    fileDigests: options.eifDigests !== false || options.measurementsPath !== void 0
  });
  try {
    return await finishBuild(options, p, eif, { bootstrap: bootstrapInfo, customer: customer.digest(eif), manifest: p.manifest, counted: counter.entries });
  } catch (error) {
    await Promise.all([options.outputPath, options.measurementsPath].map((path) => path && rm3(path, { force: true })));
    throw error;
  }
}
async function finishBuild(options, p, eif, w) {
  checkPcr2(eif, w.customer.sha384);
  const entries = w.manifest?.entries ?? w.counted;
  const measurements = eif.sha256 !== void 0 && eif.sha384 !== void 0 ? measurementsOf(options, p, { ...eif, sha256: eif.sha256, sha384: eif.sha384 }, w.bootstrap, { ...w.customer, entries }) : void 0;
  if (options.measurementsPath) {
    if (!measurements) throw new Error("internal: the EIF writer returned no digests for the measurements file");
    await writeFileAtomic(options.measurementsPath, renderMeasurements(measurements));
  }
  const manifest = w.manifest && await w.manifest.finish(w.customer);
  options.onProgress?.({ phase: "done" });
  return { eif, arch: p.arch, image: p.image, blobs: p.blobs, measurements, manifest };
}
function withProgress(sized, onBytes) {
  const source = {
    size: sized.size,
    ...sized.crc32 !== void 0 ? { crc32: sized.crc32 } : {},
    stream: async function* () {
      let bytes = 0;
      for await (const chunk of sized.stream()) {
        bytes += chunk.byteLength;
        onBytes?.(bytes, sized.size);
        yield chunk;
      }
    }
  };
  const digest = (eif) => ({ size: sized.size, sha384: eif.laterRamdisksSha384 });
  return { source, digest };
}
function checkPcr2(eif, customerSha384) {
  const expected = createHash11("sha384").update(Buffer.alloc(48)).update(Buffer.from(customerSha384, "hex")).digest("hex");
  if (eif.pcrs.PCR2 !== expected) {
    throw new VerificationError(`internal check failed: PCR2 ${eif.pcrs.PCR2} is not the measurement of the customer ramdisk written (${expected})`);
  }
}
function measurementsOf(options, p, eif, bootstrap, customer) {
  return {
    schema: MEASUREMENTS_SCHEMA,
    pcrs: eif.pcrs,
    os_image_hash: osImageHash(eif.pcrs),
    eif: { size: eif.size, sha256: eif.sha256, sha384: eif.sha384, arch: p.arch },
    image: {
      manifest_digest: p.image.manifestDigest ?? null,
      config_digest: p.image.configDigest,
      platform: p.image.platform,
      layers: p.image.layers
    },
    blobs: {
      set: p.blobs.recognisedSet ?? null,
      sha384: blobHashes(p.blobs),
      cmdline: p.blobs.cmdlineText,
      kernel: { os: p.blobs.kernelInfo.os, version: p.blobs.kernelInfo.version }
    },
    ramdisks: { bootstrap, customer },
    builder: { name: BUILDER_NAME, version: BUILDER_VERSION },
    source_date_epoch: options.sourceDateEpoch,
    dstack_util: options.dstackUtilSha256 ? { sha256: options.dstackUtilSha256 } : null
  };
}

export {
  knownBlobSets,
  pinMismatch,
  DEFAULT_BLOBS_DIR,
  MAX_BLOB_SIZE,
  loadBlobs,
  readBlobLock,
  blobReport,
  proxyFetchFromEnv,
  parseSourceDateEpoch,
  parseCustomMetadata,
  renderMeasurements,
  nitroCliMeasurements,
  DEFAULT_MAX_ROOTFS_SIZE,
  parseByteSize,
  LAYER_MEDIA_TYPES,
  parseConfig,
  platformString,
  WorkerHash,
  MAX_META_SIZE2 as MAX_META_SIZE,
  checkChecksum2 as checkChecksum,
  parseNumeric,
  require_tar_stream,
  RangeDigester,
  buildEnclave,
  diffManifests,
  describeChange,
  describeChanges,
  looksLikeManifest,
  openManifest,
  fileSha256,
  copyManifest,
  readStart
};
