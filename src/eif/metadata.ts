import { JsonStruct, compareKeys, serdeJson } from './serde-json.js';
import type { EifMetadata } from './types.js';

/**
 * `value` with object keys in the order serde_json writes a `Value` (a BTreeMap: byte-wise sorted),
 * recursively. nitro-cli's DockerInfo and CustomMetadata are such values. (JavaScript still puts
 * integer-like keys first: text that must match serde_json is written with serdeJson.)
 */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value).sort(compareKeys);
  return Object.fromEntries(keys.map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k])]));
}

/**
 * Compact JSON of `metadata` as nitro-cli writes it (spec §4): struct fields in its order, whatever
 * order the object's keys were created in, and DockerInfo/CustomMetadata keys sorted as serde_json
 * does (integer-like keys included). Metadata is not measured; only the CRC covers it.
 */
export function encodeMetadata(metadata: EifMetadata): Uint8Array {
  const b = metadata.BuildMetadata;
  const ordered = new JsonStruct([
    ['ImageName', metadata.ImageName],
    ['ImageVersion', metadata.ImageVersion],
    ['BuildMetadata', new JsonStruct([
      ['BuildTime', b.BuildTime],
      ['BuildTool', b.BuildTool],
      ['BuildToolVersion', b.BuildToolVersion],
      ['OperatingSystem', b.OperatingSystem],
      ['KernelVersion', b.KernelVersion],
    ])],
    ['DockerInfo', metadata.DockerInfo ?? null],
    ['CustomMetadata', metadata.CustomMetadata ?? null],
  ]);
  return new TextEncoder().encode(serdeJson(ordered));
}

/**
 * `OperatingSystem` and `KernelVersion` from line 3 of a kernel config blob, split as nitro-cli's
 * generate_build_info does (on ' ', '/' and '-'; words 1 and 3, "Unknown" when missing), e.g.
 * `# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration` → Linux, 4.14.256.
 * Undefined when the blob has fewer than 3 lines.
 */
export function kernelInfoFromConfig(config: string): { operatingSystem: string; kernelVersion: string } | undefined {
  const line = config.split('\n')[2];
  if (line === undefined) return undefined;
  const words = line.replace(/\r$/, '').split(/[ /-]/);
  return { operatingSystem: words[1] ?? 'Unknown', kernelVersion: words[3] ?? 'Unknown' };
}
