// Manifests of very many entries: a build of 1,000,000 files writes one of 170 MB. Comparing and
// locking them must not hold them in memory (the earlier code parsed both files whole: 392 MiB of
// peak RSS for two of 200,000 entries, and refused anything over 64 MiB), and a build interrupted
// while it streams its manifest must leave nothing behind.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, runCli } from '../../helpers/cli-child.js';
import { manifestText } from '../../helpers/manifest-reference.js';
import { buildOciArchive } from '../../helpers/oci-builder.js';
import { rawHeader, TAR_END } from '../../helpers/raw-tar.js';
import { makeSyntheticBlobs } from '../../helpers/synthetic-blobs.js';

const ENTRIES = 200_000;
/** Measured 119 MiB (the CLI alone: about 100); the code that parsed both files whole: 392 MiB. */
const MAX_RSS_MIB = 200;

let work: string;
let cli: string;

/** A manifest as a build of ENTRIES files in directories of 1000 writes it; `changed` edits file i. */
function bigManifest(changed: (i: number) => 'same' | 'edit' | 'drop'): string {
  const dir = (mtime: number) => ({ type: 'dir', mode: '0755', uid: 0, gid: 0, mtime });
  const entries: object[] = [{ path: 'rootfs', ...dir(1492533000) }];
  const dirs = Array.from({ length: ENTRIES / 1000 }, (_, d) => `d${d}`).sort();
  const files = Array.from({ length: 1000 }, (_, f) => `f${f}`).sort();
  for (const d of dirs) {
    entries.push({ path: `rootfs/${d}/`, ...dir(0) });
    for (const f of files) {
      const i = Number(d.slice(1)) * 1000 + Number(f.slice(1));
      const change = changed(i);
      if (change === 'drop') continue;
      entries.push({ path: `rootfs/${d}/${f}`, type: 'file', mode: '0644', uid: 0, gid: 0, mtime: 0, size: 0, sha256: (change === 'edit' ? 'e' : 'a').repeat(64) });
    }
  }
  for (const path of ['rootfs', 'rootfs/dev', 'rootfs/run', 'rootfs/sys', 'rootfs/var', 'rootfs/proc', 'rootfs/tmp']) entries.push({ path, ...dir(1492533000) });
  entries.push({ path: 'cmd', type: 'file', mode: '0644', uid: 0, gid: 0, mtime: 1492533000, size: 3, sha256: 'c'.repeat(64) });
  return manifestText(entries);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nitro-many-manifest-'));
  cli = await bundleCli(work);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`two manifests of ${ENTRIES} entries`, () => {
  let before: string;
  let after: string;
  beforeAll(() => {
    before = join(work, 'before.manifest.json');
    after = join(work, 'after.manifest.json');
    writeFileSync(before, bigManifest(() => 'same'));
    writeFileSync(after, bigManifest((i) => (i % 1000 === 3 ? 'edit' : i % 1000 === 7 ? 'drop' : 'same')));
  }, 60_000);

  it(`diff compares them under ${MAX_RSS_MIB} MiB of peak RSS, listing the first changes by path`, async () => {
    const result = await runCli(cli, ['diff', before, after], { cwd: work, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    // 200 edited, 200 removed: all listed, sorted by path as strings (d0, d1, d10, …).
    expect(lines).toHaveLength(400);
    expect(lines.slice(0, 4)).toEqual(['~ rootfs/d0/f3 (contents: sha256)', '- rootfs/d0/f7 (removed)', '~ rootfs/d1/f3 (contents: sha256)', '- rootfs/d1/f7 (removed)']);
    expect(lines.at(-1)).toBe('- rootfs/d99/f7 (removed)');
    expect(result.peakRssMiB, 'peak RSS (MiB)').toBeLessThan(MAX_RSS_MIB);
  }, 90_000);

  it(`lock --manifest copies and checks one under ${MAX_RSS_MIB} MiB`, async () => {
    const dir = mkdtempSync(join(work, 'lock-'));
    const measurements = join(dir, 'm.json');
    writeFileSync(measurements, JSON.stringify({ pcrs: { PCR0: '0'.repeat(96), PCR1: '1'.repeat(96), PCR2: '2'.repeat(96) } }));
    const result = await runCli(cli, ['lock', '--measurements', measurements, '--manifest', after, '--output-file', join(dir, 'l.json')], { cwd: dir, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['l.json', 'l.manifest.json', 'm.json']);
    expect(result.peakRssMiB, 'peak RSS (MiB)').toBeLessThan(MAX_RSS_MIB);
  }, 90_000);
});

describe('a build writing its manifest, interrupted', () => {
  const FILES = 100_000;
  let archive: string;
  let blobs: string;
  beforeAll(async () => {
    const headers: Buffer[] = [];
    for (let i = 0; i < FILES; i++) headers.push(rawHeader({ name: `d${Math.floor(i / 1000)}/f${i % 1000}` }));
    archive = join(work, 'many.oci.tar');
    await buildOciArchive({ dest: archive, format: 'oci-archive', compress: 'gzip', layers: [Buffer.concat([...headers, TAR_END])], config: { Cmd: ['/a'] } });
    blobs = makeSyntheticBlobs('x86_64', join(work, 'blobs'));
  }, 120_000);

  for (const [signal, code, after] of [['SIGTERM', 143, 0], ['SIGINT', 130, 150]] as const) {
    it(`${signal} ${after} ms after the manifest's body file appears: nothing left`, async () => {
      const out = mkdtempSync(join(work, 'out-'));
      const temp = mkdtempSync(join(work, 'tmp-'));
      let sentAt: number | undefined;
      const result = await runCli(cli, ['build-enclave', '--oci-archive', archive, '--blobs-dir', blobs, '--output-file', join(out, 'app.eif'),
        '--manifest-file', join(out, 'manifest.json'), '--measurements-file', join(out, 'm.json'), '--quiet'], {
        cwd: work, env: { TMPDIR: temp }, timeoutMs: 60_000,
        onSpawn: (kill) => {
          const poll = setInterval(() => {
            if (!readdirSync(out).some((f) => f.endsWith('.body.partial'))) return;
            clearInterval(poll);
            setTimeout(() => { sentAt = Date.now(); kill(signal); }, after);
          }, 2);
        },
      });
      if (result.code === 0) {
        // Finished before the signal: then it must have written everything (and the case proves nothing).
        expect(readdirSync(out).sort()).toEqual(['app.eif', 'm.json', 'manifest.json']);
        return;
      }
      expect(sentAt, 'the signal was sent').toBeDefined();
      expect(result.code, result.stderr).toBe(code);
      expect(result.stderr.trim()).toBe(`nitro-eif: interrupted (${signal}); temporary files removed`);
      expect(readdirSync(out)).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
    }, 90_000);
  }
});
