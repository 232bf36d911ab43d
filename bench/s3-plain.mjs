// The plain S3 transfers the store's pull and push are compared with (bench/pull.sh, bench/push.sh):
//   node bench/s3-plain.mjs get s3://BUCKET/KEY OUT_FILE   streamed GetObject to a file
//   node bench/s3-plain.mjs put FILE s3://BUCKET/KEY       multipart upload (@aws-sdk/lib-storage)
// Endpoint from AWS_ENDPOINT_URL_S3 (path-style), region from AWS_REGION (default us-east-1).
// PART_MIB (default 16) and QUEUE (default 4) match the store's defaults.
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

const [mode, a, b] = process.argv.slice(2);
const endpoint = process.env.AWS_ENDPOINT_URL_S3 || undefined;
const client = new S3Client({ endpoint, region: process.env.AWS_REGION || 'us-east-1', forcePathStyle: endpoint !== undefined });
const parse = (uri) => {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri ?? '');
  if (!m) throw new Error(`not an s3://BUCKET/KEY URI: ${uri}`);
  return { Bucket: m[1], Key: m[2] };
};

if (mode === 'get') {
  const got = await client.send(new GetObjectCommand(parse(a)));
  await pipeline(got.Body, createWriteStream(b));
} else if (mode === 'put') {
  const upload = new Upload({
    client, params: { ...parse(b), Body: createReadStream(a) },
    partSize: Number(process.env.PART_MIB || 16) * 1024 * 1024, queueSize: Number(process.env.QUEUE || 4),
  });
  await upload.done();
} else {
  console.error('usage: s3-plain.mjs get s3://BUCKET/KEY OUT | put FILE s3://BUCKET/KEY');
  process.exit(2);
}
