#!/usr/bin/env bash
# How long BuildKit takes to hand over the same image in each output format, cold, in alternated
# rounds: what an EIF build that starts from the engine's output must wait for before it has the
# image. Each round builds the same context (bench/lib.sh's bench_context) with a fresh file in it
# and the build cache pruned first (`docker buildx prune -af`: not on an engine others share).
#   load      docker buildx build --load (the baseline of bench/action.sh)
#   oci-dir   the action's output: an uncompressed OCI layout folder (type=oci,tar=false)
#   image     type=image, uncompressed layers: the image stays in the engine, nothing is sent out
#   rootfs    type=tar to a pipe: the merged root filesystem as one tar stream, no layers and no
#             image config (source-date-epoch= keeps every mtime: BuildKit would otherwise set all
#             of them to SOURCE_DATE_EPOCH, where the action clamps only the later ones)
#   rootfs+image  both outputs of one build: the root filesystem streamed out while the image (and
#             its config) is written in the engine
# The streams are read by `wc -c`. Prints each round, then per format the median, the spread and the
# ratio to --load.
# Usage: bench/export-formats.sh [CONTEXT_MIB] (default 295). Needs Docker with buildx (BuildKit 0.13
# or later, an engine with the containerd image store for oci-dir) and a busybox binary for the base
# image (scripts/infra/base-image.sh; the test infra has one: source "$NITRO_INFRA_RUN/env").
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
CONTEXT_MIB="${1:-295}"
ROUNDS="${ROUNDS:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nitro-bench-export.XXXXXX")"
TAG="nitro-eif-bench-export:$$"
trap 'rm -rf "$WORK"; docker image rm -f "$TAG" > /dev/null 2>&1 || true' EXIT

BASE="$(bash scripts/infra/base-image.sh nitro-eif-bench/busybox:1)"
ctx="$WORK/context"
bench_context "$ctx" "$CONTEXT_MIB"
cold() { head -c 65536 /dev/urandom > "$ctx/data/salt.bin"; docker buildx prune -af > /dev/null; }

common=(--provenance=false --sbom=false --no-cache --network none --build-arg "BASE=$BASE" "$ctx")
export SOURCE_DATE_EPOCH=1700000000
fmt_load() { docker buildx build --load -q -t "$TAG" "${common[@]}"; }
fmt_oci_dir() { rm -rf "$WORK/oci"; docker buildx build -q --output "type=oci,tar=false,dest=$WORK/oci,compression=uncompressed" "${common[@]}"; }
fmt_image() { docker buildx build -q --output "type=image,name=$TAG,compression=uncompressed" "${common[@]}"; }
fmt_rootfs() { docker buildx build -q --output "type=tar,dest=-,source-date-epoch=" "${common[@]}" | wc -c > "$WORK/bytes"; }
fmt_rootfs_image() {
  docker buildx build -q --output "type=tar,dest=-,source-date-epoch=" --output "type=image,name=$TAG,compression=uncompressed" \
    "${common[@]}" | wc -c > "$WORK/bytes"
}
export -f fmt_load fmt_oci_dir fmt_image fmt_rootfs fmt_rootfs_image
export TAG WORK
formats=(load oci-dir image rootfs rootfs+image)
run() { local f="fmt_${1//[-+]/_}"; bench_time bash -c "set -o pipefail; $(declare -p common); $f"; }

# Not counted: the first runs load the base image and the code into the caches.
for f in "${formats[@]}"; do cold; run "$f" > /dev/null; done
: > "$WORK/rounds.txt"
for round in $(seq "$ROUNDS"); do
  line=""
  for f in "${formats[@]}"; do cold; read -r wall _ < <(run "$f"); line="$line $wall"; done
  echo "${line# }" >> "$WORK/rounds.txt"
  echo "round $round: $(paste -d= <(printf '%s\n' "${formats[@]}") <(tr ' ' '\n' <<< "${line# }") | paste -sd' ') (s)"
done
echo "rootfs stream: $(cat "$WORK/bytes") bytes"
echo "export formats, ${CONTEXT_MIB} MiB context, cold, $ROUNDS alternated rounds"
awk '{for (i = 1; i <= NF; i++) printf "%.2f%s", $i / $1, (i < NF ? " " : "\n")}' "$WORK/rounds.txt" > "$WORK/ratios.txt"
for i in "${!formats[@]}"; do
  bench_summary "${formats[$i]} wall (s)" "$WORK/rounds.txt" "$((i + 1))"
  [ "$i" = 0 ] || bench_summary "  ${formats[$i]} / load" "$WORK/ratios.txt" "$((i + 1))"
done
bench_machine
