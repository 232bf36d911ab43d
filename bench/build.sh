#!/usr/bin/env bash
# build-enclave benchmark: a synthetic ~1 GiB multi-layer OCI image → EIF with the bundled CLI and
# synthetic blobs, timed against the floor `gunzip -c LAYER | sha384sum` of the same layers in the
# same run (ROUNDS alternated rounds, default 5, medians), with the builder's peak RSS; each round
# times the plain build and the build with --measurements-file (the action's). Prints the results
# as a markdown section (docs/benchmarks.md explains them) and removes the generated data.
# Usage: bench/build.sh [TOTAL_MIB] (default 1024). Needs dist/cli.js (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL_MIB="${1:-1024}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/nitro-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

echo "generating a ${TOTAL_MIB} MiB image in $WORK" >&2
node bench/make-image.mjs "$WORK/img" "$TOTAL_MIB"

# Synthetic blobs in nitro-cli's layout (never AWS's binaries).
B="$WORK/blobs"
mkdir -p "$B"
head -c 8388608 /dev/urandom > "$B/bzImage"
printf '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration\n' > "$B/bzImage.config"
printf 'reboot=k panic=30 pci=off nomodules console=ttyS0\n' > "$B/cmdline"
head -c 742968 /dev/urandom > "$B/init"
head -c 20504 /dev/urandom > "$B/nsm.ko"

# Warm the page cache so both sides read from memory, and write the generated files out first:
# the kernel flushes dirty pages for about 30 s after they are written, and that writeback
# competed with the first rounds' disk I/O (the build writes; the floor does not).
cat "$WORK"/img/image.oci.tar "$WORK"/img/layers/*.tar.gz > /dev/null
sync

# One round of each, not counted: first runs pay for fresh memory and cold code paths.
bash -c 'for layer in "$1"/*.tar.gz; do gunzip -c "$layer" | sha384sum > /dev/null; done' _ "$WORK/img/layers"
node dist/cli.js build-enclave --oci-archive "$WORK/img/image.oci.tar" --output-file "$WORK/warmup.eif" \
  --blobs-dir "$B" --quiet --source-date-epoch 0 > /dev/null
rm -f "$WORK/warmup.eif"

# One build, timed: `plain` is the build nitro-cli does (its output is the PCRs); `measured` adds
# --measurements-file, as the action always does, which hashes the whole EIF once more (SHA-384
# and SHA-256) for its digests. Prints "wall peak_rss_kib cpu".
build() {
  local extra=()
  [ "$1" = measured ] && extra=(--measurements-file "$WORK/measurements.json")
  rm -f "$WORK/out.eif" "$WORK/measurements.json"
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
    node dist/cli.js build-enclave --oci-archive "$WORK/img/image.oci.tar" --output-file "$WORK/out.eif" \
    --blobs-dir "$B" --quiet --source-date-epoch 0 "${extra[@]}" > "$WORK/pcrs.json"
  local wall rss user sys
  read -r wall rss user sys < "$WORK/time.txt"
  echo "$wall $rss $(echo "$user + $sys" | bc)"
}

# Alternated rounds (floor, plain build, measured build), medians reported: the machine may be
# shared and its timings drift, so one pair of runs says little. CPU time (user+sys) is the
# steadier figure. Columns of rounds.txt: floor, floor CPU, then wall, RSS, CPU and ratio of each build.
ROUNDS="${ROUNDS:-5}"
: > "$WORK/rounds.txt"
for round in $(seq "$ROUNDS"); do
  /usr/bin/time -f '%e %U %S' -o "$WORK/floor.txt" bash -c \
    'for layer in "$1"/*.tar.gz; do gunzip -c "$layer" | sha384sum > /dev/null; done' _ "$WORK/img/layers"
  read -r floor floor_u floor_s < "$WORK/floor.txt"
  read -r plain_s plain_rss plain_cpu < <(build plain)
  read -r measured_s measured_rss measured_cpu < <(build measured)
  plain_ratio=$(echo "scale=2; $plain_s / $floor" | bc)
  measured_ratio=$(echo "scale=2; $measured_s / $floor" | bc)
  echo "$floor $(echo "$floor_u + $floor_s" | bc) $plain_s $plain_rss $plain_cpu $plain_ratio $measured_s $measured_rss $measured_cpu $measured_ratio" >> "$WORK/rounds.txt"
  echo "round $round: floor ${floor} s; build ${plain_s} s (ratio ${plain_ratio}), with --measurements-file ${measured_s} s (ratio ${measured_ratio}); RSS $((plain_rss / 1024)), $((measured_rss / 1024)) MiB" >&2
done
median() { cut -d' ' -f"$1" "$WORK/rounds.txt" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
highest() { cut -d' ' -f"$1" "$WORK/rounds.txt" | sort -g | tail -1; }
per_round() { cut -d' ' -f"$1" "$WORK/rounds.txt" | paste -sd' '; }
load=$(cut -d' ' -f1 /proc/loadavg)

uncompressed=$(for layer in "$WORK"/img/layers/*.tar.gz; do gunzip -c "$layer" | wc -c; done | awk '{s+=$1} END {print s}')
compressed=$(du -cb "$WORK"/img/layers/*.tar.gz | tail -1 | cut -f1)
eif_size=$(stat -c %s "$WORK/out.eif")
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores)"

{
  echo
  echo "## build-enclave ($(date -u +%Y-%m-%d))"
  echo
  echo "Machine: ${cpu}, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, Node $(node --version)."
  echo "Image: 3 layers, $((compressed / 1048576)) MiB compressed, $((uncompressed / 1048576)) MiB uncompressed; EIF $((eif_size / 1048576)) MiB."
  echo
  echo "| measure (median of ${ROUNDS} alternated rounds) | value |"
  echo "|---|---|"
  echo "| floor: gunzip -c each layer \\| sha384sum (wall / CPU) | $(median 1) s / $(median 2) s |"
  echo "| build-enclave (wall / CPU) | $(median 3) s / $(median 5) s |"
  echo "| **wall-time ratio, median (target ≤ 1.5)** | **$(median 6)** |"
  echo "| ratio per round | $(per_round 6) |"
  echo "| build-enclave --measurements-file (wall / CPU) | $(median 7) s / $(median 9) s |"
  echo "| its ratio, median | $(median 10) |"
  echo "| its ratio per round | $(per_round 10) |"
  echo "| load average at the end | ${load} |"
  echo "| peak RSS, highest round (target < 256 MiB) | $(( $(highest 4) / 1024 )) MiB; with --measurements-file $(( $(highest 8) / 1024 )) MiB |"
}
