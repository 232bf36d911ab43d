import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  kernelCmdlineOfBytes,
  writeFileAtomic
} from "./chunk-Q2QJWHCS.js";
import {
  makeTempDir,
  removeTempDir
} from "./chunk-QJ5IRQWN.js";
import {
  UserError,
  VerificationError,
  quoted,
  readRegularFile
} from "./chunk-RTQBJXC4.js";

// src/build/blob-fetch.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { basename, dirname, isAbsolute, join as join2 } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

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

// src/build/blob-fetch.ts
var DEFAULT_BLOB_TIMEOUT_MS = 6e4;
var BLOB_RECORD_FILE = "nitro-eif-blobs.json";
var BLOB_RECORD_SCHEMA = "nitro-eif-build/blobs@1";
function findBlobSet(name, what, code = "input", sets = knownBlobSets()) {
  const set = sets.find((s) => s.name === name);
  if (!set) throw new UserError(`${what}: unknown blob set ${JSON.stringify(name)} (known: ${sets.map((s) => s.name).join(", ")})`, { code });
  return set;
}
function parseBaseUrl(text, what, code = "input") {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${what}: not a URL: ${JSON.stringify(redactUrl(text))}`, { code });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UserError(`${what}: expected an https:// (or http://) URL, got ${url.protocol}`, { code });
  if (url.search || url.hash) throw new UserError(`${what}: a base URL has no query or fragment`, { code });
  if (url.username || url.password) throw new UserError(`${what}: a user name or password in the URL is not supported`, { code });
  return text.replace(/\/+$/, "");
}
function redactUrl(text) {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1***@");
}
async function fetchBlobSet(options) {
  const { set, arch, outputDir } = options;
  const base = options.baseUrl === void 0 ? set.baseUrl : parseBaseUrl(options.baseUrl, "blob base URL");
  await requireEmptyOrAbsent(outputDir);
  await mkdir(dirname(outputDir), { recursive: true });
  const temp = await makeTempDir(dirname(outputDir), `.${basename(outputDir)}.partial-`);
  try {
    const files = [];
    for (const [name, pin] of Object.entries(set.files[arch])) {
      const url = `${base}/blobs/${arch}/${name}`;
      const digests = await download(url, join2(temp, name), pin, options);
      const wrong = pinMismatch(pin, digests);
      if (wrong) throw new VerificationError(`blob ${name} (${set.name} ${arch}) from ${redactUrl(url)}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
      files.push({ name, ...digests });
    }
    const fetched = { set: set.name, arch, files };
    await writeFileAtomic(join2(temp, BLOB_RECORD_FILE), `${JSON.stringify({ schema: BLOB_RECORD_SCHEMA, ...fetched }, null, 2)}
`);
    await rmdir(outputDir).catch(() => void 0);
    await rename(temp, outputDir).catch((error) => {
      const code = error.code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
      throw new UserError(`output directory ${outputDir} was filled by another process during the download`, { code: "conflict", cause: error });
    });
    await removeTempDir(temp);
    return { ...fetched, dir: outputDir };
  } catch (error) {
    await removeTempDir(temp);
    throw error;
  }
}
async function requireEmptyOrAbsent(dir) {
  const info = await lstat(dir).catch(() => void 0);
  if (!info) return;
  if (!info.isDirectory()) throw new UserError(`output directory ${dir} exists and is not a directory`, { code: "conflict" });
  if ((await readdir(dir)).length > 0) throw new UserError(`output directory ${dir} is not empty`, { code: "conflict" });
}
function blobCacheRoot(env, home) {
  const xdg = env["XDG_CACHE_HOME"];
  return join2(xdg && isAbsolute(xdg) ? xdg : join2(home, ".cache"), "nitro-eif", "blobs");
}
async function cachedBlobSet(options) {
  const dir = join2(options.cacheRoot, options.set.name, options.arch);
  if (await lstat(dir).then(() => true, () => false)) {
    try {
      await verifyBlobDir(dir, options.set, options.arch);
      return { dir, fromCache: true };
    } catch (error) {
      options.onDamaged?.(`cached blobs ${dir} are unusable, fetching them again: ${error.message}`);
      await rm(dir, { recursive: true, force: true });
    }
  }
  try {
    await fetchBlobSet({ ...options, outputDir: dir });
  } catch (error) {
    if (!(error instanceof UserError && error.code === "conflict")) throw error;
    await verifyBlobDir(dir, options.set, options.arch);
    return { dir, fromCache: true };
  }
  return { dir, fromCache: false };
}
async function verifyBlobDir(dir, set, arch) {
  const files = [];
  for (const [name, pin] of Object.entries(set.files[arch])) {
    const path = join2(dir, name);
    const info = await lstat(path).catch((cause) => {
      throw new UserError(`blobs directory ${dir}: missing ${name}`, { code: "not-found", cause });
    });
    if (!info.isFile()) throw new UserError(`blob ${path} is not a regular file`);
    if (info.size > (pin.size ?? MAX_BLOB_SIZE)) throw new VerificationError(`blob ${name} (${set.name}) at ${path}: size ${info.size}, pinned ${pin.size ?? `at most ${MAX_BLOB_SIZE}`}`);
    const hashes = new BlobHashes(info.size);
    for await (const chunk of createReadStream(path)) hashes.update(chunk);
    const digests = hashes.digests();
    const wrong = pinMismatch(pin, digests);
    if (wrong) throw new VerificationError(`blob ${name} (${set.name} ${arch}) at ${path}: ${wrong.what} ${wrong.actual}, pinned ${wrong.expected}`);
    files.push({ name, ...digests });
  }
  return files;
}
var BlobHashes = class {
  constructor(expectedSize) {
    this.expectedSize = expectedSize;
    this.#git = expectedSize === void 0 ? void 0 : createHash2("sha1").update(`blob ${expectedSize}\0`);
  }
  #sha384 = createHash2("sha384");
  #sha256 = createHash2("sha256");
  #git;
  #size = 0;
  get size() {
    return this.#size;
  }
  update(chunk) {
    this.#size += chunk.length;
    this.#sha384.update(chunk);
    this.#sha256.update(chunk);
    this.#git?.update(chunk);
  }
  /** `gitBlob` is empty when the size was not known up front (see `download`). */
  digests() {
    const gitBlob = this.#git && this.#size === this.expectedSize ? this.#git.digest("hex") : "";
    return { size: this.#size, sha384: this.#sha384.digest("hex"), sha256: this.#sha256.digest("hex"), gitBlob };
  }
};
async function download(url, path, pin, options) {
  const shown = redactUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_BLOB_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  const fail = (what, cause) => new UserError(`blob download ${shown}: ${timedOut ? `no answer for ${timeoutMs / 1e3} s (timed out)` : what}`, { code: "external", cause });
  arm();
  try {
    let response;
    try {
      response = await (options.fetch ?? fetch)(url, { signal: controller.signal, redirect: "follow" });
    } catch (error) {
      throw fail(`cannot connect (${causeText(error)})`, error);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => void 0);
      throw fail(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
    }
    const limit = pin.size ?? MAX_BLOB_SIZE;
    const declared = contentLength(response.headers.get("content-length"));
    if (declared !== void 0 && declared > limit) throw fail(`the server announces ${declared} bytes, more than the ${limit} expected`);
    const hashes = new BlobHashes(pin.size ?? declared);
    const meter = new Transform({
      transform(chunk, _encoding, callback) {
        arm();
        if (hashes.size + chunk.length > limit) return callback(fail(`more than the ${limit} bytes expected`));
        hashes.update(chunk);
        callback(null, chunk);
      }
    });
    try {
      await pipeline(Readable.fromWeb(response.body), meter, createWriteStream(path, { flags: "wx", mode: 420 }));
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw fail(`the connection was cut after ${hashes.size} bytes (${causeText(error)})`, error);
    }
    if (declared !== void 0 && hashes.size !== declared) throw fail(`the connection was cut after ${hashes.size} of ${declared} bytes`);
    const digests = hashes.digests();
    return digests.gitBlob ? digests : { ...digests, gitBlob: await gitBlobOfFile(path, digests.size) };
  } finally {
    clearTimeout(timer);
  }
}
async function gitBlobOfFile(path, size) {
  const hash = createHash2("sha1").update(`blob ${size}\0`);
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}
function contentLength(text) {
  return text !== null && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : void 0;
}
function causeText(error) {
  let current = error;
  let text = "unknown error";
  for (let depth = 0; current instanceof Error && depth < 4; depth++, current = current.cause) {
    const code = current.code;
    text = typeof code === "string" ? `${code}: ${current.message}` : current.message;
  }
  return text;
}

export {
  DEFAULT_BLOBS_DIR,
  blobHashes,
  loadBlobs,
  checkBlobLock,
  parseBlobPinLines,
  eifArchOf,
  findBlobSet,
  parseBaseUrl,
  fetchBlobSet,
  blobCacheRoot,
  cachedBlobSet,
  verifyBlobDir
};
