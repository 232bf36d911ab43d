// Clamping a layer's timestamps to SOURCE_DATE_EPOCH by patching its tar headers where they lie:
// every mtime later than the epoch becomes the epoch (GNU tar's --clamp-mtime, BuildKit's
// rewrite-timestamp), nothing else in the archive changes. An mtime is in the header's 12-byte
// field (octal, or base-256 for large values) and may be overridden by a PAX `mtime` record; both
// are patched in place with the same length, so no offset moves and the data is never copied.
//
// The caller feeds the archive in chunks that start on a 512-byte boundary (any length): a header
// block then never straddles two chunks, and is patched in the chunk itself. A PAX record may
// straddle chunks (it is at most MAX_META_SIZE), so its patch is returned with its absolute offset
// for the caller to write. Memory: one PAX record at most.
//
// This pass only finds and patches timestamps; the full check of every header (tar-check.ts) runs
// when the layer is expanded. A header is only rewritten after its checksum has been checked, so a
// corrupt header is never given a valid checksum here.

import { FormatError } from '../errors.js';
import { checkChecksum, MAX_META_SIZE, parseNumeric } from './tar-check.js';

const BLOCK = 512;
const MTIME = 136;
const MTIME_LENGTH = 12;
const CHECKSUM = 148;
/** The entry types tar-check.ts accepts, and the extended headers. */
const KNOWN_TYPES = new Set(['0', '\0', '7', '1', '2', '3', '4', '5', '6', 'x', 'g', 'L', 'K']);

/** A patch to write at an absolute offset of the archive (a PAX mtime value). */
export interface ArchivePatch {
  readonly offset: number;
  readonly bytes: Buffer;
}

type State =
  | { readonly kind: 'header' }
  | { readonly kind: 'skip'; left: number }
  | { readonly kind: 'pax'; readonly record: Buffer; readonly start: number; filled: number; readonly padding: number; readonly global: boolean }
  | { readonly kind: 'end' };

export class MtimeClamp {
  readonly #epoch: number;
  readonly #layer: string;
  #state: State = { kind: 'header' };
  #offset = 0;
  #zeroBlocks = 0;
  /** Data size the next entry's PAX record gives (it overrides the header's). */
  #paxSize: number | undefined;
  /** Headers and PAX records rewritten so far. */
  clamped = 0;

  /** `layer` names the archive in errors; `epoch` is SOURCE_DATE_EPOCH in seconds. */
  constructor(layer: string, epoch: number) {
    if (!Number.isSafeInteger(epoch) || epoch < 0 || epoch > 0o77777777777) throw new RangeError(`epoch ${epoch} out of range`);
    this.#layer = layer;
    this.#epoch = epoch;
  }

  /** Whether the end-of-archive marker has been read (later bytes are not looked at). */
  get ended(): boolean {
    return this.#state.kind === 'end';
  }

