import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodeMetadata, inspectEif, kernelInfoFromConfig, renderDescribeEif, sortKeysDeep, writeEif, type EifMetadata,
} from '../../../src/eif/index.js';
import { enc, withTempDir } from './helpers.js';

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

// serde_json writes a Value's map as a BTreeMap: "10" < "7" < "a" byte-wise, where a JavaScript
// object would put the integer-like keys first, in numeric order ("7", "10", "a").
describe('integer-like keys in DockerInfo and CustomMetadata (serde_json order)', () => {
  const metadata: EifMetadata = {
    ImageName: 'app', ImageVersion: 'v1',
    BuildMetadata: { BuildTime: '2024-01-01T00:00:00+00:00', BuildTool: 't', BuildToolVersion: '1', OperatingSystem: 'Linux', KernelVersion: '6.1.0' },
    DockerInfo: { a: 1, 7: 'seven', 10: { b: [], 2: {} } },
    CustomMetadata: { z: true, 1: null },
  };

  it('writes the metadata section with them in byte order', () => {
    expect(new TextDecoder().decode(encodeMetadata(metadata))).toBe(
      '{"ImageName":"app","ImageVersion":"v1","BuildMetadata":{"BuildTime":"2024-01-01T00:00:00+00:00","BuildTool":"t",'
      + '"BuildToolVersion":"1","OperatingSystem":"Linux","KernelVersion":"6.1.0"},'
      + '"DockerInfo":{"10":{"2":{},"b":[]},"7":"seven","a":1},"CustomMetadata":{"1":null,"z":true}}',
    );
  });

  it('prints describe-eif with them in byte order and the custom keys after DockerInfo', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'k.eif');
      await writeEif({ outputPath: path, arch: 'x86_64', kernel: enc('K'), cmdline: 'c', metadata, ramdisks: [enc('R')] });
      const pcr = (text: string): string => createHash('sha384').update(Buffer.alloc(48)).update(createHash('sha384').update(text).digest()).digest('hex');
      expect(renderDescribeEif(await inspectEif(path))).toBe(`{
  "EifVersion": 4,
  "Measurements": {
    "HashAlgorithm": "Sha512_48 { .. }",
    "PCR0": "${pcr('KcR')}",
    "PCR1": "${pcr('KcR')}",
    "PCR2": "${pcr('')}"
  },
  "IsSigned": false,
  "CheckCRC": true,
  "ImageName": "app",
  "ImageVersion": "v1",
  "Metadata": {
    "BuildTime": "2024-01-01T00:00:00+00:00",
    "BuildTool": "t",
    "BuildToolVersion": "1",
    "OperatingSystem": "Linux",
    "KernelVersion": "6.1.0",
    "DockerInfo": {
      "10": {
        "2": {},
        "b": []
      },
      "7": "seven",
      "a": 1
    },
    "1": null,
    "z": true
  }
}`);
    });
  });
});
