import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  normalizeOsImageHash
} from "./chunk-O6RGCKAR.js";
import {
  osImageHashOfRaw,
  parseHex
} from "./chunk-Y6ML42PT.js";
import {
  FormatError,
  MAX_JSON_BYTES,
  UserError,
  VerificationError,
  makeTempDir,
  readRegularText,
  removeTempDir
} from "./chunk-7UVRZBVQ.js";
import "./chunk-LWSQTYNC.js";

// src/governance/register.ts
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// src/governance/git.ts
import { execFile } from "node:child_process";
var DEFAULT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
var GIT_TIMEOUT_MS = 10 * 60 * 1e3;
var Git = class {
  cwd;
  #env;
  #secrets;
  constructor(cwd, options = {}) {
    this.cwd = cwd;
    const identity = options.identity ?? DEFAULT_IDENTITY;
    const env = {
      ...process.env,
      GIT_TERMINAL_PROMPT: "0",
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email
    };
    this.#secrets = [];
    const config = [["commit.gpgsign", "false"]];
    if (options.token) {
      const basic = Buffer.from(`x-access-token:${options.token}`).toString("base64");
      config.push(["http.extraheader", `AUTHORIZATION: basic ${basic}`]);
      this.#secrets.push(options.token, basic);
    }
    env["GIT_CONFIG_COUNT"] = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    this.#env = env;
  }
  /** Runs `git args…` in cwd and returns stdout; a failure is an `external` UserError. */
  run(args, options = {}) {
    return new Promise((resolve, reject) => {
      execFile("git", args, { cwd: this.cwd, env: this.#env, maxBuffer: 16 << 20, timeout: GIT_TIMEOUT_MS }, (error, stdout, stderr) => {
        const code2 = error ? typeof error.code === "number" ? error.code : 1 : 0;
        if (error && !options.allowFailure) {
          const detail = this.#mask(String(stderr || error.message).trim().split("\n").slice(-3).join(" | "));
          reject(new UserError(`git ${args[0]} failed: ${detail}`, { code: "external" }));
          return;
        }
        resolve({ code: code2, stdout: String(stdout) });
      });
    });
  }
  async out(args) {
    return (await this.run(args)).stdout.trim();
  }
  #mask(text) {
    return this.#secrets.reduce((acc, secret) => acc.split(secret).join("***"), text);
  }
};

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options) {
    options = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options) => {
      return Promise.resolve().then(orig.bind(null, options)).then(method.bind(null, options));
    };
  }
  if (kind === "after") {
    hook2 = (method, options) => {
      let result;
      return Promise.resolve().then(method.bind(null, options)).then((result_) => {
        result = result_;
        return orig(result, options);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options) => {
      return Promise.resolve().then(method.bind(null, options)).catch((error) => {
        return orig(error, options);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}
function endpointWithDefaults(defaults, route, options) {
  return parse(merge(defaults, route, options));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code2 = 128; code2 <= 255; code2++) {
  CHAR_MAP[code2] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code2 = 48; code2 <= 57; code2++) {
  CHAR_MAP[code2] |= TOKEN_FLAG;
}
for (let code2 = 65; code2 <= 90; code2++) {
  CHAR_MAP[code2] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code2 = 97; code2 <= 122; code2++) {
  CHAR_MAP[code2] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options) {
  const stopFlags = SEMI_FLAG | (options?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code2 = header.charCodeAt(index);
    const flags = CHAR_MAP[code2];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code2 & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code2 = header.charCodeAt(index);
      const flags = CHAR_MAP[code2];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code2 === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code3 = header.charCodeAt(index);
            if (code3 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code4 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code4];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code3 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code3 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code3];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code2 & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}
async function hook(token, request2, route, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token);
  return request2(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook2;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// src/governance/github.ts
var GitHubPulls = class {
  #octokit;
  constructor(options) {
    this.#octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl.replace(/\/+$/, "") });
  }
  /**
   * Creates the PR, or updates the open one from the same head branch. A concurrent run that
   * created it between the lookup and the create (HTTP 422) turns into an update.
   */
  async createOrUpdate(spec) {
    try {
      const existing = await this.#findOpen(spec);
      if (existing !== void 0) return { ...await this.#update(spec, existing), operation: "updated" };
      try {
        const created = await this.#octokit.request("POST /repos/{owner}/{repo}/pulls", {
          owner: spec.owner,
          repo: spec.repo,
          head: spec.head,
          base: spec.base,
          title: spec.title,
          body: spec.body
        });
        return { number: created.data.number, url: created.data.html_url, operation: "created" };
      } catch (error) {
        const raced = error.status === 422 ? await this.#findOpen(spec) : void 0;
        if (raced === void 0) throw error;
        return { ...await this.#update(spec, raced), operation: "updated" };
      }
    } catch (error) {
      const status = error.status;
      const message = error instanceof Error ? error.message : String(error);
      throw new UserError(`GitHub API (${spec.owner}/${spec.repo}): ${status ? `HTTP ${status}: ` : ""}${message}`, {
        code: "external",
        cause: error
      });
    }
  }
  async #findOpen(spec) {
    const open = await this.#octokit.request("GET /repos/{owner}/{repo}/pulls", {
      owner: spec.owner,
      repo: spec.repo,
      state: "open",
      head: `${spec.owner}:${spec.head}`,
      base: spec.base,
      per_page: 10
    });
    return open.data.find((pr) => pr.head.ref === spec.head)?.number;
  }
  async #update(spec, number) {
    const updated = await this.#octokit.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner: spec.owner,
      repo: spec.repo,
      pull_number: number,
      title: spec.title,
      body: spec.body
    });
    return { number: updated.data.number, url: updated.data.html_url };
  }
};

