import { UserError } from '../errors.js';

// Reads the FROM instructions of a Dockerfile so a build can refuse base images that are not pinned by
// digest. Follows the Dockerfile reference: parser directives (`# escape=`), comments, line
// continuations, global ARGs before the first FROM, `--flag=value` options, `AS name` stage names.

/** One FROM instruction, after ARG substitution. */
export interface FromInstruction {
  /** 1-based line of the FROM keyword. */
  readonly line: number;
  /** The image reference as written. */
  readonly image: string;
  /** The reference with ARGs substituted, or undefined when an ARG has no value. */
  readonly resolved?: string;
  /** `AS name` (lowercased), if any. */
  readonly stage?: string;
  readonly kind: 'stage' | 'scratch' | 'pinned' | 'unpinned' | 'unresolved';
}

interface LogicalLine {
  readonly line: number;
  readonly text: string;
}

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Joins continuation lines and drops comments, keeping the line number where each instruction starts. */
export function logicalLines(text: string): LogicalLine[] {
  const lines = text.split(/\r?\n/);
  const escape = escapeChar(lines);
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  lines.forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return; // comments (and directives) never continue or end a line
    if (trimmed === '') return; // blank lines neither start nor end an instruction
    const continues = trimmed.endsWith(escape) && trimmed !== '';
    const body = continues ? trimmed.slice(0, -1) : trimmed;
    current = current === undefined ? { line: index + 1, text: body } : { ...current, text: `${current.text} ${body}` };
    if (!continues) {
      out.push(current);
      current = undefined;
    }
  });
  if (current !== undefined) out.push(current);
  return out;
}

function escapeChar(lines: string[]): string {
  for (const line of lines) {
    const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(line.trim());
    if (!directive) break; // directives only at the very top
    if (directive[1]!.toLowerCase() === 'escape' && (directive[2] === '`' || directive[2] === '\\')) return directive[2];
  }
  return '\\';
}

/** Parses every FROM instruction; `buildArgs` override the defaults of global ARGs. */
export function parseFromInstructions(text: string, buildArgs: Readonly<Record<string, string>> = {}): FromInstruction[] {
  const globals = new Map<string, string | undefined>();
  const stages = new Set<string>();
  const froms: FromInstruction[] = [];
  for (const { line, text: instruction } of logicalLines(text)) {
    const [keyword = '', ...rest] = instruction.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && froms.length === 0) {
      for (const decl of rest) declareArg(globals, decl, buildArgs);
    } else if (upper === 'FROM') {
      const from = parseFrom(line, rest, globals, stages);
      if (from.stage) stages.add(from.stage);
      froms.push(from);
    }
  }
  return froms;
}

function declareArg(globals: Map<string, string | undefined>, decl: string, buildArgs: Readonly<Record<string, string>>): void {
  const eq = decl.indexOf('=');
  const name = eq < 0 ? decl : decl.slice(0, eq);
  const fallback = eq < 0 ? undefined : unquote(substitute(decl.slice(eq + 1), globals) ?? '');
  globals.set(name, Object.hasOwn(buildArgs, name) ? buildArgs[name] : fallback);
}

function parseFrom(line: number, words: string[], globals: Map<string, string | undefined>, stages: Set<string>): FromInstruction {
  const args = words.filter((w) => !w.startsWith('--'));
  const image = args[0] ?? '';
  const stage = args.length >= 3 && args[1]!.toUpperCase() === 'AS' ? args[2]!.toLowerCase() : undefined;
  const resolved = substitute(image, globals);
  const base = { line, image, stage, resolved };
  if (resolved === undefined || resolved === '') return { ...base, kind: 'unresolved' };
  if (resolved.toLowerCase() === 'scratch') return { ...base, kind: 'scratch' };
  if (stages.has(resolved.toLowerCase())) return { ...base, kind: 'stage' };
  return { ...base, kind: DIGEST.test(resolved) ? 'pinned' : 'unpinned' };
}

/** Expands `$X`, `${X}`, `${X:-d}`, `${X:+w}`; undefined when a variable has no value and no default. */
export function substitute(word: string, vars: ReadonlyMap<string, string | undefined>): string | undefined {
  let missing = false;
  const out = word.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced: string | undefined, op: string | undefined, operand: string | undefined, bare: string | undefined) => {
      const value = vars.get((braced ?? bare)!);
      const set = value !== undefined && value !== '';
      if (op === '-') return set ? value : (operand ?? '');
      if (op === '+') return set ? (operand ?? '') : '';
      if (value === undefined) missing = true;
      return value ?? '';
    });
  return missing ? undefined : out;
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}

/**
 * Throws a UserError naming `file:line` for the first FROM that is neither a stage, `scratch`, nor
 * pinned with `@sha256:`; returns the instructions (for the summary's list of base images).
 */
export function requirePinnedBases(file: string, text: string, buildArgs: Readonly<Record<string, string>> = {}): FromInstruction[] {
  const froms = parseFromInstructions(text, buildArgs);
  if (froms.length === 0) throw new UserError(`${file}: no FROM instruction found`);
  for (const from of froms) {
    if (from.kind === 'unresolved') {
      throw new UserError(`${file}:${from.line}: FROM ${from.image} uses an ARG with no value; give it a default or a build-arg`, { location: { file, line: from.line } });
    }
    if (from.kind === 'unpinned') {
      throw new UserError(`${file}:${from.line}: base image ${from.resolved} is not pinned by digest (use image@sha256:…)`, { location: { file, line: from.line } });
    }
  }
  return froms;
}

/** The external base images (pinned or not) a Dockerfile names, resolved, in order, without duplicates. */
export function baseImages(froms: readonly FromInstruction[]): string[] {
  const refs = froms.filter((f) => f.kind === 'pinned' || f.kind === 'unpinned').map((f) => f.resolved!);
  return [...new Set(refs)];
}
