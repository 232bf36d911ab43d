import type { BuildProgress } from './pipeline.js';

// One line of text for a build progress event, shared by the CLI's live line and the action's log.

const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

export function describeBuildProgress(p: BuildProgress): string {
  if (p.phase === 'open') return 'opening image';
  if (p.phase === 'layers' && p.stream) return `reading the root filesystem stream: ${mib(p.bytes)}`;
  if (p.phase === 'layers') return `reading layer ${p.layer + 1}/${p.layerCount}: ${mib(p.bytes)}${p.size ? ` of ${mib(p.size)}` : ''}`;
  if (p.phase === 'write') return `writing customer ramdisk: ${mib(p.bytes)} of ${mib(p.total)}`;
  return 'done';
}
