// The input or output names an action.yml declares (its two-space-indented keys), for tests that
// check docs and examples against it. Undefined when the file has no such section.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export function declaredKeys(file: string, section: 'inputs' | 'outputs'): string[] | undefined {
  const lines = readFileSync(join(repoRoot(), file), 'utf8').split('\n');
  const start = lines.indexOf(`${section}:`);
  if (start < 0) return undefined;
  const keys: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const m = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
    if (m) keys.push(m[1]!);
  }
  return keys;
}
