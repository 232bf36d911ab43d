// What the action's integration tests share: a temporary workspace with the bundle built, a busybox
// base image in the engine, pinned synthetic blobs and a stand-in dstack-util; git repositories
// committed at a fixed time (so SOURCE_DATE_EPOCH is known); an example app; provenance keys.
import { createHash } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exec, makeBusyboxBase, tempDir } from './docker.js';
import { repoRoot } from './paths.js';
import { makeSyntheticBlobs, writePinnedBlobs } from './synthetic-blobs.js';

/** The commit time of every test repository, hence the builds' SOURCE_DATE_EPOCH. */
export const COMMIT_TIME = 1700000000;
/** A stand-in for the dstack-util binary (a shell script: the tests only check where it lands). */
export const FAKE_DSTACK_UTIL = Buffer.from('#!/bin/sh\necho "fake dstack-util $*"\n');

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
export const sha384 = (b: Buffer | string): string => createHash('sha384').update(b).digest('hex');

export interface ActionWorkspace {
  readonly dir: string;
  readonly cleanup: () => Promise<void>;
  /** The base image, pinned by digest (`name@sha256:…`). */
  readonly base: string;
  readonly blobs: string;
  /** `name=sha384` lines for `blobs-sha384` (x86_64 only: arm64 blobs are not pinned). */
  readonly blobPins: string;
  /** The fake dstack-util, written to a file. */
  readonly utilPath: string;
}

/** A workspace for x86_64 (pinned blobs) or arm64 builds, with `dist/` bundled first. */
export async function makeActionWorkspace(prefix: string, arch: 'amd64' | 'arm64' = 'amd64'): Promise<ActionWorkspace> {
  const { dir, cleanup } = await tempDir(prefix);
  await exec('node', [join(repoRoot(), 'scripts', 'bundle.mjs')]);
  const blobs = join(dir, 'blobs');
  let base: string;
  let blobPins = '';
  if (arch === 'arm64') {
    base = await makeBusyboxBase('nitro-test/busybox-arm64:1', 'arm64');
    makeSyntheticBlobs('aarch64', blobs);
  } else {
    base = await makeBusyboxBase();
    blobPins = writePinnedBlobs(blobs);
  }
  const utilPath = join(dir, 'dstack-util-bin');
  await writeFile(utilPath, FAKE_DSTACK_UTIL);
  return { dir, cleanup, base, blobs, blobPins, utilPath };
}

/** `git` in `cwd` with a fixed identity, authored and committed at COMMIT_TIME. */
export function gitAt(cwd: string, ...args: string[]): Promise<string> {
  return exec('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-C', cwd, ...args],
    { ...process.env, GIT_AUTHOR_DATE: `@${COMMIT_TIME} +0000`, GIT_COMMITTER_DATE: `@${COMMIT_TIME} +0000` });
}

/**
 * `dir/name`: examples/hello-enclave's run.sh and Dockerfile (or `dockerfile`), committed on `main`
 * at COMMIT_TIME; with `git: false` a plain folder.
 */
export async function makeExampleApp(dir: string, name: string, options: { dockerfile?: string; git?: boolean } = {}): Promise<string> {
  const app = join(dir, name);
  await mkdir(app);
  const example = join(repoRoot(), 'examples', 'hello-enclave');
  await copyFile(join(example, 'run.sh'), join(app, 'run.sh'));
  await chmod(join(app, 'run.sh'), 0o755);
  await writeFile(join(app, 'Dockerfile'), options.dockerfile ?? (await readFile(join(example, 'Dockerfile'), 'utf8')));
  if (options.git === false) return app;
  await gitAt(app, 'init', '-q', '--initial-branch=main');
  await gitAt(app, 'add', '.');
  await gitAt(app, 'commit', '-q', '-m', 'app');
  return app;
}

/** An ECDSA P-256 provenance key pair in `dir`: `key.pem` (PKCS#8) and `pub.pem`. */
export async function makeProvenanceKeys(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await exec('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'sec1.pem')]);
  await exec('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', join(dir, 'sec1.pem'), '-out', join(dir, 'key.pem')]);
  await exec('openssl', ['ec', '-in', join(dir, 'key.pem'), '-pubout', '-out', join(dir, 'pub.pem')]);
  return dir;
}