// src/governance/plan.ts
import { createHash } from "node:crypto";

// node_modules/@noble/hashes/esm/_assert.js
function anumber(n) {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error("positive integer expected, got " + n);
}
function isBytes(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array";
}
function abytes(b, ...lengths) {
  if (!isBytes(b))
    throw new Error("Uint8Array expected");
  if (lengths.length > 0 && !lengths.includes(b.length))
    throw new Error("Uint8Array expected of length " + lengths + ", got length=" + b.length);
}
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("Hash instance has been destroyed");
  if (checkFinished && instance.finished)
    throw new Error("Hash#digest() has already been called");
}
function aoutput(out, instance) {
  abytes(out);
  const min = instance.outputLen;
  if (out.length < min) {
    throw new Error("digestInto() expects output buffer of length at least " + min);
  }
}

// node_modules/@noble/hashes/esm/_u64.js
var U32_MASK64 = /* @__PURE__ */ BigInt(2 ** 32 - 1);
var _32n = /* @__PURE__ */ BigInt(32);
function fromBig(n, le = false) {
  if (le)
    return { h: Number(n & U32_MASK64), l: Number(n >> _32n & U32_MASK64) };
  return { h: Number(n >> _32n & U32_MASK64) | 0, l: Number(n & U32_MASK64) | 0 };
}
function split(lst, le = false) {
  let Ah = new Uint32Array(lst.length);
  let Al = new Uint32Array(lst.length);
  for (let i = 0; i < lst.length; i++) {
    const { h, l } = fromBig(lst[i], le);
    [Ah[i], Al[i]] = [h, l];
  }
  return [Ah, Al];
}
var rotlSH = (h, l, s) => h << s | l >>> 32 - s;
var rotlSL = (h, l, s) => l << s | h >>> 32 - s;
var rotlBH = (h, l, s) => l << s - 32 | h >>> 64 - s;
var rotlBL = (h, l, s) => h << s - 32 | l >>> 64 - s;

// node_modules/@noble/hashes/esm/utils.js
function u32(arr) {
  return new Uint32Array(arr.buffer, arr.byteOffset, Math.floor(arr.byteLength / 4));
}
var isLE = /* @__PURE__ */ (() => new Uint8Array(new Uint32Array([287454020]).buffer)[0] === 68)();
function byteSwap(word) {
  return word << 24 & 4278190080 | word << 8 & 16711680 | word >>> 8 & 65280 | word >>> 24 & 255;
}
function byteSwap32(arr) {
  for (let i = 0; i < arr.length; i++) {
    arr[i] = byteSwap(arr[i]);
  }
}
var hasHexBuiltin = (
  // @ts-ignore
  typeof Uint8Array.from([]).toHex === "function" && typeof Uint8Array.fromHex === "function"
);
function utf8ToBytes(str) {
  if (typeof str !== "string")
    throw new Error("utf8ToBytes expected string, got " + typeof str);
  return new Uint8Array(new TextEncoder().encode(str));
}
function toBytes(data) {
  if (typeof data === "string")
    data = utf8ToBytes(data);
  abytes(data);
  return data;
}
var Hash = class {
  // Safe version that clones internal state
  clone() {
    return this._cloneInto();
  }
};
function wrapConstructor(hashCons) {
  const hashC = (msg) => hashCons().update(toBytes(msg)).digest();
  const tmp = hashCons();
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.create = () => hashCons();
  return hashC;
}
function wrapXOFConstructorWithOpts(hashCons) {
  const hashC = (msg, opts) => hashCons(opts).update(toBytes(msg)).digest();
  const tmp = hashCons({});
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.create = (opts) => hashCons(opts);
  return hashC;
}

