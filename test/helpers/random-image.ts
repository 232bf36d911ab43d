// Seeded random multi-layer images for differential tests of the layer merge against a real
// engine's `docker export`. Each layer is raw tar bytes (raw-tar.ts), so every header can be what
// the case needs: whiteouts and opaque markers in any order, names given twice, implicit parents,
// hard links across layers, PAX and GNU long names, ustar prefixes, `./` and `//` in names, large
// ids, fractional and out-of-range times, devices, FIFOs, and the paths docker's init layer touches.
// A small model of the merged tree steers the choices towards names that exist, so that most
// operations hit something.

import { gnuLongName, paxHeader, paxRecord, rawEntry, rawTar } from './raw-tar.js';

/** One operation of a layer: a readable line and its tar bytes (one entry, or a few). */
export interface RandomOp {
  readonly text: string;
  readonly bytes: Buffer;
}

export interface RandomImage {
  readonly seed: number;
  readonly layers: readonly (readonly RandomOp[])[];
}

export interface RandomImageOptions {
  /**
   * Also what the merge refuses where docker accepts: names with `..` components, regular files
   * named with a trailing `/`.
   */
  readonly hostile?: boolean;
}

/** mulberry32: a small, fast, seeded generator (the same seed gives the same image everywhere). */
class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TOP = ['a', 'b', 'c', 'd', 'etc', 'dev', 'proc', 'sys', '.dockerenv', 'x y', 'é', 'tmp', 'l'.repeat(100), 'ü'.repeat(60)];
const SUB = ['a', 'b', 'f', 'hosts', 'resolv.conf', 'mtab', 'console', 'pts', 'shm', 'é ñ', 'n'.repeat(101), '😀'];
const INIT_PATHS = ['etc', 'dev', 'proc', 'sys', '.dockerenv', 'etc/hosts', 'etc/resolv.conf', 'etc/mtab', 'etc/hostname', 'dev/console', 'dev/pts', 'dev/shm'];
const SYMLINK_TARGETS = ['a', '../a', '/etc', 'b/f', '.', 'nonexistent', '/', '../../..', 'd/a', '/proc/mounts', 'f'];
const FILE_MODES = [0o644, 0o644, 0o755, 0o600, 0o4755, 0o2755, 0o1755, 0o444, 0o000, 0o6777];
const DIR_MODES = [0o755, 0o755, 0o700, 0o1777, 0o2775, 0o750, 0o555, 0o711];
const IDS = [0, 0, 0, 0, 1, 1000, 65534, 0o7777777, 0o10000000, 4294967294];
/** Header mtimes, or PAX ones (fractions, past the applier's 2262 bound, before the epoch). Never near now. */
const MTIMES: ReadonlyArray<number | string> = [0, 3, 1_000_000_000, 1_600_000_000, 0o77777777777, '1600000000.75', '9300000000', '-100', '1234567890.000000001'];

type Kind = 'dir' | 'file' | 'symlink' | 'device';

interface Header {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number | string;
  linkname?: string;
  devmajor?: number;
  devminor?: number;
}

/** Approximate merged state while generating, to aim operations at names that exist. */
class Model {
  readonly kinds = new Map<string, Kind>();
  /** Index of the layer being made. */
  index = 0;
  /** Names this layer wrote (an opaque marker keeps them; a whiteout of them would fail to apply). */
  readonly layer = new Set<string>();
  /** Names this layer whited out (docker's applier leaves a whiteout device there: no parent). */
  readonly gone = new Set<string>();
  /** Directories this layer gave a header: docker's applier sets their times at the end of the layer. */
  readonly headers = new Set<string>();

  startLayer(index: number): void {
    this.index = index;
    this.layer.clear();
    this.gone.clear();
    this.headers.clear();
  }
  /**
   * Whether replacing `path` (by a non-directory; `self`: also by a symlink or a whiteout) leaves a
   * directory header of this layer without its directory, which makes docker's applier fail.
   */
  orphansHeader(path: string, self: boolean): boolean {
    for (const name of this.headers) if ((self && name === path) || name.startsWith(`${path}/`)) return true;
    return false;
  }
  set(path: string, kind: Kind): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (this.kinds.get(parent) !== 'dir') this.remove(parent);
      this.kinds.set(parent, 'dir');
    }
    if (kind !== 'dir' || this.kinds.get(path) !== 'dir') this.remove(path);
    this.kinds.set(path, kind);
    this.layer.add(path);
    this.gone.delete(path);
    if (kind === 'dir') this.headers.add(path);
  }
  remove(path: string): void {
    this.kinds.delete(path);
    for (const name of [...this.kinds.keys()]) if (name.startsWith(`${path}/`)) this.kinds.delete(name);
  }
  whiteout(path: string): void {
    this.remove(path);
    this.layer.add(path);
    this.gone.add(path);
  }
  opaque(dir: string): void {
    for (const name of [...this.kinds.keys()]) if (name.startsWith(`${dir}/`) && !this.layer.has(name)) this.kinds.delete(name);
  }
  names(kinds: readonly Kind[]): string[] {
    return [...this.kinds].filter(([name, kind]) => kinds.includes(kind) && this.usable(name)).map(([name]) => name);
  }
  /** Every parent of `path` is a directory or absent (not a file, nor whited out by this layer). */
  usable(path: string): boolean {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const kind = this.kinds.get(parent);
      if ((kind !== undefined && kind !== 'dir') || this.gone.has(parent)) return false;
    }
    return true;
  }
}

