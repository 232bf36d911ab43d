import { describe, expect, it } from 'vitest';
import { eifMetadata, parseCustomMetadata, parseSourceDateEpoch, rfc3339 } from '../../../src/build/eif-metadata.js';
import { nitroCliMeasurements } from '../../../src/build/measurements.js';
import { BUILDER_NAME, BUILDER_VERSION } from '../../../src/version.js';

const IMAGE = {
  manifestDigest: 'sha256:' + 'a'.repeat(64), configDigest: 'sha256:' + 'b'.repeat(64), platform: 'linux/amd64',
  architecture: 'amd64', layers: ['sha256:' + 'c'.repeat(64)],
};

describe('reproducible EIF metadata', () => {
  it('writes the build time like chrono to_rfc3339 for whole UTC seconds', () => {
    expect(rfc3339(0)).toBe('1970-01-01T00:00:00+00:00');
    expect(rfc3339(1492533000)).toBe('2017-04-18T16:30:00+00:00');
  });

  it('fills every field from inputs only', () => {
    const meta = eifMetadata({ image: IMAGE, kernel: { os: 'Linux', version: '4.14.256' }, sourceDateEpoch: 1700000000 });
    expect(meta).toEqual({
      ImageName: 'enclave',
      ImageVersion: 'b'.repeat(64),
      BuildMetadata: { BuildTime: '2023-11-14T22:13:20+00:00', BuildTool: BUILDER_NAME, BuildToolVersion: BUILDER_VERSION, OperatingSystem: 'Linux', KernelVersion: '4.14.256' },
      DockerInfo: { Id: IMAGE.configDigest, Os: 'linux', Architecture: 'amd64' },
      CustomMetadata: null,
    });
    expect(eifMetadata({ image: IMAGE, kernel: { os: 'L', version: '1' }, sourceDateEpoch: 0, name: 'n', version: 'v', custom: { a: 1 } }))
      .toMatchObject({ ImageName: 'n', ImageVersion: 'v', CustomMetadata: { a: 1 } });
  });

  it('keeps DockerInfo independent of the archive format (no manifest or layer blob digests)', () => {
    const a = eifMetadata({ image: IMAGE, kernel: { os: 'L', version: '1' }, sourceDateEpoch: 0 });
    const b = eifMetadata({ image: { ...IMAGE, manifestDigest: undefined, layers: ['sha256:' + 'd'.repeat(64)] }, kernel: { os: 'L', version: '1' }, sourceDateEpoch: 0 });
    expect(b).toEqual(a);
    expect(eifMetadata({ image: { ...IMAGE, platform: 'linux/arm64/v8', architecture: 'arm64' }, kernel: { os: 'L', version: '1' }, sourceDateEpoch: 0 }).DockerInfo)
      .toEqual({ Id: IMAGE.configDigest, Os: 'linux', Architecture: 'arm64', Variant: 'v8' });
  });

  it('checks SOURCE_DATE_EPOCH and custom metadata', () => {
    expect(parseSourceDateEpoch('1700000000', 'S')).toBe(1700000000);
    expect(() => parseSourceDateEpoch('-1', 'SOURCE_DATE_EPOCH')).toThrow(/SOURCE_DATE_EPOCH: expected whole seconds/);
    expect(() => parseSourceDateEpoch('1.5', 'S')).toThrow();
    expect(parseCustomMetadata('{"k":"v"}', 'm.json')).toEqual({ k: 'v' });
    expect(() => parseCustomMetadata('{', 'm.json')).toThrow(/m.json: not valid JSON/);
    expect(() => parseCustomMetadata(JSON.stringify({ k: 'x'.repeat(5000) }), 'm.json')).toThrow(/4096/);
  });

  it("prints nitro-cli's Measurements JSON: keys sorted, 2-space indent", () => {
    const pcrs = { PCR0: '0'.repeat(95) + '1', PCR1: '2'.repeat(96), PCR2: '3'.repeat(96) };
    expect(nitroCliMeasurements(pcrs)).toBe(
      `{\n  "Measurements": {\n    "HashAlgorithm": "Sha512_48 { .. }",\n    "PCR0": "${pcrs.PCR0}",\n    "PCR1": "${pcrs.PCR1}",\n    "PCR2": "${pcrs.PCR2}"\n  }\n}`,
    );
  });
});
