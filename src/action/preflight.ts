import type { KeyObject } from 'node:crypto';
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { blobHashes, checkBlobLock, DEFAULT_BLOBS_DIR, eifArchOf, loadBlobs } from '../build/blobs.js';
import { checkSigningCertificateValidity, localKeySigner, type EifSigner } from '../eif/index.js';
import { errorMessage, UserError } from '../errors.js';
import { loadReviewSide } from '../review/load.js';
import type { ActionInputs } from './inputs.js';

// Everything the action can check before `docker buildx build` runs, checked before it: the blobs
// directory (and its pins), the signing certificate and keys (read and parsed once, here), the lock
// file, the attestation document and the build context. A mistake costs seconds, not a build, and
// its message names the input. Key inputs are secrets: their value (PEM text, or a path that may be
// a mistyped secret) never appears in a message.

/** What the later steps use, read once before the build. */
export interface Prepared {
  /** PCR8: the certificate's PEM bytes and a signer for its key. */
  readonly signing?: { readonly certificatePem: Uint8Array; readonly signer: EifSigner };
  /** The P-256 key for `provenance: key`. */
  readonly provenanceKey?: KeyObject;
}

/** No PEM key or certificate comes near this; a bigger file is the wrong file. */
export const MAX_PEM_BYTES = 1024 * 1024;
/** Attestation documents are a few KiB (MAX_DOCUMENT_BYTES of the verifier is smaller still). */
const MAX_ATTESTATION_FILE_BYTES = 1024 * 1024;

export async function checkBeforeBuild(inputs: ActionInputs): Promise<Prepared> {
  await checkDirectory(inputs.context, 'context');
  await checkBlobs(inputs);
  if (inputs.lockfile) {
    await loadReviewSide(inputs.lockfile).catch((error: unknown) => {
      throw new UserError(`input lockfile: ${errorMessage(error)}`, { cause: error });
    });
  }
  if (inputs.attestationDocument) await readBounded(inputs.attestationDocument, 'attestation-document', MAX_ATTESTATION_FILE_BYTES, false);
  const signing = inputs.signing && await prepareSigning(inputs.signing);
  // Sigstore, the AWS SDK and the blob download load only when an input needs them.
  const provenanceKey = inputs.provenance?.mode === 'key'
    ? (await import('../trust/provenance/index.js')).loadSigningKey(await pemInput(inputs.provenance.key!, 'provenance-key', true), 'input provenance-key') : undefined;
  return { ...(signing ? { signing } : {}), ...(provenanceKey ? { provenanceKey } : {}) };
}

async function checkDirectory(path: string, input: string): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    throw new UserError(`input ${input}: ${path}: ${describeFsError(error)}`, { code: 'not-found', cause: error });
  });
  if (!info.isDirectory()) throw new UserError(`input ${input}: ${path} is not a directory`);
}

/**
 * The blob set the EIF will use: every file present for the platform's architecture, pins matched.
 * A public set (`blobs`) is downloaded or taken from the tool cache here, checked against its pins.
 */
async function checkBlobs(inputs: ActionInputs): Promise<void> {
  const arch = eifArchOf(inputs.platform.split('/')[1]!);
  const input = inputs.blobSet ? 'blobs' : 'blobs-dir';
  const dir = inputs.blobSet ? await (await import('./blobs.js')).blobSetDir(inputs.blobSet, arch) : inputs.blobsDir!;
  if (!inputs.blobSet && dir === DEFAULT_BLOBS_DIR && !(await stat(dir).catch(() => undefined))) {
    throw new UserError(`input blobs-dir: ${dir} (where nitro-cli installs the blobs) does not exist on this runner; on a GitHub-hosted ` +
      'runner set blobs: aws-nitro-enclaves-cli@v1.5.0 (AWS\'s public set), or point blobs-dir at a copy', { code: 'not-found' });
  }
  if (!inputs.blobSet) await checkDirectory(dir, 'blobs-dir');
  const set = await loadBlobs({ dir, arch }).catch((error: unknown) => {
    throw new UserError(`input ${input}: ${errorMessage(error)}`, { cause: error });
  });
  if (Object.keys(inputs.blobsSha384).length === 0) return;
  try {
    checkBlobLock(blobHashes(set), inputs.blobsSha384);
  } catch (error) {
    throw new UserError(`input blobs-sha384: ${errorMessage(error)}`, { cause: error });
  }
}

async function prepareSigning(signing: NonNullable<ActionInputs['signing']>): Promise<NonNullable<Prepared['signing']>> {
  const certificatePem = await pemInput(signing.certificate, 'signing-certificate', false);
  // An expired certificate fails here, before the build: run-enclave would refuse the EIF signed with it.
  checkSigningCertificateValidity(certificatePem, 'input signing-certificate');
  const { kmsSigner, parseKmsKeyArn } = await import('../trust/kms-signer.js');
  const signer = parseKmsKeyArn(signing.key)
    ? kmsSigner({ keyId: signing.key })
    : localKeySigner(await pemInput(signing.key, 'signing-key', true), 'input signing-key');
  return { certificatePem, signer };
}

/** A PEM input: the text itself (from a secret) or the path of a file holding it. */
export async function pemInput(value: string, input: string, secret: boolean): Promise<Uint8Array> {
  if (value.trimStart().startsWith('-----BEGIN')) {
    const text = value.trim();
    return new TextEncoder().encode(`${text}\n`);
  }
  return readBounded(value, input, MAX_PEM_BYTES, secret);
}

/** A regular file of at most `limit` bytes (FIFOs and devices refused); a secret input's value is never named. */
async function readBounded(path: string, input: string, limit: number, secret: boolean): Promise<Uint8Array> {
  const fail = (reason: string, cause?: unknown): never => {
    const message = secret
      ? `input ${input}: is neither PEM text (-----BEGIN …) nor the path of a readable file (${reason})`
      : `input ${input}: ${path}: ${reason}`;
    throw new UserError(message, { code: 'not-found', cause });
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked right after.
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => fail(describeFsError(error), error));
  try {
    const info = await handle.stat();
    if (!info.isFile()) fail('not a regular file');
    if (info.size > limit) fail(`${info.size} bytes, more than ${limit}`);
    return new Uint8Array(await handle.readFile());
  } catch (error) {
    if (error instanceof UserError) throw error;
    return fail(describeFsError(error), error);
  } finally {
    await handle.close();
  }
}

/** An fs error without its message, which quotes the path (a secret input's value). */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    case 'ENOTDIR': return 'a parent is not a directory';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'name too long';
    default: return code ?? 'unreadable';
  }
}