// node_modules/@noble/hashes/esm/sha3.js
var SHA3_PI = [];
var SHA3_ROTL = [];
var _SHA3_IOTA = [];
var _0n = /* @__PURE__ */ BigInt(0);
var _1n = /* @__PURE__ */ BigInt(1);
var _2n = /* @__PURE__ */ BigInt(2);
var _7n = /* @__PURE__ */ BigInt(7);
var _256n = /* @__PURE__ */ BigInt(256);
var _0x71n = /* @__PURE__ */ BigInt(113);
for (let round = 0, R = _1n, x = 1, y = 0; round < 24; round++) {
  [x, y] = [y, (2 * x + 3 * y) % 5];
  SHA3_PI.push(2 * (5 * y + x));
  SHA3_ROTL.push((round + 1) * (round + 2) / 2 % 64);
  let t = _0n;
  for (let j = 0; j < 7; j++) {
    R = (R << _1n ^ (R >> _7n) * _0x71n) % _256n;
    if (R & _2n)
      t ^= _1n << (_1n << /* @__PURE__ */ BigInt(j)) - _1n;
  }
  _SHA3_IOTA.push(t);
}
var [SHA3_IOTA_H, SHA3_IOTA_L] = /* @__PURE__ */ split(_SHA3_IOTA, true);
var rotlH = (h, l, s) => s > 32 ? rotlBH(h, l, s) : rotlSH(h, l, s);
var rotlL = (h, l, s) => s > 32 ? rotlBL(h, l, s) : rotlSL(h, l, s);
function keccakP(s, rounds = 24) {
  const B = new Uint32Array(5 * 2);
  for (let round = 24 - rounds; round < 24; round++) {
    for (let x = 0; x < 10; x++)
      B[x] = s[x] ^ s[x + 10] ^ s[x + 20] ^ s[x + 30] ^ s[x + 40];
    for (let x = 0; x < 10; x += 2) {
      const idx1 = (x + 8) % 10;
      const idx0 = (x + 2) % 10;
      const B0 = B[idx0];
      const B1 = B[idx0 + 1];
      const Th = rotlH(B0, B1, 1) ^ B[idx1];
      const Tl = rotlL(B0, B1, 1) ^ B[idx1 + 1];
      for (let y = 0; y < 50; y += 10) {
        s[x + y] ^= Th;
        s[x + y + 1] ^= Tl;
      }
    }
    let curH = s[2];
    let curL = s[3];
    for (let t = 0; t < 24; t++) {
      const shift = SHA3_ROTL[t];
      const Th = rotlH(curH, curL, shift);
      const Tl = rotlL(curH, curL, shift);
      const PI = SHA3_PI[t];
      curH = s[PI];
      curL = s[PI + 1];
      s[PI] = Th;
      s[PI + 1] = Tl;
    }
    for (let y = 0; y < 50; y += 10) {
      for (let x = 0; x < 10; x++)
        B[x] = s[y + x];
      for (let x = 0; x < 10; x++)
        s[y + x] ^= ~B[(x + 2) % 10] & B[(x + 4) % 10];
    }
    s[0] ^= SHA3_IOTA_H[round];
    s[1] ^= SHA3_IOTA_L[round];
  }
  B.fill(0);
}
var Keccak = class _Keccak extends Hash {
  // NOTE: we accept arguments in bytes instead of bits here.
  constructor(blockLen, suffix, outputLen, enableXOF = false, rounds = 24) {
    super();
    this.pos = 0;
    this.posOut = 0;
    this.finished = false;
    this.destroyed = false;
    this.enableXOF = false;
    this.blockLen = blockLen;
    this.suffix = suffix;
    this.outputLen = outputLen;
    this.enableXOF = enableXOF;
    this.rounds = rounds;
    anumber(outputLen);
    if (0 >= this.blockLen || this.blockLen >= 200)
      throw new Error("Sha3 supports only keccak-f1600 function");
    this.state = new Uint8Array(200);
    this.state32 = u32(this.state);
  }
  keccak() {
    if (!isLE)
      byteSwap32(this.state32);
    keccakP(this.state32, this.rounds);
    if (!isLE)
      byteSwap32(this.state32);
    this.posOut = 0;
    this.pos = 0;
  }
  update(data) {
    aexists(this);
    const { blockLen, state } = this;
    data = toBytes(data);
    const len = data.length;
    for (let pos = 0; pos < len; ) {
      const take = Math.min(blockLen - this.pos, len - pos);
      for (let i = 0; i < take; i++)
        state[this.pos++] ^= data[pos++];
      if (this.pos === blockLen)
        this.keccak();
    }
    return this;
  }
  finish() {
    if (this.finished)
      return;
    this.finished = true;
    const { state, suffix, pos, blockLen } = this;
    state[pos] ^= suffix;
    if ((suffix & 128) !== 0 && pos === blockLen - 1)
      this.keccak();
    state[blockLen - 1] ^= 128;
    this.keccak();
  }
  writeInto(out) {
    aexists(this, false);
    abytes(out);
    this.finish();
    const bufferOut = this.state;
    const { blockLen } = this;
    for (let pos = 0, len = out.length; pos < len; ) {
      if (this.posOut >= blockLen)
        this.keccak();
      const take = Math.min(blockLen - this.posOut, len - pos);
      out.set(bufferOut.subarray(this.posOut, this.posOut + take), pos);
      this.posOut += take;
      pos += take;
    }
    return out;
  }
  xofInto(out) {
    if (!this.enableXOF)
      throw new Error("XOF is not possible for this instance");
    return this.writeInto(out);
  }
  xof(bytes) {
    anumber(bytes);
    return this.xofInto(new Uint8Array(bytes));
  }
  digestInto(out) {
    aoutput(out, this);
    if (this.finished)
      throw new Error("digest() was already called");
    this.writeInto(out);
    this.destroy();
    return out;
  }
  digest() {
    return this.digestInto(new Uint8Array(this.outputLen));
  }
  destroy() {
    this.destroyed = true;
    this.state.fill(0);
  }
  _cloneInto(to) {
    const { blockLen, suffix, outputLen, rounds, enableXOF } = this;
    to || (to = new _Keccak(blockLen, suffix, outputLen, enableXOF, rounds));
    to.state32.set(this.state32);
    to.pos = this.pos;
    to.posOut = this.posOut;
    to.finished = this.finished;
    to.rounds = rounds;
    to.suffix = suffix;
    to.outputLen = outputLen;
    to.enableXOF = enableXOF;
    to.destroyed = this.destroyed;
    return to;
  }
};
var gen = (suffix, blockLen, outputLen) => wrapConstructor(() => new Keccak(blockLen, suffix, outputLen));
var sha3_224 = /* @__PURE__ */ gen(6, 144, 224 / 8);
var sha3_256 = /* @__PURE__ */ gen(6, 136, 256 / 8);
var sha3_384 = /* @__PURE__ */ gen(6, 104, 384 / 8);
var sha3_512 = /* @__PURE__ */ gen(6, 72, 512 / 8);
var keccak_224 = /* @__PURE__ */ gen(1, 144, 224 / 8);
var keccak_256 = /* @__PURE__ */ gen(1, 136, 256 / 8);
var keccak_384 = /* @__PURE__ */ gen(1, 104, 384 / 8);
var keccak_512 = /* @__PURE__ */ gen(1, 72, 512 / 8);
var genShake = (suffix, blockLen, outputLen) => wrapXOFConstructorWithOpts((opts = {}) => new Keccak(blockLen, suffix, opts.dkLen === void 0 ? outputLen : opts.dkLen, true));
var shake128 = /* @__PURE__ */ genShake(31, 168, 128 / 8);
var shake256 = /* @__PURE__ */ genShake(31, 136, 256 / 8);

