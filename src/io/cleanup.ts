import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';

// Temporary paths and child processes that must not outlive an interrupted run. Every temp file or
// directory the project makes is registered here until it is committed (renamed into place) or
// removed, and every long-running child (docker buildx build) until it exits, so that SIGINT/SIGTERM
// (Ctrl-C, a cancelled CI job) stops the children first, then leaves nothing half-written behind.

const pending = new Set<string>();
const children = new Set<ChildProcess>();
/** How long a child gets to exit after SIGTERM before it is killed. */
const CHILD_GRACE_MS = 5000;

/**
 * Registers a child started in its own process group (`detached: true`): on interruption the whole
 * group gets SIGTERM (the docker CLI and its buildx plugin), then SIGKILL after a grace period.
 * Forgotten again when it exits.
 */
export function stopOnInterrupt(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  children.add(child);
  child.once('exit', () => children.delete(child));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is gone already.
  }
}

/** Stops every registered child (its process group) and waits until each has exited. */
export async function stopChildren(graceMs = CHILD_GRACE_MS): Promise<void> {
  const running = [...children];
  await Promise.all(running.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    signalGroup(child, 'SIGTERM');
  })));
  // Processes the child started in its group may outlive it by a moment (plugins): the group goes too.
  for (const child of running) signalGroup(child, 'SIGKILL');
}
const hooks = new Set<() => Promise<void>>();
/** How long an interrupted process waits for its asynchronous clean-ups (e.g. aborting an S3 upload). */
const HOOK_TIMEOUT_MS = 5000;

/** Registers `path` for removal on interruption; returns the function that forgets it again. */
export function removeOnInterrupt(path: string): () => void {
  pending.add(path);
  return () => pending.delete(path);
}

/**
 * Registers an asynchronous clean-up to run on interruption (work the process started elsewhere, e.g.
 * an S3 multipart upload to abort); returns the function that forgets it again.
 */
export function cleanUpOnInterrupt(hook: () => Promise<void>): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Runs every registered asynchronous clean-up, waiting at most `timeoutMs`; never throws. */
export async function runInterruptHooks(timeoutMs = HOOK_TIMEOUT_MS): Promise<void> {
  const running = [...hooks].map((hook) => hook().catch(() => undefined));
  hooks.clear();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.all(running), timeout]);
  clearTimeout(timer);
}

/** A fresh private directory `<parent>/<prefix>XXXXXX`, removed on interruption until `removeTempDir`. */
export async function makeTempDir(parent: string, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(parent, prefix));
  removeOnInterrupt(dir);
  return dir;
}

/** Removes a directory made by `makeTempDir`. Never throws, so it is safe in `finally`. */
export async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  pending.delete(dir);
}

/** Removes every registered path now (synchronously: the process is about to exit). */
export function removePendingPaths(): void {
  for (const path of pending) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: the process is exiting on a signal.
    }
  }
  pending.clear();
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
let reportInterrupt: ((signal: string) => void) | undefined;

/**
 * On SIGINT/SIGTERM: stop the registered children, remove the registered temporary paths (after the
 * children, which may still be writing them), run the asynchronous clean-ups (a few seconds at most;
 * a second signal exits at once), tell the user (`report`), and exit with the
 * conventional 128 + signal number. For the edges (CLI, action) only.
 */
export function cleanUpOnSignals(report: (signal: string) => void): void {
  const installed = reportInterrupt !== undefined;
  reportInterrupt = report; // installed once per process, however often the CLI's main() runs
  if (installed) return;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.once(signal, () => {
      process.once(signal, () => process.exit(code));
      void stopChildren().then(() => {
        removePendingPaths();
        return runInterruptHooks();
      }).finally(() => {
        removePendingPaths(); // anything created while the hooks ran
        reportInterrupt?.(signal);
        process.exit(code);
      });
    });
  }
}
