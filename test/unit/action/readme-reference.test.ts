import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredKeys } from '../../helpers/action-yml.js';

const root = join(import.meta.dirname, '..', '..', '..');

// The keys directly under `inputs:` / `outputs:` in action.yml (two-space indented).
function actionKeys(section: 'inputs' | 'outputs'): string[] {
  const keys = declaredKeys('action.yml', section);
  expect(keys).toBeDefined();
  return keys!;
}

// The first-column names of the table under `### <heading>` in the README's action reference.
function readmeRows(heading: string): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- action-reference:start -->'), readme.indexOf('<!-- action-reference:end -->'));
  const part = section.split(/^### /m).find((s) => s.startsWith(`${heading}\n`));
  expect(part, `README has a "### ${heading}" table`).toBeDefined();
  return [...part!.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
}

describe('README action reference', () => {
  it('documents every input of action.yml and nothing else', () => {
    const inputs = actionKeys('inputs');
    expect(inputs.length).toBeGreaterThan(10);
    expect(readmeRows('Inputs').sort()).toEqual([...inputs].sort());
  });

  it('documents every output of action.yml and nothing else', () => {
    const outputs = actionKeys('outputs');
    expect(outputs).toContain('os-image-hash');
    expect(readmeRows('Outputs').sort()).toEqual([...outputs].sort());
  });

  it('runs on node24 from the bundle', () => {
    const yml = readFileSync(join(root, 'action.yml'), 'utf8');
    expect(yml).toMatch(/^ {2}using: node24$/m);
    expect(yml).toMatch(/^ {2}main: dist\/index\.js$/m);
  });
});

describe('README verify action reference', () => {
  it('documents every input of verify/action.yml and nothing else', () => {
    const lines = readFileSync(join(root, 'verify', 'action.yml'), 'utf8').split('\n');
    const inputs: string[] = [];
    for (const line of lines.slice(lines.indexOf('inputs:') + 1)) {
      if (/^\S/.test(line)) break;
      const m = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
      if (m) inputs.push(m[1]!);
    }
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- verify-action-reference:start -->'), readme.indexOf('<!-- verify-action-reference:end -->'));
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
    expect(inputs.length).toBeGreaterThan(5);
    expect(rows.sort()).toEqual([...inputs].sort());
  });
});
