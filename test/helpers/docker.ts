// Docker/BuildKit helpers for integration tests: execFile only (never a shell), against the engine
// named by DOCKER_HOST/DOCKER_CONFIG (see infra.ts).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths.js';

const run = promisify(execFile);
const MAX_BUFFER = 64 * 1024 * 1024;

export interface BuildOptions {
  /** Dockerfile path (default: <contextDir>/Dockerfile). */
  dockerfile?: string;
  /** SOURCE_DATE_EPOCH for the build (timestamps in the image and its layers). */
  sourceDateEpoch?: number;
  buildArgs?: Record<string, string>;
  target?: string;
  /** e.g. linux/amd64 (default: the engine's). */
  platform?: string;
  /** Destination archive path. */
  out: string;
  /** Image name recorded in the archive (e.g. nitro-test/app:1); makes `docker load` tag it. */
  name?: string;
  /** Uncompressed layers (`compression=uncompressed`), as the action builds them. */
  uncompressed?: boolean;
}

// Runs a command; on failure the Error carries its stderr.
export async function exec(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  try {
    const { stdout } = await run(file, args, { env, maxBuffer: MAX_BUFFER });
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

export function docker(args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return exec('docker', args, env);
}

async function build(contextDir: string, opts: BuildOptions, output: string): Promise<string> {
  const args = ['buildx', 'build', '--network', 'none', '--no-cache', '--provenance=false', '--sbom=false', '-q'];
  if (opts.dockerfile) args.push('--file', opts.dockerfile);
  if (opts.target) args.push('--target', opts.target);
  if (opts.platform) args.push('--platform', opts.platform);
  for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
  const name = opts.name ? `,name=${opts.name}` : '';
  const compression = opts.uncompressed ? ',compression=uncompressed' : '';
  args.push('--output', `${output},dest=${opts.out},rewrite-timestamp=true${compression}${name}`, contextDir);
  const env = { ...process.env };
  if (opts.sourceDateEpoch !== undefined) env.SOURCE_DATE_EPOCH = String(opts.sourceDateEpoch);
  else delete env.SOURCE_DATE_EPOCH;
  await docker(args, env);
  return opts.out;
}

// Builds an OCI image archive (type=oci) at opts.out; returns that path.
export function buildOci(contextDir: string, opts: BuildOptions): Promise<string> {
  return build(contextDir, opts, 'type=oci');
}

// Builds a `docker save`-style archive (type=docker) at opts.out; returns that path.
export function buildDockerArchive(contextDir: string, opts: BuildOptions): Promise<string> {
  return build(contextDir, opts, 'type=docker');
}

// Loads an OCI or docker archive into the engine; returns a reference to it (name:tag or sha256:ID).
export async function loadOci(tar: string): Promise<string> {
  const out = await docker(['load', '-i', tar]);
  const named = /^Loaded image: (\S+)$/m.exec(out);
  const byId = /^Loaded image ID: (\S+)$/m.exec(out);
  const ref = named?.[1] ?? byId?.[1];
  if (!ref) throw new Error(`docker load -i ${tar}: no image reported in: ${out.trim()}`);
  return ref;
}

// Writes the merged filesystem of an image as a tar (docker create + export + rm).
export async function exportImage(ref: string, outTar: string): Promise<void> {
  // The command is never run; create needs one for images without CMD (e.g. FROM scratch).
  const id = (await docker(['create', '--network', 'none', ref, '/nitro-export-placeholder'])).trim();
  try {
    await docker(['export', '-o', outTar, id]);
  } finally {
    await docker(['rm', '-f', id]);
  }
}

// Writes `docker save` output for an image.
export async function saveImage(ref: string, outTar: string): Promise<void> {
  await docker(['save', '-o', outTar, ref]);
}

// Makes (idempotently) the deterministic busybox base image; returns NAME@sha256:DIGEST for a FROM line.
// `arch` arm64: Debian's arm64 busybox-static (scripts/infra/install.sh), /bin/busybox and /bin/sh only.
export async function makeBusyboxBase(name = 'nitro-test/busybox:1', arch: 'amd64' | 'arm64' = 'amd64'): Promise<string> {
  const script = join(repoRoot(), 'scripts', 'infra', 'base-image.sh');
  return (await exec('bash', [script, name, arch])).trim();
}

// A fresh temp directory and its remover.
export async function tempDir(prefix = 'nitro-itg-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
