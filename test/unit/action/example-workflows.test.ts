// The example workflows (examples/workflows/, .github/workflows/example-dstack-app.yml) and the
// README's YAML blocks are what users copy: every input they pass and every output they read must be
// one action.yml (or verify/action.yml) declares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredKeys } from '../../helpers/action-yml.js';
import { repoRoot } from '../../helpers/paths.js';

const root = repoRoot();

/** The keys directly under `inputs:` / `outputs:` of an action.yml. */
function declared(file: string, section: 'inputs' | 'outputs'): string[] {
  return declaredKeys(file, section) ?? [];
}

interface Use { readonly action: 'build' | 'verify'; readonly id?: string; readonly inputs: string[] }

/** The steps of a workflow text that use this repository's actions, with their `id` and `with:` keys. */
function usesOf(text: string): Use[] {
  const lines = text.split('\n');
  const found: Use[] = [];
  lines.forEach((line, index) => {
    const m = /^(\s*)(- )?uses: (dstack\/nitro-eif-build(\/verify)?@\S+|\.\/(verify)?)\s*$/.exec(line);
    if (!m) return;
    const indent = m[1]!.length + (m[2] ? 2 : 0);
    // The step's other keys sit at `indent`, before or after `uses:`.
    let first = index;
    while (first > 0 && !/^\s*- /.test(lines[first]!)) first -= 1;
    let end = index + 1;
    while (end < lines.length && (lines[end]!.trim() === '' || lines[end]!.search(/\S/) >= indent)) end += 1;
    const step = lines.slice(first, end);
    const id = step.map((l) => /^\s*(?:- )?id: (\S+)\s*$/.exec(l)?.[1]).find(Boolean);
    const withAt = step.findIndex((l) => new RegExp(`^\\s{${indent}}with:\\s*$`).test(l));
    const inputs = withAt < 0 ? [] : step.slice(withAt + 1)
      .filter((l) => new RegExp(`^\\s{${indent + 2}}[a-z0-9-]+:`).test(l))
      .map((l) => l.trim().split(':')[0]!);
    found.push({ action: m[4] || m[5] ? 'verify' : 'build', ...(id ? { id } : {}), inputs });
  });
  return found;
}

const workflows = [
  ...readdirSync(join(root, 'examples', 'workflows')).map((f) => join('examples', 'workflows', f)),
  join('.github', 'workflows', 'example-dstack-app.yml'),
].map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
const readmeBlocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map((m, i) => ({ file: `README.md yaml block ${i + 1}`, text: m[1]! }));

describe('example workflows and README snippets', () => {
  const inputsOf = { build: declared('action.yml', 'inputs'), verify: declared('verify/action.yml', 'inputs') };
  const outputsOf = { build: declared('action.yml', 'outputs'), verify: declared('verify/action.yml', 'outputs') };

  it('reads a step\'s id and with: keys (a misspelled input is seen as it is)', () => {
    const text = '    steps:\n      - id: eif\n        uses: dstack/nitro-eif-build@v1\n        with:\n          contxt: app\n          build-args: |\n            A=1\n      - uses: dstack/nitro-eif-build/verify@v1\n        with:\n          store: s3://b/p\n';
    expect(usesOf(text)).toEqual([{ action: 'build', id: 'eif', inputs: ['contxt', 'build-args'] }, { action: 'verify', inputs: ['store'] }]);
    expect(inputsOf.build).not.toContain('contxt');
  });

  it('finds the uses of both actions', () => {
    const all = [...workflows, ...readmeBlocks].flatMap(({ text }) => usesOf(text));
    expect(all.filter((u) => u.action === 'build').length).toBeGreaterThanOrEqual(5);
    expect(all.filter((u) => u.action === 'verify').length).toBeGreaterThanOrEqual(1);
    expect(all.every((u) => u.inputs.length > 0)).toBe(true);
  });

  for (const { file, text } of [...workflows, ...readmeBlocks]) {
    it(`${file}: passes only declared inputs and reads only declared outputs`, () => {
      for (const use of usesOf(text)) {
        expect(use.inputs.filter((name) => !inputsOf[use.action].includes(name)), `${file}: inputs`).toEqual([]);
        if (!use.id) continue;
        const read = [...text.matchAll(new RegExp(`steps\\.${use.id}\\.outputs\\.([a-z0-9-]+)`, 'g'))].map((m) => m[1]!);
        expect(read.filter((name) => !outputsOf[use.action].includes(name)), `${file}: outputs of ${use.id}`).toEqual([]);
      }
    });
  }
});
