import { afterEach, beforeEach, vi } from 'vitest';

/** What a CLI run wrote to stdout and stderr, reset before each test. */
export interface CapturedOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Forgets what was captured so far (between two CLI runs in one test). */
  reset(): void;
}

/** Captures process.stdout/stderr writes in every test of the calling file (for `main(argv)` tests). */
export function captureOutput(): CapturedOutput {
  const state = { stdout: '', stderr: '' };
  beforeEach(() => {
    state.stdout = '';
    state.stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((state.stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((state.stderr += String(chunk)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    get stdout() { return state.stdout; },
    get stderr() { return state.stderr; },
    reset() { state.stdout = ''; state.stderr = ''; },
  };
}
