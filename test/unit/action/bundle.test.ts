// The action's entry bundle must not carry what only some inputs use: a run without provenance,
// store, registration or KMS signing starts without parsing the AWS SDK, Sigstore or Octokit.
import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../helpers/temp-dir.js';
import { repoRoot } from '../../helpers/paths.js';

const ENTRY = 'src/action/index.ts';

async function actionMetafile(outdir: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: repoRoot(), entryPoints: { index: ENTRY }, outdir, bundle: true, splitting: true, platform: 'node', format: 'esm',
    target: 'node22', metafile: true, write: false, logLevel: 'silent',
  });
  return result.metafile;
}

/** Source files reachable from the entry through static imports only (what `node dist/index.js` loads first). */
function staticallyLoaded(meta: Metafile): Set<string> {
  const seen = new Set<string>([ENTRY]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imported of meta.inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return seen;
}

describe('the action bundle', () => {
  it('loads the AWS SDK, Sigstore, Octokit and the tool cache only on demand', async () => {
    await withTempDir(async (dir) => {
      const meta = await actionMetafile(join(dir, 'out'));
      const loaded = [...staticallyLoaded(meta)];
      // The modules are in the bundle (chunks loaded when an input asks for them) ...
      const all = Object.keys(meta.inputs);
      const heavy = ['@aws-sdk/client-s3', '@aws-sdk/client-kms', '@sigstore/sign', '@sigstore/verify', '@octokit/core', '@actions/attest', '@actions/tool-cache'];
      for (const name of heavy) expect(all.some((f) => f.includes(`node_modules/${name}/`)), name).toBe(true);
      // ... but none of them is reached by a static import from the entry.
      for (const name of heavy) expect(loaded.filter((f) => f.includes(`node_modules/${name}/`)), name).toEqual([]);
      // The build itself is static: the pipeline and the EIF writer.
      expect(loaded).toContain('src/build/pipeline.ts');
      expect(loaded).toContain('src/eif/writer.ts');
    });
  }, 60_000);
});
