#!/usr/bin/env node
// Benchmark: `nitro-eif describe-eif` against `sha384sum` on the same 1 GiB EIF, in the same run.
// Generates the EIF with the project's own writer in a temp dir (removed afterwards), runs each
// tool several times alternately under /usr/bin/time -v, and prints the median wall time, the
// ratio and the peak RSS as a markdown section for docs/benchmarks.md.
// Usage: npm run build && node bench/eif-describe.mjs [--size-mib 1024] [--runs 3]
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const MIB = 1 << 20;
const sizeMib = arg('--size-mib', 1024);
const runs = arg('--runs', 3);

/** A stream source of `size` bytes: 1 MiB of random data, varied per chunk. */
function filler(size) {
  const block = randomBytes(MIB);
  return {
    size,
    stream: async function* () {
      for (let at = 0, n = 0; at < size; at += MIB, n++) {
        const chunk = Buffer.from(block.subarray(0, Math.min(MIB, size - at)));
        chunk.writeUInt32BE(n, 0);
        yield chunk;
      }
    },
  };
}

/** Wall seconds and peak RSS (KiB) of one command, from GNU time's verbose output. */
async function timed(argv) {
  const { stderr } = await run('/usr/bin/time', ['-v', ...argv], { maxBuffer: 64 * MIB });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  if (!wall || !rss || !user || !sys) throw new Error(`cannot parse /usr/bin/time output:\n${stderr}`);
  return {
    seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    cpu: Number(user[1]) + Number(sys[1]),
    rssKib: Number(rss[1]),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const cli = join(repo, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js missing: run npm run build first');
  if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time missing: apt-get install -y time');
  const dir = await mkdtemp(join(tmpdir(), 'eif-bench-'));
  try {
    await build({ entryPoints: [join(repo, 'src/eif/index.ts')], outfile: join(dir, 'eif.mjs'), bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
    const { writeEif } = await import(join(dir, 'eif.mjs'));
    const eif = join(dir, 'bench.eif');
    const written = await writeEif({
      outputPath: eif, arch: 'x86_64', kernel: filler(8 * MIB), cmdline: 'console=ttyS0 reboot=k',
      ramdisks: [filler(16 * MIB), filler(sizeMib * MIB - 24 * MIB - 4096)],
    });
    await timed(['sha384sum', eif]); // warm the page cache; not counted
    const results = { node: [], sha: [] };
    for (let i = 0; i < runs; i++) {
      results.sha.push(await timed(['sha384sum', eif]));
      results.node.push(await timed([process.execPath, cli, 'describe-eif', '--eif-path', eif]));
    }
    const out = JSON.parse((await run(process.execPath, [cli, 'describe-eif', '--eif-path', eif], { maxBuffer: MIB })).stdout);
    if (out.Measurements.PCR0 !== written.pcrs.PCR0) throw new Error('describe-eif PCR0 differs from the writer');
    const node = median(results.node.map((r) => r.seconds));
    const sha = median(results.sha.map((r) => r.seconds));
    const rss = Math.max(...results.node.map((r) => r.rssKib));
    const load = (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');
    const cpuTime = (xs) => median(xs.map((r) => r.cpu)).toFixed(2);
    const cpu = (await readFile('/proc/cpuinfo', 'utf8')).match(/model name\s*: (.*)/)?.[1] ?? cpus()[0]?.model;
    process.stdout.write(`${[
      '## describe-eif', '',
      `- date: ${new Date().toISOString()}`,
      `- machine: ${cpus().length} CPUs (nproc), ${cpu}, Node ${process.version}`,
      `- input: ${(written.size / MIB).toFixed(0)} MiB EIF written by writeEif (8 MiB kernel, 16 MiB bootstrap ramdisk, rest customer ramdisk), page cache warm`,
      `- runs: ${runs} each, alternating; medians; load average at the end: ${load}`, '',
      '| command | wall time (s) | CPU time user+sys (s) | peak RSS (MiB) |', '|---|---|---|---|',
      `| \`sha384sum\` | ${sha.toFixed(3)} | ${cpuTime(results.sha)} | ${(Math.max(...results.sha.map((r) => r.rssKib)) / 1024).toFixed(1)} |`,
      `| \`node dist/cli.js describe-eif\` | ${node.toFixed(3)} | ${cpuTime(results.node)} | ${(rss / 1024).toFixed(1)} |`, '',
      `- ratio describe-eif / sha384sum: **${(node / sha).toFixed(2)}** (target ≤ 1.00)`,
      `- peak RSS: **${(rss / 1024).toFixed(1)} MiB** (target < 128 MiB)`,
      `- all runs (s): sha384sum ${results.sha.map((r) => r.seconds).join(', ')}; describe-eif ${results.node.map((r) => r.seconds).join(', ')}`,
    ].join('\n')}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
