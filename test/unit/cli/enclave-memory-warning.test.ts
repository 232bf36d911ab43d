import { afterEach, describe, expect, it, vi } from 'vitest';
import { warnAboutEnclaveMemory } from '../../../src/cli/commands/build-enclave.js';

describe('build-enclave enclave memory warning (spec §6: 4 × the EIF size)', () => {
  afterEach(() => vi.restoreAllMocks());
  const capture = () => {
    let text = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((text += String(chunk)), true));
    return () => text;
  };

  it('names the memory a large EIF needs', () => {
    const read = capture();
    warnAboutEnclaveMemory(300 * 2 ** 20, false);
    expect(read()).toMatch(/EIF is 300 MiB; run-enclave needs at least 1200 MiB/);
  });

  it('stays quiet for small EIFs and with --quiet', () => {
    const read = capture();
    warnAboutEnclaveMemory(10 * 2 ** 20, false);
    warnAboutEnclaveMemory(300 * 2 ** 20, true);
    expect(read()).toBe('');
  });
});
