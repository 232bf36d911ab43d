import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { emulationProblem, hasTargetRunSteps, planDockerBuild, runProcess, startStreamingProcess } from '../../../src/build/docker-build.js';

const base = { context: 'ctx', file: 'ctx/Dockerfile', buildArgs: {}, sourceDateEpoch: 1700000000, output: { ociLayout: '/o/image.oci' }, noCache: false };

describe('planDockerBuild', () => {
  it('asks buildx for a reproducible OCI layout directory, uncompressed, with SOURCE_DATE_EPOCH in the environment', () => {
    const plan = planDockerBuild(base);
    expect(plan.command).toBe('docker');
    expect(plan.args).toEqual(['buildx', 'build', '--file', 'ctx/Dockerfile', '--output', 'type=oci,tar=false,dest=/o/image.oci,compression=uncompressed',
      '--provenance=false', '--sbom=false', 'ctx']);
    expect(plan.env).toEqual({ SOURCE_DATE_EPOCH: '1700000000' });
  });

  it('adds no-cache, platform, target, network, build args and the dstack-util build context', () => {
    const plan = planDockerBuild({ ...base, noCache: true, platform: 'linux/arm64', target: 'app', network: 'none',
      buildArgs: { A: '1', B: 'two words' }, dstackUtilDir: '/w/dstack-util' });
    expect(plan.args.slice(8)).toEqual(['--no-cache', '--platform', 'linux/arm64', '--target', 'app', '--network', 'none',
      '--build-arg', 'A=1', '--build-arg', 'B=two words', '--build-context', 'dstack-util=/w/dstack-util', 'ctx']);
  });

  it('refuses an output path that would break the --output list', () => {
    expect(() => planDockerBuild({ ...base, output: { ociLayout: '/o/a,b' } })).toThrow(/must not contain a comma/);
  });

  it('streams the root filesystem with every mtime as built, and keeps the image in the engine under the name given', () => {
    const plan = planDockerBuild({ ...base, output: { rootfsStream: true, imageName: 'nitro-eif-build/rootfs:0123abcd' } });
    expect(plan.args.slice(0, 8)).toEqual(['buildx', 'build', '--file', 'ctx/Dockerfile',
      '--output', 'type=tar,dest=-,source-date-epoch=', '--output', 'type=image,name=nitro-eif-build/rootfs:0123abcd,compression=uncompressed']);
    expect(plan.env).toEqual({ SOURCE_DATE_EPOCH: '1700000000' });
  });
});

describe('runProcess', () => {
  it('returns stdout and passes the plan environment without a shell', async () => {
    const out = await runProcess({ command: 'sh', args: ['-c', 'printf "%s" "$X"', '$(echo no)'], env: { X: 'a;b' } }, { env: { PATH: process.env['PATH'] } });
    expect(out).toBe('a;b');
  });

  it('fails with the exit code and the end of the output', async () => {
    await expect(runProcess({ command: 'sh', args: ['-c', 'echo boom >&2; exit 3'], env: {} }, { env: { PATH: process.env['PATH'] } }))
      .rejects.toThrow(/failed \(exit 3\): boom/);
  });

  it('feeds stdin from a stream, and names a failing input instead of the exit code', async () => {
    const env = { PATH: process.env['PATH'] };
    await expect(runProcess({ command: 'sh', args: ['-c', 'wc -c'], env: {} }, { env, stdin: Readable.from([Buffer.alloc(70000, 1)]) }))
      .resolves.toMatch(/^\s*70000\s*$/);
    const failing = new Readable({ read() { this.destroy(new Error('layout unreadable')); } });
    await expect(runProcess({ command: 'sh', args: ['-c', 'cat > /dev/null'], env: {} }, { env, stdin: failing }))
      .rejects.toThrow(/^sh -c cat > \/dev\/null: cannot feed its input: layout unreadable$/);
  });

  it('reports a missing command', async () => {
    await expect(runProcess({ command: 'no-such-command-xyz', args: [], env: {} }, { env: {} })).rejects.toThrow(/cannot run no-such-command-xyz/);
  });
});

