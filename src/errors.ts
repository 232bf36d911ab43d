// Error types shared by every module. The core throws these; only the edges (CLI, action)
// turn them into an exit code or a failed step.

/** Codes let callers branch without matching message text. */
export type UserErrorCode =
  | 'usage'
  | 'input'
  | 'format'
  | 'integrity'
  | 'mismatch'
  | 'conflict'
  | 'not-found'
  | 'unsupported'
  | 'external';

/** The line of a file a problem is on (the Action annotates it, e.g. a Dockerfile's FROM). */
export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

/**
 * A problem with what the user gave us (a file, a flag, an input), reported as one line and
 * a non-zero exit, never with a stack trace.
 */
export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly location?: SourceLocation;
  constructor(message: string, options: { code?: UserErrorCode; cause?: unknown; location?: SourceLocation } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.code = options.code ?? 'input';
    if (options.location) this.location = options.location;
  }
}

/** A malformed file: names the file (when known), the field and the byte offset. */
export class FormatError extends UserError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'format', cause: options.cause });
    this.name = 'FormatError';
  }
}

/** Something recomputed does not match what was expected (digest, PCR, signature). */
export class VerificationError extends UserError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'mismatch', cause: options.cause });
    this.name = 'VerificationError';
  }
}

/** One line describing any thrown value, for the edges. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Longest error line the edges print: a message that quotes an input is cut here whatever the input. */
export const MAX_ERROR_LINE = 900;

/** The error as the one line the edges print: lines joined, cut to MAX_ERROR_LINE characters. */
export function errorLine(error: unknown): string {
  const line = errorMessage(error).trim().split(/\s*\n\s*/).join(' ');
  return line.length <= MAX_ERROR_LINE ? line : `${line.slice(0, MAX_ERROR_LINE)}… (${line.length} characters)`;
}

/**
 * A value read from an input, for a message: JSON-quoted and cut to `max` characters, so that a
 * hostile file cannot turn the one error line into a megabyte.
 */
export function quoted(value: unknown, max = 100): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/**
 * A system error's reason without the path Node appends ("ENOENT: no such file or directory, open 'x'"
 * gives "no such file or directory"), for messages that already name the path; other errors as they are.
 */
export function systemErrorReason(error: unknown): string {
  const message = errorMessage(error);
  const system = /^E[A-Z]+: (.+?), [a-z]+ '.*'$/s.exec(message);
  return system ? system[1]! : message;
}
