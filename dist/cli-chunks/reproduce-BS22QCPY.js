import { createRequire as __nitroCreateRequire } from 'node:module'; const require = __nitroCreateRequire(import.meta.url);
import {
  DEFAULT_MAX_ROOTFS_SIZE,
  LAYER_MEDIA_TYPES,
  MAX_META_SIZE,
  RangeDigester,
  WorkerHash,
  buildEnclave,
  checkChecksum,
  describeChange,
  diffManifests,
  fileSha256,
  loadBlobs,
  openManifest,
  parseConfig,
  parseNumeric,
  platformString,
  proxyFetchFromEnv,
  require_tar_stream
} from "./chunk-ZBJQFNEB.js";
import {
  artifactKey,
  normalizeOsImageHash
} from "./chunk-O6RGCKAR.js";
import {
  STATEMENT_LAYOUT
} from "./chunk-W2E5ENWM.js";
import "./chunk-H6BAN5PQ.js";
import {
  MEASUREMENTS_BYPRODUCT,
  checkStatementShape,
  verifyProvenanceBundle
} from "./chunk-TIR2RC66.js";
import "./chunk-LNA2O4HV.js";
import {
  inspectEif,
  writeFileAtomic
} from "./chunk-6QFIGN26.js";
import {
  osImageHash
} from "./chunk-Y6ML42PT.js";
import {
  FormatError,
  UserError,
  VerificationError,
  cleanUpOnInterrupt,
  errorMessage,
  openRegularStream,
  quoted,
  readRegularText,
  stopOnInterrupt
} from "./chunk-7UVRZBVQ.js";
import {
  __toESM
} from "./chunk-LWSQTYNC.js";

// src/reproduce/reproduce.ts
import { createHash as createHash4 } from "node:crypto";
import { createWriteStream as createWriteStream3 } from "node:fs";
import { mkdir as mkdir5, readFile as readFile2, realpath, rm as rm5 } from "node:fs/promises";
import { join as join6, sep as sep2 } from "node:path";
import { pipeline as pipeline5 } from "node:stream/promises";

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
  const code = await new Promise((resolve3, reject) => {
    child.once("error", reject);
    child.once("close", resolve3);
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
  const exited = new Promise((resolve3, reject) => {
    child.once("error", reject);
    child.once("close", resolve3);
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

// src/build/builder-info.ts
var MAX_FIELD = 200;
async function readBuilderInfo(env) {
  const ask = (args) => runProcess({ command: "docker", args, env: {} }, { env }).catch(() => "");
  const [buildx, inspect, engine] = await Promise.all([
    ask(["buildx", "version"]),
    ask(["buildx", "inspect"]),
    ask(["version", "--format", "{{.Server.Version}}"])
  ]);
  return parseBuilderInfo(buildx, inspect, engine);
}
function parseBuilderInfo(buildxVersion, buildxInspect, engineVersion) {
  const field = (text, name) => new RegExp(`^${name}:\\s*(\\S.*)$`, "m").exec(text)?.[1]?.trim();
  const info = {
    buildx: buildxVersion.trim().split("\n")[0]?.trim(),
    driver: field(buildxInspect, "Driver"),
    buildkit: field(buildxInspect, "BuildKit version") ?? field(buildxInspect, "Buildkit"),
    engine: engineVersion.trim().split("\n")[0]?.trim()
  };
  return Object.fromEntries(Object.entries(info).filter((e) => !!e[1]).map(([k, v]) => [k, v.slice(0, MAX_FIELD)]));
}

// src/build/context-digest.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, readdir, readlink } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { pipeline } from "node:stream/promises";
var CONTEXT_DIGEST_ALGORITHM = "nitro-eif-build/context-digest@1";
var MAX_ENTRIES = 1e6;
var MAX_DEPTH = 256;
async function digestContext(dir, exclude = []) {
  const root = resolve(dir);
  const skipped = new Set(exclude.map((p) => resolve(p)));
  const lines = [];
  await walk(root, root, skipped, lines, 0);
  lines.sort();
  const hash = createHash("sha256").update(`${CONTEXT_DIGEST_ALGORITHM}
`);
  for (const line of lines) hash.update(`${line}
`);
  return { sha256: hash.digest("hex"), entries: lines.length };
}
async function walk(root, dir, skipped, lines, depth) {
  if (depth > MAX_DEPTH) throw new UserError(`build context ${root}: deeper than ${MAX_DEPTH} directories`);
  const names = await readdir(dir);
  for (const name of names) {
    const path = join(dir, name);
    if (name === ".git" || skipped.has(path)) continue;
    if (lines.length >= MAX_ENTRIES) throw new UserError(`build context ${root}: more than ${MAX_ENTRIES} entries`);
    const rel = relative(root, path).split(sep).join("/");
    const info = await lstat(path);
    if (info.isDirectory()) {
      lines.push(JSON.stringify([rel, "dir"]));
      await walk(root, path, skipped, lines, depth + 1);
    } else if (info.isSymbolicLink()) {
      lines.push(JSON.stringify([rel, "symlink", await readlink(path)]));
    } else if (info.isFile()) {
      lines.push(JSON.stringify([rel, (info.mode & 73) !== 0 ? "exec" : "file", await sha256File(path)]));
    } else {
      lines.push(JSON.stringify([rel, "special"]));
    }
  }
}
async function sha256File(path) {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

// src/build/dockerfile-pins.ts
var DIGEST = /@sha256:[0-9a-f]{64}$/;
function logicalLines(text) {
  const lines = text.split(/\r?\n/);
  const escape = escapeChar(lines);
  const out = [];
  let current;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith("#")) return;
    if (trimmed === "") return;
    const continues = trimmed.endsWith(escape) && trimmed !== "";
    const body = continues ? trimmed.slice(0, -1) : trimmed;
    current = current === void 0 ? { line: index + 1, text: body } : { ...current, text: `${current.text} ${body}` };
    if (!continues) {
      out.push(current);
      current = void 0;
    }
  });
  if (current !== void 0) out.push(current);
  return out;
}
function escapeChar(lines) {
  for (const line of lines) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line.trim());
    if (!directive) break;
    if (directive[1].toLowerCase() === "escape" && (directive[2] === "`" || directive[2] === "\\")) return directive[2];
  }
  return "\\";
}
function parseFromInstructions(text, buildArgs = {}) {
  const globals = /* @__PURE__ */ new Map();
  const stages = /* @__PURE__ */ new Set();
  const froms = [];
  for (const { line, text: instruction } of logicalLines(text)) {
    const [keyword = "", ...rest] = instruction.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === "ARG" && froms.length === 0) {
      for (const decl of rest) declareArg(globals, decl, buildArgs);
    } else if (upper === "FROM") {
      const from = parseFrom(line, rest, globals, stages);
      if (from.stage) stages.add(from.stage);
      froms.push(from);
    }
  }
  return froms;
}
function declareArg(globals, decl, buildArgs) {
  const eq = decl.indexOf("=");
  const name = eq < 0 ? decl : decl.slice(0, eq);
  const fallback = eq < 0 ? void 0 : unquote(substitute(decl.slice(eq + 1), globals) ?? "");
  globals.set(name, Object.hasOwn(buildArgs, name) ? buildArgs[name] : fallback);
}
function parseFrom(line, words, globals, stages) {
  const args = words.filter((w) => !w.startsWith("--"));
  const image = args[0] ?? "";
  const stage = args.length >= 3 && args[1].toUpperCase() === "AS" ? args[2].toLowerCase() : void 0;
  const resolved = substitute(image, globals);
  const base = { line, image, stage, resolved };
  if (resolved === void 0 || resolved === "") return { ...base, kind: "unresolved" };
  if (resolved.toLowerCase() === "scratch") return { ...base, kind: "scratch" };
  if (stages.has(resolved.toLowerCase())) return { ...base, kind: "stage" };
  return { ...base, kind: DIGEST.test(resolved) ? "pinned" : "unpinned" };
}
function substitute(word, vars) {
  let missing2 = false;
  const out = word.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced, op, operand, bare) => {
      const value = vars.get(braced ?? bare);
      const set = value !== void 0 && value !== "";
      if (op === "-") return set ? value : operand ?? "";
      if (op === "+") return set ? operand ?? "" : "";
      if (value === void 0) missing2 = true;
      return value ?? "";
    }
  );
  return missing2 ? void 0 : out;
}
function unquote(value) {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2] : value;
}
function baseImages(froms) {
  const refs = froms.filter((f) => f.kind === "pinned" || f.kind === "unpinned").map((f) => f.resolved);
  return [...new Set(refs)];
}