export function randomImage(seed: number, options: RandomImageOptions = {}): RandomImage {
  const rng = new Random(seed);
  const model = new Model();
  const layerCount = 2 + rng.int(5);
  const layers: RandomOp[][] = [];
  for (let l = 0; l < layerCount; l++) {
    model.startLayer(l);
    const ops: RandomOp[] = [];
    const count = rng.chance(0.08) ? 0 : 2 + rng.int(13);
    for (let i = 0; i < count; i++) ops.push(...randomOps(rng, model, ops, options));
    layers.push(ops);
  }
  return { seed, layers };
}

/** The layers as tar archives. */
export function layerTars(image: RandomImage): Buffer[] {
  return image.layers.map((ops) => rawTar(...ops.map((op) => op.bytes)));
}

/** The image as text, a line per operation. */
export function describeImage(image: RandomImage): string {
  return image.layers.map((ops, i) => [`layer ${i}:`, ...ops.map((op) => `  ${op.text}`)].join('\n')).join('\n');
}

function randomPath(rng: Random, model?: Model): string {
  for (let tries = 0; ; tries++) {
    const depth = rng.chance(0.45) ? 1 : rng.chance(0.6) ? 2 : 3;
    const parts = [rng.pick(TOP)];
    while (parts.length < depth) parts.push(rng.pick(SUB));
    const path = parts.join('/');
    if (!model || model.usable(path) || tries > 20) return path;
  }
}

function somePath(rng: Random, model: Model, kinds: readonly Kind[] = ['dir', 'file', 'symlink', 'device'], p = 0.6): string {
  const names = model.names(kinds);
  return names.length > 0 && rng.chance(p) ? rng.pick(names) : randomPath(rng, model);
}

function attrs(rng: Random, dir: boolean): Pick<Header, 'mode' | 'uid' | 'gid' | 'mtime'> {
  return { mode: rng.pick(dir ? DIR_MODES : FILE_MODES), uid: rng.pick(IDS), gid: rng.pick(IDS), mtime: rng.pick(MTIMES) };
}

/** Headers for the parents of `path` this layer has not declared (sometimes: implicit parents otherwise). */
function parents(rng: Random, model: Model, path: string): RandomOp[] {
  if (!rng.chance(0.5)) return [];
  const parts = path.split('/');
  const out: RandomOp[] = [];
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('/');
    if (model.layer.has(parent) && model.kinds.get(parent) === 'dir') continue;
    out.push(op(rng, { name: parent, type: '5', ...attrs(rng, true) }));
    model.set(parent, 'dir');
  }
  return out;
}

