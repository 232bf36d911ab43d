#!/usr/bin/env bash
# push benchmark: `nitro-eif push` (EIF and measurements, checked against each other, write-once)
# against a plain multipart upload of the same file (@aws-sdk/lib-storage, the store's part size
# and queue) to the same S3 server in the same run, ROUNDS alternated rounds (default 5), each to a
# fresh prefix. Prints each round's ratio, the median and the spread.
# Usage: bench/push.sh [EIF_MIB] (default 1024). Needs dist/cli.js and an S3 endpoint
# (AWS_ENDPOINT_URL_S3; the test infra's moto: source "$NITRO_INFRA_RUN/env").
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
EIF_MIB="${1:-1024}"
ROUNDS="${ROUNDS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nitro-bench-push.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
source bench/store-setup.sh

PUSH=(node dist/cli.js push --eif-path "$WORK/enclave.eif" --measurements "$WORK/measurements.json" --store)
# Not counted: first runs pay for cold code paths.
node bench/s3-plain.mjs put "$WORK/enclave.eif" "s3://$BUCKET/warm/plain.eif"
"${PUSH[@]}" "s3://$BUCKET/warm" > /dev/null 2>&1
: > "$WORK/rounds.txt"
for round in $(seq "$ROUNDS"); do
  read -r plain plain_cpu _ < <(bench_time node bench/s3-plain.mjs put "$WORK/enclave.eif" "s3://$BUCKET/plain-$round/enclave.eif")
  read -r pushed push_cpu push_rss < <(bench_time "${PUSH[@]}" "s3://$BUCKET/round-$round")
  ratio="$(bench_ratio "$pushed" "$plain")"
  echo "$plain $plain_cpu $pushed $push_cpu $push_rss $ratio" >> "$WORK/rounds.txt"
  echo "round $round: multipart upload ${plain} s (CPU ${plain_cpu} s); nitro-eif push ${pushed} s (CPU ${push_cpu} s, RSS $((push_rss / 1024)) MiB); ratio ${ratio}"
done
echo "push of a $(( $(stat -c %s "$WORK/enclave.eif") / 1048576 )) MiB EIF vs plain multipart upload, $ROUNDS alternated rounds (goal ≤ 1.15)"
bench_summary "upload wall (s)" "$WORK/rounds.txt" 1
bench_summary "push wall (s)" "$WORK/rounds.txt" 3
bench_summary "ratio" "$WORK/rounds.txt" 6
bench_machine
