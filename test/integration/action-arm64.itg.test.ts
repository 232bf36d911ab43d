// The bundled action (dist/index.js) with `platform: linux/arm64` on this x64 machine and the real
// engine: an image without RUN steps (Debian's arm64 busybox-static base + files) needs no QEMU and
// becomes an aarch64 EIF; a Dockerfile with a RUN step and no aarch64 binfmt handler is refused in one
// line naming docker/setup-qemu-action, before anything is built. Synthetic aarch64 blobs.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithInfra } from '../helpers/infra.js';
import { runAction } from '../helpers/run-action.js';
import { FAKE_DSTACK_UTIL, makeActionWorkspace, makeExampleApp, sha256 } from '../helpers/action-workspace.js';

const UTIL = FAKE_DSTACK_UTIL;

/** An enabled binfmt_misc handler for aarch64 on this host (then the refusal cannot be shown here). */
function hostRunsArm64(): boolean {
  if (process.arch === 'arm64') return true;
  const dir = '/proc/sys/fs/binfmt_misc';
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((name) => /aarch64|arm64/i.test(name) && readFileSync(join(dir, name), 'utf8').startsWith('enabled'));
}

describeWithInfra('the bundled action, platform linux/arm64 on an x64 runner', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let base: string;
  let blobs: string;
  let utilPath: string;
  beforeAll(async () => {
    ({ dir, cleanup, base, blobs, utilPath } = await makeActionWorkspace('action-arm64-', 'arm64'));
  }, 240_000);
  afterAll(async () => cleanup());

  const makeApp = (name: string, dockerfile?: string) => makeExampleApp(dir, name, { dockerfile });

  const inputs = () => ({
    platform: 'linux/arm64', 'blobs-dir': blobs, network: 'none', 'build-args': `BASE=${base}`,
    'dstack-util': utilPath, 'dstack-util-sha256': sha256(UTIL),
  });

  it('builds an aarch64 EIF from an image without RUN steps (no QEMU needed)', { timeout: 240_000 }, async () => {
    const app = await makeApp('app-arm64');
    const run = await runAction({ cwd: app, inputs: inputs() });
    expect(run.errors, run.stdout).toEqual([]);
    expect(run.code).toBe(0);
    const eif = await readFile(run.outputs['eif-path']!);
    expect(eif.readUInt16BE(6)).toBe(1); // header flags: bit 0 = aarch64 (spec eif-format.md §1.1)
    const measurements = JSON.parse(run.outputs['measurements']!);
    expect(measurements.eif.arch).toBe('aarch64');
    expect(measurements.image.platform).toBe('linux/arm64');
    expect(measurements.blobs.sha384.Image).toBe(createHash('sha384').update(readFileSync(join(blobs, 'Image'))).digest('hex'));
    expect(run.summary).toContain('| blob set | not a known public set (aarch64) |');
  });

  it.skipIf(hostRunsArm64())('refuses RUN steps for arm64 without an aarch64 binfmt handler, in one line, before building', { timeout: 120_000 }, async () => {
    const app = await makeApp('app-arm64-run', 'ARG BASE\nFROM ${BASE}\nCOPY run.sh /app/run.sh\nRUN ["/bin/busybox", "true"]\nCMD ["/app/run.sh"]\n');
    const run = await runAction({ cwd: app, inputs: inputs() });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      'input platform: linux/arm64 on this x64 runner: the Dockerfile\'s RUN steps need QEMU, and binfmt_misc has no arm64 handler; ' +
      'add a step `uses: docker/setup-qemu-action@v3` before this one, or run on ubuntu-24.04-arm',
    ]);
    expect(existsSync(join(app, 'nitro-eif-out', 'enclave.eif'))).toBe(false);
  });
});
