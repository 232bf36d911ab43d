#!/usr/bin/env node
// Mutation fuzzer for every reader of the CLI (dist/cli.js), run as a user runs it: one child process per
// mutant. Not part of `npm test` (it runs for minutes); the bugs it finds become regression tests in
// test/unit/hostile/.
//
//   npm run build && node scripts/fuzz-readers.mjs [--seed 1] [--count 100] [--only eif,oci-archive] [--timeout 20]
//
// --count is the number of mutants per reader, --only a comma-separated list of readers (see READERS
// below; --list prints them). The same seed gives the same mutants. Every mutant must end within the
// timeout with exit 0 or a refusal: exit 1 or 2, ONE line on stderr that starts with "nitro-eif: error:",
// no stack trace, peak RSS under 512 MiB, nothing left in its private TMPDIR, no output file on a
// refusal, nothing created outside its case directory. Failures are printed and their inputs kept under
// `fuzz-failures/<reader>-<n>/` (with the command line in `command.txt`); a summary per reader ends the run.
// The child processes run one at a time (the fuzzer is meant to share a machine).

import { execFileSync, spawn } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, sign as signData } from 'node:crypto';
import {
  cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');

// ---------------------------------------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(`--${name}`);
  return at === -1 ? fallback : argv[at + 1];
};
const SEED = Number(flag('seed', '1'));
const COUNT = Number(flag('count', '100'));
const TIMEOUT_MS = Number(flag('timeout', '20')) * 1000;
const ONLY = flag('only', '') ? flag('only', '').split(',') : undefined;
const FAILURES = resolve(flag('failures', join(ROOT, 'fuzz-failures')));
const MAX_RSS_MIB = 512;
const VERBOSE = argv.includes('--verbose');

// ------------------------------------------------------------------------------------------ random source
/** xorshift32: small, seeded, reproducible. */
function rng(seed) {
  // Seeds that differ by little give unrelated streams: mix the seed (murmur3's finaliser), drop a few outputs.
  let state = Math.imul((seed ^ (seed >>> 16)) >>> 0, 0x85ebca6b) >>> 0;
  state = Math.imul(state ^ (state >>> 13), 0xc2b2ae35) >>> 0;
  state = (state ^ (state >>> 16)) >>> 0 || 0x9e3779b9;
  const next = () => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state;
  };
  for (let i = 0; i < 8; i++) next();
  return {
    int: (n) => (n <= 0 ? 0 : next() % n),
    pick: (list) => list[next() % list.length],
    chance: (p) => next() / 0x100000000 < p,
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => next() & 0xff)),
  };
}

// --------------------------------------------------------------------------------------- byte mutations
const HUGE_U32 = [0xffffffff, 0x80000000, 0x7fffffff, 0];
const HUGE_U64 = [2n ** 64n - 1n, 2n ** 63n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 32n, 0n, 1n];

/** One random byte-level edit: bit flip, byte set, insert, delete, truncation, huge 4/8-byte field, block copy. */
function mutateBytes(r, input, boundaries = []) {
  const b = Buffer.from(input);
  if (b.length === 0) return r.bytes(r.int(64));
  const at = r.int(b.length);
  switch (r.int(9)) {
    case 0: b[at] ^= 1 << r.int(8); return b;
    case 1: b[at] = r.pick([0, 0xff, 0x7f, 0x80, 0x0a, 0x2f, 0x2e]); return b;
    case 2: return Buffer.concat([b.subarray(0, at), r.bytes(1 + r.int(16)), b.subarray(at)]);
    case 3: return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + r.int(16)))]);
    case 4: return b.subarray(0, boundaries.length && r.chance(0.6) ? Math.min(b.length, r.pick(boundaries)) : at);
    case 5: if (b.length >= 4) b.writeUInt32BE(r.pick(HUGE_U32), r.int(b.length - 3)); return b;
    case 6: if (b.length >= 8) b.writeBigUInt64BE(r.pick(HUGE_U64), r.int(b.length - 7)); return b;
    case 7: { const from = r.int(b.length); const len = r.int(512); return Buffer.concat([b.subarray(0, at), b.subarray(from, from + len), b.subarray(at)]); }
    default: for (let i = 0; i < 1 + r.int(8); i++) b[r.int(b.length)] = r.int(256); return b;
  }
}

/** A few edits in a row (most mutants get one or two). */
function mutateBytesN(r, input, boundaries) {
  let out = input;
  const n = r.chance(0.7) ? 1 : 2 + r.int(4);
  for (let i = 0; i < n; i++) out = mutateBytes(r, out, boundaries);
  return out;
}

// ------------------------------------------------------------------------------------------- EIF edits
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
const CRC_TABLE = new Int32Array(256).map((_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c; });
function crc32Fast(bytes) {
  let crc = ~0;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
void crc32;

/** Rewrites the header CRC so the mutant gets past the CRC check into the section parser. */
function fixEifCrc(eif) {
  if (eif.length < 548) return eif;
  eif.writeUInt32BE(crc32Fast(Buffer.concat([eif.subarray(0, 544), eif.subarray(548)])), 544);
  return eif;
}

function eifBoundaries(eif) {
  if (eif.length < 548) return [0, 4, 26, 28];
  const count = Math.min(32, eif.readUInt16BE(26));
  const out = [0, 4, 8, 26, 28, 284, 544, 548];
  for (let i = 0; i < count; i++) {
    const offset = Number(eif.readBigUInt64BE(28 + 8 * i));
    const size = Number(eif.readBigUInt64BE(284 + 8 * i));
    out.push(offset, offset + 12, offset + 12 + size, offset + 11, offset + 13);
  }
  return out;
}

/** A structural EIF edit: header counts, offsets and sizes, section headers, versions; CRC fixed or not. */
function mutateEif(r, seed) {
  const eif = Buffer.from(seed);
  const count = eif.readUInt16BE(26);
  const section = r.int(count);
  const offset = Number(eif.readBigUInt64BE(28 + 8 * section));
  switch (r.int(10)) {
    case 0: eif.writeUInt16BE(r.pick([0, 1, 2, 31, 32, 33, 0xffff]), 26); break;
    case 1: eif.writeBigUInt64BE(r.pick([...HUGE_U64, BigInt(offset + 1), BigInt(offset - 12), 548n]), 28 + 8 * section); break;
    case 2: eif.writeBigUInt64BE(r.pick([...HUGE_U64, BigInt(Number(eif.readBigUInt64BE(284 + 8 * section)) + 1)]), 284 + 8 * section); break;
    case 3: if (offset + 12 <= eif.length) eif.writeBigUInt64BE(r.pick(HUGE_U64), offset + 4); break;
    case 4: if (offset + 2 <= eif.length) eif.writeUInt16BE(r.pick([0, 1, 2, 3, 4, 5, 6, 0xffff]), offset); break;
    case 5: eif.writeUInt16BE(r.pick([0, 1, 2, 3, 4, 5, 0xffff]), 4); break;
    case 6: eif.writeUInt16BE(r.pick([1, 2, 0xffff]), 6); break;
    case 7: { // swap two sections' table entries
      const other = r.int(count);
      const a = eif.subarray(28 + 8 * section, 36 + 8 * section); const b = Buffer.from(eif.subarray(28 + 8 * other, 36 + 8 * other));
      Buffer.from(a).copy(eif, 28 + 8 * other); b.copy(eif, 28 + 8 * section); break;
    }
    case 8: return fixEifCrc(mutateBytesN(r, eif, eifBoundaries(eif)));
    default: return mutateBytesN(r, eif, eifBoundaries(eif));
  }
  return r.chance(0.8) ? fixEifCrc(eif) : eif;
}

// ------------------------------------------------------------------------------------------- JSON edits
const NASTY_STRINGS = [
  '', '../../../../../../tmp/FUZZESCAPE', '/tmp/FUZZESCAPE', 'a\u0000b', 'line\nbreak', '\u001b[31m', '\ud800', 'x'.repeat(70000),
  'sha256:' + '0'.repeat(64), 'sha256:../../../../etc/passwd', 'blobs/sha256/../../index.json', '0x' + 'f'.repeat(64), '-1', 'NaN',
  'application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json', 'application/vnd.oci.image.layer.v1.tar+zstd',
];
const NASTY_NUMBERS = [-1, 0, 1.5, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 18446744073709551615];

function nastyValue(r) {
  switch (r.int(8)) {
    case 0: return r.pick(NASTY_STRINGS);
    case 1: return r.pick(NASTY_NUMBERS);
    case 2: return r.pick([null, true, false, {}, []]);
    case 3: { let v = []; for (let i = 0; i < r.pick([100, 5000, 100000]); i++) v = [v]; return v; }
    case 4: return Array.from({ length: r.pick([1000, 100000]) }, (_, i) => ({ i }));
    case 5: return { ...Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])) };
    case 6: return 'x'.repeat(r.pick([1 << 10, 1 << 20, 5 << 20]));
    default: return r.pick(NASTY_STRINGS);
  }
}

