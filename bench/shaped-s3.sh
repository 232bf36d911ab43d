#!/usr/bin/env bash
# Runs a store benchmark against an S3 server behind a link of a given rate, as a remote S3 is:
#   RATE=1gbit bash bench/shaped-s3.sh bench/pull.sh 512
#   RATE=1gbit bash bench/shaped-s3.sh bench/push.sh 512
# The command runs in a private network namespace (unshare -n, so root is needed) whose loopback is
# shaped to RATE with tc's token bucket filter, with its own moto S3 server on that loopback. Both the
# plain transfer and nitro-eif's go through the same link in the same run, so the ratio says whether
# nitro-eif keeps up with the download or upload where the network, not the local server, is the limit.
# Needs the test infra installed (bash scripts/infra/install.sh) and dist/cli.js. RATE default 1gbit
# (about 119 MiB/s, near one S3 stream's rate inside an AWS region); BURST default 256kb.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: RATE=1gbit bash bench/shaped-s3.sh BENCH_SCRIPT [ARGS...]" >&2; exit 2; }
RATE="${RATE:-1gbit}"
BURST="${BURST:-256kb}"
ROOT="${NITRO_INFRA_CACHE:-$HOME/.cache/nitro-eif-build/infra}/root"
[ -d "$ROOT/usr/lib/python3/dist-packages/moto" ] || { echo "moto is not installed: bash scripts/infra/install.sh" >&2; exit 2; }
command -v tc > /dev/null || { echo "tc (iproute2) is needed" >&2; exit 2; }

if [ -z "${NITRO_SHAPED_NS:-}" ]; then
  exec unshare --net --fork env NITRO_SHAPED_NS=1 bash "$0" "$@"
fi

# Inside the namespace: shape the loopback, start moto on it, run the benchmark, stop moto.
ip link set lo up
tc qdisc add dev lo root tbf rate "$RATE" burst "$BURST" latency 50ms
PORT=4566
LOG="$(mktemp "${TMPDIR:-/tmp}/nitro-shaped-moto.XXXXXX")"
PYTHONPATH="$ROOT/usr/lib/python3/dist-packages" /usr/bin/python3 -m moto.server -H 127.0.0.1 -p "$PORT" > "$LOG" 2>&1 &
MOTO=$!
trap 'kill "$MOTO" 2> /dev/null; wait "$MOTO" 2> /dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 150); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.2
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/" || { echo "moto did not start; its log:" >&2; cat "$LOG" >&2; exit 1; }
echo "link: loopback shaped to $RATE (tc tbf, burst $BURST); moto on 127.0.0.1:$PORT"
unset NITRO_TEST_S3_ENDPOINT
AWS_ENDPOINT_URL_S3="http://127.0.0.1:$PORT" bash "$@"
