import { describe, expect, it } from 'vitest';
import { baseImages, logicalLines, parseFromInstructions, requirePinnedBases, substitute } from '../../../src/build/dockerfile-pins.js';
import { UserError } from '../../../src/errors.js';

const D = 'a'.repeat(64);
const PINNED = `alpine:3.20@sha256:${D}`;

describe('Dockerfile FROM parsing', () => {
  it('joins continuation lines and keeps the line of the instruction', () => {
    const lines = logicalLines(`# comment\nFROM \\\n  --platform=linux/amd64 \\\n  # inside\n  ${PINNED} \\\n  AS build\nRUN true\n`);
    expect(lines[0]?.line).toBe(2);
    expect(lines[0]?.text.split(/\s+/)).toEqual(['FROM', '--platform=linux/amd64', PINNED, 'AS', 'build']);
    expect(lines[1]?.line).toBe(7);
  });

  it('honours the escape parser directive', () => {
    const froms = parseFromInstructions(`# escape=\`\nFROM \`\n  ${PINNED}\n`);
    expect(froms).toMatchObject([{ line: 2, kind: 'pinned', resolved: PINNED }]);
  });

  const rows: Array<{ name: string; text: string; args?: Record<string, string>; kinds: string[] }> = [
    { name: 'pinned image', text: `FROM ${PINNED}`, kinds: ['pinned'] },
    { name: 'tag only', text: 'FROM alpine:3.20', kinds: ['unpinned'] },
    { name: 'scratch in any case', text: 'FROM SCRATCH', kinds: ['scratch'] },
    { name: 'platform flag and stage name', text: `FROM --platform=$BUILDPLATFORM ${PINNED} AS builder\nFROM builder`, kinds: ['pinned', 'stage'] },
    { name: 'stage names are case-insensitive', text: `FROM ${PINNED} AS Build\nFROM build`, kinds: ['pinned', 'stage'] },
    { name: 'a later stage name does not pin an earlier FROM', text: 'FROM app\nFROM scratch AS app', kinds: ['unpinned', 'scratch'] },
    { name: 'ARG default resolves', text: `ARG BASE=${PINNED}\nFROM $BASE`, kinds: ['pinned'] },
    { name: 'ARG default that is a tag', text: 'ARG BASE=alpine:3\nFROM ${BASE}', kinds: ['unpinned'] },
    { name: 'build-arg overrides the default', text: 'ARG BASE=alpine:3\nFROM ${BASE}', args: { BASE: PINNED }, kinds: ['pinned'] },
    { name: 'ARG without value', text: 'ARG BASE\nFROM $BASE', kinds: ['unresolved'] },
    { name: 'undeclared variable', text: 'FROM $NOPE', kinds: ['unresolved'] },
    { name: ':- default of an undeclared ARG (as BuildKit)', text: `FROM \${BASE:-${PINNED}}`, kinds: ['pinned'] },
    { name: 'quoted ARG default', text: `ARG BASE="${PINNED}"\nFROM $BASE`, kinds: ['pinned'] },
    { name: 'ARG after the first FROM is not global', text: `FROM ${PINNED}\nARG X=alpine\nFROM $X`, kinds: ['pinned', 'unresolved'] },
    { name: 'lowercase keyword', text: `from ${PINNED} as b\nfrom b`, kinds: ['pinned', 'stage'] },
    { name: 'digest of the wrong length', text: `FROM alpine@sha256:${'a'.repeat(63)}`, kinds: ['unpinned'] },
  ];
  for (const row of rows) {
    it(`classifies: ${row.name}`, () => {
      expect(parseFromInstructions(row.text, row.args).map((f) => f.kind)).toEqual(row.kinds);
    });
  }

  it(':- uses its default only when the variable is declared', () => {
    expect(substitute('${A:-x}', new Map([['A', undefined]]))).toBe('x');
    expect(substitute('${A:+y}', new Map([['A', 'v']]))).toBe('y');
    expect(substitute('$A/$B', new Map([['A', 'a'], ['B', 'b']]))).toBe('a/b');
  });
});

describe('requirePinnedBases', () => {
  it('names the file and line of an unpinned base image', () => {
    const text = `FROM ${PINNED} AS a\n\n# pinned above\nFROM busybox:1.36\n`;
    expect(() => requirePinnedBases('app/Dockerfile', text)).toThrow(/^app\/Dockerfile:4: base image busybox:1\.36 is not pinned/);
    expect(() => requirePinnedBases('app/Dockerfile', text)).toThrow(UserError);
  });

  it('refuses an ARG that does not resolve, naming the line', () => {
    expect(() => requirePinnedBases('Dockerfile', 'ARG B\nFROM $B')).toThrow(/^Dockerfile:2: FROM \$B uses an ARG with no value/);
  });

  it('refuses a file without FROM', () => {
    expect(() => requirePinnedBases('Dockerfile', 'RUN true')).toThrow(/no FROM/);
  });

  it('accepts stages and scratch and lists the external bases once', () => {
    const froms = requirePinnedBases('Dockerfile', `FROM ${PINNED} AS a\nFROM a\nFROM scratch\nFROM ${PINNED}\n`);
    expect(baseImages(froms)).toEqual([PINNED]);
  });
});
