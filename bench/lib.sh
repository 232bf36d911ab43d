# Shared by the bench scripts (sourced): synthetic blobs, timing and the per-round report.

# Synthetic blobs in nitro-cli's layout (never AWS's binaries): bench_blobs DIR.
bench_blobs() {
  mkdir -p "$1"
  head -c 8388608 /dev/urandom > "$1/bzImage"
  printf '#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86_64 4.14.256-209.484.amzn2.x86_64 Kernel Configuration\n' > "$1/bzImage.config"
  printf 'reboot=k panic=30 pci=off nomodules console=ttyS0\n' > "$1/cmdline"
  head -c 742968 /dev/urandom > "$1/init"
  head -c 20504 /dev/urandom > "$1/nsm.ko"
}

# A build context for the image-build benchmarks: bench_context DIR MIB writes DIR/data (half
# incompressible, half text, in files of 256 KiB to 4 MiB over a few directories) and DIR/Dockerfile
# (`ARG BASE`, `FROM ${BASE}`, the data copied to /app/data/, a CMD).
bench_context() {
  mkdir -p "$1/data"
  node --input-type=module -e '
import { writeFileSync, mkdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
const [dir, mib] = process.argv.slice(1);
let left = Number(mib) * 1048576;
for (let i = 0; left > 0; i++) {
  const size = Math.min(left, 262144 + (i * 7919 % 16) * 262144);
  const sub = `${dir}/d${i % 8}`;
  mkdirSync(sub, { recursive: true });
  const data = i % 2 ? randomBytes(size) : Buffer.from("enclave measure attest ".repeat(Math.ceil(size / 23)).slice(0, size));
  writeFileSync(`${sub}/f${i}.bin`, data);
  left -= size;
}' "$1/data" "$2"
  printf 'ARG BASE\nFROM ${BASE}\nCOPY data/ /app/data/\nCMD ["/bin/sh"]\n' > "$1/Dockerfile"
}

# Runs a command, prints "wall cpu peak_rss_kib" (cpu = user+sys of the process and its children);
# its output is dropped unless it fails (then it is shown and nothing is printed, which stops the
# caller's `read`).
bench_time() {
  local out log; out="$(mktemp)"; log="$(mktemp)"
  if ! /usr/bin/time -f '%e %U %S %M' -o "$out" "$@" > "$log" 2>&1; then
    echo "failed: $*" >&2; tail -20 "$log" >&2; rm -f "$out" "$log"; return 1
  fi
  local wall user sys rss
  read -r wall user sys rss < "$out"
  rm -f "$out" "$log"
  echo "$wall $(echo "$user + $sys" | bc) $rss"
}

# bench_ratio A B: A / B to two decimals.
bench_ratio() { echo "scale=2; $1 / $2" | bc; }

# bench_summary LABEL FILE COLUMN: "LABEL: median M (min–max over N rounds: v1 v2 …)".
bench_summary() {
  local values; values="$(cut -d' ' -f"$3" "$2" | sort -g)"
  local median; median="$(echo "$values" | awk '{v[NR]=$1} END {printf "%.2f", (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}')"
  echo "$1: median ${median} (spread $(echo "$values" | head -1)–$(echo "$values" | tail -1), rounds: $(cut -d' ' -f"$3" "$2" | paste -sd' '))"
}

bench_machine() {
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, Node $(node --version), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
}
