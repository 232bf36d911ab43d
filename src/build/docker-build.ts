import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { stopOnInterrupt } from '../io/cleanup.js';

// `docker buildx build` for a reproducible OCI image: the plan is pure (tested as data), the executor
// runs it with an argument array (never through a shell).

/** What to build and where the OCI image goes. */
export interface DockerBuildOptions {
  readonly context: string;
  /** Dockerfile path (as given to `--file`). */
  readonly file: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target?: string;
  readonly platform?: string;
  /** Seconds since the epoch: every timestamp in the image. */
  readonly sourceDateEpoch: number;
  /**
   * Where the image goes: an OCI layout directory (an image layout, not a tarball), or the root
   * filesystem as a tar stream on stdout while the engine keeps the image (for its config) under a
   * temporary name.
   */
  readonly output: { readonly ociLayout: string } | { readonly rootfsStream: true; readonly imageName: string };
  /** Rebuild every step (the reproducibility rebuild). */
  readonly noCache: boolean;
  /** A directory given to the Dockerfile as the named build context `dstack-util`. */
  readonly dstackUtilDir?: string;
  /** `--network` for RUN steps (e.g. `none`, `host`); builder default when absent. */
  readonly network?: string;
}

/** A process to run: command, arguments and the environment variables to add. */
export interface ProcessPlan {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

/** The `docker buildx build` invocation for `options`. */
export function planDockerBuild(options: DockerBuildOptions): ProcessPlan {
  const args = ['buildx', 'build', '--file', options.file];
  if ('ociLayout' in options.output) {
    if (/[",]/.test(options.output.ociLayout)) {
      throw new UserError(`output path ${JSON.stringify(options.output.ociLayout)} must not contain a comma or a quote`);
    }
    // The image only feeds the EIF build and is then removed: no compression, and written as a layout
    // directory (tar=false) rather than packed into a tarball and unpacked again. Timestamps are
    // clamped afterwards, in place (image/clamp-layout.ts), not by BuildKit's rewrite-timestamp,
    // which re-serializes every layer through its content store (about half the build's time).
    args.push('--output', `type=oci,tar=false,dest=${options.output.ociLayout},compression=uncompressed`);
  } else {
    if (!/^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9_.-]+$/.test(options.output.imageName)) throw new Error(`internal: image name ${options.output.imageName}`);
    // The merged root filesystem, read while the build makes it: no layers leave the engine. An
    // empty source-date-epoch keeps every mtime as built (BuildKit would set all of them to
    // SOURCE_DATE_EPOCH; later ones are clamped while the stream is read, as in the layout path).
    // The image stays in the engine only for its config (docker image inspect), then is removed.
    args.push('--output', 'type=tar,dest=-,source-date-epoch=');
    args.push('--output', `type=image,name=${options.output.imageName},compression=uncompressed`);
  }
  args.push('--provenance=false', '--sbom=false');
  if (options.noCache) args.push('--no-cache');
  if (options.platform) args.push('--platform', options.platform);
  if (options.target) args.push('--target', options.target);
  if (options.network) args.push('--network', options.network);
  for (const [name, value] of Object.entries(options.buildArgs)) args.push('--build-arg', `${name}=${value}`);
  if (options.dstackUtilDir) args.push('--build-context', `dstack-util=${options.dstackUtilDir}`);
  args.push(options.context);
  return { command: 'docker', args, env: { SOURCE_DATE_EPOCH: String(options.sourceDateEpoch) } };
}

/** How to run a process: the base environment (the caller's, the core never reads process.env). */
export interface RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Receives the process's stdout and stderr as they come (for logs). */
  readonly onOutput?: (chunk: string) => void;
  /** Piped into the process's stdin (closed when it ends). */
  readonly stdin?: Readable;
}

/**
 * Runs a plan; resolves with stdout, or throws a UserError quoting the end of the output. The process
 * gets its own process group, stopped with it when the run is interrupted (io/cleanup.ts): a cancelled
 * job must not leave a `docker buildx build` running, or writing into a directory already removed.
 */
export async function runProcess(plan: ProcessPlan, options: RunOptions): Promise<string> {
  const child = spawn(plan.command, [...plan.args], {
    env: { ...options.env, ...plan.env },
    cwd: options.cwd,
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  stopOnInterrupt(child);
  let inputError: Error | undefined;
  if (options.stdin && child.stdin) {
    // A process that exits without reading all of stdin is judged by its exit code, not by EPIPE.
    child.stdin.on('error', () => undefined);
    options.stdin.once('error', (error) => { inputError = error; child.kill(); });
    options.stdin.pipe(child.stdin);
  }
  let stdout = '';
  let tail = '';
  const take = (isStdout: boolean) => (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (isStdout) stdout += text;
    tail = (tail + text).slice(-4000);
    options.onOutput?.(text);
  };
  child.stdout!.on('data', take(true));
  child.stderr!.on('data', take(false));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: unknown) => {
    throw new UserError(`cannot run ${plan.command}: ${(error as Error).message}`, { code: 'external', cause: error });
  });
  if (inputError) throw new UserError(`${plan.command} ${plan.args.slice(0, 2).join(' ')}: cannot feed its input: ${inputError.message}`, { cause: inputError });
  if (code !== 0) {
    const last = tail.trim().split('\n').slice(-5).join(' | ');
    throw new UserError(`${plan.command} ${plan.args.slice(0, 2).join(' ')} failed (exit ${code}): ${last}`, { code: 'external' });
  }
  return stdout;
}

