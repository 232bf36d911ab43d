import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';

// The README's CLI reference is the commands' own --help text, so it cannot drift from the code.
// Regenerate with: UPDATE_DOCS=1 npx vitest run test/unit/cli/readme-reference.test.ts
const README = new URL('../../../README.md', import.meta.url);
const START = '<!-- cli-reference:start -->';
const END = '<!-- cli-reference:end -->';

function helpOf(command: Command): string {
  command.configureHelp({ helpWidth: 100 });
  return command.helpInformation().trimEnd();
}

function renderReference(): string {
  const program = buildProgram();
  const parts = ['```text', '$ nitro-eif --help', helpOf(program), '```'];
  for (const command of program.commands) {
    parts.push('', `### \`nitro-eif ${command.name()}\``, '', '```text', helpOf(command), '```');
    for (const sub of command.commands) {
      parts.push('', `### \`nitro-eif ${command.name()} ${sub.name()}\``, '', '```text', helpOf(sub), '```');
    }
  }
  return parts.join('\n');
}

describe('README CLI reference', () => {
  it('is exactly the --help of every command', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, 'README has the cli-reference markers').toBeGreaterThan(-1);
    const expected = `${START}\n${renderReference()}\n${END}`;
    const actual = readme.slice(start, end + END.length);
    if (process.env['UPDATE_DOCS'] && actual !== expected) {
      writeFileSync(README, readme.slice(0, start) + expected + readme.slice(end + END.length));
      return;
    }
    expect(actual).toBe(expected);
  });
});
