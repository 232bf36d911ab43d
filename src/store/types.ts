// The ArtifactStore port: a write-once, content-checked object store. Adapters: local directory
// (local-store.ts) and S3 (s3-store.ts). Keys are relative ("<hash>/<file>"); see layout.ts.
import type { Readable } from 'node:stream';
import type { ByteSource } from '../eif/types.js';

/** Upload progress, reported for large objects; printed by the CLI on stderr. */
export interface PutProgress {
  key: string;
  loaded: number;
  total: number;
}

export interface PutOptions {
  contentType?: string;
  onProgress?: (progress: PutProgress) => void;
  /**
   * A source the caller checks as it is read (push inspects the EIF in the same read): the store reads
   * it once, writes it without making it visible, then calls `beforeCommit` and makes the object
   * visible only if that resolves (otherwise the write is undone). `sha256` is the digest the caller
   * has verified the bytes to have by then. No existence check comes first: write-once is settled when
   * the object is committed (an identical object already there is success, a different one a conflict).
   */
  checked?: { sha256: string; beforeCommit: () => Promise<void> };
}

export interface PutResult {
  key: string;
  /** Where the object lives (`file:///…` or `s3://bucket/…`). */
  uri: string;
  sha256: string;
  size: number;
  /** false when an identical object was already there (write-once, idempotent). */
  created: boolean;
}

export interface ObjectInfo {
  key: string;
  size: number;
  /** Hex SHA-256 when the back end knows it without reading the body. */
  sha256?: string;
}

export interface ReadOptions {
  /** First byte to read (resuming an interrupted download). */
  start?: number;
  /** Read only if the object is still this version (the `etag` of the first read). */
  ifMatch?: string;
}

export interface ObjectRead {
  /** The bytes from `start` to the end. */
  stream: Readable;
  /** The size of the whole object. */
  size: number;
  /** The object's version, for `ifMatch` on a resumed read (S3). */
  etag?: string;
}

export interface ArtifactStore {
  /** The store root as a URI, e.g. `file:///srv/eif-store` or `s3://bucket/prefix`. */
  readonly uri: string;
  uriOf(key: string): string;
  /**
   * Writes `source` under `key` once. An identical object already there is success
   * (`created: false`); a different one is a `conflict` UserError naming both SHA-256 digests.
   * A failed write leaves nothing behind.
   */
  put(key: string, source: ByteSource, options?: PutOptions): Promise<PutResult>;
  /** The object's bytes as a stream; `not-found` UserError when absent. */
  get(key: string): Promise<Readable>;
  /** The object's bytes from `start`, with its size and version; `not-found` UserError when absent. */
  read(key: string, options?: ReadOptions): Promise<ObjectRead>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every key under `prefix` ('' for all), in no particular order. */
  list(prefix: string): AsyncIterable<string>;
}
