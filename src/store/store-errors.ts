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