// src/build/dstack-util.ts
import { createHash as createHash2 } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import { join as join2 } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";
var SHA256_HEX = /^[0-9a-f]{64}$/;
var MAX_SIZE = 512 * 1024 * 1024;
var DOWNLOAD_TIMEOUT_MS = 10 * 6e4;
function parseSha256(value, what) {
  const hex = value.trim().replace(/^sha256:/i, "").toLowerCase();
  if (!SHA256_HEX.test(hex)) throw new UserError(`${what}: expected 64 hex digits (SHA-256), got ${JSON.stringify(value)}`);
  return hex;
}
async function fetchDstackUtil(source, sha256, workDir, options = {}) {
  const pinnedBy = options.pinnedBy ?? "dstack-util-sha256";
  const expected = parseSha256(sha256, "dstack-util-sha256");
  const dir = join2(workDir, "dstack-util");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const path = join2(dir, "dstack-util");
  const { digest, size } = await copyHashing(await openSource(source, options.fetch ?? fetch), path);
  if (digest !== expected) {
    await rm(dir, { recursive: true, force: true });
    throw new VerificationError(`dstack-util ${source}: SHA-256 is ${digest}, but ${pinnedBy} pins ${expected}`);
  }
  await chmod(path, 493);
  return { dir, path, sha256: digest, size };
}
async function openSource(source, download2) {
  if (/^https:\/\//i.test(source)) {
    let response;
    try {
      response = await download2(source, { redirect: "follow", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    } catch (error) {
      const reason = [error, error.cause].filter((e) => e instanceof Error).map((e) => e.message).join(": ");
      throw new UserError(`dstack-util ${source}: download failed: ${reason}`, { code: "external", cause: error });
    }
    if (!response.ok || !response.body) throw new UserError(`dstack-util ${source}: download failed: HTTP ${response.status}`, { code: "external" });
    return Readable.fromWeb(response.body);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new UserError(`dstack-util ${source}: only a file path or an https:// URL is accepted`);
  }
  return (await openRegularStream(source, { label: `dstack-util ${source}`, maxBytes: MAX_SIZE })).stream;
}
async function copyHashing(input, path) {
  const hash = createHash2("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk, _encoding, callback) {
      size += chunk.length;
      if (size > MAX_SIZE) return callback(new UserError(`dstack-util is larger than ${MAX_SIZE} bytes`));
      hash.update(chunk);
      callback(null, chunk);
    }
  });
  await pipeline2(input, meter, createWriteStream(path, { mode: 493 }));
  return { digest: hash.digest("hex"), size };
}

