import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  info
} from "./chunk-7LDYMKDP.js";
import {
  writeFileAtomic
} from "./chunk-Q2QJWHCS.js";
import {
  cleanUpOnInterrupt,
  stopOnInterrupt
} from "./chunk-QJ5IRQWN.js";
import {
  FormatError,
  UserError,
  openRegularFile,
  quoted
} from "./chunk-RTQBJXC4.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-KLP3XVX2.js";

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
    var Readable = class _Readable extends Stream {
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
        const out = new PassThrough3(opts);
        fn().then((src) => {
          if (src === null) return out.end();
          if (out.destroying) return;
          pipeline3(src, out, noop);
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
            return new Promise(function(resolve2, reject) {
              promiseResolve = resolve2;
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
          return new Promise((resolve2, reject) => {
            if (stream._duplexState & DESTROYED) return resolve2({ value: void 0, done: true });
            stream.once("close", function() {
              if (err) reject(err);
              else resolve2({ value: void 0, done: true });
            });
          });
        }
      }
    };
    var Writable2 = class extends Stream {
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
        return new Promise((resolve2) => {
          state.drains.push({ writes, resolve: resolve2 });
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
    var Duplex = class extends Readable {
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
    var PassThrough3 = class extends Transform3 {
    };
    function transformAfterFlush(err, data) {
      const cb = this._transformState.afterFinal;
      if (err) return cb(err);
      if (data !== null && data !== void 0) this.push(data);
      this.push(null);
      cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve2, reject) => {
        return pipeline3(...streams, (err) => {
          if (err) return reject(err);
          resolve2();
        });
      });
    }
    function pipeline3(stream, ...streams) {
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
      return s._writev !== Writable2.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline3,
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
      Writable: Writable2,
      Readable,
      Duplex,
      Transform: Transform3,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough: PassThrough3
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a();
    var ZEROS = "0000000000000000000";
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
      return ZEROS.slice(0, n - val.length) + val + " ";
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
    var { Writable: Writable2, Readable, getStreamError } = require_streamx();
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
    var Source = class extends Readable {
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
    var Extract = class extends Writable2 {
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
        const extract2 = this;
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
        function onnext(resolve2, reject) {
          if (error) {
            return reject(error);
          }
          if (entryStream) {
            resolve2({ value: entryStream, done: false });
            entryStream = null;
            return;
          }
          promiseResolve = resolve2;
          promiseReject = reject;
          consumeCallback(null);
          if (extract2._finished && promiseResolve) {
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
          extract2.destroy(err);
          consumeCallback(err);
          return new Promise((resolve2, reject) => {
            if (extract2.destroyed) return resolve2({ value: void 0, done: true });
            extract2.once("close", function() {
              if (err) reject(err);
              else resolve2({ value: void 0, done: true });
            });
          });
        }
      }
    };
    module.exports = function extract2(opts) {
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
    var { Readable, Writable: Writable2, getStreamError } = require_streamx();
    var b4a = require_b4a();
    var constants2 = require_constants();
    var headers = require_headers();
    var DMODE = 493;
    var FMODE = 420;
    var END_OF_TAR = b4a.alloc(1024);
    var Sink = class extends Writable2 {
      constructor(pack2, header, callback) {
        super({ mapWritable, eagerOpen: true });
        this.written = 0;
        this.header = header;
        this._callback = callback;
        this._linkname = null;
        this._isLinkname = header.type === "symlink" && !header.linkname;
        this._isVoid = header.type !== "file" && header.type !== "contiguous-file";
        this._finished = false;
        this._pack = pack2;
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
    var Pack = class extends Readable {
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
    module.exports = function pack2(opts) {
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

// src/build/docker-build.ts
import { spawn } from "node:child_process";
function planDockerBuild(options) {
  const args = ["buildx", "build", "--file", options.file];
  if ("ociLayout" in options.output) {
    if (/[",]/.test(options.output.ociLayout)) {
      throw new UserError(`output path ${JSON.stringify(options.output.ociLayout)} must not contain a comma or a quote`);
    }
    args.push("--output", `type=oci,tar=false,dest=${options.output.ociLayout},compression=uncompressed`);
  } else {
    if (!/^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9_.-]+$/.test(options.output.imageName)) throw new Error(`internal: image name ${options.output.imageName}`);
    args.push("--output", "type=tar,dest=-,source-date-epoch=");
    args.push("--output", `type=image,name=${options.output.imageName},compression=uncompressed`);
  }
  args.push("--provenance=false", "--sbom=false");
  if (options.noCache) args.push("--no-cache");
  if (options.platform) args.push("--platform", options.platform);
  if (options.target) args.push("--target", options.target);
  if (options.network) args.push("--network", options.network);
  for (const [name, value] of Object.entries(options.buildArgs)) args.push("--build-arg", `${name}=${value}`);
  if (options.dstackUtilDir) args.push("--build-context", `dstack-util=${options.dstackUtilDir}`);
  args.push(options.context);
  return { command: "docker", args, env: { SOURCE_DATE_EPOCH: String(options.sourceDateEpoch) } };
}
async function runProcess(plan, options) {
  const child = spawn(plan.command, [...plan.args], {
    env: { ...options.env, ...plan.env },
    cwd: options.cwd,
    stdio: [options.stdin ? "pipe" : "ignore", "pipe", "pipe"],
    detached: true
  });
  stopOnInterrupt(child);
  let inputError;
  if (options.stdin && child.stdin) {
    child.stdin.on("error", () => void 0);
    options.stdin.once("error", (error) => {
      inputError = error;
      child.kill();
    });
    options.stdin.pipe(child.stdin);
  }
  let stdout = "";
  let tail = "";
  const take = (isStdout) => (chunk) => {
    const text = chunk.toString("utf8");
    if (isStdout) stdout += text;
    tail = (tail + text).slice(-4e3);
    options.onOutput?.(text);
  };
  child.stdout.on("data", take(true));
  child.stderr.on("data", take(false));
  const code = await new Promise((resolve2, reject) => {
    child.once("error", reject);
    child.once("close", resolve2);
  }).catch((error) => {
    throw new UserError(`cannot run ${plan.command}: ${error.message}`, { code: "external", cause: error });
  });
  if (inputError) throw new UserError(`${plan.command} ${plan.args.slice(0, 2).join(" ")}: cannot feed its input: ${inputError.message}`, { cause: inputError });
  if (code !== 0) {
    const last = tail.trim().split("\n").slice(-5).join(" | ");
    throw new UserError(`${plan.command} ${plan.args.slice(0, 2).join(" ")} failed (exit ${code}): ${last}`, { code: "external" });
  }
  return stdout;
}
function startStreamingProcess(plan, options) {
  const child = spawn(plan.command, [...plan.args], {
    env: { ...options.env, ...plan.env },
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true
  });
  stopOnInterrupt(child);
  let tail = "";
  let ended = false;
  child.stdout.once("end", () => {
    ended = true;
  });
  child.stderr.on("data", (chunk) => {
    const text = chunk.toString("utf8");
    tail = (tail + text).slice(-4e3);
    options.onOutput?.(text);
  });
  const exited = new Promise((resolve2, reject) => {
    child.once("error", reject);
    child.once("close", resolve2);
  }).then((code) => {
    if (code === 0) return;
    const last = tail.trim().split("\n").slice(-5).join(" | ");
    throw new UserError(`${plan.command} ${plan.args.slice(0, 2).join(" ")} failed (exit ${code ?? "signal"}): ${last}`, { code: "external" });
  }, (error) => {
    throw new UserError(`cannot run ${plan.command}: ${error.message}`, { code: "external", cause: error });
  });
  exited.catch(() => void 0);
  const stop = () => {
    child.stdout.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
    }
  };
  return { stdout: child.stdout, exited, stdoutEnded: () => ended, stop };
}
async function requireBuildx(options) {
  const problem = await runProcess({ command: "docker", args: ["buildx", "version"], env: {} }, options).then(
    () => void 0,
    (error) => error.message
  );
  if (problem === void 0) return;
  const said = problem.replace(/^docker buildx version failed \(exit \d+\): /, "").split(" | ")[0];
  if (problem.startsWith("cannot run docker")) {
    throw new UserError(`docker is not installed or not on PATH (${problem}); building the image needs Docker with buildx`, { code: "unsupported" });
  }
  throw new UserError(`docker buildx is not available (${said}); install Docker's buildx plugin (BuildKit 0.13 or later), e.g. with docker/setup-buildx-action`, { code: "unsupported" });
}
function hasTargetRunSteps(dockerfile) {
  let native = false;
  for (const line of dockerfile.split(/\r?\n/)) {
    const from = /^\s*FROM\s+(.*)$/i.exec(line);
    if (from) native = /--platform=\$\{?BUILDPLATFORM\}?(\s|$)/.test(from[1]);
    else if (/^\s*RUN(\s|$)/i.test(line) && !native) return true;
  }
  return false;
}
var EMULATOR = {
  "linux/arm64": { goArch: "arm64", handler: /aarch64|arm64/i, runner: "ubuntu-24.04-arm" },
  "linux/amd64": { goArch: "x64", handler: /x86_64|x86-64|amd64/i, runner: "ubuntu-latest" }
};
function emulationProblem(options) {
  const target = EMULATOR[options.platform];
  if (!target || target.goArch === options.hostArch || !hasTargetRunSteps(options.dockerfile)) return void 0;
  if (options.binfmt.some((h) => h.enabled && target.handler.test(h.name))) return void 0;
  return `${options.platform} on this ${options.hostArch} runner: the Dockerfile's RUN steps need QEMU, and binfmt_misc has no ${options.platform.split("/")[1]} handler; add a step \`uses: docker/setup-qemu-action@v3\` before this one, or run on ${target.runner}`;
}

// src/action/build-image.ts
import { readdir, readFile as readFile2 } from "node:fs/promises";

// src/build/image-build.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir2, rm as rm3 } from "node:fs/promises";
import { join as join3, resolve } from "node:path";

// src/image/append-layer.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
var tar = __toESM(require_tar_stream(), 1);
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
var JSON_LIMIT = 4 * 1024 * 1024;
var INDEX_TYPES = /* @__PURE__ */ new Set(["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]);
var LAYER_TYPE = {
  "application/vnd.docker.distribution.manifest.v2+json": "application/vnd.docker.image.rootfs.diff.tar"
};
async function appendFileLayerInLayout(options) {
  const small = await readLayoutDocuments(options.layoutDir);
  const blobs = join(options.layoutDir, "blobs", "sha256");
  const layerTemp = join(blobs, ".nitro-eif-layer.tmp");
  try {
    const layer = await writeLayer(options, layerTemp);
    const plan = planRewrite(small, { ...options, archivePath: options.layoutDir }, layer);
    await rename(layerTemp, join(options.layoutDir, blobName(layer.digest)));
    await writeLayoutEdit(options.layoutDir, plan);
    return { manifestDigest: plan.manifestDigest, layerDigest: layer.digest };
  } finally {
    await rm(layerTemp, { force: true });
  }
}
async function readImageDigest(archivePath) {
  const small = (await stat(archivePath)).isDirectory() ? await readLayoutDocuments(archivePath) : await readSmallEntries(archivePath);
  const index = parseJson(small, "index.json", archivePath);
  const top = single(index.manifests, archivePath, "index.json");
  if (!INDEX_TYPES.has(top.mediaType ?? "")) return top.digest;
  const nested = parseJson(small, blobName(top.digest), archivePath);
  return single(nested.manifests, archivePath, blobName(top.digest)).digest;
}
async function readSmallEntries(archivePath) {
  const small = /* @__PURE__ */ new Map();
  const extract2 = tar.extract();
  const done = pipeline(createReadStream(archivePath), extract2);
  for await (const entry of extract2) {
    const name = normalize(entry.header.name);
    if (entry.header.type === "file" && (entry.header.size ?? 0) <= JSON_LIMIT) {
      const chunks = [];
      for await (const chunk of entry) chunks.push(chunk);
      small.set(name, Buffer.concat(chunks));
    } else {
      entry.resume();
    }
  }
  await done;
  return small;
}
async function readLayoutDocuments(dir) {
  const small = /* @__PURE__ */ new Map();
  const load = async (name) => {
    const path = join(dir, name);
    const info2 = await lstat(path).catch(() => void 0);
    if (!info2) throw new FormatError(`${dir}: ${name} is missing`);
    if (!info2.isFile() || info2.size > JSON_LIMIT) throw new FormatError(`${dir}: ${name} is not a regular file of at most ${JSON_LIMIT} bytes`);
    const data = await readFile(path);
    small.set(name, data);
    return parseJson(small, name, dir);
  };
  const index = await load("index.json");
  const top = single(index.manifests, dir, "index.json");
  const document = await load(blobName(top.digest));
  const manifest = INDEX_TYPES.has(top.mediaType ?? "") ? await load(blobName(single(document.manifests, dir, blobName(top.digest)).digest)) : document;
  if (manifest.config?.digest) await load(blobName(manifest.config.digest));
  return small;
}
function normalize(name) {
  return name.replace(/^\.\//, "");
}
async function writeLayer(options, layerPath) {
  if (!options.targetPath.startsWith("/") || options.targetPath.split("/").some((p) => p === ".." || p === ".")) {
    throw new UserError(`target path ${JSON.stringify(options.targetPath)} must be absolute, without . or ..`);
  }
  const { size } = await stat(options.sourcePath);
  const mtime = new Date(options.mtime * 1e3);
  const owner = { uid: 0, gid: 0, uname: "", gname: "", mtime };
  const pack2 = tar.pack();
  const hash = createHash("sha256");
  let written = 0;
  const meter = new PassThrough().on("data", (chunk) => {
    hash.update(chunk);
    written += chunk.length;
  });
  const done = pipeline(pack2, meter, createWriteStream(layerPath));
  const parts = options.targetPath.slice(1).split("/");
  for (let i = 1; i < parts.length; i++) {
    pack2.entry({ ...owner, name: `${parts.slice(0, i).join("/")}/`, type: "directory", mode: 493 });
  }
  const sink = pack2.entry({ ...owner, name: parts.join("/"), type: "file", size, mode: options.mode ?? 493 });
  await pipeline(createReadStream(options.sourcePath), sink);
  pack2.finalize();
  await done;
  return { digest: `sha256:${hash.digest("hex")}`, size: written };
}
function planRewrite(small, options, layer) {
  let layerDesc;
  const plan = planImageEdit(small, options.archivePath, (manifest, config) => {
    config.rootfs.diff_ids.push(layer.digest);
    config.history = [...config.history ?? [], {
      created: new Date(options.mtime * 1e3).toISOString().replace(".000Z", "Z"),
      created_by: `nitro-eif-build: add ${options.targetPath}`
    }];
    layerDesc = { mediaType: LAYER_TYPE[manifest.mediaType ?? ""] ?? "application/vnd.oci.image.layer.v1.tar", digest: layer.digest, size: layer.size };
    manifest.layers = [...manifest.layers, layerDesc];
  });
  return { ...plan, layer: layerDesc };
}
function imageDocuments(small, archive) {
  const index = parseJson(small, "index.json", archive);
  const top = single(index.manifests, archive, "index.json");
  const nested = INDEX_TYPES.has(top.mediaType ?? "") ? parseJson(small, blobName(top.digest), archive) : void 0;
  const manifestDesc = nested ? single(nested.manifests, archive, blobName(top.digest)) : top;
  const manifest = parseJson(small, blobName(manifestDesc.digest), archive);
  const config = parseJson(small, blobName(manifest.config.digest), archive);
  if (!Array.isArray(config.rootfs?.diff_ids) || !Array.isArray(manifest.layers)) throw new FormatError(`${archive}: image config has no rootfs.diff_ids`);
  return { manifest, config };
}
function planImageEdit(small, archive, edit) {
  const index = parseJson(small, "index.json", archive);
  const top = single(index.manifests, archive, "index.json");
  const drop = /* @__PURE__ */ new Set();
  const blobs = [];
  const nested = INDEX_TYPES.has(top.mediaType ?? "") ? parseJson(small, blobName(top.digest), archive) : void 0;
  const manifestDesc = nested ? single(nested.manifests, archive, blobName(top.digest)) : top;
  const { manifest, config } = imageDocuments(small, archive);
  const originalConfig = small.get(blobName(manifest.config.digest));
  drop.add(blobName(manifestDesc.digest)).add(blobName(manifest.config.digest));
  edit(manifest, config);
  const configBlob = blob(goJson(config, originalConfig));
  manifest.config = { ...manifest.config, digest: configBlob.digest, size: configBlob.size };
  const manifestBlob = blob(goJson(manifest, small.get(blobName(manifestDesc.digest))));
  blobs.push(configBlob.entry, manifestBlob.entry);
  const replaced = { ...manifestDesc, digest: manifestBlob.digest, size: manifestBlob.size };
  if (nested) {
    nested.manifests = [replaced];
    const nestedBlob = blob(goJson(nested, small.get(blobName(top.digest))));
    drop.add(blobName(top.digest));
    blobs.push(nestedBlob.entry);
    index.manifests = [{ ...top, digest: nestedBlob.digest, size: nestedBlob.size }];
  } else {
    index.manifests = [replaced];
  }
  for (const b of blobs) drop.delete(b.name);
  return { manifestDigest: manifestBlob.digest, index: goJson(index, small.get("index.json")), drop, blobs };
}
async function writeLayoutEdit(layoutDir, plan) {
  for (const b of plan.blobs) await writeFile(join(layoutDir, b.name), b.data);
  await writeFileAtomic(join(layoutDir, "index.json"), plan.index);
  for (const name of plan.drop) await rm(join(layoutDir, name), { force: true });
}
function goJson(value, original) {
  const indent = original ? /^\{\n( +)"/.exec(original.toString("latin1", 0, 64))?.[1] : void 0;
  const text = JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return Buffer.from(text);
}
function blob(data) {
  const digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
  return { digest, size: data.length, entry: { name: blobName(digest), data } };
}
function blobName(digest) {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!m) throw new FormatError(`unsupported digest ${JSON.stringify(digest)} (only sha256)`);
  return `blobs/sha256/${m[1]}`;
}
function single(list, archive, where) {
  if (!Array.isArray(list) || list.length !== 1) {
    throw new UserError(`${archive}: ${where} must list exactly one image (got ${list?.length ?? 0}); build a single platform`);
  }
  return list[0];
}
function parseJson(small, name, archive) {
  const data = small.get(name);
  if (!data) throw new FormatError(`${archive}: ${name} is missing`);
  try {
    return JSON.parse(data.toString("utf8"));
  } catch (error) {
    throw new FormatError(`${archive}: ${name} is not valid JSON`, { cause: error });
  }
}

// src/image/clamp-layout.ts
import { constants, createReadStream as createReadStream2 } from "node:fs";
import { chmod, copyFile, lstat as lstat2, open, rename as rename2, rm as rm2 } from "node:fs/promises";
import { join as join2 } from "node:path";
import { PassThrough as PassThrough2, Transform as Transform2, Writable } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";
import * as zlib from "node:zlib";

// src/io/range-digest.ts
import { Worker } from "node:worker_threads";
var WORKER_CODE = `
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
    const worker = new Worker(WORKER_CODE, { eval: true, resourceLimits });
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
      const result = new Promise((resolve2, reject) => this.#pending.set(id, { resolve: resolve2, reject }));
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

// src/io/worker-hash.ts
import { Worker as Worker2 } from "node:worker_threads";
var MAX_IN_FLIGHT = 4;
var WORKER_CODE2 = `
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
    this.#worker = new Worker2(WORKER_CODE2, { eval: true, workerData: algorithm, resourceLimits });
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
      while (this.#inFlight >= MAX_IN_FLIGHT && !this.#failure) await new Promise((resolve2) => this.#waiting = resolve2);
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
    const result = new Promise((resolve2, reject) => this.#digest = { resolve: resolve2, reject });
    this.#worker.postMessage(null);
    return result;
  }
  /** Stops the worker; never throws. */
  async close() {
    this.#free.length = 0;
    await this.#worker.terminate().catch(() => void 0);
  }
};

// src/image/tar-check.ts
import { Transform } from "node:stream";
var BLOCK = 512;
var MAX_META_SIZE = 1 << 20;
var MAX_NAME_COMPONENT = 255;
var MAX_PATH = 4096;
var MAX_ID = 4294967295;
var TYPES = {
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
  #header = Buffer.alloc(BLOCK);
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
        if (this.#headerFilled === 0 && chunk.length - pos >= BLOCK) {
          block = chunk.subarray(pos, pos + BLOCK);
          pos += BLOCK;
        } else {
          const n = Math.min(BLOCK - this.#headerFilled, chunk.length - pos);
          chunk.copy(this.#header, this.#headerFilled, pos, pos + n);
          this.#headerFilled += n;
          pos += n;
          if (this.#headerFilled < BLOCK) continue;
          this.#headerFilled = 0;
          block = this.#header;
        }
        const at = this.#offset + pos - BLOCK;
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
    checkChecksum(block, () => this.#fail(void 0, at, "bad header checksum"));
    const ustar = block.toString("latin1", 257, 265);
    const isUstar = ustar === "ustar\x0000";
    if (!isUstar && ustar !== "ustar  \0") throw this.#fail(void 0, at, "not a ustar, PAX or GNU tar header");
    const flag = String.fromCharCode(block[156]);
    const fieldName = cString(block, 0, 100);
    const name = isUstar && block[345] !== 0 ? `${cString(block, 345, 155)}/${fieldName}` : fieldName;
    const num = (offset, length, what) => parseNumeric(block, offset, length, (why) => this.#fail(this.#pending.gnuName ?? name, at, `${what} field ${why}`));
    const size = num(124, 12, "size");
    if (size < 0) throw this.#fail(this.#pending.gnuName ?? name, at, `negative size (${size})`);
    if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
      if (size > MAX_META_SIZE) throw this.#fail(name, at, `extended header of ${size} bytes (at most ${MAX_META_SIZE})`);
      this.#state = { kind: "meta", type: flag, record: Buffer.alloc(size), filled: 0, padding: padding(size) };
      if (size === 0) this.#meta(flag, Buffer.alloc(0));
      return;
    }
    this.#entry(block, at, flag, name, size, num);
  }
  /** An extended header's content, complete. */
  #meta(type, record) {
    this.#state = { kind: "header" };
    if (type === "L") this.#pending.gnuName = cString(record, 0, record.length);
    else if (type === "K") this.#pending.gnuLink = cString(record, 0, record.length);
    else if (type === "g") parsePax(record, (why) => this.#fail(void 0, this.#offset, `global PAX header: ${why}`));
    else this.#pending.pax = parsePax(record, (why) => this.#fail(void 0, this.#offset, `PAX header: ${why}`));
  }
  #entry(block, at, flag, headerName, headerSize, num) {
    const { pax, gnuName, gnuLink } = this.#pending;
    this.#pending = {};
    const name = gnuName ?? pax?.get("path") ?? headerName;
    const linkname = gnuLink ?? pax?.get("linkpath") ?? cString(block, 157, 100);
    const fail = (what) => this.#fail(name, at, what);
    let type = TYPES[flag];
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
      if (id < 0 || id > MAX_ID) throw fail(`${what} ${id} is outside 0..${MAX_ID}`);
    }
    const mode = num(100, 8, "mode");
    if (mode < 0) throw fail(`negative mode (${mode})`);
    const mtime = paxTime(pax?.get("mtime"), fail) ?? num(136, 12, "mtime");
    const devmajor = type === "char" || type === "block" ? num(329, 8, "devmajor") : 0;
    const devminor = type === "char" || type === "block" ? num(337, 8, "devminor") : 0;
    if (devmajor < 0 || devminor < 0 || devmajor > MAX_ID || devminor > MAX_ID) throw fail(`device number ${devmajor},${devminor} out of range`);
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
  for (let i = 0; i < BLOCK; i += 1) if (block[i] !== 0) return false;
  return true;
}
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function cString(buf, offset, length) {
  const end = buf.indexOf(0, offset);
  return buf.toString("latin1", offset, end < 0 || end > offset + length ? offset + length : end);
}
function checkChecksum(block, fail) {
  let pairs = 0;
  for (let i = 0; i < BLOCK; i += 4) {
    if (i === 148 || i === 152) continue;
    const word = block.readUInt32LE(i);
    pairs += (word & 16711935) + (word >>> 8 & 16711935);
  }
  const unsigned = (pairs & 65535) + Math.floor(pairs / 65536) + 8 * 32;
  const stored = parseOctal(block, 148, 8);
  if (stored === unsigned) return;
  let signed = 8 * 32;
  for (let i = 0; i < BLOCK; i += 1) {
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

// src/image/mtime-clamp.ts
var BLOCK2 = 512;
var MTIME = 136;
var MTIME_LENGTH = 12;
var CHECKSUM = 148;
var KNOWN_TYPES = /* @__PURE__ */ new Set(["0", "\0", "7", "1", "2", "3", "4", "5", "6", "x", "g", "L", "K"]);
var MtimeClamp = class {
  #epoch;
  #layer;
  #state = { kind: "header" };
  #offset = 0;
  #zeroBlocks = 0;
  /** Data size the next entry's PAX record gives (it overrides the header's). */
  #paxSize;
  /** Headers and PAX records rewritten so far. */
  clamped = 0;
  /** `layer` names the archive in errors; `epoch` is SOURCE_DATE_EPOCH in seconds. */
  constructor(layer, epoch) {
    if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch > 8589934591) throw new RangeError(`epoch ${epoch} out of range`);
    this.#layer = layer;
    this.#epoch = epoch;
  }
  /** Whether the end-of-archive marker has been read (later bytes are not looked at). */
  get ended() {
    return this.#state.kind === "end";
  }
  /**
   * Patches the header blocks of `chunk` (the archive's next bytes, starting at a block boundary
   * unless the previous chunk ended inside an entry's data) in place. Returns whether the chunk
   * changed, and the PAX patches completed in it (they may lie in earlier chunks).
   */
  push(chunk) {
    let changed = false;
    const patches = [];
    let pos = 0;
    while (pos < chunk.length) {
      const state = this.#state;
      if (state.kind === "end") break;
      if (state.kind === "skip") {
        const n = Math.min(state.left, chunk.length - pos);
        state.left -= n;
        pos += n;
        if (state.left === 0) this.#state = { kind: "header" };
        continue;
      }
      if (state.kind === "pax") {
        const n = Math.min(state.record.length + state.padding - state.filled, chunk.length - pos);
        const copy = Math.min(n, state.record.length - state.filled);
        if (copy > 0) chunk.copy(state.record, state.filled, pos, pos + copy);
        state.filled += n;
        pos += n;
        if (state.filled === state.record.length + state.padding) {
          this.#state = { kind: "header" };
          const patch = this.#paxRecord(state.record, state.start, state.global);
          if (patch) patches.push(patch);
        }
        continue;
      }
      const at = this.#offset + pos;
      if (at % BLOCK2 !== 0 || chunk.length - pos < BLOCK2) {
        throw new Error(`internal: chunk does not hold the whole header block at byte ${at}`);
      }
      if (this.#header(chunk.subarray(pos, pos + BLOCK2), at)) changed = true;
      pos += BLOCK2;
    }
    this.#offset += chunk.length;
    return { changed, patches };
  }
  /** Throws unless the archive ended at a header boundary (as tar-check.ts requires). */
  finish() {
    const state = this.#state;
    if (state.kind === "skip" || state.kind === "pax") throw this.#fail(this.#offset, "the archive ends in the middle of an entry");
  }
  #fail(at, what) {
    return new FormatError(`layer ${this.#layer}: tar header at byte ${at}: ${what}`);
  }
  /** One header block; true when it was rewritten. */
  #header(block, at) {
    if (isZero2(block)) {
      this.#zeroBlocks += 1;
      if (this.#zeroBlocks === 2) this.#state = { kind: "end" };
      return false;
    }
    if (this.#zeroBlocks > 0) throw this.#fail(at, "a header follows a single zero block (the end-of-archive marker is two)");
    const magic = block.toString("latin1", 257, 265);
    if (magic !== "ustar\x0000" && magic !== "ustar  \0") throw this.#fail(at, "not a ustar, PAX or GNU tar header");
    const flag = String.fromCharCode(block[156]);
    if (!KNOWN_TYPES.has(flag)) throw this.#fail(at, `unsupported tar entry type ${JSON.stringify(flag)}`);
    const num = (offset, length, what) => parseNumeric(block, offset, length, (why) => this.#fail(at, `${what} field ${why}`));
    const headerSize = num(124, 12, "size");
    if (headerSize < 0) throw this.#fail(at, `negative size (${headerSize})`);
    let changed = false;
    const mtime = num(MTIME, MTIME_LENGTH, "mtime");
    if (mtime > this.#epoch) {
      checkChecksum(block, () => this.#fail(at, "bad header checksum"));
      writeOctal(block, MTIME, MTIME_LENGTH, this.#epoch);
      writeChecksum(block);
      this.clamped += 1;
      changed = true;
    }
    if (flag === "x" || flag === "g") {
      if (headerSize > MAX_META_SIZE) throw this.#fail(at, `extended header of ${headerSize} bytes (at most ${MAX_META_SIZE})`);
      if (flag === "x") checkChecksum(block, () => this.#fail(at, "bad header checksum"));
      this.#state = { kind: "pax", record: Buffer.alloc(headerSize), start: at + BLOCK2, filled: 0, padding: padding2(headerSize), global: flag === "g" };
      if (headerSize === 0) this.#state = { kind: "header" };
      return changed;
    }
    const size = flag === "L" || flag === "K" ? headerSize : this.#paxSize ?? headerSize;
    if (flag !== "L" && flag !== "K") this.#paxSize = void 0;
    const skip = flag === "0" || flag === "\0" || flag === "7" || flag === "L" || flag === "K" ? size + padding2(size) : 0;
    if (!Number.isSafeInteger(skip)) throw this.#fail(at, `size ${size} is too large`);
    if (skip > 0) this.#state = { kind: "skip", left: skip };
    return changed;
  }
  /** A complete PAX record: remembers `size`, returns the patch of an `mtime` after the epoch. */
  #paxRecord(record, start, global2) {
    let pos = 0;
    let patch;
    while (pos < record.length) {
      const space = record.indexOf(32, pos);
      const lengthText = space < 0 ? "" : record.toString("latin1", pos, space);
      if (!/^\d{1,7}$/.test(lengthText)) throw this.#fail(start - BLOCK2, `PAX record at byte ${pos} has an unreadable length`);
      const end = pos + Number(lengthText);
      if (end > record.length || end <= space + 1 || record[end - 1] !== 10) throw this.#fail(start - BLOCK2, `PAX record at byte ${pos} is malformed`);
      const body = record.toString("latin1", space + 1, end - 1);
      const eq = body.indexOf("=");
      const key = eq < 0 ? body : body.slice(0, eq);
      const value = eq < 0 ? "" : body.slice(eq + 1);
      if (key === "size" && !global2) {
        if (!/^\d{1,15}$/.test(value)) throw this.#fail(start - BLOCK2, `PAX size ${JSON.stringify(value.slice(0, 40))} is not a non-negative decimal number`);
        this.#paxSize = Number(value);
      } else if (key === "mtime") {
        const replacement = clampedPaxTime(value, this.#epoch);
        if (replacement !== void 0) {
          const offset = start + space + 1 + eq + 1;
          const bytes = Buffer.from(replacement, "latin1");
          bytes.copy(record, space + 1 + eq + 1);
          patch = { offset, bytes };
          this.clamped += 1;
        }
      }
      pos = end;
    }
    return patch;
  }
};
function clampedPaxTime(value, epoch) {
  const match = /^(\d{1,15})(?:\.(\d*))?$/.exec(value);
  if (!match) return void 0;
  const whole = Number(match[1]);
  const fraction = match[2];
  const after = whole > epoch || whole === epoch && /[1-9]/.test(fraction ?? "");
  if (!after) return void 0;
  const seconds = String(epoch).padStart(match[1].length, "0");
  return fraction === void 0 ? seconds : `${seconds}.${"0".repeat(fraction.length)}`;
}
function isZero2(block) {
  for (let i = 0; i < BLOCK2; i += 4) if (block.readUInt32LE(i) !== 0) return false;
  return true;
}
function padding2(size) {
  return (BLOCK2 - size % BLOCK2) % BLOCK2;
}
function writeOctal(block, offset, length, value) {
  block.write(value.toString(8).padStart(length - 1, "0"), offset, length - 1, "latin1");
  block[offset + length - 1] = 0;
}
function writeChecksum(block) {
  let unsigned = 8 * 32;
  for (let i = 0; i < BLOCK2; i += 1) if (i < CHECKSUM || i >= CHECKSUM + 8) unsigned += block[i];
  block.write(unsigned.toString(8).padStart(6, "0"), CHECKSUM, 6, "latin1");
  block[CHECKSUM + 6] = 0;
  block[CHECKSUM + 7] = 32;
}

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
function parseJson2(bytes, what) {
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

// src/image/clamp-layout.ts
var CHUNK = 1 << 20;
var REWRITTEN_ANNOTATION = "buildkit/rewritten-timestamp";
var UNCOMPRESSED = {
  "application/vnd.oci.image.layer.v1.tar+gzip": "application/vnd.oci.image.layer.v1.tar",
  "application/vnd.oci.image.layer.v1.tar+zstd": "application/vnd.oci.image.layer.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip": "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd": "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.docker.image.rootfs.diff.tar.gzip": "application/vnd.docker.image.rootfs.diff.tar",
  "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip": "application/vnd.docker.image.rootfs.foreign.diff.tar"
};
async function clampLayoutMtimes(options) {
  const { layoutDir } = options;
  const small = await readLayoutDocuments(layoutDir);
  const { manifest, config } = imageDocuments(small, layoutDir);
  if (manifest.layers.length !== config.rootfs.diff_ids.length) {
    throw new FormatError(`${layoutDir}: the manifest lists ${manifest.layers.length} layers, the config ${config.rootfs.diff_ids.length} diff_ids`);
  }
  const outcomes = /* @__PURE__ */ new Map();
  let timestampsClamped = 0;
  for (const [i, layer] of manifest.layers.entries()) {
    if (outcomes.has(layer.digest)) continue;
    const outcome = await clampLayer(layoutDir, layer, config.rootfs.diff_ids[i], options);
    outcomes.set(layer.digest, outcome);
    timestampsClamped += outcome.clamped;
  }
  const changed = [...outcomes.values()].filter((o) => o.replacement).length;
  if (changed === 0) return { manifestDigest: await readImageDigest(layoutDir), layersRewritten: 0, timestampsClamped };
  const plan = planImageEdit(small, layoutDir, (m, c) => {
    m.layers = m.layers.map((layer, i) => {
      const replacement = outcomes.get(layer.digest)?.replacement;
      if (!replacement) return layer;
      c.rootfs.diff_ids[i] = replacement.digest;
      const annotations = { ...replacement.annotations, [REWRITTEN_ANNOTATION]: String(options.epoch) };
      return { ...replacement, annotations };
    });
  });
  await writeLayoutEdit(layoutDir, plan);
  const kept = new Set(manifest.layers.map((layer) => outcomes.get(layer.digest)?.replacement?.digest ?? layer.digest));
  for (const [digest, outcome] of outcomes) {
    if (outcome.replacement && !kept.has(digest)) await rm2(join2(layoutDir, blobName(digest)), { force: true });
  }
  return { manifestDigest: plan.manifestDigest, layersRewritten: changed, timestampsClamped };
}
async function clampLayer(layoutDir, layer, diffId, options) {
  const compression = LAYER_MEDIA_TYPES[layer.mediaType ?? ""];
  if (compression === void 0) throw new FormatError(`${layoutDir}: layer ${layer.digest}: unsupported layer mediaType ${quoted(layer.mediaType)}`);
  const path = join2(layoutDir, blobName(layer.digest));
  if (compression === "none") {
    if (diffId !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest} is uncompressed, but the config's diff_id says ${diffId}`);
    return clampInPlace(layoutDir, path, layer, options.epoch);
  }
  return clampCompressed(layoutDir, path, layer, diffId, compression, options);
}
async function openForPatching(path, layer) {
  const info2 = await lstat2(path).catch((error) => {
    throw new FormatError(`layer ${layer.digest}: blob missing from the layout (${error.message})`, { cause: error });
  });
  if (!info2.isFile()) throw new FormatError(`layer ${layer.digest}: the blob is not a regular file`);
  if (info2.nlink > 1) {
    const copy = `${path}.nitro-eif-copy`;
    await copyFile(path, copy);
    await rename2(copy, path);
  }
  await chmod(path, 420);
  const handle = await open(path, constants.O_RDWR | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const stats = await handle.stat();
  if (!stats.isFile() || stats.size !== layer.size) {
    await handle.close();
    throw new FormatError(`layer ${layer.digest}: the blob holds ${stats.size} bytes, the manifest says ${layer.size}`);
  }
  return handle;
}
async function readFully(handle, buffer, length, position) {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}
function patchChunk(chunk, position, patches) {
  let inside = 0;
  const outside = [];
  for (const patch of patches) {
    if (patch.offset >= position && patch.offset + patch.bytes.length <= position + chunk.length) {
      patch.bytes.copy(chunk, patch.offset - position);
      inside += 1;
    } else {
      outside.push(patch);
    }
  }
  return { inside, outside };
}
async function clampInPlace(layoutDir, path, layer, epoch) {
  const handle = await openForPatching(path, layer);
  const before = new WorkerHash("sha256");
  const after = new WorkerHash("sha256");
  try {
    const clamp = new MtimeClamp(layer.digest, epoch);
    const buffer = Buffer.allocUnsafe(CHUNK);
    let lateWrites = false;
    for (let position = 0; position < layer.size; ) {
      const n = await readFully(handle, buffer, Math.min(CHUNK, layer.size - position), position);
      if (n === 0) throw new FormatError(`layer ${layer.digest}: the blob ends at byte ${position} of ${layer.size}`);
      const chunk = buffer.subarray(0, n);
      await before.update(chunk);
      if (!clamp.ended) {
        const { changed, patches } = clamp.push(chunk);
        const { inside, outside } = patchChunk(chunk, position, patches);
        if (changed || inside > 0) await handle.write(chunk, 0, n, position);
        for (const patch of outside) await handle.write(patch.bytes, 0, patch.bytes.length, patch.offset);
        if (outside.length > 0) lateWrites = true;
      }
      await after.update(chunk);
      position += n;
    }
    clamp.finish();
    const original = `sha256:${await before.digest()}`;
    if (original !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest}: the blob's sha256 is ${original}`);
    if (clamp.clamped === 0) return { clamped: 0 };
    let digest = `sha256:${await after.digest()}`;
    if (lateWrites) digest = await rehash(path, layer.size);
    await handle.close();
    const target = join2(layoutDir, blobName(digest));
    await rename2(path, target);
    return { clamped: clamp.clamped, replacement: { ...layer, digest } };
  } finally {
    await handle.close().catch(() => void 0);
    await Promise.all([before.close(), after.close()]);
  }
}
async function rehash(path, size) {
  const digester = new RangeDigester();
  try {
    return `sha256:${(await digester.digest(path, 0, size, "sha256")).digest}`;
  } finally {
    await digester.close();
  }
}
async function decompressedChunks(path, layer, compression, maxBytes, sink, blobHash) {
  const inflate = compression === "gzip" ? zlib.createGunzip({ chunkSize: 256 * 1024 }) : zstdDecompressor(layer);
  const pending = Buffer.allocUnsafe(CHUNK);
  let filled = 0;
  let position = 0;
  const flushChunk = async () => {
    const chunk = pending.subarray(0, filled);
    await sink(chunk, position);
    position += filled;
    filled = 0;
  };
  const collect = new Writable({
    write(data, _enc, cb) {
      void (async () => {
        let pos = 0;
        while (pos < data.length) {
          const n = Math.min(CHUNK - filled, data.length - pos);
          data.copy(pending, filled, pos, pos + n);
          filled += n;
          pos += n;
          if (position + filled > maxBytes) throw new UserError(`layer ${layer.digest}: expands to more than ${maxBytes} bytes`, { code: "input" });
          if (filled === CHUNK) await flushChunk();
        }
      })().then(() => cb(), cb);
    },
    final(cb) {
      (filled > 0 ? flushChunk() : Promise.resolve()).then(() => cb(), cb);
    }
  });
  const source = createReadStream2(path);
  const hashed = blobHash ? new Transform2({ transform(chunk, _enc, cb) {
    blobHash.update(chunk).then(() => cb(null, chunk), cb);
  } }) : new PassThrough2();
  await pipeline2(source, hashed, inflate, collect).catch((error) => {
    if (error instanceof UserError || error instanceof FormatError) throw error;
    throw new FormatError(`layer ${layer.digest}: cannot decompress (${error.message})`, { cause: error });
  });
}
function zstdDecompressor(layer) {
  const factory = zlib.createZstdDecompress;
  if (typeof factory !== "function") {
    throw new UserError(`layer ${layer.digest} is zstd-compressed, and this Node (${process.version}) has no zstd decompressor (Node >= 22.15)`, { code: "unsupported" });
  }
  return factory();
}
async function clampCompressed(layoutDir, path, layer, diffId, compression, options) {
  const scan = new MtimeClamp(layer.digest, options.epoch);
  await decompressedChunks(path, layer, compression, options.maxLayerBytes, async (chunk) => {
    if (!scan.ended) scan.push(chunk);
  });
  scan.finish();
  if (scan.clamped === 0) return { clamped: 0 };
  const temp = join2(layoutDir, "blobs", "sha256", ".nitro-eif-clamp.tmp");
  const out = await open(temp, "w", 420);
  const hash = new WorkerHash("sha256");
  const blobHash = new WorkerHash("sha256");
  const originalHash = new WorkerHash("sha256");
  try {
    const clamp = new MtimeClamp(layer.digest, options.epoch);
    let size = 0;
    let lateWrites = false;
    await decompressedChunks(path, layer, compression, options.maxLayerBytes, async (chunk, position) => {
      await originalHash.update(chunk);
      if (!clamp.ended) {
        const { patches } = clamp.push(chunk);
        const { outside } = patchChunk(chunk, position, patches);
        for (const patch of outside) await out.write(patch.bytes, 0, patch.bytes.length, patch.offset);
        if (outside.length > 0) lateWrites = true;
      }
      await out.write(chunk, 0, chunk.length, position);
      await hash.update(chunk);
      size = position + chunk.length;
    }, blobHash);
    clamp.finish();
    const blobDigest = `sha256:${await blobHash.digest()}`;
    if (blobDigest !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest}: the blob's sha256 is ${blobDigest}`);
    const uncompressed = `sha256:${await originalHash.digest()}`;
    if (uncompressed !== diffId) throw new FormatError(`${layoutDir}: layer ${layer.digest}: uncompressed digest is ${uncompressed}, the config's diff_id says ${diffId}`);
    let digest = `sha256:${await hash.digest()}`;
    await out.close();
    if (lateWrites) digest = await rehash(temp, size);
    await rename2(temp, join2(layoutDir, blobName(digest)));
    return { clamped: clamp.clamped, replacement: { ...layer, mediaType: UNCOMPRESSED[layer.mediaType ?? ""], digest, size } };
  } finally {
    await out.close().catch(() => void 0);
    await Promise.all([hash.close(), blobHash.close(), originalHash.close()]);
    await rm2(temp, { force: true });
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

// src/build/image-build.ts
function layerPlacement(path, sourceDateEpoch) {
  return { kind: "layer", path, mode: "0755", mtime: sourceDateEpoch };
}
function buildOptions(request, output) {
  const placement = request.dstackUtil?.placement;
  return {
    context: request.context,
    file: request.file,
    buildArgs: request.buildArgs,
    target: request.target,
    platform: request.platform,
    network: request.network === "default" ? void 0 : request.network,
    sourceDateEpoch: request.sourceDateEpoch,
    noCache: request.noCache,
    output,
    // As a build context only when the Dockerfile copies it; as a layer it is added afterwards.
    dstackUtilDir: placement?.kind === "build-context" ? request.dstackUtil.dir : void 0
  };
}
async function buildImageArchive(request) {
  const { dir } = request;
  await rm3(dir, { recursive: true, force: true });
  await mkdir2(dir, { recursive: true });
  const ociLayout = join3(dir, "image.oci");
  const placement = request.dstackUtil?.placement;
  const plan = planDockerBuild(buildOptions(request, { ociLayout: resolve(ociLayout) }));
  request.onCommand?.(`docker ${plan.args.join(" ")}`);
  await runProcess(plan, { env: request.env, cwd: request.cwd, onOutput: request.onOutput }).catch(async (error) => {
    await requireBuildx({ env: request.env, cwd: request.cwd });
    throw error;
  });
  const started = performance.now();
  const clamped = await clampLayoutMtimes({ layoutDir: ociLayout, epoch: request.sourceDateEpoch, maxLayerBytes: DEFAULT_MAX_ROOTFS_SIZE });
  request.onInfo?.(`timestamps after SOURCE_DATE_EPOCH (${request.sourceDateEpoch}) clamped: ${clamped.timestampsClamped} in ${clamped.layersRewritten} layer(s), ${((performance.now() - started) / 1e3).toFixed(1)} s`);
  if (placement?.kind !== "layer") return { dir, ociLayout, imageDigest: clamped.manifestDigest };
  const { manifestDigest } = await appendFileLayerInLayout({
    layoutDir: ociLayout,
    sourcePath: request.dstackUtil.path,
    targetPath: placement.path,
    mtime: placement.mtime,
    mode: Number.parseInt(placement.mode, 8)
  });
  return { dir, ociLayout, imageDigest: manifestDigest };
}
async function chooseImageExport(wanted, env, cwd) {
  if (wanted === "oci-layout") return wanted;
  const inspect = await runProcess({ command: "docker", args: ["buildx", "inspect"], env: {} }, { env, cwd }).catch(() => "");
  const driver = /^Driver:\s*(\S+)\s*$/m.exec(inspect)?.[1];
  if (wanted === "auto") return driver === "docker" ? "rootfs-stream" : "oci-layout";
  if (driver !== void 0 && driver !== "docker") {
    throw new UserError(`image-export rootfs-stream needs a buildx builder with the docker driver, this one's is ${driver}; use auto or oci-layout`, { code: "usage" });
  }
  return "rootfs-stream";
}
function startRootfsBuild(request) {
  const imageName = `nitro-eif-build/rootfs:${randomBytes(8).toString("hex")}`;
  const plan = planDockerBuild(buildOptions(request, { rootfsStream: true, imageName }));
  request.onCommand?.(`docker ${plan.args.join(" ")}`);
  const run = { env: request.env, cwd: request.cwd };
  const forget = cleanUpOnInterrupt(async () => {
    await runProcess({ command: "docker", args: ["image", "rm", imageName], env: {} }, run).catch(() => void 0);
  });
  const build = startStreamingProcess(plan, { ...run, onOutput: request.onOutput });
  const built = build.exited.catch(async (error) => {
    await requireBuildx(run);
    throw error;
  });
  const finished = built.then(() => engineImageConfig(imageName, run));
  finished.catch(() => void 0);
  const removed = finished.then(() => void 0, () => void 0).then(
    () => runProcess({ command: "docker", args: ["image", "rm", imageName], env: {} }, run).then(() => void 0, (error) => {
      if (!/no such image/i.test(error.message)) request.onInfo?.(`could not remove the temporary image ${imageName}: ${error.message}`);
    })
  ).finally(forget);
  const placement = request.dstackUtil?.placement;
  return {
    rootfs: {
      what: "the build's root filesystem stream",
      source: build.stdout,
      clampMtimesTo: request.sourceDateEpoch,
      ...placement?.kind === "layer" ? { extraFile: { sourcePath: request.dstackUtil.path, targetPath: placement.path, mode: Number.parseInt(placement.mode, 8), mtime: placement.mtime } } : {}
    },
    finished,
    removed,
    failure: async (graceMs) => {
      if (!build.stdoutEnded()) {
        build.stop();
        return void 0;
      }
      let timer;
      const waited = new Promise((resolve2) => {
        timer = setTimeout(() => resolve2("running"), graceMs);
      });
      const outcome = await Promise.race([build.exited.then(() => "ok", (error) => ({ error })), waited]);
      clearTimeout(timer);
      if (typeof outcome === "object") return outcome.error;
      build.stop();
      return void 0;
    }
  };
}
async function engineImageConfig(name, run) {
  const text = await runProcess({ command: "docker", args: ["image", "inspect", "--format", "{{json .}}", name], env: {} }, run);
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new FormatError(`docker image inspect ${name}: not JSON`, { cause });
  }
  const config = parseConfig({
    os: doc["Os"],
    architecture: doc["Architecture"],
    ...doc["Variant"] ? { variant: doc["Variant"] } : {},
    config: doc["Config"] ?? {},
    rootfs: { type: "layers", diff_ids: [] }
  }, `docker image inspect ${name}`);
  return {
    platform: platformString(config.platform),
    ...config.cmd ? { cmd: config.cmd } : {},
    ...config.entrypoint ? { entrypoint: config.entrypoint } : {},
    ...config.env ? { env: config.env } : {},
    ...config.workingDir ? { workingDir: config.workingDir } : {}
  };
}

// src/action/build-image.ts
function dstackUtilPlacement(inputs, sourceDateEpoch) {
  if (!inputs.dstackUtil) return void 0;
  return inputs.dstackUtil.path !== void 0 ? layerPlacement(inputs.dstackUtil.path, sourceDateEpoch) : { kind: "build-context", name: "dstack-util" };
}
async function imageBuildRequest(inputs, util, sourceDateEpoch, dir, noCache) {
  await requireEmulation(inputs);
  const placement = dstackUtilPlacement(inputs, sourceDateEpoch);
  return {
    context: inputs.context,
    file: inputs.file,
    buildArgs: inputs.buildArgs,
    target: inputs.target,
    platform: inputs.platform,
    network: inputs.network,
    sourceDateEpoch,
    dir,
    noCache,
    dstackUtil: util && placement ? { dir: util.dir, path: util.path, placement } : void 0,
    env: process.env,
    onCommand: (line) => info(line),
    onInfo: (line) => info(line),
    onOutput: (text) => process.stdout.write(text)
  };
}
async function requireEmulation(inputs) {
  if (process.platform !== "linux") return;
  const dockerfile = await readFile2(inputs.file, "utf8").catch(() => "");
  const problem = emulationProblem({ platform: inputs.platform, hostArch: process.arch, dockerfile, binfmt: await binfmtHandlers() });
  if (problem) throw new UserError(`input platform: ${problem}`, { code: "unsupported" });
}
var BINFMT_DIR = "/proc/sys/fs/binfmt_misc";
async function binfmtHandlers() {
  const names = await readdir(BINFMT_DIR).catch(() => []);
  const handlers = await Promise.all(names.filter((n) => n !== "register" && n !== "status").map(async (name) => {
    const text = await readFile2(`${BINFMT_DIR}/${name}`, "utf8").catch(() => "");
    return { name, enabled: text.startsWith("enabled") };
  }));
  return handlers;
}
async function commitTime(dir) {
  const out = await runProcess({ command: "git", args: ["log", "-1", "--format=%ct", "HEAD"], env: {} }, { env: process.env, cwd: dir }).catch((error) => {
    throw new UserError(`input source-date-epoch: not set and the commit time of HEAD is unknown (${error.message}); check out the repository or set it`, { cause: error });
  });
  const epoch = Number(out.trim());
  if (!Number.isSafeInteger(epoch) || epoch < 0) throw new UserError(`input source-date-epoch: git printed ${JSON.stringify(out.trim())} as the commit time of HEAD`);
  return epoch;
}

export {
  runProcess,
  require_tar_stream,
  RangeDigester,
  WorkerHash,
  showName,
  TarCheck,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  LAYER_MEDIA_TYPES,
  parseJson2 as parseJson,
  parseIndex,
  parseManifest,
  parseConfig,
  parseDockerManifest,
  platformString,
  DEFAULT_MAX_ROOTFS_SIZE,
  parseByteSize,
  buildImageArchive,
  chooseImageExport,
  startRootfsBuild,
  dstackUtilPlacement,
  imageBuildRequest,
  commitTime
};
