#!/usr/bin/env bash
# `npm run example`: the main job on the bundled example, on a fresh machine.
# Builds examples/hello-enclave with the bundled action (dist/index.js) exactly as a GitHub runner
# would run it: deterministic BuildKit build, pinned dstack-util, native EIF build, a second build
# from scratch for the reproducibility check, measurements, manifest and job summary.
#
# Without a Docker engine it installs and starts the project's own (scripts/infra, Debian packages).
# Without AWS's blobs (/usr/share/nitro_enclaves/blobs, from nitro-cli) it uses synthetic blobs:
# PCR2 and the EIF structure are then real, PCR0/PCR1 are not AWS's.
# dstack-util has no released binary (see docs): a clearly named stand-in file takes its place.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${EXAMPLE_OUT:-$PWD/out/example}"
rm -rf "$OUT" && mkdir -p "$OUT/runner"

STARTED=0
if [ -z "${DOCKER_HOST:-}" ] || ! docker buildx version >/dev/null 2>&1; then
  echo "example: starting the project's Docker engine (scripts/infra)" >&2
  bash scripts/infra/install.sh
  export NITRO_INFRA_RUN="${NITRO_INFRA_RUN:-/tmp/nitro-eif-infra}"
  bash scripts/infra/up.sh --status >/dev/null 2>&1 || STARTED=1
  bash scripts/infra/up.sh
  # shellcheck disable=SC1091
  . "$NITRO_INFRA_RUN/env"
fi
stop() { if [ "$STARTED" = 1 ]; then bash scripts/infra/down.sh; fi; }
trap stop EXIT

# A base image pinned by digest, made locally (no registry here).
BASE="$(bash scripts/infra/base-image.sh)"

BLOBS=/usr/share/nitro_enclaves/blobs
if [ ! -f "$BLOBS/bzImage" ]; then
  BLOBS="$OUT/synthetic-blobs"
  node scripts/make-synthetic-blobs.mjs "$BLOBS"
  echo "example: no nitro-cli blobs on this machine; using synthetic blobs in $BLOBS" >&2
fi

# Stand-in for dstack-util (no released binary exists); pinned by its SHA-256 like the real one.
printf '#!/bin/sh\necho "dstack-util stand-in for the nitro-eif-build example"\n' > "$OUT/dstack-util"
DSTACK_SHA256="$(sha256sum "$OUT/dstack-util" | cut -d' ' -f1)"

: > "$OUT/runner/output"; : > "$OUT/runner/summary"; echo '{}' > "$OUT/runner/event.json"
mkdir -p "$OUT/runner/temp" "$OUT/runner/tool-cache"
env GITHUB_ACTIONS=true GITHUB_OUTPUT="$OUT/runner/output" GITHUB_STEP_SUMMARY="$OUT/runner/summary" \
  GITHUB_EVENT_PATH="$OUT/runner/event.json" GITHUB_EVENT_NAME=push GITHUB_REPOSITORY=dstack/nitro-eif-build \
  RUNNER_TEMP="$OUT/runner/temp" RUNNER_TOOL_CACHE="$OUT/runner/tool-cache" \
  INPUT_CONTEXT=examples/hello-enclave \
  "INPUT_BUILD-ARGS=BASE=$BASE" \
  INPUT_NETWORK=none \
  "INPUT_SOURCE-DATE-EPOCH=${SOURCE_DATE_EPOCH:-1700000000}" \
  "INPUT_DSTACK-UTIL=$OUT/dstack-util" "INPUT_DSTACK-UTIL-SHA256=$DSTACK_SHA256" \
  "INPUT_BLOBS-DIR=$BLOBS" "INPUT_OUTPUT-DIR=$OUT/eif" \
  "INPUT_REPRODUCIBILITY-CHECK=true" INPUT_SUMMARY=true "INPUT_GITHUB-TOKEN=" \
  node dist/index.js

echo
echo "== job summary ($OUT/runner/summary)"
cat "$OUT/runner/summary"
echo
echo "== describe-eif"
node dist/cli.js describe-eif --eif-path "$OUT/eif/enclave.eif"
echo
echo "example: EIF, measurements and manifest are in $OUT/eif"