// src/governance/abi.ts
function functionSelector(signature) {
  const digest = keccak_256(new TextEncoder().encode(signature));
  return `0x${Buffer.from(digest.subarray(0, 4)).toString("hex")}`;
}
function encodeBytes32Call(signature, bytes32) {
  if (!/^[a-z0-9_]+\(bytes32\)$/i.test(signature)) {
    throw new UserError(`abi: ${signature} is not a single-bytes32 function`, { code: "input" });
  }
  const arg = bytes32.replace(/^0x/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(arg)) throw new UserError(`abi: ${bytes32} is not a bytes32 value`, { code: "input" });
  return functionSelector(signature) + arg;
}
function checkAddress(value, what) {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value.trim())) {
    throw new UserError(`${what}: expected a 0x-prefixed 20-byte address, got ${JSON.stringify(value)}`, { code: "usage" });
  }
  return value.trim();
}
var KMS_ADD_OS_IMAGE = { signature: "addOsImageHash(bytes32)", name: "addOsImageHash", param: "osImageHash" };
var APP_ADD_COMPOSE = { signature: "addComposeHash(bytes32)", name: "addComposeHash", param: "composeHash" };

// src/governance/json-edit.ts
function findArray(text, path) {
  let found;
  let pos = 0;
  const ws = () => {
    while (pos < text.length && " 	\r\n".includes(text[pos])) pos++;
  };
  const string = () => {
    const start = pos++;
    while (text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    pos++;
    return JSON.parse(text.slice(start, pos));
  };
  const value = (at, depth) => {
    ws();
    const start = pos;
    const target = at.length === path.length && at.every((k, i) => k === path[i]);
    if (text[pos] === "{") {
      pos++;
      ws();
      while (text[pos] !== "}") {
        ws();
        const key = string();
        ws();
        pos++;
        value([...at, key], depth + 1);
        ws();
        if (text[pos] === ",") pos++;
        ws();
      }
      pos++;
    } else if (text[pos] === "[") {
      pos++;
      const elements = [];
      ws();
      while (text[pos] !== "]") {
        elements.push(value([...at, String(elements.length)], depth + 1));
        ws();
        if (text[pos] === ",") pos++;
        ws();
      }
      pos++;
      if (target) found = { start, end: pos, elements, depth };
    } else if (text[pos] === '"') {
      string();
    } else {
      while (pos < text.length && !",]} 	\r\n".includes(text[pos])) pos++;
    }
    return { start, end: pos };
  };
  value([], 0);
  return found;
}
function usesSpaces(text) {
  return /[,:] /.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}
function appendToArray(text, array, itemJson, layout) {
  const { elements } = array;
  const last = elements[elements.length - 1];
  let insert;
  let at;
  if (last && elements.length >= 2) {
    insert = text.slice(elements[elements.length - 2].end, last.start) + itemJson;
    at = last.end;
  } else if (last) {
    const lead = text.slice(array.start + 1, last.start);
    insert = (lead.includes("\n") ? `,${lead}` : usesSpaces(text) ? ", " : ",") + itemJson;
    at = last.end;
  } else if (layout.indent) {
    const inner = layout.indent.repeat(array.depth + 1);
    return `${text.slice(0, array.start)}[${layout.eol}${inner}${itemJson}${layout.eol}${layout.indent.repeat(array.depth)}]${text.slice(array.end)}`;
  } else {
    return `${text.slice(0, array.start)}[${itemJson}]${text.slice(array.end)}`;
  }
  return text.slice(0, at) + insert + text.slice(at);
}
function nestingDepth(text) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === "{" || c === "[") {
      depth++;
      if (depth > max) max = depth;
    } else if (c === "}" || c === "]") {
      depth--;
    }
  }
  return max;
}