function randomOps(rng: Random, model: Model, earlier: readonly RandomOp[], options: RandomImageOptions): RandomOp[] {
  const roll = rng.int(100);
  if (roll < 22) {
    const path = somePath(rng, model, ['file', 'dir', 'symlink'], 0.4);
    if (model.orphansHeader(path, false)) return [];
    return [...parents(rng, model, path), fileOp(rng, model, path, options)];
  }
  if (roll < 36) {
    const path = somePath(rng, model, ['dir', 'file'], 0.5);
    const ops = parents(rng, model, path);
    model.set(path, 'dir');
    return [...ops, op(rng, { name: path, type: '5', ...attrs(rng, true) })];
  }
  if (roll < 43) {
    const path = somePath(rng, model, ['file', 'symlink', 'dir'], 0.3);
    if (model.orphansHeader(path, true)) return [];
    const ops = parents(rng, model, path);
    model.set(path, 'symlink');
    return [...ops, op(rng, { name: path, type: '2', linkname: rng.pick(SYMLINK_TARGETS), ...attrs(rng, false) })];
  }
  if (roll < 52) {
    const targets = model.names(['file', 'symlink', 'device']);
    // docker's applier links within the layer's own directory: a link to a lower layer's file fails.
    const own = targets.filter((t) => model.layer.has(t));
    const target = own.length > 0 && !rng.chance(0.02) ? rng.pick(own) : targets.length > 0 && rng.chance(0.1) ? rng.pick(targets) : undefined;
    if (target === undefined) return [];
    const path = rng.chance(0.3) ? somePath(rng, model, ['file'], 0.5) : randomPath(rng, model);
    if (path === target || target.startsWith(`${path}/`) || model.orphansHeader(path, false)) return [];
    const ops = parents(rng, model, path);
    model.set(path, model.kinds.get(target) ?? 'file');
    return [...ops, op(rng, { name: path, type: '1', linkname: rng.chance(0.15) ? `./${target}` : target, ...attrs(rng, false) })];
  }
  if (roll < 64) {
    // Above the first layer, docker's applier cannot white out what the same layer wrote.
    const path = somePath(rng, model, ['dir', 'file', 'symlink', 'device'], 0.85);
    if (model.index > 0 && model.layer.has(path) && !rng.chance(0.03)) return [];
    if (model.orphansHeader(path, true)) return [];
    return whiteoutOps(rng, model, path);
  }
  if (roll < 71) {
    const dir = somePath(rng, model, ['dir'], 0.85);
    const ops = parents(rng, model, `${dir}/x`);
    model.opaque(dir);
    return [...ops, op(rng, { name: `${dir}/.wh..wh..opq`, type: '0', ...attrs(rng, false) }, Buffer.alloc(0), 'opaque')];
  }
  if (roll < 77) {
    const path = somePath(rng, model, ['file', 'dir'], 0.3);
    const kind = rng.int(5);
    if (model.orphansHeader(path, kind === 0)) return [];
    const ops = parents(rng, model, path);
    if (kind === 0) {
      // A whiteout device (char 0:0), which overlayfs reads as a whiteout.
      model.remove(path);
      return [...ops, op(rng, { name: path, type: '3', devmajor: 0, devminor: 0, ...attrs(rng, false) })];
    }
    model.set(path, 'device');
    const [type, devmajor, devminor] = kind === 1 ? ['6', 0, 0] : kind === 2 ? ['3', 1, 3] : kind === 3 ? ['4', 8, 1] : ['3', 5, 1];
    return [...ops, op(rng, { name: path, type, devmajor, devminor, ...attrs(rng, false) })];
  }
  if (roll < 83) {
    // The same name again in this layer (another type, other attributes).
    const own = [...model.layer].filter((name) => model.usable(name));
    if (own.length === 0) return [];
    const path = rng.pick(own);
    const type = rng.pick(['0', '5', '2']);
    if (type !== '5' && model.orphansHeader(path, type === '2')) return [];
    model.set(path, type === '5' ? 'dir' : type === '2' ? 'symlink' : 'file');
    if (type === '0') return [fileOp(rng, model, path, options)];
    return [op(rng, { name: path, type, ...(type === '2' ? { linkname: rng.pick(SYMLINK_TARGETS) } : {}), ...attrs(rng, type === '5') })];
  }
  if (roll < 88) {
    // A whiteout, then the name again in the same layer.
    const path = somePath(rng, model, ['dir', 'file', 'symlink'], 0.9);
    if ((model.index > 0 && model.layer.has(path)) || model.orphansHeader(path, true)) return [];
    const ops = whiteoutOps(rng, model, path);
    const dir = rng.chance(0.5);
    model.set(path, dir ? 'dir' : 'file');
    ops.push(dir ? op(rng, { name: path, type: '5', ...attrs(rng, true) }) : fileOp(rng, model, path, options));
    if (dir && rng.chance(0.6)) ops.push(fileOp(rng, model, `${path}/${rng.pick(SUB)}`, options));
    return ops;
  }
  if (roll < 94) {
    // A path docker's init layer touches, as anything.
    const path = rng.pick(INIT_PATHS);
    if (!model.usable(path)) return [];
    const ops = parents(rng, model, path);
    const type = rng.pick(['0', '5', '2', '2']);
    if (type !== '5' && model.orphansHeader(path, type === '2')) return [];
    if (type === '0') return [...ops, fileOp(rng, model, path, options)];
    model.set(path, type === '5' ? 'dir' : 'symlink');
    return [...ops, op(rng, { name: path, type, ...(type === '2' ? { linkname: rng.pick(['/tmp', 'tmp', '/x', '../b', 'a']) } : {}), ...attrs(rng, type === '5') })];
  }
  if (roll < 97) {
    // Through a symlink a layer (this one or a lower one) made.
    const links = model.names(['symlink']);
    if (links.length === 0) return [];
    const path = `${rng.pick(links)}/${rng.pick(SUB)}`;
    if (!rng.chance(0.3)) return [];
    model.set(path, 'file');
    return [fileOp(rng, model, path, options)];
  }
  if (options.hostile && rng.chance(0.2)) {
    const path = `${rng.pick(TOP)}/../${rng.pick(TOP)}`;
    return [op(rng, { name: path, type: '0', ...attrs(rng, false) }, Buffer.from('dotdot'))];
  }
  // Earlier bytes of this layer, once more.
  if (earlier.length === 0 || rng.chance(0.5)) return [];
  const again = rng.pick(earlier);
  return [{ bytes: again.bytes, text: `again: ${again.text}` }];
}

