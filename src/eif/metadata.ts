import type { EifMetadata } from './types.js';

/**
 * Compact JSON of `metadata` in nitro-cli's field order (spec §4), whatever order the object's
 * keys were created in. Metadata is not measured; only the CRC covers it.
 */
export function encodeMetadata(metadata: EifMetadata): Uint8Array {
  const b = metadata.BuildMetadata;
  const ordered = {
    ImageName: metadata.ImageName,
    ImageVersion: metadata.ImageVersion,
    BuildMetadata: {
      BuildTime: b.BuildTime,
      BuildTool: b.BuildTool,
      BuildToolVersion: b.BuildToolVersion,
      OperatingSystem: b.OperatingSystem,
      KernelVersion: b.KernelVersion,
    },
    DockerInfo: metadata.DockerInfo ?? null,
    CustomMetadata: metadata.CustomMetadata ?? null,
  };
  return new TextEncoder().encode(JSON.stringify(ordered));
}

/**
 * `OperatingSystem` and `KernelVersion` from line 3 of a kernel config blob, e.g.
 * `# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration` → Linux, 4.14.256.
 */
export function kernelInfoFromConfig(config: string): { operatingSystem: string; kernelVersion: string } | undefined {
  const line = config.split('\n')[2] ?? '';
  const match = /^#\s*([^/\s]+)\/\S+\s+([0-9]+(?:\.[0-9]+)*)/.exec(line);
  if (!match?.[1] || !match[2]) return undefined;
  return { operatingSystem: match[1], kernelVersion: match[2] };
}
