import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every temporary file of a test run (the tests', and those of the CLI and action processes they
// start) goes under one directory, removed when the run ends, so runs never litter the machine.
// The configs call testTempDir() when they load (so workers get TMPDIR through `test.env`);
// vitest runs the default export as global setup and its returned teardown at the end.
const VARIABLE = 'NITRO_EIF_TEST_TMPDIR';

export function testTempDir(): string {
  process.env[VARIABLE] ??= mkdtempSync(join(tmpdir(), 'nitro-eif-tests-'));
  return process.env[VARIABLE];
}

export default function setup(): () => void {
  const dir = testTempDir();
  return () => rmSync(dir, { recursive: true, force: true });
}
