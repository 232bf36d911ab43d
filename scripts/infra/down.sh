#!/usr/bin/env bash
# Stops what up.sh started, by the PID files in $RUN (dockerd before containerd). Safe to run twice.
set -uo pipefail

RUN="${NITRO_INFRA_RUN:-/tmp/nitro-eif-infra}"

stop() { # NAME: SIGTERM, wait up to 20 s, then SIGKILL; only if the PID still runs NAME.
  local pidfile="$RUN/$1.pid" pid i
  pid="$(cat "$pidfile" 2>/dev/null)" || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$1"; then
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && { echo "infra/down: $1 ($pid) ignored SIGTERM; killing" >&2; kill -KILL "$pid"; }
  fi
  rm -f "$pidfile"
}

stop moto
stop dockerd
stop containerd
rm -f "$RUN/env"