  /**
   * Patches the header blocks of `chunk` (the archive's next bytes, starting at a block boundary
   * unless the previous chunk ended inside an entry's data) in place. Returns whether the chunk
   * changed, and the PAX patches completed in it (they may lie in earlier chunks).
   */
  push(chunk: Buffer): { changed: boolean; patches: ArchivePatch[] } {
    let changed = false;
    const patches: ArchivePatch[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      const state = this.#state;
      if (state.kind === 'end') break;
      if (state.kind === 'skip') {
        const n = Math.min(state.left, chunk.length - pos);
        state.left -= n;
        pos += n;
        if (state.left === 0) this.#state = { kind: 'header' };
        continue;
      }
      if (state.kind === 'pax') {
        const n = Math.min(state.record.length + state.padding - state.filled, chunk.length - pos);
        const copy = Math.min(n, state.record.length - state.filled);
        if (copy > 0) chunk.copy(state.record, state.filled, pos, pos + copy);
        state.filled += n;
        pos += n;
        if (state.filled === state.record.length + state.padding) {
          this.#state = { kind: 'header' };
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
  finish(): void {
    const state = this.#state;
    if (state.kind === 'skip' || state.kind === 'pax') throw this.#fail(this.#offset, 'the archive ends in the middle of an entry');
  }

  #fail(at: number, what: string): FormatError {
    return new FormatError(`layer ${this.#layer}: tar header at byte ${at}: ${what}`);
  }

  /** One header block; true when it was rewritten. */
  #header(block: Buffer, at: number): boolean {
    if (isZero(block)) {
      this.#zeroBlocks += 1;
      if (this.#zeroBlocks === 2) this.#state = { kind: 'end' };
      return false;
    }
    if (this.#zeroBlocks > 0) throw this.#fail(at, 'a header follows a single zero block (the end-of-archive marker is two)');
    const magic = block.toString('latin1', 257, 265);
    if (magic !== 'ustar\x0000' && magic !== 'ustar  \x00') throw this.#fail(at, 'not a ustar, PAX or GNU tar header');
    const flag = String.fromCharCode(block[156]!);
    if (!KNOWN_TYPES.has(flag)) throw this.#fail(at, `unsupported tar entry type ${JSON.stringify(flag)}`);
    const num = (offset: number, length: number, what: string): number => parseNumeric(block, offset, length, (why) => this.#fail(at, `${what} field ${why}`));
    const headerSize = num(124, 12, 'size');
    if (headerSize < 0) throw this.#fail(at, `negative size (${headerSize})`);
    let changed = false;
    const mtime = num(MTIME, MTIME_LENGTH, 'mtime');
    if (mtime > this.#epoch) {
      checkChecksum(block, () => this.#fail(at, 'bad header checksum'));
      writeOctal(block, MTIME, MTIME_LENGTH, this.#epoch);
      writeChecksum(block);
      this.clamped += 1;
      changed = true;
    }
    if (flag === 'x' || flag === 'g') {
      if (headerSize > MAX_META_SIZE) throw this.#fail(at, `extended header of ${headerSize} bytes (at most ${MAX_META_SIZE})`);
      if (flag === 'x') checkChecksum(block, () => this.#fail(at, 'bad header checksum'));
      this.#state = { kind: 'pax', record: Buffer.alloc(headerSize), start: at + BLOCK, filled: 0, padding: padding(headerSize), global: flag === 'g' };
      if (headerSize === 0) this.#state = { kind: 'header' };
      return changed;
    }
    // GNU long names carry their own data; any other entry's data size may come from its PAX record.
    const size = flag === 'L' || flag === 'K' ? headerSize : (this.#paxSize ?? headerSize);
    if (flag !== 'L' && flag !== 'K') this.#paxSize = undefined;
    // Only regular files (and long names) have data; tar-check.ts refuses any other type declaring some.
    const skip = flag === '0' || flag === '\0' || flag === '7' || flag === 'L' || flag === 'K' ? size + padding(size) : 0;
    if (!Number.isSafeInteger(skip)) throw this.#fail(at, `size ${size} is too large`);
    if (skip > 0) this.#state = { kind: 'skip', left: skip };
    return changed;
  }

  /** A complete PAX record: remembers `size`, returns the patch of an `mtime` after the epoch. */
  #paxRecord(record: Buffer, start: number, global: boolean): ArchivePatch | undefined {
    let pos = 0;
    let patch: ArchivePatch | undefined;
    while (pos < record.length) {
      const space = record.indexOf(0x20, pos);
      const lengthText = space < 0 ? '' : record.toString('latin1', pos, space);
      if (!/^\d{1,7}$/.test(lengthText)) throw this.#fail(start - BLOCK, `PAX record at byte ${pos} has an unreadable length`);
      const end = pos + Number(lengthText);
      if (end > record.length || end <= space + 1 || record[end - 1] !== 0x0a) throw this.#fail(start - BLOCK, `PAX record at byte ${pos} is malformed`);
      const body = record.toString('latin1', space + 1, end - 1);
      const eq = body.indexOf('=');
      const key = eq < 0 ? body : body.slice(0, eq);
      const value = eq < 0 ? '' : body.slice(eq + 1);
      // A global header is not applied to the entries (Docker's applier ignores it), so its size is not either.
      if (key === 'size' && !global) {
        if (!/^\d{1,15}$/.test(value)) throw this.#fail(start - BLOCK, `PAX size ${JSON.stringify(value.slice(0, 40))} is not a non-negative decimal number`);
        this.#paxSize = Number(value);
      } else if (key === 'mtime') {
        const replacement = clampedPaxTime(value, this.#epoch);
        if (replacement !== undefined) {
          const offset = start + space + 1 + eq + 1;
          const bytes = Buffer.from(replacement, 'latin1');
          bytes.copy(record, space + 1 + eq + 1);
          patch = { offset, bytes };
          this.clamped += 1;
        }
      }
      pos = end;
    }
    return patch;
  }
}

/**
 * The same-length text of a PAX time clamped to `epoch`, or undefined when it is not after it:
 * the whole seconds zero-padded to their old width (a value after the epoch has at least as many
 * digits), a fraction kept as zeros. Go's and tar-check.ts's parsers read leading zeros as decimal.
 */
export function clampedPaxTime(value: string, epoch: number): string | undefined {
  const match = /^(\d{1,15})(?:\.(\d*))?$/.exec(value);
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = match[2];
  const after = whole > epoch || (whole === epoch && /[1-9]/.test(fraction ?? ''));
  if (!after) return undefined;
  const seconds = String(epoch).padStart(match[1]!.length, '0');
  return fraction === undefined ? seconds : `${seconds}.${'0'.repeat(fraction.length)}`;
}

function isZero(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i += 4) if (block.readUInt32LE(i) !== 0) return false;
  return true;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** `length - 1` zero-padded octal digits and a NUL, as Go's archive/tar writes numeric fields. */
function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(value.toString(8).padStart(length - 1, '0'), offset, length - 1, 'latin1');
  block[offset + length - 1] = 0;
}

/** Six octal digits, NUL, space: the checksum field as Go and GNU tar write it. */
function writeChecksum(block: Buffer): void {
  let unsigned = 8 * 0x20;
  for (let i = 0; i < BLOCK; i += 1) if (i < CHECKSUM || i >= CHECKSUM + 8) unsigned += block[i]!;
  block.write(unsigned.toString(8).padStart(6, '0'), CHECKSUM, 6, 'latin1');
  block[CHECKSUM + 6] = 0;
  block[CHECKSUM + 7] = 0x20;
}
