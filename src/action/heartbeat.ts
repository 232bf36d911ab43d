import * as core from '@actions/core';

// Long steps print a line at least every `intervalMs` so the runner's log shows they are alive, and
// what they are doing (the EIF build reports its phase and bytes).

export const HEARTBEAT_MS = 10_000;

/** Runs `work`; until it settles, logs `status(elapsedSeconds)` every `intervalMs`. */
export async function withHeartbeat<T>(work: () => Promise<T>, status: (elapsedSeconds: number) => string, intervalMs = HEARTBEAT_MS): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => core.info(status(Math.round((Date.now() - started) / 1000))), intervalMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
