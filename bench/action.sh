#!/usr/bin/env bash
# Action benchmark: the bundled action (dist/index.js, run as the runner runs it: inputs as
# INPUT_* variables, outputs through GITHUB_OUTPUT) as a whole process, against the build a user
# runs anyway, `docker buildx build --load --no-cache` of the same context, in the same run,
# ROUNDS alternated rounds (default 3). Both start cold: every round adds a fresh file to the
# context (so no layer or exported blob can be reused) and, unless PRUNE=0, prunes the engine's
# build cache before each side (`docker buildx prune -af`: do not use PRUNE=1 on an engine others
# share). Prints each round's ratio, the median and the spread.
# The action takes its default path here (image-export: auto, so rootfs-stream on a docker-driver
# builder: the root filesystem is merged while the engine writes the image). LAYOUT=1 also times,
# in the same alternation, the action with image-export: oci-layout (the path of docker-container
# builders). STEPS=1 also times the layout path's image build alone (the `docker buildx build`
# command line it runs: an uncompressed OCI layout folder, timestamps clamped by the action
# afterwards) and the same with BuildKit's rewrite-timestamp, to show where that path's time goes.
# Usage: bench/action.sh [CONTEXT_MIB] (default 295). Needs dist/index.js (npm run build), Docker
# with buildx and a busybox binary for the base image (scripts/infra/base-image.sh; the test
# infra has one: source "$NITRO_INFRA_RUN/env").
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
CONTEXT_MIB="${1:-295}"
ROUNDS="${ROUNDS:-3}"
PRUNE="${PRUNE:-1}"
STEPS="${STEPS:-0}"
LAYOUT="${LAYOUT:-0}"
[ -f dist/index.js ] || { echo "dist/index.js is missing: npm run build" >&2; exit 2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nitro-bench-action.XXXXXX")"
trap 'rm -rf "$WORK"; docker image rm -f nitro-eif-bench-action:baseline > /dev/null 2>&1 || true' EXIT

BASE="$(bash scripts/infra/base-image.sh nitro-eif-bench/busybox:1)"
bench_blobs "$WORK/blobs"
pins="$(cd "$WORK/blobs" && for f in bzImage bzImage.config cmdline init nsm.ko; do echo "$f=$(sha384sum "$f" | cut -d' ' -f1)"; done)"

ctx="$WORK/context"
bench_context "$ctx" "$CONTEXT_MIB"

cold() {
  head -c 65536 /dev/urandom > "$ctx/data/salt.bin"
  if [ "$PRUNE" = 1 ]; then docker buildx prune -af > /dev/null; fi
}

# The action as the runner runs it (as test/helpers/run-action.ts does).
action_env=(
  GITHUB_ACTIONS=true GITHUB_OUTPUT="$WORK/runner/output" GITHUB_STEP_SUMMARY="$WORK/runner/summary"
  GITHUB_EVENT_PATH="$WORK/runner/event.json" GITHUB_EVENT_NAME=push GITHUB_REPOSITORY=acme/app
  GITHUB_API_URL=http://127.0.0.1:9 RUNNER_TEMP="$WORK/runner/temp"
  INPUT_CONTEXT="$ctx" INPUT_BLOBS-DIR="$WORK/blobs" INPUT_BLOBS-SHA384="$pins" INPUT_NETWORK=none
  INPUT_BUILD-ARGS="BASE=$BASE" INPUT_SOURCE-DATE-EPOCH=1700000000 INPUT_OUTPUT-DIR="$WORK/out" INPUT_SUMMARY=false
)
run_action() {
  rm -rf "$WORK/runner" "$WORK/out"
  mkdir -p "$WORK/runner/temp"
  : > "$WORK/runner/output"; : > "$WORK/runner/summary"; echo '{}' > "$WORK/runner/event.json"
  bench_time env "${action_env[@]}" "INPUT_IMAGE-EXPORT=${1:-auto}" node dist/index.js
  grep -q '^pcr0<<' "$WORK/runner/output" || { echo "the action set no pcr0 output" >&2; exit 1; }
}
baseline() {
  bench_time docker buildx build --load --no-cache --provenance=false --sbom=false -q -t nitro-eif-bench-action:baseline \
    --build-arg "BASE=$BASE" --network none "$ctx"
}

# The layout path's image build alone, as src/build/docker-build.ts plans it (rewrite-timestamp=false);
# true adds BuildKit's timestamp rewrite.
image_step() {
  rm -rf "$WORK/step.oci"
  bench_time env SOURCE_DATE_EPOCH=1700000000 docker buildx build --file "$ctx/Dockerfile" \
    --output "type=oci,tar=false,dest=$WORK/step.oci,compression=uncompressed,rewrite-timestamp=$1" \
    --provenance=false --sbom=false --no-cache --network none --build-arg "BASE=$BASE" "$ctx"
}

# Not counted: the first runs load code and the base image into the caches.
cold; baseline > /dev/null; cold; run_action > /dev/null
: > "$WORK/rounds.txt"
for round in $(seq "$ROUNDS"); do
  cold; read -r base base_cpu _ < <(baseline)
  cold; read -r act act_cpu _ < <(run_action)
  ratio="$(bench_ratio "$act" "$base")"
  layout=""; layout_line=""
  if [ "$LAYOUT" = 1 ]; then
    cold; read -r lay _ < <(run_action oci-layout)
    layout=" $lay $(bench_ratio "$lay" "$base")"
    layout_line="; with image-export oci-layout ${lay} s ($(bench_ratio "$lay" "$base"))"
  fi
  steps=""
  if [ "$STEPS" = 1 ]; then
    cold; read -r step _ < <(image_step false)
    cold; read -r rewrite _ < <(image_step true)
    steps=" $step $rewrite $(bench_ratio "$step" "$base") $(bench_ratio "$rewrite" "$base") $(echo "$act - $step" | bc)"
  fi
  echo "$base $act $ratio$steps" >> "$WORK/rounds.txt"
  [ "$LAYOUT" = 0 ] || echo "${layout# }" >> "$WORK/layout.txt"
  echo "round $round: docker buildx build --load ${base} s; action ${act} s (its own CPU ${act_cpu} s); ratio ${ratio}${layout_line}"
  if [ "$STEPS" = 1 ]; then
    read -r _ _ _ step rewrite step_ratio rewrite_ratio rest <<< "$(tail -1 "$WORK/rounds.txt")"
    echo "  the action's image build alone ${step} s (${step_ratio}x), with BuildKit's rewrite-timestamp ${rewrite} s (${rewrite_ratio}x); the action's time after its image build ${rest} s"
  fi
done
echo "the action vs docker buildx build --load, ${CONTEXT_MIB} MiB context, cold, $ROUNDS alternated rounds (goal ≤ 1.15; prune between runs: $PRUNE)"
bench_summary "buildx --load wall (s)" "$WORK/rounds.txt" 1
bench_summary "action wall (s)" "$WORK/rounds.txt" 2
bench_summary "ratio" "$WORK/rounds.txt" 3
if [ "$LAYOUT" = 1 ]; then
  bench_summary "action with image-export oci-layout, wall (s)" "$WORK/layout.txt" 1
  bench_summary "  / --load" "$WORK/layout.txt" 2
fi
if [ "$STEPS" = 1 ]; then
  bench_summary "the action's image build alone, wall (s)" "$WORK/rounds.txt" 4
  bench_summary "the same with BuildKit's rewrite-timestamp, wall (s)" "$WORK/rounds.txt" 5
  bench_summary "image build alone / --load" "$WORK/rounds.txt" 6
  bench_summary "with rewrite-timestamp / --load" "$WORK/rounds.txt" 7
  bench_summary "the action minus its image build alone (s)" "$WORK/rounds.txt" 8
fi
bench_machine