// src/governance/auth-config.ts
var norm = (hex) => hex.toLowerCase().startsWith("0x") ? hex.toLowerCase() : `0x${hex.toLowerCase()}`;
var MAX_CONFIG_DEPTH = 64;
function parseConfig(text, file) {
  if (nestingDepth(text) > MAX_CONFIG_DEPTH) throw new FormatError(`${file}: nested deeper than ${MAX_CONFIG_DEPTH} levels`);
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new FormatError(`${file}: not valid JSON (${error.message})`, { cause: error });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FormatError(`${file}: expected a JSON object at the top level`);
  }
  return value;
}
function stringArray(config, field, file) {
  const value = config[field];
  if (value === void 0) return void 0;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new FormatError(`${file}: ${field} must be an array of strings`);
  }
  return value;
}
function findApp(config, appId, file) {
  const apps = config["apps"];
  if (apps === void 0) return void 0;
  if (typeof apps !== "object" || apps === null || Array.isArray(apps)) throw new FormatError(`${file}: apps must be an object`);
  const entry = Object.entries(apps).find(([id]) => norm(id) === norm(appId))?.[1];
  if (entry !== void 0 && (typeof entry !== "object" || entry === null || Array.isArray(entry))) {
    throw new FormatError(`${file}: apps.${appId} must be an object`);
  }
  return entry;
}
function isRegistered(text, hash, appId, file) {
  const config = parseConfig(text, file);
  const images = stringArray(config, "osImages", file) ?? [];
  if (!images.some((h) => norm(h) === norm(hash))) return false;
  if (appId === void 0) return true;
  const app = findApp(config, appId, file);
  const composeHashes = app ? stringArray(app, "composeHashes", `${file} apps.${appId}`) ?? [] : [];
  return composeHashes.some((h) => norm(h) === norm(hash));
}
function addOsImage(text, hash, appId, file) {
  const config = parseConfig(text, file);
  const appends = [];
  let rewrite = false;
  const images = stringArray(config, "osImages", file);
  if (!images) {
    config["osImages"] = [hash];
    rewrite = true;
  } else if (!images.some((h) => norm(h) === norm(hash))) {
    images.push(hash);
    appends.push(["osImages"]);
  }
  if (appId !== void 0) {
    const edit = addComposeHash(config, hash, norm(appId), file);
    if (edit === "rewrite") rewrite = true;
    else if (edit) appends.push(edit);
  }
  const warnings = tcbWarnings(config, file);
  if (!rewrite && appends.length === 0) return { text, changed: false, warnings };
  const layout = detectLayout(text);
  const edited = rewrite ? void 0 : appendInPlace(text, appends, hash, layout);
  if (edited !== void 0 && JSON.stringify(JSON.parse(edited)) === JSON.stringify(config)) return { text: edited, changed: true, warnings };
  if (!layout.roundTrips(parseConfig(text, file))) warnings.push(`${file}: rewritten in standard JSON layout (indentation and key order kept)`);
  return { text: layout.format(config), changed: true, warnings };
}
function tcbWarnings(config, file) {
  const tcb = stringArray(config, "allowedTcbStatuses", file) ?? ["UpToDate"];
  if (tcb.includes("")) return [];
  return [`${file}: allowedTcbStatuses does not contain "" \u2014 a Nitro enclave reports an empty TCB status, so the KMS will refuse it`];
}
function appendInPlace(text, paths, hash, layout) {
  const arrays = paths.map((path) => findArray(text, path));
  if (arrays.some((a) => a === void 0)) return void 0;
  return arrays.sort((a, b) => b.start - a.start).reduce((acc, array) => appendToArray(acc, array, JSON.stringify(hash), layout), text);
}
function addComposeHash(config, hash, appId, file) {
  const apps = config["apps"];
  const key = apps && Object.keys(apps).find((id) => norm(id) === appId);
  const app = findApp(config, appId, file);
  if (!app || key === void 0) {
    (config["apps"] ??= {})[appId] = { composeHashes: [hash], allowAnyDevice: true };
    return "rewrite";
  }
  const composeHashes = stringArray(app, "composeHashes", `${file} apps.${appId}`);
  if (!composeHashes) {
    app["composeHashes"] = [hash];
    return "rewrite";
  }
  if (composeHashes.some((h) => norm(h) === norm(hash))) return false;
  composeHashes.push(hash);
  return ["apps", key, "composeHashes"];
}
function detectLayout(text) {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indentMatch = /\n([ \t]+)\S/.exec(text);
  const indent = indentMatch ? indentMatch[1] : text.trim().includes("\n") ? "  " : "";
  const finalNewline = /\r?\n$/.test(text) ? eol : "";
  const format = (value) => JSON.stringify(value, null, indent).replace(/\n/g, eol) + finalNewline;
  return { indent, eol, format, roundTrips: (value) => format(value) === text };
}

