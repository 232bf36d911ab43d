import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * Makes every FileHandle write in this process fail with ENOSPC, as on a full disk, until
 * `restore()`. FileHandle is not exported: its prototype is taken from a handle opened in `dir`.
 */
export async function failEveryWrite(dir: string): Promise<{ readonly calls: () => number; restore: () => void }> {
  const path = join(dir, '.full-disk-probe');
  const probe = await open(path, 'w');
  const handleProto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
  await probe.close();
  await rm(path);
  let calls = 0;
  const spy = vi.spyOn(handleProto, 'write').mockImplementation(async () => {
    calls += 1;
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  });
  return { calls: () => calls, restore: () => spy.mockRestore() };
}