function whiteoutOps(rng: Random, model: Model, path: string): RandomOp[] {
  const slash = path.lastIndexOf('/');
  const name = slash < 0 ? `.wh.${path}` : `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
  const ops = slash < 0 ? [] : parents(rng, model, path);
  model.whiteout(path);
  return [...ops, op(rng, { name, type: '0', ...attrs(rng, false) }, Buffer.alloc(0), 'whiteout')];
}

function fileOp(rng: Random, model: Model, path: string, options: RandomImageOptions): RandomOp {
  model.set(path, 'file');
  const size = rng.pick([0, 1, 6, 511, 512, 700]);
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = 0x20 + rng.int(90);
  const type = rng.chance(0.08) ? '\0' : '0';
  const name = options.hostile && rng.chance(0.01) ? `${path}/` : path;
  return op(rng, { name, type, ...attrs(rng, false) }, data);
}

/** One entry's bytes, with the PAX or GNU headers its name, ids and time need, and its line. */
function op(rng: Random, h: Header, data: Buffer = Buffer.alloc(0), what?: string): RandomOp {
  let name = h.name;
  if (h.type === '5' && rng.chance(0.7)) name += '/';
  if (rng.chance(0.1)) name = `./${name}`;
  if (rng.chance(0.05) && name.includes('/', 1)) name = name.replace(/(.)\//, '$1//');
  const nameBytes = Buffer.from(name, 'utf8');
  const linkBytes = Buffer.from(h.linkname ?? '', 'utf8');
  const pax: Buffer[] = [];
  let headerName: Buffer = nameBytes;
  let prefix: Buffer | undefined;
  const pre: Buffer[] = [];
  let form = 'ustar';
  if (nameBytes.length > 100 || rng.chance(0.05)) {
    const split = ustarSplit(nameBytes);
    const choice = rng.int(3);
    if (choice === 0 && split) {
      [prefix, headerName] = split;
      form = 'prefix';
    } else if (choice === 1) {
      pre.push(gnuLongName(nameBytes));
      headerName = nameBytes.subarray(0, Math.min(100, nameBytes.length));
      form = 'gnu';
    } else {
      pax.push(paxRecord('path', nameBytes));
      headerName = nameBytes.subarray(0, Math.min(100, nameBytes.length));
      form = 'pax';
    }
  }
  if (linkBytes.length > 100) pax.push(paxRecord('linkpath', linkBytes));
  const id = (key: string, value: number): number => {
    if (value <= 0o7777777) return value;
    pax.push(paxRecord(key, String(value)));
    return 0;
  };
  const uid = id('uid', h.uid);
  const gid = id('gid', h.gid);
  let mtime = 0;
  if (typeof h.mtime === 'string') pax.push(paxRecord('mtime', h.mtime));
  else mtime = h.mtime;
  const bytes = Buffer.concat([
    ...pre,
    ...(pax.length > 0 ? [paxHeader(Buffer.concat(pax))] : []),
    rawEntry(
      {
        name: headerName, type: h.type, mode: h.mode, uid, gid, mtime,
        ...(h.linkname !== undefined ? { linkname: linkBytes.subarray(0, 100) } : {}),
        ...(h.devmajor !== undefined ? { devmajor: h.devmajor, devminor: h.devminor ?? 0 } : {}),
        ...(prefix ? { prefix } : {}),
        ...(form === 'gnu' ? { magic: 'gnu' as const } : {}),
      },
      data,
    ),
  ]);
  const type = what ?? ({ '0': 'file', '\0': 'file(NUL)', '7': 'file(7)', '1': 'link', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo' } as Record<string, string>)[h.type];
  const fields = [
    `${type} ${JSON.stringify(name)}`, form === 'ustar' ? '' : `[${form}]`,
    h.linkname !== undefined ? `-> ${JSON.stringify(h.linkname)}` : '',
    h.devmajor !== undefined ? `${h.devmajor}:${h.devminor}` : '',
    `mode=${h.mode.toString(8)} uid=${h.uid} gid=${h.gid} mtime=${h.mtime}`, data.length > 0 ? `size=${data.length}` : '',
  ];
  return { text: fields.filter(Boolean).join(' '), bytes };
}

/** A ustar prefix/name split of a long name, when one fits. */
function ustarSplit(name: Buffer): [Buffer, Buffer] | undefined {
  for (let i = name.length - 1; i > 0; i--) {
    if (name[i] !== 0x2f) continue;
    if (i <= 155 && name.length - i - 1 <= 100 && name.length - i - 1 > 0) return [name.subarray(0, i), name.subarray(i + 1)];
  }
  return undefined;
}
