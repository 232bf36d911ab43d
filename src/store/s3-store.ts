import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { cleanUpOnInterrupt } from '../io/cleanup.js';
import type { ByteSource } from '../eif/types.js';
import { checkKey, conflictError } from './store-errors.js';
import { hashSource, hashStream, openSource, sourceSize } from './source.js';
import type { ArtifactStore, ObjectInfo, ObjectRead, PutOptions, PutResult, ReadOptions } from './types.js';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix without leading or trailing '/', '' for the bucket root. */
  prefix: string;
  /** Custom endpoint for S3-compatible stores (MinIO, moto, R2…). */
  endpoint?: string;
  forcePathStyle?: boolean;
  region?: string;
  /** Multipart part size in bytes (S3 minimum 5 MiB); objects up to this size use one PUT. */
  partSize?: number;
  queueSize?: number;
  /** SDK attempts per request, with exponential backoff ('standard' retry mode). */
  maxAttempts?: number;
  client?: S3Client;
}

export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
// User metadata carrying the object's full SHA-256: a multipart object's own checksum is a
// checksum of part checksums, so it cannot be compared with a file's digest.
const SHA256_METADATA = 'sha256';

/** A write-once store in an S3 bucket (credentials from the standard AWS chain). */
export class S3Store implements ArtifactStore {
  readonly uri: string;
  readonly client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #partSize: number;
  readonly #queueSize: number;

  constructor(options: S3StoreOptions) {
    this.#bucket = options.bucket;
    this.#prefix = options.prefix.replace(/^\/+|\/+$/g, '');
    this.uri = `s3://${this.#bucket}${this.#prefix ? `/${this.#prefix}` : ''}`;
    this.#partSize = options.partSize ?? DEFAULT_PART_SIZE;
    this.#queueSize = options.queueSize ?? 4;
    this.client =
      options.client ??
      new S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle,
        maxAttempts: options.maxAttempts ?? 5,
        retryMode: 'standard',
        followRegionRedirects: true,
        // Downloads are checked against their full SHA-256 by the caller (pull, compare): the SDK need not
        // hash a body a second time for a checksum header S3 may send.
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    trackMultipartUploads(this.client);
  }

  uriOf(key: string): string {
    return `s3://${this.#bucket}/${this.#objectKey(key)}`;
  }

  async put(key: string, source: ByteSource, options: PutOptions = {}): Promise<PutResult> {
    const { checked } = options;
    const { sha256, size } = checked ? { sha256: checked.sha256, size: await sourceSize(source) } : await hashSource(source);
    // An object already there is compared, not re-uploaded (a re-push of a large EIF is cheap);
    // If-None-Match below still settles a race with another writer.
    if (!checked && (await this.#headIfAllowed(key))) return this.#settled(key, await this.#compareExisting(key, sha256, size));
    const params: PutParams = {
      Bucket: this.#bucket,
      Key: this.#objectKey(key),
      ContentType: options.contentType ?? 'application/octet-stream',
      Metadata: { [SHA256_METADATA]: sha256 },
      IfNoneMatch: '*',
    };
    try {
      if (size <= this.#partSize) {
        const body = await readAll(source, size, checked ? undefined : sha256);
        await checked?.beforeCommit();
        // S3 checks the body against this digest too.
        const checksum = Buffer.from(sha256, 'hex').toString('base64');
        await this.client.send(new PutObjectCommand({ ...params, Body: body, ContentLength: size, ChecksumSHA256: checksum }));
        options.onProgress?.({ key, loaded: size, total: size });
      } else {
        await this.#multipart(key, params, source, size, options, checked?.beforeCommit ?? sameDigest(this.uriOf(key), sha256));
      }
      return await this.#settled(key, { key, uri: this.uriOf(key), sha256, size, created: true });
    } catch (error) {
      if (error instanceof UserError) throw error;
      // 412/409: another writer's object is there. NoSuchUpload: a writer that found the key taken
      // aborted this (then doomed) upload, see #settled.
      // Any other failure of a racing upload (a part sent while the winner aborted this upload) is also
      // settled by what the key now holds, if it holds anything.
      if (!isStatus(error, 412) && !isStatus(error, 409) && !isNoSuchUpload(error)) {
        const taken = await this.#headIfAllowed(key).catch(() => undefined);
        if (!taken) throw this.#wrap(error, key, 'upload');
      }
      return this.#settled(key, await this.#compareExisting(key, sha256, size));
    }
  }

  /**
   * Once the key holds an object, every incomplete multipart upload to it can only end in a 412 (write-once):
   * those a killed push left behind are aborted here, so a re-push cleans up after a `kill -9`. Best effort:
   * without s3:ListBucketMultipartUploads the bucket's lifecycle rule (README) removes them.
   */
  async #settled(key: string, result: PutResult): Promise<PutResult> {
    if (result.size <= this.#partSize) return result; // a single PUT: no multipart upload to leave behind
    const Key = this.#objectKey(key);
    try {
      const out = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.#bucket, Prefix: Key }));
      for (const upload of out.Uploads ?? []) {
        if (upload.Key !== Key || !upload.UploadId) continue;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key, UploadId: upload.UploadId })).catch(() => undefined);
      }
    } catch {
      // Not allowed to list uploads, or a transient failure: nothing is lost, the lifecycle rule applies.
    }
    return result;
  }

