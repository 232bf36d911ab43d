import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILDER_VERSION } from '../../src/version.js';

describe('builder version', () => {
  it('matches package.json, so measurements and provenance name the released version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(BUILDER_VERSION).toBe(pkg.version);
  });
});
