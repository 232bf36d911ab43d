import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { withHeartbeat } from '../../../src/action/heartbeat.js';
import { describeBuildProgress } from '../../../src/build/progress.js';

// A long step logs a status line every interval while it runs, and none after it settles.

let lines: string[];
beforeEach(() => {
  vi.useFakeTimers();
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk).trim()); return true; });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

it('logs the status every 10 s until the work settles, then stops', async () => {
  let finish!: (v: string) => void;
  let progress = describeBuildProgress({ phase: 'open' });
  const running = withHeartbeat(() => new Promise<string>((resolve) => { finish = resolve; }), (s) => `building (${s} s): ${progress}`);
  await vi.advanceTimersByTimeAsync(9_999);
  expect(lines).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  progress = describeBuildProgress({ phase: 'write', bytes: 3 * 1048576, total: 8 * 1048576 });
  await vi.advanceTimersByTimeAsync(10_000);
  expect(lines).toEqual(['building (10 s): opening image', 'building (20 s): writing customer ramdisk: 3.0 MiB of 8.0 MiB']);
  finish('ok');
  await expect(running).resolves.toBe('ok');
  await vi.advanceTimersByTimeAsync(60_000);
  expect(lines).toHaveLength(2);
});

it('stops logging when the work fails', async () => {
  const running = withHeartbeat(() => Promise.reject(new Error('boom')), () => 'tick');
  await expect(running).rejects.toThrow('boom');
  await vi.advanceTimersByTimeAsync(30_000);
  expect(lines).toEqual([]);
});

it('names what is being read: a layer of how many, or the root filesystem stream', () => {
  expect(describeBuildProgress({ phase: 'layers', layer: 1, layerCount: 3, bytes: 2 * 1048576, size: 4 * 1048576 })).toBe('reading layer 2/3: 2.0 MiB of 4.0 MiB');
  expect(describeBuildProgress({ phase: 'layers', layer: 0, layerCount: 1, bytes: 5 * 1048576, stream: true })).toBe('reading the root filesystem stream: 5.0 MiB');
});
