// An image of very many entries, interrupted: SIGTERM or SIGINT at any moment of the build must end
// it within 5 s with nothing left (no partial EIF, no spool). A signal is handled only between
// turns of the event loop, so the loops over every entry (the export walk, the ramdisk plan) must
// give it turns: checked directly below, then end to end with a real child process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkTree } from '../../../src/image/export-walk.js';
import type { Spool } from '../../../src/image/spool.js';
import { Tree } from '../../../src/image/tree.js';
import { customerRamdiskYielding } from '../../../src/ramdisk/customer.js';
import type { TreeEntry } from '../../../src/image/types.js';
import { repoRoot } from '../../helpers/paths.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { rawHeader, TAR_END } from '../../helpers/raw-tar.js';

const ENTRIES = 100_000;

/** Runs `work` while counting event-loop timer turns; returns the count. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  const timer = setInterval(() => (turns += 1), 0);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return turns;
}

function bigTree(): Tree {
  const tree = new Tree({ mode: 0o755, uid: 0, gid: 0, mtime: 0 });
  const attrs = { mode: 0o644, uid: 0, gid: 0, mtime: 0 };
  for (let i = 0; i < ENTRIES; i++) {
    tree.setLeaf([`d${Math.floor(i / 1000)}`, `f${i % 1000}`], { kind: 'file', ...attrs, size: 0, dataOffset: 0, crc32: 0 }, 0);
  }
  return tree;
}

describe('loops over every entry give the event loop turns (a signal is handled between them)', () => {
  it('the export walk', async () => {
    const tree = bigTree();
    let entries: TreeEntry[] = [];
    const turns = await turnsDuring(async () => (entries = await walkTree(tree.root, {} as Spool)));
    expect(entries.length).toBe(ENTRIES + 100);
    expect(turns).toBeGreaterThan(5);
  });

  it('the customer ramdisk plan', async () => {
    const entries = await walkTree(bigTree().root, {} as Spool);
    const files = { cmd: Buffer.from('/a\n'), env: Buffer.alloc(0) };
    const turns = await turnsDuring(() => customerRamdiskYielding(() => entries, files));
    expect(turns).toBeGreaterThan(5);
  });
});

describe('a build of 100,000 entries interrupted by a real signal', () => {
  let work: string;
  let cli: string;
  let archive: string;
  let blobs: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'nitro-hostile-interrupt-'));
    cli = join(work, 'cli.mjs');
    await build({
      entryPoints: [join(repoRoot(), 'src/cli/index.ts')], outfile: cli, bundle: true, platform: 'node', target: 'node20',
      format: 'esm', logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const headers: Buffer[] = [];
    for (let i = 0; i < ENTRIES; i++) headers.push(rawHeader({ name: `d${Math.floor(i / 1000)}/f${i % 1000}` }));
    archive = join(work, 'many.oci.tar');
    await buildOciArchive({ dest: archive, format: 'oci-archive', compress: 'gzip', layers: [Buffer.concat([...headers, TAR_END])], config: { Cmd: ['/a'] } });
    blobs = makeSyntheticBlobs('x86_64', join(work, 'blobs'));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const [signal, code, after] of [['SIGTERM', 143, 0], ['SIGINT', 130, 400], ['SIGTERM', 143, 900]] as const) {
    it(`${signal} ${after} ms after the spool appears: exits ${code} within 5 s, nothing left`, async () => {
      const out = mkdtempSync(join(work, 'out-'));
      const temp = mkdtempSync(join(work, 'tmp-'));
      const child = spawn(process.execPath, [cli, 'build-enclave', '--oci-archive', archive, '--blobs-dir', blobs, '--output-file', join(out, 'app.eif')], {
        env: { ...process.env, TMPDIR: temp }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      const started = Date.now();
      while (readdirSync(temp).length === 0 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, after));
      const sent = Date.now();
      child.kill(signal);
      const exitCode = await exited;
      const took = Date.now() - sent;
      // Finished before the signal: then it must have built the EIF (and the case proves nothing).
      if (exitCode === 0) {
        expect(existsSync(join(out, 'app.eif'))).toBe(true);
        return;
      }
      expect(exitCode, stderr).toBe(code);
      expect(took, 'exit delay after the signal (ms)').toBeLessThan(5000);
      expect(stderr.trim()).toBe(`nitro-eif: interrupted (${signal}); temporary files removed`);
      expect(readdirSync(out)).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
    }, 60_000);
  }
});
