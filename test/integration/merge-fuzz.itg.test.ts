// Differential fuzzing of the layer merge: seeded random images (test/helpers/random-image.ts),
// each merged by us and exported by a real docker engine, compared entry by entry. Where docker
// refuses an image we may do anything; where docker accepts it we must give the same stream, or
// refuse it only for a name that climbs out with `..`.
//
// NITRO_MERGE_FUZZ_SEEDS=FROM-TO runs other seeds, NITRO_MERGE_FUZZ_HOSTILE=1 adds the names the
// merge refuses (random-image.ts); with NITRO_MERGE_FUZZ_LOG=FILE every case's outcome is appended
// to FILE as a JSON line and the test does not fail (exploration).

import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir } from '../helpers/docker.js';
import { dockerRows, exportDiff, ourRows } from '../helpers/export-diff.js';
import { describeWithInfra } from '../helpers/infra.js';
import { buildOciArchive } from '../helpers/oci-builder.js';
import { describeImage, layerTars, randomImage } from '../helpers/random-image.js';

/** Refusals that are fine where docker accepts: names with `..` (docker cleans them lexically). */
const ACCEPTABLE_REFUSAL = /escapes the image root/;

function seeds(): number[] {
  const range = /^(\d+)-(\d+)$/.exec(process.env.NITRO_MERGE_FUZZ_SEEDS ?? '');
  const [from, to] = range ? [Number(range[1]), Number(range[2])] : [1, 20];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describeWithInfra('layer merge vs docker export, random images', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir('merge-fuzz-'));
  });
  afterAll(async () => {
    await cleanup();
  });

  it('every random image docker accepts merges to what docker export streams', async () => {
    const log = process.env.NITRO_MERGE_FUZZ_LOG;
    const failures: string[] = [];
    for (const seed of seeds()) {
      const image = randomImage(seed, { hostile: process.env.NITRO_MERGE_FUZZ_HOSTILE === '1' });
      const archive = join(dir, `fuzz-${seed}.oci.tar`);
      const ref = `nitro-test/merge-fuzz:${seed}`;
      await buildOciArchive({ dest: archive, format: 'oci-archive', layers: layerTars(image), refName: ref });
      const ours = await ourRows(archive, dir);
      const theirs = await dockerRows(archive, ref, dir);
      let verdict: string;
      let detail: string[] = [];
      if (!theirs.ok) verdict = ours.ok ? 'docker refuses, we accept' : 'both refuse';
      else if (!ours.ok) verdict = ACCEPTABLE_REFUSAL.test(ours.error) ? 'we refuse (escape), docker accepts' : 'WE REFUSE, DOCKER ACCEPTS';
      else {
        detail = exportDiff(ours.value, theirs.value);
        verdict = detail.length === 0 ? 'same' : 'MISMATCH';
      }
      const bad = verdict === 'MISMATCH' || verdict === 'WE REFUSE, DOCKER ACCEPTS';
      if (log) {
        const errors = { ours: ours.ok ? undefined : ours.error, docker: theirs.ok ? undefined : theirs.error.slice(-400) };
        await appendFile(log, `${JSON.stringify({ seed, verdict, detail: detail.slice(0, 20), errors, image: bad ? describeImage(image) : undefined })}\n`);
      }
      if (bad) failures.push(`seed ${seed}: ${verdict}\n${ours.ok ? detail.slice(0, 10).join('\n') : ours.error}\n${describeImage(image)}`);
    }
    if (!log) expect(failures).toEqual([]);
  });
});