  /**
   * HEAD where the credentials may lack s3:ListBucket: S3 then answers 403 for a missing key, so
   * 403 means "unknown" and the conditional write decides.
   */
  async #headIfAllowed(key: string): Promise<ObjectInfo | undefined> {
    return this.head(key).catch((error: unknown) => {
      if (error instanceof UserError && isStatus(error.cause, 403)) return undefined;
      throw error;
    });
  }

  async #compareExisting(key: string, sha256: string, size: number): Promise<PutResult> {
    const info = await this.#headIfAllowed(key);
    const existing = info?.sha256 ?? (await hashStream(await this.get(key)));
    if (existing !== sha256) throw conflictError(this.uriOf(key), existing, sha256);
    return { key, uri: this.uriOf(key), sha256, size, created: false };
  }

  async get(key: string): Promise<Readable> {
    return (await this.#getObject(key, {}, false)).stream;
  }

  async read(key: string, options: ReadOptions = {}): Promise<ObjectRead> {
    return this.#getObject(key, options, true);
  }

  async #getObject(key: string, options: ReadOptions, needSize: boolean): Promise<ObjectRead> {
    const start = options.start ?? 0;
    try {
      const out = await this.client.send(new GetObjectCommand({
        Bucket: this.#bucket, Key: this.#objectKey(key),
        ...(start > 0 ? { Range: `bytes=${start}-` } : {}), ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
      }));
      if (!(out.Body instanceof Readable)) throw new Error('response body is not a Node stream');
      const total = start > 0 ? Number(/\/(\d+)$/.exec(out.ContentRange ?? '')?.[1]) : out.ContentLength;
      if (needSize && (total === undefined || !Number.isSafeInteger(total))) {
        out.Body.destroy();
        throw new UserError(`store: download of ${this.uriOf(key)} failed: the server gave no object size`, { code: 'external' });
      }
      return { stream: out.Body, size: total ?? -1, ...(out.ETag ? { etag: out.ETag } : {}) };
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (isStatus(error, 404)) throw new UserError(`store: ${this.uriOf(key)} not found`, { code: 'not-found' });
      if (isStatus(error, 412)) throw new UserError(`store: ${this.uriOf(key)} was replaced while it was being downloaded`, { code: 'integrity', cause: error });
      throw this.#wrap(error, key, 'download');
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }));
      const sha256 = out.Metadata?.[SHA256_METADATA];
      return { key, size: out.ContentLength ?? 0, ...(sha256 ? { sha256 } : {}) };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw this.#wrap(error, key, 'head');
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    const root = this.#prefix ? `${this.#prefix}/` : '';
    let token: string | undefined;
    do {
      const out = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: root + prefix, ContinuationToken: token }))
        .catch((error: unknown) => {
          throw this.#wrap(error, undefined, 'list');
        });
      for (const item of out.Contents ?? []) if (item.Key) yield item.Key.slice(root.length);
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  /**
   * Multipart upload, committed only if `beforeCommit` resolves once every part is stored (it gets the
   * SHA-256 of the bytes sent when the store hashed them); any failure aborts the upload. The source is
   * read once and copied into at most queueSize + 1 part buffers, reused (at most queueSize parts in
   * flight); parts carry a CRC-32 that S3 checks (the SDK's default, as a plain upload's).
   */
  async #multipart(key: string, params: PutParams, source: ByteSource, size: number, options: PutOptions, beforeCommit: (sent?: string) => Promise<void>): Promise<void> {
    const { Bucket, Key } = params;
    const created = await this.client.send(new CreateMultipartUploadCommand({
      Bucket, Key, ContentType: params.ContentType, Metadata: params.Metadata, ChecksumAlgorithm: 'CRC32',
    }));
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    const parts: CompletedPart[] = [];
    const inFlight = new Set<Promise<void>>();
    const free: Buffer[] = [];
    let buffers = 0;
    let failure: { error: unknown } | undefined;
    let loaded = 0;
    const sendPart = (buffer: Buffer, length: number, PartNumber: number): void => {
      const upload = this.client
        .send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: buffer.subarray(0, length), ContentLength: length, ChecksumAlgorithm: 'CRC32' }))
        .then((out) => {
          parts.push({ PartNumber, ETag: out.ETag, ...(out.ChecksumCRC32 ? { ChecksumCRC32: out.ChecksumCRC32 } : {}) });
          loaded += length;
          options.onProgress?.({ key, loaded, total: size });
        }, (error: unknown) => void (failure ??= { error }))
        .finally(() => {
          free.push(buffer);
          inFlight.delete(upload);
        });
      inFlight.add(upload);
    };
    const nextBuffer = async (): Promise<Buffer> => {
      while (!failure && (inFlight.size >= this.#queueSize || (free.length === 0 && buffers > this.#queueSize))) await Promise.race(inFlight);
      if (failure) throw failure.error;
      if (free.length > 0) return free.pop()!;
      buffers++;
      return Buffer.allocUnsafe(this.#partSize);
    };
    // A checked source is hashed by its checker (push: on the workers that measure the EIF).
    const sent = options.checked ? undefined : createHash('sha256');
    try {
      let part = await nextBuffer();
      let filled = 0;
      let consumed = 0;
      let partNumber = 1;
      for await (const chunk of openSource(source)) {
        if (consumed + chunk.byteLength > size) throw new UserError(`store: source of ${this.uriOf(key)} changed while uploading (more than ${size} bytes)`);
        sent?.update(chunk);
        for (let at = 0; at < chunk.byteLength; ) {
          const n = Math.min(chunk.byteLength - at, this.#partSize - filled);
          part.set(chunk.subarray(at, at + n), filled);
          filled += n;
          at += n;
          consumed += n;
          if (filled === this.#partSize && consumed < size) {
            sendPart(part, filled, partNumber++);
            part = await nextBuffer();
            filled = 0;
          }
        }
      }
      if (consumed !== size) throw new UserError(`store: source of ${this.uriOf(key)} changed while uploading (${consumed} of ${size} bytes)`);
      sendPart(part, filled, partNumber);
      while (inFlight.size > 0) await Promise.race(inFlight);
      if (failure) throw failure.error;
      await beforeCommit(sent?.digest('hex'));
      parts.sort((a, b) => a.PartNumber! - b.PartNumber!);
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts }, IfNoneMatch: '*' }));
    } catch (error) {
      await Promise.allSettled([...inFlight]);
      await this.client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => undefined);
      throw error;
    }
  }

  #objectKey(key: string): string {
    checkKey(key);
    return this.#prefix ? `${this.#prefix}/${key}` : key;
  }

  #wrap(error: unknown, key: string | undefined, what: string): UserError {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const where = key === undefined ? this.uri : this.uriOf(key);
    return new UserError(`store: ${what} of ${where} failed: ${detail}`, { code: 'external', cause: error });
  }
}

