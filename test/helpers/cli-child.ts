// The CLI as a real child process, for tests that must see what a user sees: the exit code, every line
// on stderr, whether it hangs (a timeout kills it), its peak memory and any file it leaves behind.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './paths.js';

/** Bundles src/cli/index.ts into `dir`/cli.mjs (one file, so each child starts fast); returns its path. */
export async function bundleCli(dir: string): Promise<string> {
  const out = join(dir, 'cli.mjs');
  await build({
    entryPoints: [join(repoRoot(), 'src/cli/index.ts')], outfile: out, bundle: true, platform: 'node', target: 'node22',
    format: 'esm', logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return out;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child in MiB (from its own resourceUsage at exit). */
  peakRssMiB: number | undefined;
  /** True when the timeout had to kill it. */
  timedOut: boolean;
}

// Loaded before the CLI in the child: reports the peak RSS (KiB) on fd 3 as the process exits. VmHWM, not
// getrusage's maxRSS: the latter keeps the high-water mark of the forking parent (the test worker) across exec.
const REPORT_RSS = `data:text/javascript,${encodeURIComponent([
  "import { readFileSync, writeSync } from 'node:fs';",
  'const peak = () => { try { return Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync("/proc/self/status", "utf8"))[1]); } catch { return process.resourceUsage().maxRSS; } };',
  "process.on('exit', () => { try { writeSync(3, String(peak())); } catch {} });",
].join(' '))}`;

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Sent after `signalAfterMs` (for interrupt tests). */
  signal?: NodeJS.Signals;
  signalAfterMs?: number;
  /** Called once the child has started (e.g. to send a signal when something appears on disk). */
  onSpawn?: (kill: (signal: NodeJS.Signals) => void) => void;
  /** A command that runs node (e.g. `unshare … sh -c '…; exec "$@"'`): node and its arguments follow it. */
  prefix?: string[];
}

/** Runs `node cli args…`; never rejects: a hang is reported as timedOut (the child is killed). */
export function runCli(cli: string, args: string[], options: RunOptions): Promise<ChildResult> {
  return new Promise((resolve) => {
    const command = [...(options.prefix ?? []), process.execPath, '--import', REPORT_RSS, cli, ...args];
    const child = spawn(command[0]!, command.slice(1), {
      cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let rss = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout.length < 1 << 20 ? (stdout += chunk.toString()) : undefined));
    child.stderr!.on('data', (chunk: Buffer) => (stderr.length < 1 << 20 ? (stderr += chunk.toString()) : undefined));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (rss += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 20_000);
    const signalTimer = options.signal ? setTimeout(() => child.kill(options.signal), options.signalAfterMs ?? 0) : undefined;
    options.onSpawn?.((signal) => child.kill(signal));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signalTimer) clearTimeout(signalTimer);
      resolve({ code, signal, stdout, stderr, peakRssMiB: rss ? Number(rss) / 1024 : undefined, timedOut });
    });
  });
}

/** The checks every refusal must pass: no hang, one line on stderr, no stack trace, bounded memory. */
export function refusalProblems(result: ChildResult, maxRssMiB = 512): string[] {
  const problems: string[] = [];
  if (result.timedOut) problems.push('hung (killed by the timeout)');
  if (result.code === 0) problems.push('exited 0');
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) problems.push(`${lines.length} lines on stderr: ${JSON.stringify(result.stderr.slice(0, 500))}`);
  if (/^\s+at /m.test(result.stderr)) problems.push('printed a stack trace');
  if (lines.some((l) => l.length > 1000)) problems.push(`an error line of ${Math.max(...lines.map((l) => l.length))} characters`);
  if (result.peakRssMiB !== undefined && result.peakRssMiB > maxRssMiB) problems.push(`peak RSS ${result.peakRssMiB.toFixed(0)} MiB`);
  return problems;
}
