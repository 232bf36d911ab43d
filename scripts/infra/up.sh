#!/usr/bin/env bash
# Starts containerd + dockerd (containerd snapshotter, no network plumbing, own sockets) and a moto S3
# server on a free loopback port, from the private root made by install.sh, then writes $RUN/env for
# tests to source. Safe to run twice: a running stack is reused. `up.sh --status` only checks.
# Stop with down.sh (by PID files).
# The engine's data (containerd's snapshots, dockerd's data root) go to NITRO_INFRA_DATA, default the
# run dir. It must be able to hold overlay layers: not overlayfs itself (a container's root file
# system), where every RUN step would fail with "overlay ... not supported as upperdir".
set -euo pipefail

CACHE="${NITRO_INFRA_CACHE:-$HOME/.cache/nitro-eif-build/infra}"
ROOT="$CACHE/root"
RUN="${NITRO_INFRA_RUN:-/tmp/nitro-eif-infra}"
DATA="${NITRO_INFRA_DATA:-$RUN}"
HERE="$(cd "$(dirname "$0")" && pwd)"
BIN_PATH="$ROOT/usr/sbin:$ROOT/usr/bin"
export PATH="$BIN_PATH:$PATH"

die() { echo "infra/up: error: $*" >&2; exit 1; }

# alive NAME: its PID file names a live process whose command line mentions NAME.
alive() {
  local pid
  pid="$(cat "$RUN/$1.pid" 2>/dev/null)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$1"
}

# wait_for SECONDS WHAT CMD...: polls CMD every 0.2 s.
wait_for() {
  local limit=$(($1 * 5)) what="$2" i; shift 2
  for ((i = 0; i < limit; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

start() { # NAME LOG CMD...: starts CMD detached in its own session, records its PID.
  local name="$1" log="$2"; shift 2
  setsid "$@" </dev/null >"$log" 2>&1 &
  echo $! >"$RUN/$name.pid"
}

docker_ok() { DOCKER_HOST="unix://$RUN/docker.sock" DOCKER_CONFIG="$RUN/docker-config" docker version; }
moto_ok() {
  /usr/bin/python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "http://127.0.0.1:$(cat "$RUN/moto.port")/"
}

status() { alive containerd && alive dockerd && alive moto && docker_ok && moto_ok; }

# The data dir's file system, refused when it cannot be an overlay upper dir.
check_data_dir() {
  mkdir -p "$DATA"
  local fs
  fs="$(stat -f -c %T "$DATA")"
  case "$fs" in
    overlayfs | overlay | aufs | fuse.fuse-overlayfs)
      die "engine data dir $DATA is on $fs (a container's root file system?), which cannot hold overlay layers; set NITRO_INFRA_DATA (or NITRO_INFRA_RUN) to a directory on ext4, xfs, btrfs or tmpfs, e.g. a bind mount or \$RUNNER_TEMP in a CI container" ;;
  esac
  echo "infra/up: engine data in $DATA ($fs)" >&2
}

start_containerd() {
  alive containerd && return 0
  mkdir -p "$DATA/containerd/root" "$RUN/containerd/state"
  start containerd "$RUN/containerd.log" containerd --root "$DATA/containerd/root" --state "$RUN/containerd/state" \
    --address "$RUN/containerd.sock"
  wait_for 30 containerd ctr --address "$RUN/containerd.sock" version \
    || die "containerd not ready after 30 s; see $RUN/containerd.log"
}

start_dockerd() {
  alive dockerd && return 0
  mkdir -p "$DATA/docker/data" "$RUN/docker/exec"
  echo '{"features":{"containerd-snapshotter":true}}' >"$RUN/daemon.json"
  start dockerd "$RUN/dockerd.log" dockerd --config-file "$RUN/daemon.json" --containerd "$RUN/containerd.sock" \
    --data-root "$DATA/docker/data" --exec-root "$RUN/docker/exec" --pidfile "$RUN/docker/dockerd.pid" \
    --host "unix://$RUN/docker.sock" --iptables=false --ip6tables=false --bridge=none --ip-forward=false --ip-masq=false
  wait_for 60 dockerd docker_ok || die "dockerd not ready after 60 s; see $RUN/dockerd.log"
}

start_moto() {
  alive moto && moto_ok && return 0
  local port
  port="$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  echo "$port" >"$RUN/moto.port"
  start moto "$RUN/moto.log" env PYTHONPATH="$ROOT/usr/lib/python3/dist-packages" \
    /usr/bin/python3 -m moto.server -H 127.0.0.1 -p "$port"
  wait_for 30 moto moto_ok || die "moto not ready after 30 s on port $port; see $RUN/moto.log"
}

write_env() {
  local tmp="$RUN/env.tmp"
  cat >"$tmp" <<ENV
export DOCKER_HOST='unix://$RUN/docker.sock'
export DOCKER_CONFIG='$RUN/docker-config'
export NITRO_TEST_S3_ENDPOINT='http://127.0.0.1:$(cat "$RUN/moto.port")'
export NITRO_TEST_COSIGN='$ROOT/usr/bin/cosign'
export NITRO_TEST_BUSYBOX='$ROOT/bin/busybox'
export NITRO_TEST_BUSYBOX_ARM64='$ROOT-arm64/bin/busybox'
export PATH='$BIN_PATH':"\$PATH"
ENV
  mv "$tmp" "$RUN/env"
}

main() {
  if [ "${1:-}" = --status ]; then status >/dev/null 2>&1; exit; fi
  [ -x "$ROOT/usr/sbin/dockerd" ] || die "infra not installed under $ROOT: run scripts/infra/install.sh first"
  mkdir -p "$RUN/docker-config/cli-plugins"
  ln -sf "$ROOT/usr/libexec/docker/cli-plugins/docker-buildx" "$RUN/docker-config/cli-plugins/docker-buildx"
  [ -f "$RUN/docker-config/config.json" ] || echo '{}' >"$RUN/docker-config/config.json"
  alive containerd && alive dockerd || check_data_dir
  start_containerd
  start_dockerd
  start_moto
  write_env
  DOCKER_HOST="unix://$RUN/docker.sock" DOCKER_CONFIG="$RUN/docker-config" docker buildx version >/dev/null \
    || die "docker buildx plugin not usable"
}
main "$@"
