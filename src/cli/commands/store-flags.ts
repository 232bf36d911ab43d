// Store flags shared by push, pull and ls; the S3 endpoint falls back to AWS_ENDPOINT_URL_S3.
// The store module (and with it the AWS SDK) is loaded only when a store command runs.
import type { Command } from 'commander';
import { UserError } from '../../errors.js';
import { DEFAULT_STORE } from '../../store/layout.js';
import type { ArtifactStore, PutProgress } from '../../store/types.js';

export interface StoreFlags {
  store: string;
  s3Endpoint?: string;
  s3Region?: string;
  s3ForcePathStyle?: boolean;
  partSize?: string;
}

/** The store flags; `--part-size` only for a command that uploads (`upload`). */
export function addStoreFlags(command: Command, upload = false): Command {
  command
    .option('--store <uri>', 'store: a directory, file:///dir or s3://bucket/prefix', DEFAULT_STORE)
    .option('--s3-endpoint <url>', 'S3-compatible endpoint (default: $AWS_ENDPOINT_URL_S3)')
    .option('--s3-region <region>', 'S3 region (default: the AWS configuration chain)')
    .option('--s3-force-path-style', 'address the bucket in the path (the default with a custom endpoint)');
  return upload ? command.option('--part-size <MiB>', 'multipart upload part size in MiB (minimum 5)') : command;
}

export async function storeFromFlags(flags: StoreFlags): Promise<ArtifactStore> {
  const env = process.env;
  const endpoint = flags.s3Endpoint ?? (env['AWS_ENDPOINT_URL_S3'] || undefined);
  const region = flags.s3Region ?? (env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || (endpoint ? 'us-east-1' : undefined));
  let partSize: number | undefined;
  if (flags.partSize !== undefined) {
    const mib = Number(flags.partSize);
    if (!Number.isInteger(mib) || mib < 5 || mib > 5120) throw new UserError('--part-size: an integer number of MiB from 5 to 5120', { code: 'usage' });
    partSize = mib * 1024 * 1024;
  }
  // S3-compatible stores (MinIO, Ceph, moto, R2…) all accept path-style addressing; many need it.
  const forcePathStyle = flags.s3ForcePathStyle ?? (endpoint ? true : undefined);
  const { openStore } = await import('../../store/open-store.js');
  return openStore(flags.store, { endpoint, region, forcePathStyle, partSize });
}

const PROGRESS_MIN = 8 * 1024 * 1024;

/** Prints upload progress of large objects on stderr, at most every 10%. */
export function progressPrinter(): (progress: PutProgress) => void {
  const shown = new Map<string, number>();
  return ({ key, loaded, total }) => {
    if (total < PROGRESS_MIN) return;
    const tenth = Math.floor((loaded / total) * 10);
    if ((shown.get(key) ?? -1) >= tenth) return;
    shown.set(key, tenth);
    const mib = (n: number) => (n / 1048576).toFixed(1);
    process.stderr.write(`nitro-eif: uploading ${key}: ${mib(loaded)}/${mib(total)} MiB (${tenth * 10}%)\n`);
  };
}
