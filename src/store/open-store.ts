import { LocalStore } from './local-store.js';
import { S3Store, type S3StoreOptions } from './s3-store.js';
import { parseStoreUri } from './layout.js';
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
  const location = parseStoreUri(uri, '--store', options.cwd);
  if (location.kind === 'local') return new LocalStore(location.path);
  const { cwd: _cwd, ...s3 } = options;
  return new S3Store({ ...s3, bucket: location.bucket, prefix: location.prefix });
}
