#!/usr/bin/env bash
# pull benchmark: `nitro-eif pull` (download, recompute PCRs and hashes, check the measurements, then
# rename) against a plain streamed GetObject of the same object to a file, from the same S3 server in
# the same run, ROUNDS alternated rounds (default 5). Prints each round's ratio, the median and the
# spread. Usage: bench/pull.sh [EIF_MIB] (default 1024). Needs dist/cli.js and an S3 endpoint
# (AWS_ENDPOINT_URL_S3; the test infra's moto: source "$NITRO_INFRA_RUN/env").
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
EIF_MIB="${1:-1024}"
ROUNDS="${ROUNDS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nitro-bench-pull.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
source bench/store-setup.sh

pushed="$(node dist/cli.js push --store "s3://$BUCKET/eifs" --eif-path "$WORK/enclave.eif" --measurements "$WORK/measurements.json" 2> /dev/null)"
hash="$(echo "$pushed" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).os_image_hash))')"
uri="$(echo "$pushed" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).eif_uri))')"

# Not counted: first runs pay for cold code paths and the server's first reads.
node bench/s3-plain.mjs get "$uri" "$WORK/plain.eif"
node dist/cli.js pull "$hash" --store "s3://$BUCKET/eifs" --output-file "$WORK/pulled.eif" > /dev/null
: > "$WORK/rounds.txt"
for round in $(seq "$ROUNDS"); do
  rm -f "$WORK/plain.eif" "$WORK/pulled.eif"
  read -r plain plain_cpu _ < <(bench_time node bench/s3-plain.mjs get "$uri" "$WORK/plain.eif")
  read -r pull pull_cpu pull_rss < <(bench_time node dist/cli.js pull "$hash" --store "s3://$BUCKET/eifs" --output-file "$WORK/pulled.eif")
  cmp -s "$WORK/plain.eif" "$WORK/pulled.eif" || { echo "round $round: the pulled EIF differs from the object" >&2; exit 1; }
  ratio="$(bench_ratio "$pull" "$plain")"
  echo "$plain $plain_cpu $pull $pull_cpu $pull_rss $ratio" >> "$WORK/rounds.txt"
  echo "round $round: GetObject ${plain} s (CPU ${plain_cpu} s); nitro-eif pull ${pull} s (CPU ${pull_cpu} s, RSS $((pull_rss / 1024)) MiB); ratio ${ratio}"
done
echo "pull of a $(( $(stat -c %s "$WORK/enclave.eif") / 1048576 )) MiB EIF vs plain GetObject, $ROUNDS alternated rounds (goal ≤ 1.15)"
bench_summary "GetObject wall (s)" "$WORK/rounds.txt" 1
bench_summary "pull wall (s)" "$WORK/rounds.txt" 3
bench_summary "ratio" "$WORK/rounds.txt" 6
bench_machine
