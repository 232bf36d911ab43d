import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

// Runs the bundled action (dist/index.js) the way the runner does: inputs as INPUT_<NAME> (upper case,
// dashes kept), outputs through GITHUB_OUTPUT, the summary through GITHUB_STEP_SUMMARY, the event from
// GITHUB_EVENT_PATH/GITHUB_EVENT_NAME.

export interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** The `::error::` lines the action printed. */
  readonly errors: string[];
}

export interface RunActionOptions {
  readonly inputs: Record<string, string>;
  readonly cwd: string;
  readonly event?: { name: string; payload: unknown };
  readonly env?: Record<string, string>;
  /** The bundled entry point, relative to dist/ (default index.js; verify/index.js for the verify action). */
  readonly entry?: string;
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const runner = await mkdtemp(join(tmpdir(), 'runner-'));
  const files = { output: join(runner, 'output'), summary: join(runner, 'summary'), event: join(runner, 'event.json') };
  await Promise.all([writeFile(files.output, ''), writeFile(files.summary, ''), writeFile(files.event, JSON.stringify(options.event?.payload ?? {}))]);
  await mkdir(join(runner, 'temp'));
  await mkdir(join(runner, 'tool-cache'), { recursive: true });
  const env: Record<string, string | undefined> = {
    ...process.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    RUNNER_TEMP: join(runner, 'temp'),
    RUNNER_TOOL_CACHE: join(runner, 'tool-cache'),
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const child = spawn(process.execPath, [join(repoRoot(), 'dist', ...(options.entry ?? 'index.js').split('/'))], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stdout += c.toString(); });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return {
    code,
    stdout,
    outputs: parseOutputFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    errors: stdout.split('\n').filter((l) => l.startsWith('::error::')).map((l) => l.slice('::error::'.length)),
  };
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
