#!/usr/bin/env bash
# build-enclave benchmark: a synthetic ~1 GiB multi-layer OCI image → EIF with the bundled CLI and
# synthetic blobs, timed against the floor `gunzip -c LAYER | sha384sum` of the same layers in the
# same run (ROUNDS alternated rounds, default 5, medians), with the builder's peak RSS. Appends a
# section to docs/benchmarks.md and removes the generated data. Usage: bench/build.sh [TOTAL_MIB] (default 1024). Needs dist/cli.js (npm run build).
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

# Alternated rounds (floor, then build), medians reported: the machine may be shared and its
# timings drift, so one pair of runs says little. CPU time (user+sys) is the steadier figure.
ROUNDS="${ROUNDS:-5}"
: > "$WORK/rounds.txt"
for round in $(seq "$ROUNDS"); do
  /usr/bin/time -f '%e %U %S' -o "$WORK/floor.txt" bash -c \
    'for layer in "$1"/*.tar.gz; do gunzip -c "$layer" | sha384sum > /dev/null; done' _ "$WORK/img/layers"
  rm -f "$WORK/out.eif"
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" \
    node dist/cli.js build-enclave --oci-archive "$WORK/img/image.oci.tar" --output-file "$WORK/out.eif" \
    --blobs-dir "$B" --quiet --source-date-epoch 0 > "$WORK/measurements.json"
  read -r floor floor_u floor_s < "$WORK/floor.txt"
  read -r build_s rss_kib build_u build_s_sys < "$WORK/time.txt"
  echo "$floor $(echo "$floor_u + $floor_s" | bc) $build_s $(echo "$build_u + $build_s_sys" | bc) $rss_kib $(echo "scale=2; $build_s / $floor" | bc)" >> "$WORK/rounds.txt"
  echo "round $round: floor ${floor} s, build ${build_s} s, ratio $(tail -1 "$WORK/rounds.txt" | cut -d' ' -f6), RSS $((rss_kib / 1024)) MiB" >&2
done
median() { cut -d' ' -f"$1" "$WORK/rounds.txt" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
floor=$(median 1); floor_cpu=$(median 2); build_s=$(median 3); build_cpu=$(median 4)
ratio=$(median 6)
ratios=$(cut -d' ' -f6 "$WORK/rounds.txt" | paste -sd' ')
rss_kib=$(cut -d' ' -f5 "$WORK/rounds.txt" | sort -g | tail -1)
load=$(cut -d' ' -f1 /proc/loadavg)

uncompressed=$(for layer in "$WORK"/img/layers/*.tar.gz; do gunzip -c "$layer" | wc -c; done | awk '{s+=$1} END {print s}')
compressed=$(du -cb "$WORK"/img/layers/*.tar.gz | tail -1 | cut -f1)
eif_size=$(stat -c %s "$WORK/out.eif")
rss_mib=$((rss_kib / 1024))
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
  echo "| floor: gunzip -c each layer \\| sha384sum (wall / CPU) | ${floor} s / ${floor_cpu} s |"
  echo "| nitro-eif build-enclave (wall / CPU) | ${build_s} s / ${build_cpu} s |"
  echo "| wall-time ratio, median (target ≤ 1.5) | ${ratio} |"
  echo "| ratio per round | ${ratios} |"
  echo "| load average at the end | ${load} |"
  echo "| peak RSS, highest round (target < 256 MiB) | ${rss_mib} MiB |"
} | tee -a docs/benchmarks.md