/** Every [parent, key] pair of a JSON tree (depth-bounded). */
function slots(value, out = [], depth = 0) {
  if (depth > 12 || value === null || typeof value !== 'object') return out;
  for (const key of Object.keys(value)) {
    out.push([value, key]);
    slots(value[key], out, depth + 1);
  }
  return out;
}

/** A JSON-aware edit (replace, delete, duplicate a key as text, deep nesting), or a byte edit of the text. */
function mutateJson(r, text) {
  let doc;
  try { doc = JSON.parse(text); } catch { return mutateBytesN(r, Buffer.from(text)); }
  if (r.chance(0.2)) return mutateBytesN(r, Buffer.from(text));
  const all = slots(doc);
  if (all.length === 0) return Buffer.from(JSON.stringify(nastyValue(r)));
  const [parent, key] = r.pick(all);
  switch (r.int(6)) {
    case 0: delete parent[key]; break;
    case 1: { // duplicate key: the later value wins in JSON.parse; the earlier one is what a naive reader sees
      const body = JSON.stringify(doc);
      const probe = JSON.stringify(key);
      const at = body.indexOf(`${probe}:`);
      if (at > 0) return Buffer.from(`${body.slice(0, at)}${probe}:${JSON.stringify(nastyValue(r))},${body.slice(at)}`);
      parent[key] = nastyValue(r); break;
    }
    case 2: if (Array.isArray(parent[key])) { const list = parent[key]; const extra = list[0] ?? {}; for (let i = 0; i < r.pick([2, 1000, 20000]); i++) list.push(extra); } else parent[key] = nastyValue(r); break;
    default: parent[key] = nastyValue(r);
  }
  let body;
  try { body = JSON.stringify(doc); } catch { body = '['.repeat(100000); } // JSON.stringify of very deep trees
  return Buffer.from(body);
}

// -------------------------------------------------------------------------------------------- tar edits
const BLOCK = 512;
function tarChecksum(block) {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i];
  Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `, 'latin1').copy(block, 148);
}
/** Offsets of the tar headers (walking sizes; stops at anything odd). */
function tarHeaders(tar) {
  const out = [];
  for (let at = 0; at + BLOCK <= tar.length && out.length < 100000;) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((x) => x === 0)) break;
    out.push(at);
    const size = parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    if (!Number.isFinite(size)) break;
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return out;
}
const TAR_FIELDS = { name: [0, 100], mode: [100, 8], uid: [108, 8], gid: [116, 8], size: [124, 12], mtime: [136, 12], type: [156, 1], linkname: [157, 100], magic: [257, 8], devmajor: [329, 8], prefix: [345, 155] };
const NASTY_NAMES = [
  '../FUZZESCAPE', '/tmp/FUZZESCAPE', 'a/../../FUZZESCAPE', './', '.', '..', 'a\nb', 'a\u0001b', '\xff\xfe', 'dir/../..//x', '', 'a\0hidden',
  '.wh..wh..opq', '.wh.', '.wh.../x', 'link/FUZZESCAPE',
];
const TYPE_FLAGS = ['0', '1', '2', '3', '4', '5', '6', '7', 'x', 'g', 'L', 'K', 'S', 'M', 'V', 'D', 'N', 'A', '\0', 'Z'];
const PAX_RECORDS = [
  'size=-1', 'size=18446744073709551615', 'size=9007199254740993', 'size=abc', 'path=../FUZZESCAPE', 'path=/tmp/FUZZESCAPE', 'linkpath=../../FUZZESCAPE',
  'mtime=-1e999', 'mtime=1.5.5', 'uid=-5', 'gid=99999999999999999999', 'GNU.sparse.size=1', 'GNU.sparse.numblocks=99999999', 'GNU.sparse.map=0,1,2',
  'SCHILY.xattr.security.capability=x', 'path=', 'linkpath=', 'path=a\u0000b', 'hdrcharset=BINARY',
];
function paxRecord(text) {
  const body = ` ${text}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length += 1;
  return `${length}${body}`;
}
function rawEntry(name, type, data, linkname = '') {
  const h = Buffer.alloc(BLOCK);
  Buffer.from(name, 'latin1').subarray(0, 100).copy(h, 0);
  Buffer.from('0000644\0', 'latin1').copy(h, 100);
  Buffer.from('0000000\0', 'latin1').copy(h, 108);
  Buffer.from('0000000\0', 'latin1').copy(h, 116);
  Buffer.from(`${data.length.toString(8).padStart(11, '0')}\0`, 'latin1').copy(h, 124);
  Buffer.from('00000000000\0', 'latin1').copy(h, 136);
  h[156] = type.charCodeAt(0);
  Buffer.from(linkname, 'latin1').subarray(0, 100).copy(h, 157);
  Buffer.from('ustar\x0000', 'latin1').copy(h, 257);
  tarChecksum(h);
  return Buffer.concat([h, data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK)]);
}

