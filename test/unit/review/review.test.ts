import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { explainChanges, renderReviewMarkdown, renderReviewText } from '../../../src/review/explain.js';
import { factsFromJson } from '../../../src/review/facts.js';
import { createLock, parseLock, serializeLock } from '../../../src/review/lock.js';
import type { ManifestEntry } from '../../../src/build/manifest.js';
import { diffManifests, entrySource } from '../../../src/review/manifest-diff.js';
import { manifestText } from '../../helpers/manifest-reference.js';

const pcr = (c: string) => c.repeat(96);
const blobs = { bzImage: 'a'.repeat(96), init: 'b'.repeat(96), 'nsm.ko': 'c'.repeat(96) };
const before = { pcrs: { PCR0: pcr('0'), PCR1: pcr('1'), PCR2: pcr('2') }, osImageHash: '0x' + 'e'.repeat(64), blobs, dstackUtil: 'd'.repeat(64) };

const file = (path: string, sha256: string, extra: Record<string, unknown> = {}) =>
  ({ path, type: 'file', mode: '0755', uid: 0, gid: 0, mtime: 0, size: 1, sha256: sha256.repeat(64), ...extra }) as ManifestEntry;
const source = (...entries: ManifestEntry[]) => entrySource('m', entries);

describe('explainChanges', () => {
  it('says nothing changed for identical builds', () => {
    const review = explainChanges(before, before);
    expect(review.unchanged).toBe(true);
    expect(renderReviewText(review)).toMatch(/unchanged/);
  });

  it('blames PCR2 on the changed file and dstack-util, PCR0 on both', async () => {
    const after = { ...before, pcrs: { ...before.pcrs, PCR0: pcr('3'), PCR2: pcr('4') }, dstackUtil: 'f'.repeat(64) };
    const review = explainChanges(before, after, await diffManifests(source(file('app/run.sh', '1')), source(file('app/run.sh', '2'))));
    expect(review.changes.map((c) => c.pcr)).toEqual(['PCR0', 'PCR2']);
    const pcr2 = review.changes[1]!.reasons.join('\n');
    expect(pcr2).toContain('dstack-util changed');
    expect(pcr2).toContain('~ app/run.sh (contents: sha256)');
    expect(review.osImageHash.changed).toBe(true);
    expect(renderReviewMarkdown(review)).toContain('`~ app/run.sh (contents: sha256)`');
  });

  it('blames PCR1 on the blob that changed', () => {
    const after = { ...before, pcrs: { ...before.pcrs, PCR0: pcr('5'), PCR1: pcr('6') }, blobs: { ...blobs, init: '9'.repeat(96) } };
    const reasons = explainChanges(before, after).changes.find((c) => c.pcr === 'PCR1')!.reasons;
    expect(reasons).toEqual([`blob init changed (${'b'.repeat(12)} → ${'9'.repeat(12)})`]);
  });

  it('says when the previous manifest is not available', () => {
    const after = { ...before, pcrs: { ...before.pcrs, PCR2: pcr('7') } };
    expect(explainChanges(before, after).changes.at(-1)!.reasons.join()).toMatch(/previous manifest is not available/);
  });

  it('a new signature changes PCR8 only, not OS_IMAGE_HASH', () => {
    const review = explainChanges(before, { ...before, pcrs: { ...before.pcrs, PCR8: pcr('8') } });
    expect(review.changes.map((c) => c.reasons[0])).toEqual(['the EIF is now signed']);
    expect(review.osImageHash.changed).toBe(false);
  });
});

describe('lock file', () => {
  it('round-trips through its text form', () => {
    const lock = createLock(before, { path: 'nitro-eif.lock.manifest.json', sha256: '1'.repeat(64) });
    const { facts } = parseLock(serializeLock(lock), 'l.json');
    expect(facts).toMatchObject({ pcrs: before.pcrs, osImageHash: before.osImageHash, blobs, dstackUtil: before.dstackUtil, manifestSha256: '1'.repeat(64) });
  });

  it('refuses other files and manifest paths that leave its folder', () => {
    expect(() => parseLock('{"version": 2}', 'l.json')).toThrow(/l\.json: not a nitro-eif lock file/);
    const escaping = { ...createLock(before), manifest: { path: '../x.json', sha256: '' } };
    expect(() => parseLock(JSON.stringify(escaping), 'l.json')).toThrow(/stay beside the lock file/);
  });

  it('reads nitro-cli measurements', () => {
    const facts = factsFromJson({ Measurements: { HashAlgorithm: 'Sha384 { ... }', PCR0: pcr('A'), PCR1: pcr('1'), PCR2: pcr('2') } }, 'm.json');
    expect(facts.pcrs.PCR0).toBe(pcr('a'));
  });
});