// src/governance/safe-batch.ts
var TX_BUILDER_VERSION = "1.18.2";
function bytes32Call(to, method, hash) {
  return {
    to,
    value: "0",
    data: encodeBytes32Call(method.signature, hash),
    contractMethod: {
      inputs: [{ internalType: "bytes32", name: method.param, type: "bytes32" }],
      name: method.name,
      payable: false
    },
    contractInputsValues: { [method.param]: hash }
  };
}
function buildSafeBatch(options) {
  const transactions = [];
  if (options.kmsContract) transactions.push(bytes32Call(options.kmsContract, KMS_ADD_OS_IMAGE, options.hashBytes32));
  if (options.appContract) transactions.push(bytes32Call(options.appContract, APP_ADD_COMPOSE, options.hashBytes32));
  const batch = {
    version: "1.0",
    chainId: String(options.chainId),
    createdAt: options.createdAt,
    meta: {
      name: `Register OS image ${options.hashBytes32.slice(0, 18)}\u2026`,
      description: options.description,
      txBuilderVersion: TX_BUILDER_VERSION,
      createdFromSafeAddress: options.safeAddress ?? "",
      createdFromOwnerAddress: ""
    },
    transactions
  };
  batch.meta.checksum = batchChecksum(batch);
  return batch;
}
function batchChecksum(batch) {
  const { checksum: _omit, ...meta } = batch.meta;
  return checksumOf({ ...batch, meta: { ...meta, name: null } });
}
function checksumOf(value) {
  return `0x${Buffer.from(keccak_256(new TextEncoder().encode(serialize(value)))).toString("hex")}`;
}
function serialize(value) {
  if (Array.isArray(value)) return `[${value.map(serialize).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value;
    const keys = Object.keys(record).sort();
    return `{${JSON.stringify(keys)}${keys.map((k) => `${serialize(record[k])},`).join("")}}`;
  }
  return value === void 0 ? "null" : JSON.stringify(value);
}

// src/governance/plan.ts
var DEBUG_HASH = createHash("sha256").update(new Uint8Array(144)).digest("hex");
function osImageHashOfPcrs(pcrs) {
  const [pcr0, pcr1, pcr2] = ["PCR0", "PCR1", "PCR2"].map((key) => parseHex(pcrs[key], 48, key));
  return osImageHashOfRaw(pcr0, pcr1, pcr2).slice(2);
}
function checkRegistrableHash(hash, pcrs) {
  const h = normalizeOsImageHash(hash);
  if (h === DEBUG_HASH || /^0+$/.test(h) || pcrs && [pcrs.PCR0, pcrs.PCR1, pcrs.PCR2].every((p) => /^0+$/.test(p))) {
    throw new UserError(`OS_IMAGE_HASH ${h} is a debug-mode enclave's (PCR0\u20132 all zero): the KMS refuses it`, { code: "input" });
  }
  if (pcrs && osImageHashOfPcrs(pcrs) !== h) {
    throw new VerificationError(`OS_IMAGE_HASH ${h} does not match the measurements' PCR0\u20132 (${osImageHashOfPcrs(pcrs)})`);
  }
  return h;
}
var NO_APP_WARNING = "no app given (--app-id / --app-contract): only the OS image is allowed; an app booting this image also needs the hash among its compose hashes";
function targetFile(options, hash) {
  const path = options.registryPath.replace(/^\/+/, "");
  if (path === "" || path.split("/").includes("..")) throw new UserError(`--registry-path: invalid path ${JSON.stringify(options.registryPath)}`, { code: "usage" });
  return options.mode === "onchain" ? `${path.replace(/\/+$/, "")}/0x${hash}.json` : path;
}
function planChange(options, hash, current) {
  const file = targetFile(options, hash);
  const bytes32 = `0x${hash}`;
  if (options.mode === "auth-simple") {
    if (current === void 0) throw new UserError(`${file}: not found on the registry's base branch`, { code: "not-found" });
    const appId = options.appId === void 0 ? void 0 : checkAppId(options.appId);
    if (isRegistered(current, bytes32, appId, file)) return { file, registered: true, warnings: [] };
    const change = addOsImage(current, bytes32, appId, file);
    const warnings2 = appId ? change.warnings : [...change.warnings, NO_APP_WARNING];
    return { file, registered: false, text: change.text, warnings: warnings2 };
  }
  if (current !== void 0 && current.toLowerCase().includes(bytes32)) return { file, registered: true, warnings: [] };
  const batch = onchainBatch(options, bytes32);
  const warnings = options.appContract ? [] : [NO_APP_WARNING];
  return { file, registered: false, batch, text: `${JSON.stringify(batch, null, 2)}
`, warnings };
}
function onchainBatch(options, bytes32) {
  if (!options.kmsContract && !options.appContract) {
    throw new UserError("onchain registration needs --kms-contract and/or --app-contract", { code: "usage" });
  }
  if (options.chainId === void 0 || !Number.isSafeInteger(options.chainId) || options.chainId <= 0) {
    throw new UserError("onchain registration needs --chain-id (a positive integer)", { code: "usage" });
  }
  return buildSafeBatch({
    hashBytes32: bytes32,
    chainId: options.chainId,
    kmsContract: options.kmsContract && checkAddress(options.kmsContract, "--kms-contract"),
    appContract: options.appContract && checkAddress(options.appContract, "--app-contract"),
    safeAddress: options.safeAddress && checkAddress(options.safeAddress, "--safe-address"),
    createdAt: options.createdAt ?? 0,
    description: `Allow OS_IMAGE_HASH ${bytes32} on the dstack KMS (addOsImageHash) and for the app (addComposeHash).`
  });
}
function checkAppId(value) {
  const text = value.trim().replace(/^0x/i, "").toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(text)) throw new UserError(`--app-id: expected 40 hex digits, got ${JSON.stringify(value)}`, { code: "usage" });
  return `0x${text}`;
}