/** A process whose stdout is read as a stream (a build's tar output) while it runs. */
export interface StreamingProcess {
  readonly stdout: Readable;
  /** Resolves when the process has exited with 0; rejects with a UserError quoting its output's end otherwise. */
  readonly exited: Promise<void>;
  /** Whether stdout was read to its end (the process closed it), rather than destroyed by a reader that gave up. */
  readonly stdoutEnded: () => boolean;
  /** Stops the process (its process group): the reader gave up. */
  stop(): void;
}

/**
 * Starts a plan with its stdout as a stream (not collected) and its stderr to `onOutput`. As with
 * runProcess, the process has its own process group, stopped when the run is interrupted.
 */
export function startStreamingProcess(plan: ProcessPlan, options: RunOptions): StreamingProcess {
  const child = spawn(plan.command, [...plan.args], {
    env: { ...options.env, ...plan.env },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  stopOnInterrupt(child);
  let tail = '';
  let ended = false;
  child.stdout!.once('end', () => { ended = true; });
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-4000);
    options.onOutput?.(text);
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).then((code) => {
    if (code === 0) return;
    const last = tail.trim().split('\n').slice(-5).join(' | ');
    throw new UserError(`${plan.command} ${plan.args.slice(0, 2).join(' ')} failed (exit ${code ?? 'signal'}): ${last}`, { code: 'external' });
  }, (error: unknown) => {
    throw new UserError(`cannot run ${plan.command}: ${(error as Error).message}`, { code: 'external', cause: error });
  });
  // Awaited by the caller; a rejection seen first by a stop must not go unhandled.
  exited.catch(() => undefined);
  const stop = (): void => {
    child.stdout!.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Gone already.
    }
  };
  return { stdout: child.stdout!, exited, stdoutEnded: () => ended, stop };
}

/**
 * After a failed `docker buildx build`: throws a one-line UserError when the cause is that docker or
 * its buildx plugin is missing (the docker CLI then says only "unknown flag: --file" or "'buildx' is
 * not a docker command"); returns when buildx is there, so the build's own error stands.
 */
export async function requireBuildx(options: Pick<RunOptions, 'env' | 'cwd'>): Promise<void> {
  const problem = await runProcess({ command: 'docker', args: ['buildx', 'version'], env: {} }, options).then(
    () => undefined,
    (error: unknown) => (error as Error).message,
  );
  if (problem === undefined) return;
  // Docker's first line says what is missing; the rest is its usage hint.
  const said = problem.replace(/^docker buildx version failed \(exit \d+\): /, '').split(' | ')[0];
  if (problem.startsWith('cannot run docker')) {
    throw new UserError(`docker is not installed or not on PATH (${problem}); building the image needs Docker with buildx`, { code: 'unsupported' });
  }
  throw new UserError(`docker buildx is not available (${said}); install Docker's buildx plugin (BuildKit 0.13 or later), ` +
    'e.g. with docker/setup-buildx-action', { code: 'unsupported' });
}

/** One binfmt_misc handler of the host kernel (`/proc/sys/fs/binfmt_misc/<name>`). */
export interface BinfmtHandler {
  readonly name: string;
  readonly enabled: boolean;
}

/**
 * Whether the Dockerfile has RUN steps that run on the target platform: every RUN outside a stage
 * `FROM --platform=$BUILDPLATFORM …` (those run natively, the usual cross-compiling pattern).
 */
export function hasTargetRunSteps(dockerfile: string): boolean {
  let native = false;
  for (const line of dockerfile.split(/\r?\n/)) {
    const from = /^\s*FROM\s+(.*)$/i.exec(line);
    if (from) native = /--platform=\$\{?BUILDPLATFORM\}?(\s|$)/.test(from[1]!);
    else if (/^\s*RUN(\s|$)/i.test(line) && !native) return true;
  }
  return false;
}

const EMULATOR: Readonly<Record<string, { goArch: string; handler: RegExp; runner: string }>> = {
  'linux/arm64': { goArch: 'arm64', handler: /aarch64|arm64/i, runner: 'ubuntu-24.04-arm' },
  'linux/amd64': { goArch: 'x64', handler: /x86_64|x86-64|amd64/i, runner: 'ubuntu-latest' },
};

/**
 * The one-line reason a build cannot run: `platform` differs from the host (`hostArch`, Node's
 * `process.arch`), the Dockerfile has RUN steps for it, and the kernel has no enabled binfmt handler
 * (QEMU) for that architecture. Undefined when the build can run.
 */
export function emulationProblem(options: { platform: string; hostArch: string; dockerfile: string; binfmt: readonly BinfmtHandler[] }): string | undefined {
  const target = EMULATOR[options.platform];
  if (!target || target.goArch === options.hostArch || !hasTargetRunSteps(options.dockerfile)) return undefined;
  if (options.binfmt.some((h) => h.enabled && target.handler.test(h.name))) return undefined;
  return `${options.platform} on this ${options.hostArch} runner: the Dockerfile's RUN steps need QEMU, and binfmt_misc has no ` +
    `${options.platform.split('/')[1]} handler; add a step \`uses: docker/setup-qemu-action@v3\` before this one, or run on ${target.runner}`;
}