interface PutParams {
  Bucket: string;
  Key: string;
  ContentType: string;
  Metadata: Record<string, string>;
  IfNoneMatch: '*';
}

/** The commit check of an upload the store hashed itself: the bytes sent are those it hashed first. */
function sameDigest(uri: string, expected: string): (sent?: string) => Promise<void> {
  return async (sent) => {
    if (sent !== expected) throw new UserError(`store: source of ${uri} changed while uploading (sha256 ${expected} → ${sent})`);
  };
}

function isNoSuchUpload(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'NoSuchUpload' || (error as { Code?: string } | undefined)?.Code === 'NoSuchUpload';
}

// Multipart uploads this process started and has not completed or aborted, on any client: aborted when
// the process is interrupted (SIGINT/SIGTERM), so a cancelled push leaves no parts behind. A middleware
// sees every CreateMultipartUpload and its Complete/Abort.
const TRACKED_CLIENTS = new WeakSet<S3Client>();
const startedUploads = new Map<string, { client: S3Client; Bucket: string; Key: string }>();
const creatingUploads = new Set<Promise<unknown>>();
let abortHookInstalled = false;

function trackMultipartUploads(client: S3Client): void {
  if (TRACKED_CLIENTS.has(client)) return;
  TRACKED_CLIENTS.add(client);
  client.middlewareStack?.add(
    (next, context) => async (args) => {
      const input = args.input as { Bucket?: string; Key?: string; UploadId?: string };
      if (context.commandName === 'CreateMultipartUploadCommand') {
        if (!abortHookInstalled) {
          abortHookInstalled = true;
          cleanUpOnInterrupt(abortStartedUploads);
        }
        const pending = next(args);
        creatingUploads.add(pending);
        try {
          const result = await pending;
          const id = (result.output as { UploadId?: string }).UploadId;
          if (id && input.Bucket && input.Key) startedUploads.set(id, { client, Bucket: input.Bucket, Key: input.Key });
          return result;
        } finally {
          creatingUploads.delete(pending);
        }
      }
      const result = await next(args);
      const name = context.commandName;
      if ((name === 'CompleteMultipartUploadCommand' || name === 'AbortMultipartUploadCommand') && input.UploadId) startedUploads.delete(input.UploadId);
      return result;
    },
    { step: 'initialize', name: 'nitroEifTrackMultipartUploads' },
  );
}

async function abortStartedUploads(): Promise<void> {
  abortHookInstalled = false;
  await Promise.allSettled([...creatingUploads]);
  await Promise.allSettled([...startedUploads].map(([UploadId, { client, Bucket, Key }]) =>
    client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }))));
}

function isStatus(error: unknown, status: number): boolean {
  if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode === status;
  const meta = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  return meta?.httpStatusCode === status;
}

/**
 * Reads a source known to be small (≤ one part) into memory so the SDK can retry the PUT; checks its
 * digest when `sha256` is given (else its checker does, before the commit).
 */
async function readAll(source: ByteSource, size: number, sha256: string | undefined): Promise<Buffer> {
  // Copied: a checked source's chunks are valid only until the next is read.
  const chunks: Uint8Array[] = [];
  for await (const chunk of openSource(source)) chunks.push(Uint8Array.prototype.slice.call(chunk));
  const body = Buffer.concat(chunks);
  const actual = sha256 === undefined ? undefined : createHash('sha256').update(body).digest('hex');
  if (body.byteLength !== size || actual !== sha256) {
    throw new UserError(`store: source changed while uploading (${size} bytes, sha256 ${sha256} → ${body.byteLength} bytes, sha256 ${actual})`);
  }
  return body;
}
