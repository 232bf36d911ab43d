import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.js';

// Runs the bundled action (dist/index.js) the way actions/runner runs a `node24` action:
// - under Node 24 (scripts/node24.sh: this node if it is 24 or newer, else Node 24 from the npm registry);
// - every input as INPUT_<NAME>, the name upper-cased with spaces as underscores and hyphens KEPT
//   (INPUT_SIGNING-KEY), and every action.yml default passed for an input the step does not set
//   (`${{ github.token }}` evaluated to the job token);
// - GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_STATE and GITHUB_PATH as files;
// - the event from GITHUB_EVENT_PATH/GITHUB_EVENT_NAME;
// - cancellation as SIGINT to the node process only (the runner signals its child, not a group).

export interface ActionRun {
  readonly code: number;
  /** stdout and stderr, interleaved as they came. */
  readonly stdout: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** The raw GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE and GITHUB_PATH files. */
  readonly files: { readonly output: string; readonly env: string; readonly state: string; readonly path: string };
  /** The messages of the `::error …::` lines the action printed. */
  readonly errors: string[];
  /** The same lines with their properties (`file`, `line`: an annotation on a line of a file). */
  readonly annotations: Array<{ message: string; properties: Record<string, string> }>;
  /** RUNNER_TEMP of this run (to check what the action left in it). */
  readonly runnerTemp: string;
  /** Whether `interruptWhen` fired (SIGINT was sent). */
  readonly interrupted: boolean;
}

export interface RunActionOptions {
  readonly inputs: Record<string, string>;
  readonly cwd: string;
  readonly event?: { name: string; payload: unknown };
  readonly env?: Record<string, string>;
  /** The bundled entry point, relative to dist/ (default index.js; verify/index.js for the verify action). */
  readonly entry?: string;
  /** The job token (`github.token`, the default of github-token). */
  readonly jobToken?: string;
  /** Sends SIGINT (a cancelled job) the first time the output so far satisfies this. */
  readonly interruptWhen?: (output: string) => boolean;
}

/** The job token the runner would pass as github-token's default. */
export const JOB_TOKEN = 'ghs_jobTokenForRunnerConventionTests0000';

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const runner = await mkdtemp(join(tmpdir(), 'runner-'));
  const files = {
    output: join(runner, 'output'), summary: join(runner, 'summary'), env: join(runner, 'env'), state: join(runner, 'state'),
    path: join(runner, 'path'), event: join(runner, 'event.json'),
  };
  for (const name of ['output', 'summary', 'env', 'state', 'path'] as const) await writeFile(files[name], '');
  await writeFile(files.event, JSON.stringify(options.event?.payload ?? {}));
  const runnerTemp = join(runner, 'temp');
  await mkdir(runnerTemp);
  await mkdir(join(runner, 'tool-cache'), { recursive: true });
  const env: Record<string, string | undefined> = {
    ...process.env,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_WORKSPACE: options.cwd,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(runner, 'tool-cache'),
    ...options.env,
  };
  const entry = options.entry ?? 'index.js';
  // Each bundled action's defaults come from its own action.yml (dist/verify/index.js: verify/action.yml).
  const actionYml = entry === 'index.js' ? 'action.yml' : join(dirname(entry), 'action.yml');
  const inputs = { ...actionDefaults(options.jobToken ?? JOB_TOKEN, actionYml), ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  const child = spawn(node24(), [join(repoRoot(), 'dist', ...entry.split('/'))], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let interrupted = false;
  const take = (c: Buffer) => {
    stdout += c.toString();
    if (!interrupted && options.interruptWhen?.(stdout)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const code = await new Promise<number>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 128 : -1))));
  const output = await readFile(files.output, 'utf8');
  return {
    code,
    stdout,
    outputs: parseOutputFile(output),
    summary: await readFile(files.summary, 'utf8'),
    files: { output, env: await readFile(files.env, 'utf8'), state: await readFile(files.state, 'utf8'), path: await readFile(files.path, 'utf8') },
    errors: errorCommands(stdout).map((e) => e.message),
    annotations: errorCommands(stdout),
    runnerTemp,
    interrupted,
  };
}

/** `::error::msg` and `::error file=F,line=N::msg` workflow commands (properties unescaped as the runner does). */
function errorCommands(stdout: string): Array<{ message: string; properties: Record<string, string> }> {
  const unescape = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return stdout.split('\n').flatMap((line) => {
    const m = /^::error(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) return [];
    const properties = Object.fromEntries((m[1] ?? '').split(',').filter(Boolean).map((p) => {
      const eq = p.indexOf('=');
      return [p.slice(0, eq), unescape(p.slice(eq + 1))];
    }));
    return [{ message: m[2]!, properties }];
  });
}

/** The runner's variable for an input: INPUT_ + the name upper-cased, spaces as underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

const defaultsByFile = new Map<string, Record<string, string>>();

/** Every input of an action.yml (relative to the repository) that has a default, with `${{ github.token }}` evaluated to `jobToken`. */
export function actionDefaults(jobToken: string, actionYml = 'action.yml'): Record<string, string> {
  let defaults = defaultsByFile.get(actionYml);
  if (!defaults) {
    defaults = parseInputDefaults(readFileSync(join(repoRoot(), actionYml), 'utf8'));
    defaultsByFile.set(actionYml, defaults);
  }
  return Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, value.replace(/^\$\{\{\s*github\.token\s*\}\}$/, jobToken)]));
}

/**
 * The `default:` of each input under `inputs:` in action.yml (two-space input names, four-space keys,
 * plain or quoted scalars: the only forms action.yml uses; anything else fails here, not silently).
 */
export function parseInputDefaults(yaml: string): Record<string, string> {
  const result: Record<string, string> = {};
  let inInputs = false;
  let current: string | undefined;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) { inInputs = line.startsWith('inputs:'); current = undefined; continue; }
    if (!inInputs) continue;
    const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (name) { current = name[1]; continue; }
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current) {
      const raw = def[1]!.trim();
      const quoted = /^'(.*)'$/.exec(raw) ?? /^"(.*)"$/.exec(raw);
      if (!quoted && /^['"|>]/.test(raw)) throw new Error(`action.yml: default of ${current} is not a plain or quoted scalar: ${raw}`);
      result[current] = quoted ? quoted[1]! : raw;
    }
  }
  if (Object.keys(result).length === 0) throw new Error('action.yml: no input defaults found');
  return result;
}

let node24Path: string | undefined;

/** A Node 24 binary, the runtime of `runs.using: node24`. */
export function node24(): string {
  node24Path ??= join(execFileSync('bash', [join(repoRoot(), 'scripts', 'node24.sh')], { encoding: 'utf8' }).trim(), 'node');
  return node24Path;
}

/** Parses GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    outputs[m[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}