describe('nitro-eif lock and diff', () => {
  it('locks a build, then explains a later build file by file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'review-'));
    const write = async (name: string, value: unknown) => { await writeFile(join(dir, name), JSON.stringify(value)); return join(dir, name); };
    const m1 = join(dir, 'm1.json');
    await writeFile(m1, manifestText([file('app/run.sh', '1')]));
    await writeFile(join(dir, 'm2.json'), manifestText([file('app/run.sh', '2')]));
    const meas1 = await write('meas1.json', { pcrs: before.pcrs, os_image_hash: before.osImageHash });
    const meas2 = await write('meas2.json', { pcrs: { ...before.pcrs, PCR2: pcr('9') }, manifest: { path: 'm2.json' } });
    const lockPath = join(dir, 'nitro-eif.lock.json');
    const out = await captureStdout(() => main(['lock', '--measurements', meas1, '--manifest', m1, '--output-file', lockPath]));
    expect(out.code).toBe(0);
    const lock = JSON.parse(await readFile(lockPath, 'utf8'));
    const copied = await readFile(join(dir, 'nitro-eif.lock.manifest.json'));
    expect(lock.manifest).toEqual({ path: 'nitro-eif.lock.manifest.json', sha256: createHash('sha256').update(copied).digest('hex') });
    expect(copied.equals(await readFile(m1))).toBe(true);
    const diff = await captureStdout(() => main(['diff', lockPath, meas2]));
    expect(diff.code).toBe(0);
    expect(diff.text).toContain('PCR2 changed');
    expect(diff.text).toContain('~ app/run.sh (contents: sha256)');
    const failing = await captureStdout(() => main(['diff', '--fail-on-change', lockPath, meas2]));
    expect(failing.code).toBe(1);

    // --json: the same facts for a script (and still exit 1 with --fail-on-change).
    const json = await captureStdout(() => main(['diff', '--json', '--fail-on-change', lockPath, meas2]));
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.text);
    expect(parsed).toMatchObject({ changed: true, os_image_hash: { before: before.osImageHash, changed: true } });
    expect(parsed.registers.map((r: { pcr: string }) => r.pcr)).toEqual(['PCR2']);
    expect(parsed.registers[0]).toMatchObject({ before: before.pcrs.PCR2, after: pcr('9') });
    expect(parsed.files).toEqual({ total: 1, counts: { added: 0, removed: 0, contents: 1, metadata: 0 }, listed: [{ path: 'app/run.sh', kind: 'contents', fields: ['sha256'] }] });
    const manifestsOnly = await captureStdout(() => main(['diff', '--json', m1, m1]));
    expect(JSON.parse(manifestsOnly.text)).toEqual({ changed: false, registers: null, os_image_hash: null, files: { total: 0, counts: { added: 0, removed: 0, contents: 0, metadata: 0 }, listed: [] } });
  });

  it('refuses to lock a manifest that is not one, leaving no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'review-'));
    await writeFile(join(dir, 'meas.json'), JSON.stringify({ pcrs: before.pcrs }));
    await writeFile(join(dir, 'm.json'), JSON.stringify({ entries: [file('a', '1')] }));
    const out = await captureStdout(() => main(['lock', '--measurements', join(dir, 'meas.json'), '--manifest', join(dir, 'm.json'), '--output-file', join(dir, 'l.json')]));
    expect(out.code).not.toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['m.json', 'meas.json']);
  });

  it('lists the first changes by path and says how many more there are', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'review-'));
    const names = Array.from({ length: 1500 }, (_, i) => `f${String(i).padStart(4, '0')}`);
    await writeFile(join(dir, 'a.json'), manifestText(names.map((n) => file(n, '1'))));
    await writeFile(join(dir, 'b.json'), manifestText(names.map((n) => file(n, '2'))));
    const diff = await captureStdout(() => main(['diff', join(dir, 'a.json'), join(dir, 'b.json')]));
    const lines = diff.text.trimEnd().split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe('~ f0000 (contents: sha256)');
    expect(lines[999]).toBe('~ f0999 (contents: sha256)');
    expect(lines[1000]).toBe('… and 500 more (0 added, 0 removed, 1500 changed in contents, 0 in metadata in all)');
  });
});

async function captureStdout(fn: () => Promise<number>): Promise<{ code: number; text: string }> {
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stdout.write = ((chunk: string) => { text += chunk; return true; }) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { code: await fn(), text };
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
}

describe('nitro-eif diff on EIFs', () => {
  it('reads PCRs from an EIF and compares them with a measurements file', async () => {
    const { fixture } = await import('../../helpers/paths.js');
    const eif = fixture('eif', 'tiny.eif');
    const same = await captureStdout(() => main(['diff', eif, eif]));
    expect(same.text).toMatch(/unchanged/);
    const { inspectEif } = await import('../../../src/eif/index.js');
    const { pcrs } = await inspectEif(eif, { fileDigests: false });
    const dir = await mkdtemp(join(tmpdir(), 'review-'));
    await writeFile(join(dir, 'm.json'), JSON.stringify({ Measurements: { ...pcrs, PCR2: pcr('5') } }));
    const diff = await captureStdout(() => main(['diff', eif, join(dir, 'm.json')]));
    expect(diff.text).toContain(`PCR2 changed: ${pcrs.PCR2} → ${pcr('5')}`);
    expect(diff.text).not.toContain('PCR1 changed');
  });
});

describe('factsFromJson on the measurements file', () => {
  it('reads the nested blob hashes and dstack_util', () => {
    const doc = { schema: 'nitro-eif-build/measurements@1', pcrs: before.pcrs, os_image_hash: before.osImageHash,
      blobs: { set: null, sha384: blobs, cmdline: 'reboot=k', kernel: { os: 'Linux', version: '4.14' } }, dstack_util: { sha256: 'D'.repeat(64) } };
    expect(factsFromJson(doc, 'm.json')).toMatchObject({ blobs, dstackUtil: 'd'.repeat(64), osImageHash: before.osImageHash });
    expect(factsFromJson({ ...doc, dstack_util: null }, 'm.json').dstackUtil).toBeUndefined();
  });
});
