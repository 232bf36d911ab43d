import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * Makes every FileHandle write in this process fail with ENOSPC, as on a full disk, until
 * `restore()`. FileHandle is not exported: its prototype is taken from a handle opened in `dir`.
 */
export async function failEveryWrite(dir: string): Promise<{ readonly calls: () => number; restore: () => void }> {
  return failEvery(dir, 'write', 'ENOSPC', 'no space left on device');
}

/** Makes every FileHandle sync and datasync in this process fail with EIO (a disk failing its flush). */
export async function failEverySync(dir: string): Promise<{ readonly calls: () => number; restore: () => void }> {
  const datasync = await failEvery(dir, 'datasync', 'EIO', 'i/o error');
  const sync = await failEvery(dir, 'sync', 'EIO', 'i/o error');
  return { calls: () => datasync.calls() + sync.calls(), restore: () => (datasync.restore(), sync.restore()) };
}

type HandleMethod = 'write' | 'sync' | 'datasync';

async function failEvery(dir: string, method: HandleMethod, code: string, text: string): Promise<{ readonly calls: () => number; restore: () => void }> {
  const path = join(dir, '.full-disk-probe');
  const probe = await open(path, 'w');
  const handleProto = Object.getPrototypeOf(probe) as Record<HandleMethod, (...args: unknown[]) => Promise<unknown>>;
  await probe.close();
  await rm(path);
  let calls = 0;
  const spy = vi.spyOn(handleProto, method).mockImplementation(async () => {
    calls += 1;
    throw Object.assign(new Error(`${code}: ${text}, ${method}`), { code });
  });
  return { calls: () => calls, restore: () => spy.mockRestore() };
}
