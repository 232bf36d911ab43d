import { describe, expect, it } from 'vitest';
import { kernelInfoFromConfig, sortKeysDeep } from '../../../src/eif/index.js';

describe('metadata helpers', () => {
  it('takes OperatingSystem and KernelVersion from line 3 of a kernel config (spec §4)', () => {
    const config = '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration\n#\n';
    expect(kernelInfoFromConfig(config)).toEqual({ operatingSystem: 'Linux', kernelVersion: '4.14.256' });
    expect(kernelInfoFromConfig('#\n#\n# Linux/arm64 6.1.0 Kernel Configuration\n')).toEqual({ operatingSystem: 'Linux', kernelVersion: '6.1.0' });
    expect(kernelInfoFromConfig('CONFIG_X=y\n')).toBeUndefined();
  });

  it('sorts keys byte-wise like a serde_json BTreeMap, recursively, arrays in order', () => {
    const sorted = sortKeysDeep({ b: 1, a: { z: [{ y: 1, x: 2 }], é: 0, Z: 0 } }) as Record<string, Record<string, unknown>>;
    expect(Object.keys(sorted)).toEqual(['a', 'b']);
    expect(Object.keys(sorted['a']!)).toEqual(['Z', 'z', 'é']);
    expect(JSON.stringify(sorted)).toBe('{"a":{"Z":0,"z":[{"x":2,"y":1}],"é":0},"b":1}');
    // U+FF61 sorts before U+1F600 in UTF-8 bytes but after it in UTF-16 code units.
    expect(Object.keys(sortKeysDeep({ '\u{1F600}': 1, '\uFF61': 2 }) as object)).toEqual(['\uFF61', '\u{1F600}']);
  });
});

describe('minimumEnclaveMemoryMiB', () => {
  it('is four times the EIF size, rounded up to a MiB (spec §6)', async () => {
    const { minimumEnclaveMemoryMiB } = await import('../../../src/eif/index.js');
    expect(minimumEnclaveMemoryMiB(256 * 1024 * 1024)).toBe(1024);
    expect(minimumEnclaveMemoryMiB(635)).toBe(1);
    expect(minimumEnclaveMemoryMiB(300 * 1024 * 1024 + 1)).toBe(1201);
  });
});