// src/governance/build-facts.ts
var BUILD_FACTS_SCHEMA = "nitro-eif-build/registration-build@1";
var BUILD_FACTS_DIR = "nitro-eif-builds";
function buildFactsPath(hash) {
  return `${BUILD_FACTS_DIR}/0x${normalizeOsImageHash(hash)}.json`;
}
function renderBuildFacts(facts) {
  return `${JSON.stringify({ schema: BUILD_FACTS_SCHEMA, ...facts }, null, 2)}
`;
}

// src/governance/pr-body.ts
var code = (text) => `\`${text}\``;
function pullCommand(hashBytes32, evidence) {
  const q = (v) => `'${v.replace(/'/g, `'\\''`)}'`;
  const parts = ["nitro-eif pull", hashBytes32, "--store", q(evidence.storeUri ?? "<store-uri>"), "--output-file enclave.eif"];
  if (evidence.certificateIdentity) {
    parts.push("--certificate-identity", q(evidence.certificateIdentity));
    parts.push("--certificate-oidc-issuer", q(evidence.certificateOidcIssuer ?? "https://token.actions.githubusercontent.com"));
    parts.push("--trusted-root trusted_root.json");
  } else if (evidence.publicKeyPath) {
    parts.push("--key", q(evidence.publicKeyPath));
  }
  return parts.join(" ");
}
function measurementTable(input) {
  const rows = ["| Measurement | Value |", "|---|---|"];
  if (input.pcrs) for (const pcr of ["PCR0", "PCR1", "PCR2"]) rows.push(`| ${pcr} | ${code(input.pcrs[pcr])} |`);
  rows.push(`| OS_IMAGE_HASH | ${code(input.hashBytes32)} |`);
  if (!input.pcrs) rows.push("", "_PCR values were not given to the registration step; `nitro-eif pull` below prints them._");
  return rows;
}
function evidenceLines(evidence) {
  const lines = [];
  const commit = evidence.sourceCommit;
  if (commit) {
    const link = evidence.sourceRepository ? ` (${evidence.sourceRepository.replace(/\/+$/, "")}/commit/${commit})` : "";
    lines.push(`- Source commit: ${code(commit)}${link}`);
  }
  if (evidence.buildUrl) lines.push(`- Build: ${evidence.buildUrl}`);
  if (evidence.provenanceUrl) lines.push(`- Provenance: ${evidence.provenanceUrl}`);
  if (evidence.eifUri) lines.push(`- EIF: ${code(evidence.eifUri)}`);
  return lines.length ? lines : ["- _No build evidence was given._"];
}
function changeLines(input) {
  if (input.mode === "auth-simple") {
    const app = input.appId ? ` and to ${code(`apps.${input.appId}.composeHashes`)}` : "";
    return [`Adds the hash to ${code("osImages")}${app} in ${code(input.file)} (dstack auth-simple).`];
  }
  const lines = [
    `Adds ${code(input.file)}, a Safe Transaction Builder batch (chain ${input.batch?.chainId ?? "?"}) for the owner multisig:`,
    ""
  ];
  for (const tx of input.batch?.transactions ?? []) {
    lines.push(`- ${code(`${tx.contractMethod.name}(${input.hashBytes32})`)} on ${code(tx.to)} \u2014 data ${code(tx.data ?? "")}`);
  }
  lines.push(
    "",
    "Import it in the Safe web app (Apps \u2192 Transaction Builder \u2192 drag the file), review and sign. Read back with",
    `${code("allowedOsImages(bytes32)")} / ${code("allowedComposeHashes(bytes32)")} once executed.`
  );
  return lines;
}
function renderPrBody(input) {
  const lines = [
    `## Register Nitro OS image ${code(input.hashBytes32)}`,
    "",
    ...changeLines(input),
    "",
    ...measurementTable(input),
    "",
    "OS_IMAGE_HASH = SHA-256 of the 144 raw bytes PCR0 \u2016 PCR1 \u2016 PCR2, as the dstack KMS computes it (not `sha256sum` of the hex text).",
    "",
    "### Build evidence",
    ...evidenceLines(input.evidence),
    ...input.factsFile ? [`- Build facts (read by the registry's verify action): ${code(input.factsFile)}`] : [],
    "",
    "### Verify before merging",
    "```sh",
    pullCommand(input.hashBytes32, input.evidence),
    "```",
    ...input.evidence.certificateIdentity ? ["`trusted_root.json` is Sigstore's public-good trusted root (e.g. `cosign trusted-root create` or the Sigstore TUF repository).", ""] : [],
    "`pull` downloads the EIF, recomputes PCR0\u20132 and the OS_IMAGE_HASH from its bytes, checks them against this hash and the stored measurements, verifies the provenance when an identity is given, and exits non-zero on any mismatch."
  ];
  if (input.warnings.length) lines.push("", "### Warnings", ...input.warnings.map((w) => `- ${w}`));
  lines.push("", `<!-- nitro-eif:register os-image-hash=${input.hashBytes32} -->`);
  return lines.join("\n") + "\n";
}