/** A tar-aware edit: a header field set to something hostile (checksum fixed), an entry inserted or cut. */
function mutateTar(r, seed) {
  const tar = Buffer.from(seed);
  const headers = tarHeaders(tar);
  if (headers.length === 0 || r.chance(0.15)) return mutateBytesN(r, tar, headers.flatMap((h) => [h, h + BLOCK, h + 124, h + 257]));
  const at = r.pick(headers);
  const h = tar.subarray(at, at + BLOCK);
  const [fieldName, [off, width]] = r.pick(Object.entries(TAR_FIELDS));
  switch (r.int(7)) {
    case 0: { // hostile name or link name
      const target = r.chance(0.5) ? 0 : 157;
      h.fill(0, target, target + 100);
      Buffer.from(r.pick(NASTY_NAMES), 'latin1').subarray(0, 100).copy(h, target);
      break;
    }
    case 1: h[156] = r.pick(TYPE_FLAGS).charCodeAt(0); break;
    case 2: { // numeric field: base-256, huge octal, garbage
      const kind = r.int(4);
      if (kind === 0) { h.fill(0xff, off, off + width); }
      else if (kind === 1) { h.fill(0, off, off + width); h[off] = 0x80; h.fill(0xff, off + 1, off + width); }
      else if (kind === 2) Buffer.from('7'.repeat(width - 1) + '\0', 'latin1').copy(h, off);
      else r.bytes(width).copy(h, off);
      break;
    }
    case 3: { // insert an entry (PAX with a hostile record, a link out, a GNU long name)
      const what = r.int(4);
      const entry = what === 0 ? rawEntry('PaxHeaders/x', 'x', Buffer.from(paxRecord(r.pick(PAX_RECORDS)), 'latin1'))
        : what === 1 ? rawEntry(r.pick(['esc', 'evil']), r.pick(['1', '2']), Buffer.alloc(0), r.pick(['../../../../tmp/FUZZESCAPE', '/tmp/FUZZESCAPE', '/etc/passwd', '../x']))
          : what === 2 ? Buffer.concat([rawEntry('dir', '2', Buffer.alloc(0), '/tmp'), rawEntry('dir/FUZZESCAPE', '0', Buffer.from('escaped'))])
            : rawEntry('././@LongLink', 'L', Buffer.from(r.pick(NASTY_NAMES) + '\0', 'latin1'));
      return Buffer.concat([tar.subarray(0, at), entry, tar.subarray(at)]);
    }
    case 4: return tar.subarray(0, at + r.int(BLOCK * 2)); // cut inside a header or the data after it
    case 5: return Buffer.concat([tar.subarray(0, at), tar.subarray(at + BLOCK)]); // drop a header block
    default: r.bytes(1 + r.int(8)).copy(h, off + r.int(width)); break;
  }
  void fieldName;
  if (r.chance(0.9)) tarChecksum(h);
  return tar;
}

// ------------------------------------------------------------------------------------------- CBOR edits
/** A CBOR-aware edit: an argument (length) set to a huge value, a major type changed, an item cut. */
function mutateCbor(r, seed) {
  const b = Buffer.from(seed);
  // Find item heads whose additional info is 24..27 (1/2/4/8-byte argument) and aim at their arguments.
  const heads = [];
  for (let i = 0; i < Math.min(b.length, 4096); i++) if ((b[i] & 0x1f) >= 24 && (b[i] & 0x1f) <= 27 && (b[i] >> 5) <= 5) heads.push(i);
  if (heads.length === 0 || r.chance(0.3)) return mutateBytesN(r, b);
  const at = r.pick(heads);
  const width = 1 << ((b[at] & 0x1f) - 24);
  switch (r.int(4)) {
    case 0: b.fill(0xff, at + 1, Math.min(b.length, at + 1 + width)); return b;
    case 1: b[at] = (b[at] & 0x1f) | (r.int(8) << 5); return b;
    case 2: b[at] = (b[at] & 0xe0) | r.pick([27, 31, 28]); return b;
    default: return Buffer.concat([b.subarray(0, at), Buffer.from([0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), b.subarray(at)]);
  }
}

// ------------------------------------------------------------------------------------------- the runner
const REPORT_RSS = `data:text/javascript,${encodeURIComponent([
  "import { readFileSync, writeSync } from 'node:fs';",
  'const peak = () => { try { return Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch { return 0; } };',
  "process.on('exit', () => { try { writeSync(3, String(peak())); } catch {} });",
].join(' '))}`;

function runCli(args, { cwd, env = {}, timeoutMs = TIMEOUT_MS }) {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', REPORT_RSS, CLI, ...args], {
      cwd, env: { ...process.env, NITRO_EIF_DEBUG: '', ...env }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = ''; let stderr = ''; let rss = '';
    child.stdout.on('data', (c) => { if (stdout.length < 1 << 20) stdout += c; });
    child.stderr.on('data', (c) => { if (stderr.length < 1 << 20) stderr += c; });
    child.stdio[3].on('data', (c) => { rss += c; });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut, ms: Date.now() - started, rssMiB: rss ? Number(rss) / 1024 : undefined });
    });
  });
}