describe('startStreamingProcess', () => {
  const env = { PATH: process.env['PATH'] };
  const read = async (stream: Readable) => {
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    return bytes;
  };

  it('hands out stdout as a stream while the process runs, and stderr to onOutput', async () => {
    const said: string[] = [];
    const run = startStreamingProcess({ command: 'sh', args: ['-c', 'echo progress >&2; head -c 3000000 /dev/zero'], env: {} }, { env, onOutput: (t) => said.push(t) });
    expect(await read(run.stdout)).toBe(3_000_000);
    await run.exited;
    expect(said.join('')).toContain('progress');
  });

  it('rejects with the exit code and the end of stderr when the process fails', async () => {
    const run = startStreamingProcess({ command: 'sh', args: ['-c', 'printf partial; echo "ERROR: step 3 failed" >&2; exit 3'], env: {} }, { env });
    expect(await read(run.stdout)).toBe(7);
    await expect(run.exited).rejects.toThrow(/^sh -c printf .* failed \(exit 3\): ERROR: step 3 failed$/);
  });

  it('stops the process group when the reader gives up', async () => {
    const run = startStreamingProcess({ command: 'sh', args: ['-c', 'sleep 30 & wait'], env: {} }, { env });
    const started = Date.now();
    run.stop();
    await expect(run.exited).rejects.toThrow(/failed \(exit signal\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('emulation for RUN steps of the other architecture', () => {
  const withRun = 'FROM base@sha256:aa\nCOPY app /app\nRUN /app/setup\n';
  const staticOnly = 'FROM base@sha256:aa\nCOPY app /app\n# RUN nothing\nCMD ["/app/run"]\n';
  const crossCompiled = 'FROM --platform=$BUILDPLATFORM golang@sha256:bb AS build\nRUN go build -o /out/app .\nFROM base@sha256:aa\nCOPY --from=build /out/app /app\n';

  it('finds RUN steps that run on the target platform (not in a $BUILDPLATFORM stage)', () => {
    expect(hasTargetRunSteps(withRun)).toBe(true);
    expect(hasTargetRunSteps(staticOnly)).toBe(false);
    expect(hasTargetRunSteps(crossCompiled)).toBe(false);
    expect(hasTargetRunSteps(`${crossCompiled}run chmod 755 /app\n`)).toBe(true);
  });

  it('fails in one line naming the fix when an x64 runner has no aarch64 handler', () => {
    const problem = emulationProblem({ platform: 'linux/arm64', hostArch: 'x64', dockerfile: withRun, binfmt: [{ name: 'python3.11', enabled: true }] });
    expect(problem).toBe('linux/arm64 on this x64 runner: the Dockerfile\'s RUN steps need QEMU, and binfmt_misc has no arm64 handler; ' +
      'add a step `uses: docker/setup-qemu-action@v3` before this one, or run on ubuntu-24.04-arm');
    expect(emulationProblem({ platform: 'linux/arm64', hostArch: 'x64', dockerfile: withRun, binfmt: [{ name: 'qemu-aarch64', enabled: false }] })).toBe(problem);
  });

  it('is content with QEMU registered, a native runner, or no RUN step', () => {
    expect(emulationProblem({ platform: 'linux/arm64', hostArch: 'x64', dockerfile: withRun, binfmt: [{ name: 'qemu-aarch64', enabled: true }] })).toBeUndefined();
    expect(emulationProblem({ platform: 'linux/arm64', hostArch: 'arm64', dockerfile: withRun, binfmt: [] })).toBeUndefined();
    expect(emulationProblem({ platform: 'linux/arm64', hostArch: 'x64', dockerfile: staticOnly, binfmt: [] })).toBeUndefined();
    expect(emulationProblem({ platform: 'linux/amd64', hostArch: 'x64', dockerfile: withRun, binfmt: [] })).toBeUndefined();
    expect(emulationProblem({ platform: 'linux/amd64', hostArch: 'arm64', dockerfile: withRun, binfmt: [] })).toMatch(/no amd64 handler.*ubuntu-latest$/);
  });
});