// src/build/image-build.ts
import { randomBytes } from "node:crypto";
import { mkdir as mkdir3, rm as rm4 } from "node:fs/promises";
import { join as join5, resolve as resolve2 } from "node:path";

// src/image/append-layer.ts
import { createHash as createHash3 } from "node:crypto";
import { createReadStream as createReadStream2, createWriteStream as createWriteStream2 } from "node:fs";
import { lstat as lstat2, mkdir as mkdir2, readFile, rename, rm as rm2, stat, writeFile } from "node:fs/promises";
import { dirname, join as join3 } from "node:path";
var tar = __toESM(require_tar_stream(), 1);
import { PassThrough } from "node:stream";
import { pipeline as pipeline3 } from "node:stream/promises";
var JSON_LIMIT = 4 * 1024 * 1024;
var INDEX_TYPES = /* @__PURE__ */ new Set(["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]);
var LAYER_TYPE = {
  "application/vnd.docker.distribution.manifest.v2+json": "application/vnd.docker.image.rootfs.diff.tar"
};
async function appendFileLayerInLayout(options) {
  const small = await readLayoutDocuments(options.layoutDir);
  const blobs = join3(options.layoutDir, "blobs", "sha256");
  const layerTemp = join3(blobs, ".nitro-eif-layer.tmp");
  try {
    const layer = await writeLayer(options, layerTemp);
    const plan = planRewrite(small, { ...options, archivePath: options.layoutDir }, layer);
    await rename(layerTemp, join3(options.layoutDir, blobName(layer.digest)));
    await writeLayoutEdit(options.layoutDir, plan);
    return { manifestDigest: plan.manifestDigest, layerDigest: layer.digest };
  } finally {
    await rm2(layerTemp, { force: true });
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
  const done = pipeline3(createReadStream2(archivePath), extract2);
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
    const path = join3(dir, name);
    const info = await lstat2(path).catch(() => void 0);
    if (!info) throw new FormatError(`${dir}: ${name} is missing`);
    if (!info.isFile() || info.size > JSON_LIMIT) throw new FormatError(`${dir}: ${name} is not a regular file of at most ${JSON_LIMIT} bytes`);
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
  const hash = createHash3("sha256");
  let written = 0;
  const meter = new PassThrough().on("data", (chunk) => {
    hash.update(chunk);
    written += chunk.length;
  });
  const done = pipeline3(pack2, meter, createWriteStream2(layerPath));
  const parts = options.targetPath.slice(1).split("/");
  for (let i = 1; i < parts.length; i++) {
    pack2.entry({ ...owner, name: `${parts.slice(0, i).join("/")}/`, type: "directory", mode: 493 });
  }
  const sink = pack2.entry({ ...owner, name: parts.join("/"), type: "file", size, mode: options.mode ?? 493 });
  await pipeline3(createReadStream2(options.sourcePath), sink);
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
  for (const b of plan.blobs) await writeFile(join3(layoutDir, b.name), b.data);
  await writeFileAtomic(join3(layoutDir, "index.json"), plan.index);
  for (const name of plan.drop) await rm2(join3(layoutDir, name), { force: true });
}
function goJson(value, original) {
  const indent = original ? /^\{\n( +)"/.exec(original.toString("latin1", 0, 64))?.[1] : void 0;
  const text = JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return Buffer.from(text);
}
function blob(data) {
  const digest = `sha256:${createHash3("sha256").update(data).digest("hex")}`;
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
import { constants, createReadStream as createReadStream3 } from "node:fs";
import { chmod as chmod2, copyFile, lstat as lstat3, open, rename as rename2, rm as rm3 } from "node:fs/promises";
import { join as join4 } from "node:path";
import { PassThrough as PassThrough2, Transform as Transform2, Writable } from "node:stream";
import { pipeline as pipeline4 } from "node:stream/promises";
import * as zlib from "node:zlib";

// src/image/mtime-clamp.ts
var BLOCK = 512;
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
      if (at % BLOCK !== 0 || chunk.length - pos < BLOCK) {
        throw new Error(`internal: chunk does not hold the whole header block at byte ${at}`);
      }
      if (this.#header(chunk.subarray(pos, pos + BLOCK), at)) changed = true;
      pos += BLOCK;
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
    if (isZero(block)) {
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
      this.#state = { kind: "pax", record: Buffer.alloc(headerSize), start: at + BLOCK, filled: 0, padding: padding(headerSize), global: flag === "g" };
      if (headerSize === 0) this.#state = { kind: "header" };
      return changed;
    }
    const size = flag === "L" || flag === "K" ? headerSize : this.#paxSize ?? headerSize;
    if (flag !== "L" && flag !== "K") this.#paxSize = void 0;
    const skip = flag === "0" || flag === "\0" || flag === "7" || flag === "L" || flag === "K" ? size + padding(size) : 0;
    if (!Number.isSafeInteger(skip)) throw this.#fail(at, `size ${size} is too large`);
    if (skip > 0) this.#state = { kind: "skip", left: skip };
    return changed;
  }
  /** A complete PAX record: remembers `size`, returns the patch of an `mtime` after the epoch. */
  #paxRecord(record, start, global) {
    let pos = 0;
    let patch;
    while (pos < record.length) {
      const space = record.indexOf(32, pos);
      const lengthText = space < 0 ? "" : record.toString("latin1", pos, space);
      if (!/^\d{1,7}$/.test(lengthText)) throw this.#fail(start - BLOCK, `PAX record at byte ${pos} has an unreadable length`);
      const end = pos + Number(lengthText);
      if (end > record.length || end <= space + 1 || record[end - 1] !== 10) throw this.#fail(start - BLOCK, `PAX record at byte ${pos} is malformed`);
      const body = record.toString("latin1", space + 1, end - 1);
      const eq = body.indexOf("=");
      const key = eq < 0 ? body : body.slice(0, eq);
      const value = eq < 0 ? "" : body.slice(eq + 1);
      if (key === "size" && !global) {
        if (!/^\d{1,15}$/.test(value)) throw this.#fail(start - BLOCK, `PAX size ${JSON.stringify(value.slice(0, 40))} is not a non-negative decimal number`);
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
function isZero(block) {
  for (let i = 0; i < BLOCK; i += 4) if (block.readUInt32LE(i) !== 0) return false;
  return true;
}
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function writeOctal(block, offset, length, value) {
  block.write(value.toString(8).padStart(length - 1, "0"), offset, length - 1, "latin1");
  block[offset + length - 1] = 0;
}
function writeChecksum(block) {
  let unsigned = 8 * 32;
  for (let i = 0; i < BLOCK; i += 1) if (i < CHECKSUM || i >= CHECKSUM + 8) unsigned += block[i];
  block.write(unsigned.toString(8).padStart(6, "0"), CHECKSUM, 6, "latin1");
  block[CHECKSUM + 6] = 0;
  block[CHECKSUM + 7] = 32;
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
    if (outcome.replacement && !kept.has(digest)) await rm3(join4(layoutDir, blobName(digest)), { force: true });
  }
  return { manifestDigest: plan.manifestDigest, layersRewritten: changed, timestampsClamped };
}
async function clampLayer(layoutDir, layer, diffId, options) {
  const compression = LAYER_MEDIA_TYPES[layer.mediaType ?? ""];
  if (compression === void 0) throw new FormatError(`${layoutDir}: layer ${layer.digest}: unsupported layer mediaType ${quoted(layer.mediaType)}`);
  const path = join4(layoutDir, blobName(layer.digest));
  if (compression === "none") {
    if (diffId !== layer.digest) throw new FormatError(`${layoutDir}: layer ${layer.digest} is uncompressed, but the config's diff_id says ${diffId}`);
    return clampInPlace(layoutDir, path, layer, options.epoch);
  }
  return clampCompressed(layoutDir, path, layer, diffId, compression, options);
}
async function openForPatching(path, layer) {
  const info = await lstat3(path).catch((error) => {
    throw new FormatError(`layer ${layer.digest}: blob missing from the layout (${error.message})`, { cause: error });
  });
  if (!info.isFile()) throw new FormatError(`layer ${layer.digest}: the blob is not a regular file`);
  if (info.nlink > 1) {
    const copy = `${path}.nitro-eif-copy`;
    await copyFile(path, copy);
    await rename2(copy, path);
  }
  await chmod2(path, 420);
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
    const target = join4(layoutDir, blobName(digest));
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
  const source = createReadStream3(path);
  const hashed = blobHash ? new Transform2({ transform(chunk, _enc, cb) {
    blobHash.update(chunk).then(() => cb(null, chunk), cb);
  } }) : new PassThrough2();
  await pipeline4(source, hashed, inflate, collect).catch((error) => {
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
  const temp = join4(layoutDir, "blobs", "sha256", ".nitro-eif-clamp.tmp");
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
    await rename2(temp, join4(layoutDir, blobName(digest)));
    return { clamped: clamp.clamped, replacement: { ...layer, mediaType: UNCOMPRESSED[layer.mediaType ?? ""], digest, size } };
  } finally {
    await out.close().catch(() => void 0);
    await Promise.all([hash.close(), blobHash.close(), originalHash.close()]);
    await rm3(temp, { force: true });
  }
}

// src/build/image-build.ts
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
  await rm4(dir, { recursive: true, force: true });
  await mkdir3(dir, { recursive: true });
  const ociLayout = join5(dir, "image.oci");
  const placement = request.dstackUtil?.placement;
  const plan = planDockerBuild(buildOptions(request, { ociLayout: resolve2(ociLayout) }));
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
      const waited = new Promise((resolve3) => {
        timer = setTimeout(() => resolve3("running"), graceMs);
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

// src/build/context-build.ts
var BUILD_EXIT_GRACE_MS = 3e3;
async function buildFromContext(request) {
  const path = await chooseImageExport(request.export, request.image.env, request.image.cwd);
  request.onExport?.(path);
  const flatten = request.flatLayoutDir !== void 0 ? { layoutDir: request.flatLayoutDir } : true;
  const done = (result) => {
    if (!result.image.manifestDigest) throw new Error("internal: a flattened image without a manifest digest");
    return { result, export: path, imageDigest: result.image.manifestDigest };
  };
  if (path === "oci-layout") {
    const image = await buildImageArchive(request.image);
    request.onImageBuilt?.();
    return done(await buildEnclave({ ...request.enclave, image: { ociLayout: image.ociLayout, platform: request.image.platform }, flatten }));
  }
  const build = startRootfsBuild(request.image);
  try {
    const result = await buildEnclave({
      ...request.enclave,
      image: { rootfsStream: build.rootfs, platform: request.image.platform, config: build.finished },
      flatten
    });
    await build.finished;
    await build.removed;
    return done(result);
  } catch (error) {
    const buildError = await build.failure(BUILD_EXIT_GRACE_MS);
    await build.removed;
    throw buildError ?? error;
  }
}

// src/reproduce/recipe.ts
var EXT = "predicate.buildDefinition.externalParameters";
function readRecipe(value, what = "provenance") {
  const statement = checkStatementShape(value, what);
  const { buildDefinition, runDetails } = statement.predicate;
  const internal = buildDefinition.internalParameters ?? {};
  const layout = internal["statementLayout"];
  if (typeof layout !== "number") throw missing(what, "predicate.buildDefinition.internalParameters.statementLayout", "made before statement layout 2");
  if (layout > STATEMENT_LAYOUT) throw new VerificationError(`${what}: statement layout ${layout} is newer than this nitro-eif (${STATEMENT_LAYOUT}); update nitro-eif`);
  const ext = buildDefinition.externalParameters ?? {};
  const need = (name, check, hint = "a rebuild needs it") => {
    const v = ext[name];
    if (v === void 0) throw missing(what, `${EXT}.${name}`, hint);
    if (!check(v)) throw new VerificationError(`${what}: ${EXT}.${name} is malformed: ${JSON.stringify(v).slice(0, 100)}`);
    return v;
  };
  const deps = buildDefinition.resolvedDependencies ?? [];
  const byproducts = runDetails.byproducts ?? [];
  const measured = byproducts.find((b) => b.name === MEASUREMENTS_BYPRODUCT)?.annotations ?? {};
  const eif = statement.subject[0];
  if (!eif) throw missing(what, "subject[0]", "the EIF");
  const util = deps.find((d) => d.name === "dstack-util");
  const placement = ext["dstackUtil"];
  if (util && placement === void 0) throw missing(what, `${EXT}.dstackUtil`, "how dstack-util entered the image");
  const blobSet = need("blobSet", isRecord);
  const blobs = Object.fromEntries(deps.filter((d) => typeof d.digest?.["sha384"] === "string" && d.name).map((d) => [d.name, d.digest["sha384"]]));
  if (Object.keys(blobs).length === 0) throw missing(what, "predicate.buildDefinition.resolvedDependencies (blobs by sha384)", "the kernel, init and nsm.ko");
  const image = byproducts.find((b) => b.name === "oci-image")?.annotations;
  const manifest = byproducts.find((b) => b.name === "ramdisk-manifest")?.digest?.["sha256"];
  const unsigned = byproducts.find((b) => b.name === "unsigned-eif")?.digest;
  const pcrs = pcrsOf(measured, what);
  const platform = need("platform", isString);
  if (platform !== "linux/amd64" && platform !== "linux/arm64") throw new VerificationError(`${what}: ${EXT}.platform ${platform} is not linux/amd64 or linux/arm64`);
  const network = need("network", isString);
  if (network !== "none" && network !== "host" && network !== "default") throw new VerificationError(`${what}: ${EXT}.network ${network} is not none, host or default`);
  const submodules = ext["submodules"] ?? [];
  if (!Array.isArray(submodules) || !submodules.every((m) => isRecord(m) && isRelativePath(m["path"]) && isCommit(m["commit"]))) {
    throw new VerificationError(`${what}: ${EXT}.submodules is malformed: ${JSON.stringify(submodules).slice(0, 100)}`);
  }
  const headCommit = ext["headCommit"];
  if (headCommit !== void 0 && !isCommit(headCommit)) throw new VerificationError(`${what}: ${EXT}.headCommit is malformed: ${JSON.stringify(headCommit).slice(0, 100)}`);
  return {
    layout,
    repository: typeof ext["repository"] === "string" ? ext["repository"] : void 0,
    ref: typeof ext["ref"] === "string" ? ext["ref"] : void 0,
    commit: need("commit", isCommit, "the commit to rebuild"),
    headCommit,
    submodules,
    lfs: ext["lfs"] === true,
    context: need("context", isRelativePath),
    dockerfile: need("dockerfile", isRelativePath),
    buildArgs: need("buildArgs", isStringRecord),
    target: typeof ext["target"] === "string" ? ext["target"] : void 0,
    platform,
    network,
    sourceDateEpoch: need("sourceDateEpoch", (v) => Number.isSafeInteger(v) && v >= 0),
    contextDigest: isRecord(ext["contextDigest"]) ? ext["contextDigest"] : void 0,
    baseImages: deps.filter((d) => d.uri?.startsWith("oci://") && d.digest?.["sha256"]).map((d) => ({ name: d.name ?? d.uri.slice(6), sha256: d.digest["sha256"] })),
    dstackUtil: util ? { sha256: util.digest?.["sha256"] ?? "", uri: util.uri, placement: checkPlacement(placement, what) } : void 0,
    blobs,
    blobSet,
    eif: { name: eif.name, sha256: eif.digest.sha256, sha384: eif.digest.sha384 },
    measurements: statement.subject[1]?.digest.sha256 ? { name: statement.subject[1].name, sha256: statement.subject[1].digest.sha256 } : void 0,
    pcrs,
    osImageHash: String(measured["OS_IMAGE_HASH"] ?? ""),
    unsignedEif: unsigned?.["sha256"] && unsigned["sha384"] ? { sha256: unsigned["sha256"], sha384: unsigned["sha384"] } : void 0,
    signingCertificate: typeof ext["signingCertificate"] === "string" ? ext["signingCertificate"] : void 0,
    manifest: manifest ? { sha256: manifest } : void 0,
    image: image ? { manifestDigest: str(image["manifestDigest"]), configDigest: str(image["configDigest"]) } : void 0,
    builder: (runDetails.builder.builderDependencies ?? []).find((d) => d.name === "docker-buildx")?.annotations
  };
}
function missing(what, field, hint) {
  return new VerificationError(`${what}: ${field} is missing (${hint}; rebuild needs statement layout ${STATEMENT_LAYOUT})`);
}
function pcrsOf(annotations, what) {
  const get = (name) => {
    const v = annotations[name];
    if (typeof v !== "string" || !/^[0-9a-f]{96}$/.test(v)) throw missing(what, `runDetails.byproducts[${MEASUREMENTS_BYPRODUCT}].annotations.${name}`, "the measured PCRs");
    return v;
  };
  const pcr8 = annotations["PCR8"];
  return { PCR0: get("PCR0"), PCR1: get("PCR1"), PCR2: get("PCR2"), ...typeof pcr8 === "string" ? { PCR8: pcr8 } : {} };
}
function checkPlacement(value, what) {
  if (isRecord(value) && value["kind"] === "build-context") return { kind: "build-context", name: "dstack-util" };
  if (isRecord(value) && value["kind"] === "layer" && typeof value["path"] === "string" && value["path"].startsWith("/") && typeof value["mode"] === "string" && /^[0-7]{3,4}$/.test(value["mode"]) && Number.isSafeInteger(value["mtime"])) {
    return { kind: "layer", path: value["path"], mode: value["mode"], mtime: value["mtime"] };
  }
  throw new VerificationError(`${what}: ${EXT}.dstackUtil is malformed: ${JSON.stringify(value).slice(0, 100)}`);
}
var isString = (v) => typeof v === "string" && v.length > 0;
var isCommit = (v) => typeof v === "string" && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v);
var isRecord = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isStringRecord = (v) => isRecord(v) && Object.values(v).every((x) => typeof x === "string");
var isRelativePath = (v) => isString(v) && !v.startsWith("/") && !v.split("/").includes("..");
var str = (v) => typeof v === "string" ? v : void 0;

// src/reproduce/source.ts
import { mkdir as mkdir4 } from "node:fs/promises";
async function checkoutCommit(request) {
  if (request.source.startsWith("-")) throw new UserError(`--source ${request.source}: not a directory or git URL`, { code: "usage" });
  const git = (args, cwd) => runProcess({ command: "git", args, env: { GIT_TERMINAL_PROMPT: "0" } }, { env: request.env, cwd });
  await mkdir4(request.dir, { recursive: true });
  await git(["clone", "--quiet", "--no-checkout", "--", request.source, request.dir]).catch((error) => {
    throw new UserError(`--source ${request.source}: cannot clone: ${error.message}`, { code: "not-found", cause: error });
  });
  const has = () => git(["cat-file", "-e", `${request.commit}^{commit}`], request.dir).then(() => true, () => false);
  if (!await has()) await git(["fetch", "--quiet", "origin", request.commit], request.dir).catch(() => void 0);
  if (!await has()) throw new VerificationError(`--source ${request.source}: has no commit ${request.commit} (the commit the provenance records)`);
  await git(["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", request.commit], request.dir);
  if (request.submodules) await git(["submodule", "update", "--quiet", "--init", "--recursive"], request.dir);
}

// src/reproduce/reproduce.ts
var WORK_ENTRIES = ["pulled", "dstack-util", "source", "rebuild", "rebuild-2"];
async function reproduce(options) {
  const verified = verifyProvenanceBundle(options.bundle, options.trust, options.bundleName);
  const recipe = readRecipe(verified.statement, options.bundleName);
  const log = (line) => options.onOutput?.(`${line}
`);
  await mkdir5(options.workDir, { recursive: true });
  for (const name of WORK_ENTRIES) await rm5(join6(options.workDir, name), { recursive: true, force: true });
  const given = await givenEif(options, recipe);
  const util = await pinnedDstackUtil(options, recipe);
  const blobsDir = "dir" in options.blobs ? options.blobs.dir : await options.blobs.dirFor(recipeArch(recipe));
  await checkBlobs(blobsDir, recipe);
  const sourceDir = join6(options.workDir, "source");
  log(`Checking out ${recipe.commit} from ${options.source}`);
  await checkoutCommit({ source: options.source, commit: recipe.commit, submodules: recipe.submodules.length > 0, dir: sourceDir, env: options.env });
  const reasons = [];
  if (recipe.lfs) reasons.push("the source tracks files with Git LFS: they are built as checked out here (run git lfs in --source first if they are pointers)");
  const context = await insideCheckout(sourceDir, recipe.context, "build context", recipe.commit);
  const dockerfile = await insideCheckout(sourceDir, recipe.dockerfile, "Dockerfile", recipe.commit);
  await checkContext(context, recipe, reasons);
  const bases = await checkBaseImages(dockerfile, recipe, reasons);
  const first = await rebuild(options, recipe, util, blobsDir, sourceDir, "rebuild", bases);
  const recordedEif = recipe.unsignedEif ?? recipe.eif;
  const registers = /* @__PURE__ */ new Set();
  for (const name of ["PCR0", "PCR1", "PCR2"]) {
    if (first.pcrs[name] !== recipe.pcrs[name] || given && given.pcrs[name] !== first.pcrs[name]) registers.add(name);
  }
  if (given?.pcrs.PCR8 !== void 0 && recipe.pcrs.PCR8 !== void 0 && given.pcrs.PCR8 !== recipe.pcrs.PCR8) registers.add("PCR8");
  const eifBytes = first.sha256 !== recordedEif.sha256 || given !== void 0 && !given.signed && given.sha256 !== first.sha256;
  const reproduced = registers.size === 0 && !eifBytes;
  const report = {
    reproduced,
    os_image_hash: osImageHash(first.pcrs),
    pcrs: first.pcrs,
    eif: { sha256: first.sha256, sha384: first.sha384 },
    recorded: {
      os_image_hash: recipe.osImageHash,
      pcrs: recipe.pcrs,
      eif_sha256: recordedEif.sha256,
      ...recipe.measurements ? { measurements_sha256: recipe.measurements.sha256 } : {}
    },
    measurements: { sha256: first.measurementsSha256, ...recipe.measurements ? { same_as_recorded: recipe.measurements.sha256 === first.measurementsSha256 } : {} },
    source: { ...recipe.repository ? { repository: recipe.repository } : {}, commit: recipe.commit, ...recipe.headCommit ? { head_commit: recipe.headCommit } : {} },
    ...given ? { compared_eif: { path: given.path, sha256: given.sha256, pcrs: given.pcrs, signed: given.signed } } : {},
    reasons
  };
  if (recipe.measurements && recipe.measurements.sha256 !== first.measurementsSha256) {
    reasons.push(`the measurements file differs from the signed ${recipe.measurements.name} (sha256 ${first.measurementsSha256} vs ${recipe.measurements.sha256})${recipe.signingCertificate ? ": expected for a signed EIF" : ""}`);
  }
  if (reproduced) return report;
  const changes = await explain(options, recipe, first, given, reasons, () => rebuild(options, recipe, util, blobsDir, sourceDir, "rebuild-2", bases));
  report.differences = { registers: [...registers].sort(), paths: [...new Set(changes.map((c) => c.path))], eif_bytes: eifBytes };
  for (const change of changes.slice(0, 50)) reasons.push(`file ${describeChange(change)}`);
  return report;
}
async function explain(options, recipe, first, given, reasons, rebuildAgain) {
  const differsFromRecord = first.pcrs.PCR2 !== recipe.pcrs.PCR2 || recipe.manifest !== void 0 && recipe.manifest.sha256 !== first.manifestSha256;
  if (differsFromRecord) {
    const second = await rebuildAgain();
    const moving = await diffManifests(first.manifest, second.manifest, { listed: 10 });
    if (moving.total > 0) {
      reasons.push(`moving content: ${moving.total} file(s) differ between two rebuilds of the same commit (a build step fetched or generated them): ` + moving.changes.map((c) => c.path).join(", "));
    }
  }
  if (recipe.image?.configDigest && first.configDigest !== recipe.image.configDigest) {
    const here = await readBuilderInfo(options.env);
    reasons.push(`the image config differs (${first.configDigest} vs recorded ${recipe.image.configDigest}); recorded builder ${JSON.stringify(recipe.builder ?? {})}, this one ${JSON.stringify(here)}`);
  }
  if (given?.manifest) {
    const files = await diffManifests(given.manifest.file, first.manifest);
    if (files.total > files.changes.length) reasons.push(`${files.total} file(s) differ; the first ${files.changes.length} by path are listed`);
    return [...files.changes];
  }
  if (!given && differsFromRecord) reasons.push("no manifest of the recorded build was given (--manifest, or --store): the differing paths are unknown");
  return [];
}
async function rebuild(options, recipe, util, blobsDir, sourceDir, name, bases) {
  const dir = join6(options.workDir, name);
  const log = (line) => options.onOutput?.(`${line}
`);
  const paths = { eif: join6(dir, "enclave.eif"), measurements: join6(dir, "measurements.json"), manifest: join6(dir, "manifest.json") };
  const tempDir = join6(dir, "tmp");
  await mkdir5(tempDir, { recursive: true });
  const { result } = await buildFromContext({
    image: {
      context: join6(sourceDir, recipe.context),
      file: join6(sourceDir, recipe.dockerfile),
      buildArgs: recipe.buildArgs,
      target: recipe.target,
      platform: recipe.platform,
      network: recipe.network,
      sourceDateEpoch: recipe.sourceDateEpoch,
      dir: join6(dir, "image"),
      noCache: true,
      dstackUtil: util && recipe.dstackUtil ? { dir: util.dir, path: util.path, placement: recipe.dstackUtil.placement } : void 0,
      env: options.env,
      cwd: sourceDir,
      onCommand: log,
      onInfo: log,
      onOutput: options.onOutput
    },
    export: options.imageExport ?? "auto",
    onExport: (path) => log(`Image export: ${path}`),
    enclave: {
      outputPath: paths.eif,
      blobsDir,
      blobsLock: recipe.blobs,
      sourceDateEpoch: recipe.sourceDateEpoch,
      dstackUtilSha256: util?.sha256,
      measurementsPath: paths.measurements,
      manifestPath: paths.manifest,
      tempDir
    }
  }).catch((error) => {
    throw isBuildFailure(error) ? explainBuildFailure(error, bases) : error;
  });
  log(`Rebuilt ${paths.eif}: OS_IMAGE_HASH ${osImageHash(result.eif.pcrs)}`);
  return {
    pcrs: result.eif.pcrs,
    sha256: result.eif.sha256,
    sha384: result.eif.sha384,
    manifest: await openManifest(paths.manifest),
    manifestSha256: result.manifest.sha256,
    configDigest: result.image.configDigest,
    measurementsSha256: createHash4("sha256").update(await readFile2(paths.measurements)).digest("hex")
  };
}
function isBuildFailure(error) {
  return /^docker buildx build failed/.test(errorMessage(error));
}
function explainBuildFailure(error, bases) {
  const text = errorMessage(error);
  if (bases.length > 0 && /not found|failed to resolve|pull access denied|manifest unknown|failed to do request|no such host|failed to fetch/i.test(text)) {
    return new VerificationError(`base image no longer resolvable (${bases.join(", ")}): ${text}`, { cause: error });
  }
  return error;
}
var MAX_DOCKERFILE_BYTES = 1 << 20;
async function insideCheckout(sourceDir, rel, what, commit) {
  const label = `${rel} (the ${what} in commit ${commit})`;
  const root = await realpath(sourceDir);
  const real = await realpath(join6(sourceDir, rel)).catch((error) => {
    throw new VerificationError(`${label}: not in the commit (${error.message})`, { cause: error });
  });
  if (real !== root && !real.startsWith(`${root}${sep2}`)) throw new VerificationError(`${label}: a symlink out of the checkout, to ${real}`);
  return real;
}
async function checkBaseImages(dockerfile, recipe, reasons) {
  const text = await readRegularText(dockerfile, { maxBytes: MAX_DOCKERFILE_BYTES, label: `${recipe.dockerfile} (the Dockerfile in commit ${recipe.commit})` });
  const bases = baseImages(parseFromInstructions(text, recipe.buildArgs));
  const recorded = recipe.baseImages.map((b) => `${b.name}@sha256:${b.sha256}`);
  const differ = bases.length !== recorded.length || bases.some((b) => !recorded.includes(b));
  if (differ) reasons.push(`the Dockerfile's base images (${bases.join(", ") || "none"}) are not the recorded ones (${recorded.join(", ") || "none"})`);
  return bases;
}
async function pinnedDstackUtil(options, recipe) {
  const pin = recipe.dstackUtil;
  if (!pin) {
    if (options.dstackUtil) throw new UserError("--dstack-util: the provenance records no dstack-util", { code: "usage" });
    return void 0;
  }
  const source = options.dstackUtil ?? (pin.uri?.startsWith("https://") ? pin.uri : void 0);
  if (!source) throw new UserError(`dstack-util: the provenance pins sha256 ${pin.sha256} but records no https URL; give --dstack-util FILE`, { code: "usage" });
  return fetchDstackUtil(source, pin.sha256, join6(options.workDir, "dstack-util"), { pinnedBy: "the provenance", fetch: proxyFetchFromEnv(options.env) });
}
function recipeArch(recipe) {
  return recipe.platform === "linux/arm64" ? "aarch64" : "x86_64";
}
async function checkBlobs(dir, recipe) {
  const arch = recipeArch(recipe);
  const set = recipe.blobSet.name ? ` (${recipe.blobSet.name})` : "";
  try {
    await loadBlobs({ dir, arch, lock: recipe.blobs });
  } catch (error) {
    if (error instanceof UserError && error.code !== "not-found") throw new VerificationError(`blobs ${dir}: not the recorded blob set${set}: ${error.message}`, { cause: error });
    throw error;
  }
}
async function checkContext(context, recipe, reasons) {
  if (!recipe.contextDigest || recipe.contextDigest.algorithm !== CONTEXT_DIGEST_ALGORITHM) return;
  const here = await digestContext(context);
  if (here.sha256 !== recipe.contextDigest.sha256) {
    reasons.push(`the recorded build context (${recipe.contextDigest.sha256}) is not the commit's (${here.sha256}): the build used files that are not in commit ${recipe.commit} (made by an earlier workflow step, or uncommitted)`);
  }
}
async function givenEif(options, recipe) {
  let path = options.eif?.path;
  let manifestPath = options.eif?.manifestPath;
  if (options.store) {
    const hash = normalizeOsImageHash(options.store.osImageHash ?? recipe.osImageHash);
    const dir = join6(options.workDir, "pulled");
    await mkdir5(dir, { recursive: true });
    path = join6(dir, "enclave.eif");
    await download(options.store.store, artifactKey(hash, "eif"), path);
    const manifest = join6(dir, "manifest.json");
    manifestPath = await download(options.store.store, artifactKey(hash, "manifest"), manifest).then(() => manifest, () => void 0);
  }
  if (!path) return void 0;
  const eif = await inspectEif(path);
  if (!eif.crc.ok) throw new VerificationError(`${path}: CRC mismatch (stored ${eif.crc.stored}, computed ${eif.crc.computed})`);
  const given = { path, sha256: eif.sha256, pcrs: eif.pcrs, signed: eif.pcrs.PCR8 !== void 0 };
  if (!manifestPath) return given;
  const label = `--manifest ${manifestPath}`;
  const file = await openManifest(manifestPath, { label });
  const ramdisk = file.head.sha384;
  const pcr2 = ramdisk && createHash4("sha384").update(Buffer.alloc(48)).update(Buffer.from(ramdisk, "hex")).digest("hex");
  if (pcr2 !== eif.pcrs.PCR2) throw new VerificationError(`${manifestPath}: not the manifest of ${path} (its customer ramdisk does not give the EIF's PCR2)`);
  return { ...given, manifest: { path: manifestPath, file, sha256: await fileSha256(manifestPath, label), ramdiskSha384: ramdisk } };
}
async function download(store, key, path) {
  await pipeline5(await store.get(key), createWriteStream3(path, { flags: "wx" }));
}
export {
  reproduce
};
