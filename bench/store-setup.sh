# Sourced by bench/pull.sh and bench/push.sh: an EIF of about EIF_MIB MiB with its measurements, built
# by the bundled CLI from a generated image, and a fresh bucket on the S3 endpoint.
# Needs dist/cli.js (npm run build), AWS_ENDPOINT_URL_S3 (or NITRO_TEST_S3_ENDPOINT) and credentials
# (any for a local test server such as moto).
export AWS_ENDPOINT_URL_S3="${AWS_ENDPOINT_URL_S3:-${NITRO_TEST_S3_ENDPOINT:-}}"
[ -n "$AWS_ENDPOINT_URL_S3" ] || { echo "set AWS_ENDPOINT_URL_S3 (or source the test infra env)" >&2; exit 2; }
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-testing}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-testing}" AWS_REGION="${AWS_REGION:-us-east-1}"
[ -f dist/cli.js ] || { echo "dist/cli.js is missing: npm run build" >&2; exit 2; }

echo "generating a ${EIF_MIB} MiB EIF in $WORK" >&2
node bench/make-image.mjs "$WORK/img" "$EIF_MIB" large
bench_blobs "$WORK/blobs"
node dist/cli.js build-enclave --oci-archive "$WORK/img/image.oci.tar" --output-file "$WORK/enclave.eif" \
  --blobs-dir "$WORK/blobs" --quiet --source-date-epoch 0 --measurements-file "$WORK/measurements.json" > /dev/null
rm -rf "$WORK/img"
BUCKET="nitro-eif-bench-$(date +%s)-$$"
node --input-type=module -e "
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
const c = new S3Client({ endpoint: process.env.AWS_ENDPOINT_URL_S3, region: process.env.AWS_REGION, forcePathStyle: true });
await c.send(new CreateBucketCommand({ Bucket: '$BUCKET' }));"
cat "$WORK/enclave.eif" > /dev/null