// src/governance/register.ts
function registrationBranch(hash) {
  return `nitro-eif/register-${hash.slice(0, 16)}`;
}
function parseRepository(value) {
  const match = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(value.trim());
  if (!match) throw new UserError(`--registry-repository: expected owner/repo, got ${JSON.stringify(value)}`, { code: "usage" });
  return { owner: match[1], repo: match[2] };
}
async function register2(options) {
  const hash = checkRegistrableHash(options.osImageHash, options.pcrs);
  const { owner, repo } = parseRepository(options.registryRepository);
  const base = options.registryBase ?? "main";
  const work = await makeTempDir(tmpdir(), "nitro-eif-register-");
  try {
    const git = await cloneBase(work, options.gitUrl ?? `https://github.com/${owner}/${repo}.git`, base, options);
    const plan = planChange(options, hash, await readOptional(join(git.cwd, targetFile(options, hash))));
    const result = {
      osImageHash: `0x${hash}`,
      operation: "none",
      alreadyRegistered: plan.registered,
      branch: registrationBranch(hash),
      file: plan.file,
      warnings: plan.warnings
    };
    if (plan.registered) return result;
    const body = renderPrBody({
      mode: options.mode,
      hashBytes32: `0x${hash}`,
      pcrs: options.pcrs,
      file: plan.file,
      evidence: options.evidence ?? {},
      batch: plan.batch,
      appId: options.appId,
      warnings: plan.warnings,
      ...options.buildFacts ? { factsFile: buildFactsPath(hash) } : {}
    });
    if (options.dryRun) {
      const out = options.dryRunOutput ?? plan.file.split("/").pop();
      await writeFile(out, plan.text);
      return { ...result, body, dryRunFile: out };
    }
    const files = [{ file: plan.file, text: plan.text }];
    if (options.buildFacts) files.push({ file: buildFactsPath(hash), text: renderBuildFacts({ os_image_hash: `0x${hash}`, ...options.buildFacts }) });
    await commitAndPush(git, files, result.branch, result.osImageHash);
    const pulls = new GitHubPulls({ token: options.token, baseUrl: options.apiUrl ?? "https://api.github.com" });
    const title = `Register Nitro OS image 0x${hash.slice(0, 16)}\u2026 (${options.mode})`;
    const pr = await pulls.createOrUpdate({ owner, repo, head: result.branch, base, title, body });
    return { ...result, operation: pr.operation, pullRequestNumber: pr.number, pullRequestUrl: pr.url, body };
  } finally {
    await removeTempDir(work);
  }
}
async function cloneBase(work, url, base, options) {
  await new Git(work, { token: options.token }).run(["clone", "--quiet", "--depth", "1", "--single-branch", "--branch", base, "--", url, "repo"]);
  return new Git(join(work, "repo"), { token: options.token, identity: options.identity });
}
async function readOptional(path) {
  return readRegularText(path, { maxBytes: MAX_JSON_BYTES }).catch((error) => {
    if (error.cause?.code === "ENOENT") return void 0;
    throw error;
  });
}
async function commitAndPush(git, files, branch, bytes32) {
  for (const { file, text } of files) {
    const path = join(git.cwd, ...file.split("/"));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  await git.run(["checkout", "--quiet", "-B", branch]);
  await git.run(["add", "--", ...files.map((f) => f.file)]);
  await git.run(["commit", "--quiet", "--no-verify", "-m", `Register Nitro OS image ${bytes32}`]);
  const remote = await git.out(["ls-remote", "--heads", "origin", `refs/heads/${branch}`]);
  if (remote) {
    await git.run(["fetch", "--quiet", "--depth", "1", "origin", `refs/heads/${branch}`]);
    const [ours, theirs] = await Promise.all([git.out(["rev-parse", "HEAD^{tree}"]), git.out(["rev-parse", "FETCH_HEAD^{tree}"])]);
    if (ours === theirs) return;
  }
  await git.run(["push", "--quiet", "--force", "origin", `HEAD:refs/heads/${branch}`]);
}
export {
  register2 as register,
  registrationBranch
};
