#!/usr/bin/env bash
# nitro-cli's path against the native builder, on the same image in the same run.
#
# `nitro-cli build-enclave --docker-uri` needs the image inside a Docker engine: `docker load` of the
# archive, then its linuxkit creates a container, exports its filesystem through the engine and
# writes the two ramdisks, and nitro-cli hashes them into the EIF. Neither nitro-cli, its linuxkit
# nor AWS's blobs are available to a benchmark, so this script times a LOWER BOUND of that path:
#   docker load -i image.oci.tar; docker create; docker export | { SHA-384 ‖ SHA-384 }
# (the two SHA-384s of PCR0 and PCR2 run in parallel here; nitro-cli also writes the cpio files and
# the EIF to disk and hashes on one thread, so its real time is higher). Against it:
#   nitro-eif build-enclave --oci-archive image.oci.tar (synthetic blobs)
# Rounds alternate (ROUNDS, default 5); the image is removed from the engine after each round, so
# every `docker load` imports it again. Prints each round, the medians, the spread and the ratio.
# Usage: bench/nitro-cli-path.sh [TOTAL_MIB=1024] [SHAPE=large|small-files]
# Needs dist/cli.js (npm run build) and a Docker engine (DOCKER_HOST, e.g. the test infra's).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
MIB="${1:-1024}"
SHAPE="${2:-large}"
ROUNDS="${ROUNDS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nitro-bench.XXXXXX")"
IMAGE_ID=""
cleanup() {
  [ -z "$IMAGE_ID" ] || docker rmi -f "$IMAGE_ID" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
docker version --format '{{.Server.Version}}' > /dev/null
bench_blobs "$WORK/blobs"
echo "generating a ${MIB} MiB ${SHAPE} image in $WORK" >&2
node bench/make-image.mjs "$WORK/img" "$MIB" "$SHAPE"
cat "$WORK/img/image.oci.tar" > /dev/null
sync

# The daemon's part of nitro-cli's path; writes the time `docker load` took to load-seconds.
nitro_cli_lower_bound() {
  local id container started
  started="$(date +%s.%N)"
  id="$(docker load -q -i "$WORK/img/image.oci.tar" | sed -n 's/.*\(sha256:[0-9a-f]\{64\}\).*/\1/p')"
  echo "$id" > "$WORK/image-id"
  echo "$(date +%s.%N) - $started" | bc > "$WORK/load-seconds"
  container="$(docker create "$id" /enclave-entrypoint 2> /dev/null)"
  docker export "$container" | tee >(sha384sum > "$WORK/pcr-a") | sha384sum > "$WORK/pcr-b"
  docker rm "$container" > /dev/null
}
native() {
  rm -f "$WORK/out.eif"
  node dist/cli.js build-enclave --oci-archive "$WORK/img/image.oci.tar" --output-file "$WORK/out.eif" \
    --blobs-dir "$WORK/blobs" --quiet --source-date-epoch 0
}
remove_image() {
  IMAGE_ID="$(cat "$WORK/image-id")"
  docker rmi -f "$IMAGE_ID" > /dev/null
  IMAGE_ID=""
}

# Not counted: the first runs pay for cold code paths and the engine's first import.
nitro_cli_lower_bound; remove_image; native > /dev/null
rounds="$WORK/rounds.txt"
: > "$rounds"
for round in $(seq "$ROUNDS"); do
  read -r n n_cpu _ < <(bench_time bash -c "$(declare -f nitro_cli_lower_bound); WORK='$WORK'; nitro_cli_lower_bound")
  remove_image
  read -r b b_cpu b_rss < <(bench_time bash -c "$(declare -f native); WORK='$WORK'; native")
  r="$(bench_ratio "$b" "$n")"
  load="$(printf '%.2f' "$(cat "$WORK/load-seconds")")"
  echo "$n $b $r $b_rss $load" >> "$rounds"
  echo "round $round: nitro-cli's path (lower bound) ${n} s, of which docker load ${load} s; nitro-eif build-enclave ${b} s (ratio ${r}); RSS $((b_rss / 1024)) MiB"
done
echo
echo "## nitro-cli's path (lower bound) vs build-enclave, ${SHAPE} image of ${MIB} MiB ($(date -u +%Y-%m-%d))"
echo
bench_machine
echo "engine: Docker $(docker version --format '{{.Server.Version}}'), storage driver $(docker info --format '{{.Driver}}'); ${ROUNDS} alternated rounds"
echo
bench_summary "- nitro-cli's path, lower bound (docker load + create + export | 2 × SHA-384), wall (s)" "$rounds" 1
bench_summary "  - of which \`docker load\` (s)" "$rounds" 5
bench_summary "- nitro-eif build-enclave, wall (s)" "$rounds" 2
bench_summary "- **ratio** (nitro-eif / nitro-cli's lower bound)" "$rounds" 3