/** Every file under `dir` (relative paths), symlinks not followed. */
function listTree(dir) {
  const out = [];
  const walk = (d) => {
    let names;
    try { names = readdirSync(d); } catch { return; }
    for (const name of names) {
      const p = join(d, name);
      out.push(relative(dir, p));
      if (lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Places where an escaping entry would land: must never exist. */
const ESCAPE_MARKERS = ['/tmp/FUZZESCAPE', join(tmpdir(), 'FUZZESCAPE')];

/**
 * Runs one mutant: `make(caseDir)` writes the inputs and returns { args, outputs?: names allowed in
 * out/ on success, allowExit0?: false when success would itself be a bug, check?(result) }.
 */
async function runCase(reader, index, make) {
  const caseDir = mkdtempSync(join(WORK, `${reader}-`));
  const out = join(caseDir, 'out');
  const temp = join(caseDir, 'tmp');
  mkdirSync(out);
  mkdirSync(temp);
  const spec = await make(caseDir);
  const before = listTree(caseDir).filter((p) => !p.startsWith('out') && !p.startsWith('tmp'));
  const result = await runCli(spec.args, { cwd: caseDir, env: { TMPDIR: temp, XDG_CACHE_HOME: join(caseDir, 'cache'), HOME: join(caseDir, 'home'), ...(spec.env ?? {}) } });
  const problems = [];
  if (result.timedOut) problems.push(`hung (killed after ${TIMEOUT_MS / 1000} s)`);
  else if (result.signal) problems.push(`killed by ${result.signal}`);
  else if (![0, 1, 2].includes(result.code)) problems.push(`exit code ${result.code}`);
  const lines = result.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('nitro-eif: warning:') && !/^\S.*: \d+(\.\d+)? (s|ms)\b|^(reading|building|writing|hashing)/.test(l));
  if (result.code !== 0 && !result.timedOut) {
    const errorLines = result.stderr.split('\n').filter((l) => l !== '');
    const last = errorLines.filter((l) => l.startsWith('nitro-eif: error:'));
    if (last.length !== 1) problems.push(`${last.length} error lines; stderr: ${JSON.stringify(result.stderr.slice(0, 400))}`);
    if (/^\s+at |node:internal|\n\s+at /m.test(result.stderr)) problems.push('stack trace');
    if (errorLines.some((l) => l.length > 1000)) problems.push('an error line over 1000 characters');
    if (spec.names && last[0] && !spec.names.some((name) => last[0].includes(name))) problems.push(`error does not name the input: ${last[0].slice(0, 300)}`);
    const leftInOut = readdirSync(out).filter((f) => !(spec.keepOnFailure ?? []).includes(f));
    if (leftInOut.length) problems.push(`left in the output dir: ${leftInOut.join(', ')}`);
  } else if (result.code === 0 && spec.allowExit0 === false) {
    problems.push(`accepted (exit 0): ${result.stdout.slice(0, 200)}`);
  }
  void lines;
  if (result.rssMiB !== undefined && result.rssMiB > MAX_RSS_MIB) problems.push(`peak RSS ${result.rssMiB.toFixed(0)} MiB`);
  const leftInTemp = readdirSync(temp);
  if (leftInTemp.length) problems.push(`left in TMPDIR: ${leftInTemp.join(', ')}`);
  const after = listTree(caseDir).filter((p) => !p.startsWith('out') && !p.startsWith('tmp') && !p.startsWith('cache') && !p.startsWith('home'));
  const created = after.filter((p) => !before.includes(p) && !(spec.mayCreate ?? []).some((m) => p === m || p.startsWith(`${m}/`)));
  if (created.length) problems.push(`created outside the output dir: ${created.slice(0, 5).join(', ')}`);
  for (const marker of ESCAPE_MARKERS) if (existsSync(marker)) { problems.push(`escaped: ${marker} exists`); rmSync(marker, { recursive: true, force: true }); }
  if (spec.check) problems.push(...spec.check(result, caseDir));
  const stat = STATS.get(reader) ?? { mutants: 0, exit0: 0, refused: 0, failures: 0, maxMs: 0, maxRss: 0 };
  stat.mutants += 1;
  if (result.code === 0) stat.exit0 += 1; else stat.refused += 1;
  stat.maxMs = Math.max(stat.maxMs, result.ms);
  stat.maxRss = Math.max(stat.maxRss, result.rssMiB ?? 0);
  if (problems.length) {
    stat.failures += 1;
    const keep = join(FAILURES, `${reader}-${index}`);
    rmSync(keep, { recursive: true, force: true });
    mkdirSync(dirname(keep), { recursive: true });
    cpSync(caseDir, keep, { recursive: true, verbatimSymlinks: true, filter: (src) => { try { const s = lstatSync(src); return s.isFile() || s.isDirectory() || s.isSymbolicLink(); } catch { return false; } } });
    writeFileSync(join(keep, 'command.txt'), `cd ${caseDir}\nnode dist/cli.js ${spec.args.map((a) => JSON.stringify(a)).join(' ')}\n\nexit ${result.code} signal ${result.signal} ${result.ms} ms rss ${result.rssMiB?.toFixed(0)} MiB\nstderr:\n${result.stderr.slice(0, 4000)}\nproblems:\n${problems.join('\n')}\n`);
    console.log(`FAIL ${reader} #${index}: ${problems.join('; ')}\n  stderr: ${result.stderr.slice(0, 300).replace(/\n/g, '\\n')}\n  kept in ${keep}`);
  }
  STATS.set(reader, stat);
  if (VERBOSE) console.log(`  ${reader} #${index}: exit ${result.code} ${result.ms} ms: ${(result.stderr.split('\n').filter(Boolean).pop() ?? result.stdout.slice(0, 100)).slice(0, 200)}`);
  rmSync(caseDir, { recursive: true, force: true });
  return { result, problems };
}

const STATS = new Map();
let WORK;

// ------------------------------------------------------------------------------------------------ seeds
async function importHelpers() {
  const outdir = join(WORK, 'helpers');
  await build({
    entryPoints: { 'oci-builder': join(ROOT, 'test/helpers/oci-builder.ts'), 'synthetic-blobs': join(ROOT, 'test/helpers/synthetic-blobs.ts') },
    outdir, bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'silent', outExtension: { '.js': '.mjs' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return {
    oci: await import(pathToFileURL(join(outdir, 'oci-builder.mjs')).href),
    blobs: await import(pathToFileURL(join(outdir, 'synthetic-blobs.mjs')).href),
  };
}

const SEED_LAYERS = [
  [
    { name: 'bin/', type: 'directory' },
    { name: 'bin/app', data: '#!/bin/sh\necho hello\n', mode: 0o755 },
    { name: 'etc/', type: 'directory' },
    { name: 'etc/hello.txt', data: 'hello world\n'.repeat(40) },
    { name: 'etc/link', type: 'symlink', linkname: 'hello.txt' },
    { name: 'etc/hard', type: 'link', linkname: 'etc/hello.txt' },
    { name: 'var/', type: 'directory' },
    { name: 'var/gone', data: 'x' },
    { name: 'var/long-name-' + 'n'.repeat(120), data: 'pax', pax: { 'SCHILY.xattr.user.a': 'b' } },
  ],
  [
    { name: 'var/.wh.gone', data: '' },
    { name: 'etc/.wh..wh..opq', data: '' },
    { name: 'etc/new', data: 'second layer\n' },
  ],
];
const SEED_CONFIG = { Cmd: ['/bin/app'], Env: ['PATH=/bin'], WorkingDir: '/' };

async function makeSeeds(helpers) {
  const dir = join(WORK, 'seeds');
  mkdirSync(dir, { recursive: true });
  const blobsDir = helpers.blobs.makeSyntheticBlobs('x86_64', join(dir, 'blobs'));
  const { buildOciArchive, buildLayerTar } = helpers.oci;
  const layerTars = [];
  for (const layer of SEED_LAYERS) layerTars.push(await buildLayerTar(layer));
  await buildOciArchive({ dest: join(dir, 'image.oci.tar'), format: 'oci-archive', layers: SEED_LAYERS, config: SEED_CONFIG });
  await buildOciArchive({ dest: join(dir, 'image-zstd.oci.tar'), format: 'oci-archive', layers: SEED_LAYERS, config: SEED_CONFIG, compress: 'zstd' });
  await buildOciArchive({ dest: join(dir, 'layout'), format: 'oci-layout', layers: SEED_LAYERS, config: SEED_CONFIG, compress: 'none', nestedIndex: true });
  await buildOciArchive({ dest: join(dir, 'image.docker.tar'), format: 'docker-archive', layers: SEED_LAYERS, config: SEED_CONFIG });
  const sh = (args, cwd = dir) => execFileSync(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  sh(['build-enclave', '--oci-archive', 'image.oci.tar', '--blobs-dir', blobsDir, '--output-file', 'seed.eif', '--measurements-file', 'seed.measurements.json', '--manifest-file', 'seed.manifest.json', '--quiet']);
  // A signing identity (P-384) for sign-eif and a signed EIF.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  writeFileSync(join(dir, 'sign.key.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
  execFileSync('openssl', ['req', '-new', '-x509', '-key', join(dir, 'sign.key.pem'), '-out', join(dir, 'sign.cert.pem'), '-days', '30', '-subj', '/C=US/O=Fuzz/CN=fuzz']);
  cpSync(join(dir, 'seed.eif'), join(dir, 'signed.eif'));
  sh(['sign-eif', '--eif-path', 'signed.eif', '--signing-certificate', 'sign.cert.pem', '--private-key', 'sign.key.pem']);
  // Provenance key (P-256), a bundle, a lock file, a local store.
  const provenance = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  writeFileSync(join(dir, 'prov.key.pem'), provenance.privateKey.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(join(dir, 'prov.pub.pem'), provenance.publicKey.export({ format: 'pem', type: 'spki' }));
  sh(['attest', '--eif-path', 'seed.eif', '--measurements', 'seed.measurements.json', '--private-key', 'prov.key.pem', '--output-file', 'seed.provenance.json',
    '--source-repository', 'https://github.com/fuzz/app', '--source-ref', 'refs/heads/main', '--source-commit', 'a'.repeat(40), '--workflow', '.github/workflows/e.yml',
    '--dockerfile', 'Dockerfile', '--context', '.', '--platform', 'linux/amd64', '--source-date-epoch', '0']);
  sh(['lock', '--measurements', 'seed.measurements.json', '--manifest', 'seed.manifest.json', '--output-file', 'seed.lock.json']);
  sh(['push', '--eif-path', 'seed.eif', '--measurements', 'seed.measurements.json', '--manifest', 'seed.manifest.json', '--provenance', 'seed.provenance.json', '--store', 'store']);
  const hash = readdirSync(join(dir, 'store')).find((n) => /^0x[0-9a-f]{64}$|^[0-9a-f]{64}$/.test(n));
  // A registry repository (bare) holding an auth-config.json, for register --dry-run.
  const registry = join(dir, 'registry-src');
  mkdirSync(registry);
  const git = (args, cwd = registry) => execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'f', GIT_AUTHOR_EMAIL: 'f@f', GIT_COMMITTER_NAME: 'f', GIT_COMMITTER_EMAIL: 'f@f' } });
  git(['init', '-q', '-b', 'main']);
  writeFileSync(join(registry, 'auth-config.json'), `${JSON.stringify({ osImages: ['0x' + 'c'.repeat(64)], apps: { ['0x' + '1'.repeat(40)]: { composeHashes: ['0x' + 'd'.repeat(64)], allowAnyDevice: true } } }, null, 2)}\n`);
  git(['add', '.']);
  git(['commit', '-q', '-m', 'seed']);
  // A source repository with one commit, and a provenance statement that records everything a rebuild needs.
  const source = join(dir, 'source');
  mkdirSync(source);
  git(['init', '-q', '-b', 'main'], source);
  writeFileSync(join(source, 'Dockerfile'), 'FROM scratch\nCOPY a /a\n');
  writeFileSync(join(source, 'a'), 'a\n');
  git(['add', '.'], source);
  git(['commit', '-q', '-m', 'app'], source);
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: source }).toString().trim();
  const provKey = createPrivateKey(readFileSync(join(dir, 'prov.key.pem')));
  const recipeBundle = resign({ provKey }, readFileSync(join(dir, 'seed.provenance.json')).toString(), (payload) => {
    const statement = JSON.parse(payload.toString('utf8'));
    const definition = statement.predicate.buildDefinition;
    Object.assign(definition.externalParameters, { commit, blobSet: { arch: 'x86_64' }, network: 'none', buildArgs: { A: 'b' }, submodules: [] });
    definition.resolvedDependencies.push(...['bzImage', 'bzImage.config', 'cmdline', 'init', 'nsm.ko'].map((n) => ({ name: n, uri: `file:///blobs/${n}`, digest: { sha384: createHash('sha384').update(readFileSync(join(blobsDir, n))).digest('hex') } })));
    return Buffer.from(JSON.stringify(statement));
  }).toString();
  const files = (names) => Object.fromEntries(names.map((n) => [n, readFileSync(join(dir, n))]));
  const attestations = ['attestation-prod.cose', 'attestation-prod-2.cose', 'attestation-debug.cose'].map((n) => readFileSync(join(ROOT, 'test/fixtures/nitro', n)));
  return {
    dir, blobsDir, hash, layerTars,
    ...files(['seed.eif', 'signed.eif', 'seed.measurements.json', 'seed.manifest.json', 'seed.provenance.json', 'seed.lock.json', 'seed.lock.manifest.json',
      'image.oci.tar', 'image-zstd.oci.tar', 'image.docker.tar', 'sign.cert.pem', 'sign.key.pem', 'prov.pub.pem', 'prov.key.pem']),
    tinyEif: readFileSync(join(ROOT, 'test/fixtures/eif/tiny.eif')),
    attestations,
    authConfig: readFileSync(join(registry, 'auth-config.json')),
    registry,
    git,
    provKey, source, recipeBundle,
  };
}

// ------------------------------------------------------------------------------------------- the readers
const write = (dir, name, bytes) => { const p = join(dir, name); mkdirSync(dirname(p), { recursive: true }); writeFileSync(p, bytes); return p; };
const sha256hex = (b) => createHash('sha256').update(b).digest('hex');

/** Re-signs a DSSE payload with the provenance key, so a mutated statement passes the signature check. */
function resign(S, bundleText, mutatePayload) {
  const bundle = JSON.parse(bundleText);
  const envelope = bundle.dsseEnvelope;
  const payload = mutatePayload(Buffer.from(envelope.payload, 'base64'));
  const type = envelope.payloadType;
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
  envelope.payload = payload.toString('base64');
  envelope.signatures[0].sig = signData('sha256', pae, S.provKey).toString('base64');
  return Buffer.from(JSON.stringify(bundle));
}

/** An OCI layout's files after an edit of one JSON document, with every digest (and size) that names it fixed up, transitively. */
function rehashLayout(files, r) {
  const isJson = (n) => n === 'index.json' || n === 'manifest.json' || (n.startsWith('blobs/') && files.get(n)[0] === 0x7b);
  const name = r.pick([...files.keys()].filter(isJson));
  const queue = [[name, mutateJson(r, files.get(name).toString('utf8'))]];
  for (let rounds = 0; queue.length && rounds < 20; rounds++) {
    const [changed, bytes] = queue.shift();
    files.set(changed, bytes);
    if (!changed.startsWith('blobs/sha256/')) continue;
    const oldHex = changed.slice('blobs/sha256/'.length);
    const newHex = sha256hex(bytes);
    if (oldHex === newHex) continue;
    files.delete(changed);
    files.set(`blobs/sha256/${newHex}`, bytes);
    for (const other of [...files.keys()].filter(isJson)) {
      const text = files.get(other).toString('latin1');
      if (!text.includes(oldHex)) continue;
      const fixed = text.split(oldHex).join(newHex)
        .replace(new RegExp(`("digest"\\s*:\\s*"sha256:${newHex}"\\s*,\\s*"size"\\s*:\\s*)\\d+`, 'g'), `$1${bytes.length}`)
        .replace(new RegExp(`("size"\\s*:\\s*)\\d+(\\s*,\\s*"digest"\\s*:\\s*"sha256:${newHex}")`, 'g'), `$1${bytes.length}$2`);
      queue.push([other, Buffer.from(fixed, 'latin1')]);
    }
  }
  return files;
}

/** The files of a tar archive (regular entries only), in order. */
function untar(tar) {
  const files = new Map();
  for (const at of tarHeaders(tar)) {
    const h = tar.subarray(at, at + BLOCK);
    const name = h.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(h.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    if (h[156] === 0x30 || h[156] === 0) files.set(name, Buffer.from(tar.subarray(at + BLOCK, at + BLOCK + size)));
  }
  return files;
}
function tarOf(files) {
  return Buffer.concat([...[...files].map(([name, data]) => rawEntry(name, '0', data)), Buffer.alloc(1024)]);
}

/** Image readers: which mutation family to apply, by the seed's format. */
function imageMutant(S, r, helpers, format, dir) {
  const seedName = format === 'docker' ? 'image.docker.tar' : r.chance(0.3) ? 'image-zstd.oci.tar' : 'image.oci.tar';
  const seed = S[seedName];
  const family = r.int(5);
  const flagName = format === 'docker' ? '--docker-archive' : format === 'layout' ? '--oci-layout' : '--oci-archive';
  const target = format === 'layout' ? join(dir, 'layout') : join(dir, 'image.tar');
  const finish = async (files) => {
    if (format === 'layout') {
      for (const [name, bytes] of files) write(target, name, bytes);
      if (r.chance(0.1)) { // a blob that is a symlink out of the layout
        const blob = [...files.keys()].find((n) => n.startsWith('blobs/'));
        rmSync(join(target, blob)); symlinkSync(r.pick(['/etc/passwd', '../../../../../../etc/hostname', '/dev/zero']), join(target, blob));
      }
    } else writeFileSync(target, tarOf(files));
  };
  return (async () => {
    if (family === 0 && format !== 'layout') { writeFileSync(target, r.chance(0.5) ? mutateTar(r, seed) : mutateBytesN(r, seed, tarHeaders(seed))); return { flagName, target, family: 'outer bytes' }; }
    if (family <= 1) { await finish(rehashLayout(untar(seed), r)); return { flagName, target, family: 'json documents' }; }
    // Layer level: a mutated layer tar, packed with every digest right (the reader must then judge the tar itself).
    const layers = S.layerTars.map((t) => Buffer.from(t));
    const which = r.int(layers.length);
    layers[which] = family === 4 ? mutateBytesN(r, layers[which], tarHeaders(layers[which])) : mutateTar(r, layers[which]);
    const compress = format === 'docker' ? 'none' : r.pick(['gzip', 'none', 'zstd']);
    const built = join(dir, 'built.tar');
    await helpers.oci.buildOciArchive({
      dest: format === 'layout' ? target : built, format: format === 'docker' ? 'docker-archive' : format === 'layout' ? 'oci-layout' : 'oci-archive',
      layers, config: SEED_CONFIG, compress,
      tamper: family === 3 ? (files) => { // a compressed stream edited (the digests then disagree: that check must come first and be clean)
        const blob = [...files.keys()].find((n) => n.startsWith('blobs/') && files.get(n)[0] !== 0x7b && files.get(n).length > 64);
        if (blob) files.set(blob, mutateBytesN(r, files.get(blob)));
      } : undefined,
    });
    if (format !== 'layout') { cpSync(built, target); rmSync(built); }
    return { flagName, target, family: 'layer tar' };
  })();
}

function defineReaders(S, helpers) {
  const eifSeed = (r) => r.pick([S['seed.eif'], S['signed.eif'], S.tinyEif]);
  const eifMutant = (r) => (r.chance(0.5) ? mutateEif(r, eifSeed(r)) : mutateBytesN(r, eifSeed(r), eifBoundaries(eifSeed(r))));
  const jsonMutant = (r, name) => mutateJson(r, S[name].toString('utf8'));
  const build = (extra) => ['build-enclave', ...extra, '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif', '--measurements-file', 'out/m.json', '--manifest-file', 'out/f.json', '--quiet'];
  const storeCopy = (dir) => { cpSync(join(S.dir, 'store'), join(dir, 'store'), { recursive: true }); return join(dir, 'store', S.hash); };
  return {
    'describe-eif': async (r, dir) => ({ args: ['describe-eif', '--eif-path', write(dir, 'in.eif', eifMutant(r))], names: ['in.eif'] }),
    'os-image-hash-eif': async (r, dir) => ({ args: ['os-image-hash', '--eif-path', write(dir, 'in.eif', eifMutant(r))], names: ['in.eif'] }),
    'verify-eif': async (r, dir) => {
      const mutant = mutateEif(r, S['seed.eif']);
      const eif = write(dir, 'in.eif', mutant);
      write(dir, 'm.json', S['seed.measurements.json']);
      write(dir, 'p.json', S['seed.provenance.json']);
      write(dir, 'k.pem', S['prov.pub.pem']);
      // The provenance names the EIF's SHA-256: any changed byte must be refused.
      return { args: ['verify', '--eif-path', eif, '--measurements', 'm.json', '--provenance', 'p.json', '--key', 'k.pem'], names: ['in.eif', 'm.json', 'p.json'], allowExit0: mutant.equals(S['seed.eif']) };
    },
    'verify-measurements': async (r, dir) => {
      write(dir, 'in.eif', S['seed.eif']);
      return { args: ['verify', '--eif-path', 'in.eif', '--measurements', write(dir, 'm.json', jsonMutant(r, 'seed.measurements.json'))], names: ['m.json', 'in.eif'] };
    },
    'verify-provenance': async (r, dir) => {
      write(dir, 'in.eif', S['seed.eif']); write(dir, 'm.json', S['seed.measurements.json']); write(dir, 'k.pem', S['prov.pub.pem']);
      const bundle = r.chance(0.5) ? jsonMutant(r, 'seed.provenance.json') : resign(S, S['seed.provenance.json'].toString(), (p) => mutateJson(r, p.toString('utf8')));
      return { args: ['verify', '--eif-path', 'in.eif', '--measurements', 'm.json', '--provenance', write(dir, 'p.json', bundle), '--key', 'k.pem'], names: ['p.json', 'in.eif', 'm.json'] };
    },
    'os-image-hash-measurements': async (r, dir) => ({ args: ['os-image-hash', '--measurements', write(dir, 'm.json', jsonMutant(r, 'seed.measurements.json'))], names: ['m.json'] }),
    'pcr-certificate': async (r, dir) => ({ args: ['pcr', '--signing-certificate', write(dir, 'c.pem', mutateBytesN(r, S['sign.cert.pem']))], names: ['c.pem'] }),
    'sign-eif': async (r, dir) => {
      const what = r.int(3);
      const eif = write(dir, 'out/in.eif', what === 0 ? eifMutant(r) : S['seed.eif']);
      write(dir, 'c.pem', what === 1 ? mutateBytesN(r, S['sign.cert.pem']) : S['sign.cert.pem']);
      write(dir, 'k.pem', what === 2 ? mutateBytesN(r, S['sign.key.pem']) : S['sign.key.pem']);
      const original = readFileSync(eif);
      return {
        args: ['sign-eif', '--eif-path', eif, '--signing-certificate', 'c.pem', '--private-key', 'k.pem'], names: ['in.eif', 'c.pem', 'k.pem', '--private-key'],
        keepOnFailure: ['in.eif'],
        check: (result) => (result.code !== 0 && !readFileSync(eif).equals(original) ? ['the EIF was changed by a refused sign-eif'] : []),
      };
    },
    'verify-attestation': async (r, dir) => {
      const doc = mutateCbor(r, r.pick(S.attestations));
      const document = write(dir, 'doc.cose', r.chance(0.1) ? Buffer.from(doc.toString('base64')) : doc);
      return { args: ['verify-attestation', '--document', document, '--at-document-time', '--pcr0', '0'.repeat(96), '--pcr1', '0'.repeat(96), '--pcr2', '0'.repeat(96)], names: ['doc.cose'] };
    },
    'build-oci-archive': async (r, dir) => {
      const { flagName, target } = await imageMutant(S, r, helpers, 'archive', dir);
      return { args: build([flagName, target]), names: ['image.tar', 'layer sha256:', 'blob', 'sha256:'], keepOnFailure: [] };
    },
    'build-docker-archive': async (r, dir) => {
      const { flagName, target } = await imageMutant(S, r, helpers, 'docker', dir);
      return { args: build([flagName, target]), names: ['image.tar', 'layer', 'sha256:'] };
    },
    'build-oci-layout': async (r, dir) => {
      const { flagName, target } = await imageMutant(S, r, helpers, 'layout', dir);
      return { args: build([flagName, target]), names: ['layout', 'layer sha256:', 'sha256:'] };
    },
    'lock-manifest': async (r, dir) => {
      write(dir, 'm.json', S['seed.measurements.json']);
      const manifest = write(dir, 'f.json', r.chance(0.5) ? mutateBytesN(r, S['seed.manifest.json']) : mutateJson(r, S['seed.manifest.json'].toString()));
      return { args: ['lock', '--measurements', 'm.json', '--manifest', manifest, '--output-file', 'out/l.json'], names: ['f.json', 'm.json'] };
    },
    diff: async (r, dir) => {
      const kind = r.pick(['seed.manifest.json', 'seed.lock.json', 'seed.measurements.json']);
      write(dir, 'before.json', S[kind]);
      write(dir, 'seed.lock.manifest.json', S['seed.lock.manifest.json']);
      write(dir, 'seed.manifest.json', S['seed.manifest.json']);
      const after = write(dir, 'after.json', r.chance(0.5) ? mutateBytesN(r, S[kind]) : mutateJson(r, S[kind].toString()));
      return { args: ['diff', 'before.json', after], names: ['after.json', 'manifest'] };
    },
    pull: async (r, dir) => {
      const entry = storeCopy(dir);
      const name = r.pick(readdirSync(entry));
      const path = join(entry, name);
      const bytes = readFileSync(path);
      const mutant = name.endsWith('.eif') ? eifMutant(r) : r.chance(0.5) ? mutateJson(r, bytes.toString()) : mutateBytesN(r, bytes);
      writeFileSync(path, mutant);
      write(dir, 'k.pem', S['prov.pub.pem']);
      // A changed EIF or provenance must never be pulled (the provenance is signed and names the EIF's digests).
      const critical = name.endsWith('.eif');
      return { args: ['pull', S.hash, '--store', 'store', '--output-file', 'out/x.eif', '--key', 'k.pem'], names: [name, 'store'], allowExit0: !critical || mutant.equals(bytes) };
    },
    push: async (r, dir) => {
      write(dir, 'in.eif', S['seed.eif']);
      const which = r.pick(['seed.measurements.json', 'seed.manifest.json', 'seed.provenance.json']);
      const files = { 'seed.measurements.json': S['seed.measurements.json'], 'seed.manifest.json': S['seed.manifest.json'], 'seed.provenance.json': S['seed.provenance.json'] };
      files[which] = r.chance(0.5) ? mutateJson(r, files[which].toString()) : mutateBytesN(r, files[which]);
      for (const [n, b] of Object.entries(files)) write(dir, n, b);
      return {
        args: ['push', '--eif-path', 'in.eif', '--measurements', 'seed.measurements.json', '--manifest', 'seed.manifest.json', '--provenance', 'seed.provenance.json', '--store', 'out/store'],
        names: [which, 'in.eif'], keepOnFailure: ['store'],
        check: (result, caseDir) => (result.code !== 0 && existsSync(join(caseDir, 'out/store')) && listTree(join(caseDir, 'out/store')).some((p) => !lstatSync(join(caseDir, 'out/store', p)).isDirectory())
          ? [`a refused push left files in the store: ${listTree(join(caseDir, 'out/store')).join(', ')}`] : []),
      };
    },
    'register-auth-config': async (r, dir) => {
      const repo = join(dir, 'registry');
      cpSync(S.registry, repo, { recursive: true });
      writeFileSync(join(repo, 'auth-config.json'), r.chance(0.6) ? mutateJson(r, S.authConfig.toString()) : mutateBytesN(r, S.authConfig));
      S.git(['commit', '-q', '-am', 'mutant', '--allow-empty'], repo);
      return {
        args: ['register', '--mode', 'auth-simple', '--os-image-hash', '0x' + 'e'.repeat(64), '--registry-repository', 'fuzz/registry', '--registry-path', 'auth-config.json',
          '--git-url', pathToFileURL(repo).href, '--dry-run', '--dry-run-output', 'out/auth-config.json', ...(r.chance(0.5) ? ['--app-id', '0x' + '1'.repeat(40)] : [])],
        names: ['auth-config.json'], env: { GITHUB_TOKEN: '' },
      };
    },
    // Every file slot given a FIFO (a blocking open would wait forever), /dev/zero, a symlink to it, or a directory.
    'special-files': async (r, dir) => {
      const kind = r.pick(['fifo', 'zero', 'link', 'dir']);
      const X = join(dir, 'special');
      if (kind === 'fifo') execFileSync('mkfifo', [X]);
      else if (kind === 'link' || kind === 'zero') symlinkSync('/dev/zero', X);
      else mkdirSync(X);
      for (const name of ['seed.eif', 'seed.measurements.json', 'seed.manifest.json', 'seed.provenance.json', 'prov.pub.pem', 'prov.key.pem', 'sign.cert.pem', 'sign.key.pem']) write(dir, name, S[name]);
      const pcrs = ['--pcr0', '0'.repeat(96), '--pcr1', '0'.repeat(96), '--pcr2', '0'.repeat(96)];
      const slot = r.pick([
        ['describe-eif', '--eif-path', X], ['pcr', '--input', X], ['pcr', '--signing-certificate', X], ['os-image-hash', '--eif-path', X], ['os-image-hash', '--measurements', X],
        ['verify', '--eif-path', X], ['verify', '--eif-path', 'seed.eif', '--measurements', X], ['verify', '--eif-path', 'seed.eif', '--provenance', X, '--key', 'prov.pub.pem'],
        ['verify', '--eif-path', 'seed.eif', '--provenance', 'seed.provenance.json', '--key', X],
        ['verify', '--eif-path', 'seed.eif', '--provenance', 'seed.provenance.json', '--certificate-identity', 'https://x', '--certificate-oidc-issuer', 'https://y', '--trusted-root', X],
        ['verify-attestation', '--document', X, ...pcrs], ['verify-attestation', '--document', 'seed.eif', '--eif-path', X],
        ['verify-attestation', '--document', 'seed.eif', '--measurements', X], ['verify-attestation', '--document', 'seed.eif', ...pcrs, '--root-certificate', X],
        ['build-enclave', '--oci-archive', X, '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif'], ['build-enclave', '--docker-archive', X, '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif'],
        ['build-enclave', '--oci-layout', X, '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif'],
        ['build-enclave', '--oci-archive', join(S.dir, 'image.oci.tar'), '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif', '--metadata', X],
        ['build-enclave', '--oci-archive', join(S.dir, 'image.oci.tar'), '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif', '--blobs-sha384', X],
        ['build-enclave', '--oci-archive', join(S.dir, 'image.oci.tar'), '--blobs-dir', S.blobsDir, '--output-file', 'out/o.eif', '--signing-certificate', X, '--private-key', 'sign.key.pem'],
        ['sign-eif', '--eif-path', X, '--signing-certificate', 'sign.cert.pem', '--private-key', 'sign.key.pem'],
        ['sign-eif', '--eif-path', 'out/none.eif', '--signing-certificate', X, '--private-key', 'sign.key.pem'],
        ['attest', '--eif-path', X, '--measurements', 'seed.measurements.json', '--private-key', 'prov.key.pem', '--output-file', 'out/p.json'],
        ['attest', '--eif-path', 'seed.eif', '--measurements', 'seed.measurements.json', '--private-key', X, '--output-file', 'out/p.json'],
        ['push', '--eif-path', X, '--measurements', 'seed.measurements.json', '--store', 'out/store'], ['push', '--eif-path', 'seed.eif', '--measurements', X, '--store', 'out/store'],
        ['push', '--eif-path', 'seed.eif', '--measurements', 'seed.measurements.json', '--manifest', X, '--store', 'out/store'],
        ['push', '--eif-path', 'seed.eif', '--measurements', 'seed.measurements.json', '--provenance', X, '--store', 'out/store'],
        ['lock', '--measurements', X, '--output-file', 'out/l.json'], ['lock', '--measurements', 'seed.measurements.json', '--manifest', X, '--output-file', 'out/l.json'],
        ['diff', X, 'seed.measurements.json'], ['diff', 'seed.measurements.json', X], ['blobs', '--blobs-dir', S.blobsDir, '--blobs-sha384', X],
        ['register', '--mode', 'auth-simple', '--measurements', X, '--registry-repository', 'a/b', '--registry-path', 'auth-config.json', '--dry-run'],
        ['reproduce', '--provenance', X, '--key', 'prov.pub.pem', '--source', 'nowhere'], ['reproduce', '--provenance', 'seed.provenance.json', '--key', X, '--source', 'nowhere'],
      ]);
      return { args: slot, names: ['special'], keepOnFailure: ['store'], allowExit0: false };
    },
    'reproduce-recipe': async (r, dir) => {
      write(dir, 'k.pem', S['prov.pub.pem']);
      const bundle = resign(S, S.recipeBundle, (p) => mutateJson(r, p.toString('utf8')));
      return {
        args: ['reproduce', '--provenance', write(dir, 'p.json', bundle), '--key', 'k.pem', '--source', S.source, '--blobs-dir', S.blobsDir, '--work-dir', 'out/work'],
        names: ['p.json', 'provenance', '--source', 'Dockerfile', 'context', 'commit', 'docker', 'blobs'], keepOnFailure: ['work'],
        env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
      };
    },
  };
}

// -------------------------------------------------------------------------------------------------- main
async function main() {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  WORK = mkdtempSync(join(tmpdir(), 'nitro-fuzz-'));
  try {
    const helpers = await importHelpers();
    const S = await makeSeeds(helpers);
    const readers = defineReaders(S, helpers);
    if (flag('keep-seeds', '')) cpSync(S.dir, resolve(flag('keep-seeds', '')), { recursive: true });
    if (argv.includes('--list')) { console.log(Object.keys(readers).join('\n')); return; }
    const chosen = Object.keys(readers).filter((name) => !ONLY || ONLY.includes(name));
    for (const name of chosen) {
      const started = Date.now();
      for (let i = 0; i < COUNT; i++) {
        const r = rng(Number.parseInt(createHash('sha256').update(`${SEED}/${name}/${i}`).digest('hex').slice(0, 8), 16));
        await runCase(name, i, (dir) => readers[name](r, dir));
      }
      const s = STATS.get(name);
      console.log(`${name}: ${s.mutants} mutants, ${s.exit0} accepted, ${s.refused} refused, ${s.failures} failures, slowest ${s.maxMs} ms, peak RSS ${s.maxRss.toFixed(0)} MiB (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    let total = 0; let failures = 0;
    for (const s of STATS.values()) { total += s.mutants; failures += s.failures; }
    console.log(`total: ${total} mutants, ${failures} failures`);
    process.exitCode = failures ? 1 : 0;
  } finally {
    rmSync(WORK, { recursive: true, force: true });
  }
}

await main();
void statSync;
