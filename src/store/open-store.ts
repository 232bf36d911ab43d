import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { LocalStore } from './local-store.js';
import { S3Store, type S3StoreOptions } from './s3-store.js';
import type { ArtifactStore } from './types.js';

export { DEFAULT_STORE } from './layout.js';

/** S3 settings that do not come from the URI (flags / action inputs). */
export type StoreOptions = Omit<S3StoreOptions, 'bucket' | 'prefix'> & {
  /** Base for relative local paths (defaults to the process's working directory). */
  cwd?: string;
};

/**
 * Opens the store a URI names: `s3://bucket/prefix`, `file:///abs/dir`, or a plain path
 * (relative to `cwd`). Any other scheme is refused.
 */
export function openStore(uri: string, options: StoreOptions = {}): ArtifactStore {
  const text = uri.trim();
  if (text === '') throw new UserError('--store: empty store URI', { code: 'usage' });
  if (text.startsWith('s3://')) {
    const rest = text.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new UserError(`--store: invalid S3 bucket name in ${JSON.stringify(uri)}`, { code: 'usage' });
    }
    const { cwd: _cwd, ...s3 } = options;
    return new S3Store({ ...s3, bucket, prefix });
  }
  if (text.startsWith('file:')) return new LocalStore(fileURLToPath(text));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new UserError(`--store: unsupported scheme in ${JSON.stringify(uri)} (use a path, file:// or s3://)`, { code: 'usage' });
  }
  return new LocalStore(isAbsolute(text) ? text : resolve(options.cwd ?? process.cwd(), text));
}
