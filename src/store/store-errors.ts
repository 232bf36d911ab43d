import { UserError } from '../errors.js';

/** A different object already holds the name: write-once refuses, naming both digests. */
export function conflictError(uri: string, existingSha256: string, newSha256: string): UserError {
  return new UserError(
    `store: ${uri} already holds a different object (sha256 ${existingSha256}); ` +
      `refusing to replace it with sha256 ${newSha256}`,
    { code: 'conflict' },
  );
}

/** Keys are relative, '/'-separated, without empty, '.' or '..' segments. */
export function checkKey(key: string): void {
  const segments = key.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new UserError(`store: invalid object key ${JSON.stringify(key)}`, { code: 'input' });
  }
}

/**
 * Node's errno message without the path it appends (`ENOSPC: no space left on device, write '/x/.a.partial'`
 * → `ENOSPC: no space left on device`): a temporary path means nothing to the user and is gone by then.
 */
export function errnoText(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && typeof message === 'string' && message.startsWith(`${code}:`)) return message.split(', ')[0]!;
  return error instanceof Error ? error.message : String(error);
}
