// Public API of the store: the ArtifactStore port, its two adapters, and the push / pull / list
// operations the CLI and the action call. Layout and key format: layout.ts and README.md.
export type { ArtifactStore, ObjectInfo, PutOptions, PutProgress, PutResult } from './types.js';
export { ARTIFACT_FILES, artifactKey, normalizeOsImageHash, toBytes32, type ArtifactKind } from './layout.js';
export { LocalStore } from './local-store.js';
export { S3Store, DEFAULT_PART_SIZE, type S3StoreOptions } from './s3-store.js';
export { openStore, DEFAULT_STORE, type StoreOptions } from './open-store.js';
export { pushArtifacts, type PushOptions, type PushResult } from './push.js';
export { pullArtifact, type PullOptions, type PullResult } from './pull.js';
export { listImages, type StoredImage } from './list.js';
export { pushOutputs } from './outputs.js';
