#!/usr/bin/env bash
# Installs the real components the integration tests need (Docker engine + BuildKit, moto S3 server,
# cosign, busybox-static, and busybox-static for arm64) without touching the system's apt state: packages from other Debian suites
# are fetched with a private apt state dir and unpacked with `dpkg -x` into a private root under the
# cache dir. Only moto's bookworm Python deps (and git, if missing) are installed system-wide with
# apt-get, because moto runs on the system python. Idempotent and quiet on success.
set -euo pipefail

CACHE="${NITRO_INFRA_CACHE:-$HOME/.cache/nitro-eif-build/infra}"
ROOT="$CACHE/root"
DEBS="$CACHE/debs"
APT="$CACHE/apt"
LOG="$CACHE/install.log"

# Packages unpacked into $ROOT, as NAME/SUITE. Changing this list invalidates the stamp.
UNPACKED=(
  docker.io/trixie docker-cli/trixie containerd/trixie docker-buildx/sid runc/bookworm cosign/trixie busybox-static/bookworm
  python3-moto/trixie python3-boto3/trixie python3-botocore/trixie python3-s3transfer/trixie
  python3-responses/trixie python3-antlr4/trixie
)
# moto's bookworm deps, installed with apt-get for /usr/bin/python3 (module names checked first).
PY_DEBS=(python3-flask python3-werkzeug python3-cryptography python3-requests python3-xmltodict python3-yaml
  python3-dateutil python3-jmespath python3-urllib3 python3-flask-cors)
PY_MODULES="flask, werkzeug, cryptography, requests, xmltodict, yaml, dateutil, jmespath, urllib3, flask_cors"

die() { echo "infra/install: error: $*" >&2; [ -s "$LOG" ] && { echo "--- last lines of $LOG:" >&2; tail -n 20 "$LOG" >&2; }; exit 1; }
retry() { local n; for n in 1 2 3; do "$@" >>"$LOG" 2>&1 && return 0; echo "retry $n: $*" >>"$LOG"; sleep $((n * 3)); done; return 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    die "need root (or passwordless sudo) to apt-get install: $*"; fi
}

# The machine's own Debian mirror (never hard-coded): first deb URI in /etc/apt/sources.list* serving
# the machine's codename. Prints "URI|SIGNED_BY".
debian_source() {
  local codename f
  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  [ -n "$codename" ] || die "cannot read VERSION_CODENAME from /etc/os-release"
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v c="$codename" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " c " ") && uri != "") { print uri "|" sb; found=1; exit } }
      /^[ \t]*$/ { flush(); types=""; uri=""; suites=""; sb=""; next }
      /^Types:/ { sub(/^Types:[ \t]*/, ""); types=$0 }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites=$0 }
      /^Signed-By:/ { sb=$2 }
      END { if (!found) flush() }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v c="$codename" '$1 == "deb" { i = 2; sb = ""; if ($2 ~ /^\[/) { for (; i <= NF; i++) { if ($i ~ /signed-by=/) { sb = $i; sub(/.*signed-by=/, "", sb); sub(/\]$/, "", sb) } if ($i ~ /\]$/) { i++; break } } }
      if ($(i + 1) == c) { print $i "|" sb; exit } }' "$f"
  done
}

LISTS_READY=0
apt_private() { # SOURCES_FILE ARGS...
  local src="$1"; shift
  apt-get -q -y -o Dir::State::Lists="$APT/lists" -o Dir::Etc::SourceList="$src" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= -o Dir::Cache::Archives="$APT/archives" \
    -o Acquire::Languages=none -o APT::Get::List-Cleanup=false -o Acquire::Retries=3 -o Acquire::http::Timeout=30 "$@"
}
ensure_lists() {
  [ "$LISTS_READY" = 1 ] && return 0
  require_debian
  local line uri sb arch codename suite
  line="$(debian_source | head -n 1)"
  [ -n "$line" ] || die "no Debian source line found in /etc/apt/sources.list*"
  uri="${line%%|*}"; sb="${line#*|}"; arch="$(dpkg --print-architecture)"
  codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
  local opts="arch=$arch${sb:+ signed-by=$sb}"
  mkdir -p "$APT/lists/partial" "$APT/archives/partial"
  : >"$APT/all.list"
  for suite in "$codename" "$codename-updates" trixie sid; do echo "deb [$opts] $uri $suite main" >>"$APT/all.list"; done
  printf 'deb [%s] %s %s main\ndeb [%s] %s %s-updates main\n' "$opts" "$uri" "$codename" "$opts" "$uri" "$codename" >"$APT/native.list"
  retry apt_private "$APT/all.list" update || die "apt-get update (private state in $APT) failed"
  LISTS_READY=1
}

install_unpacked() {
  local stamp="$ROOT/.complete-$(echo "${UNPACKED[*]}" | sha256sum | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  mkdir -p "$DEBS"
  local spec name deb
  for spec in "${UNPACKED[@]}"; do
    name="${spec%/*}"
    deb="$(ls "$DEBS/${name}_"*.deb 2>/dev/null | head -n 1 || true)"
    if [ -z "$deb" ]; then
      ensure_lists
      (cd "$DEBS" && retry apt_private "$APT/all.list" download "$spec") || die "apt-get download $spec failed"
    fi
  done
  rm -rf "$ROOT.tmp"; mkdir -p "$ROOT.tmp"
  for deb in "$DEBS"/*.deb; do dpkg -x "$deb" "$ROOT.tmp" || die "dpkg -x $deb failed"; done
  rm -rf "$ROOT"; mv "$ROOT.tmp" "$ROOT"
  local bin
  for bin in usr/sbin/dockerd usr/bin/docker usr/bin/containerd usr/sbin/runc usr/bin/cosign bin/busybox \
    usr/libexec/docker/cli-plugins/docker-buildx; do
    [ -x "$ROOT/$bin" ] || die "expected $ROOT/$bin after unpacking"
  done
  touch "$stamp"
}

# busybox-static for arm64 (the arm64 base image of the aarch64 EIF tests: static files only, never
# run here), unpacked into its own root so the list above and its stamp stay as they are.
ARM64_ROOT="$CACHE/root-arm64"
ARM64_SPEC=busybox-static:arm64/bookworm
install_arm64_busybox() {
  local stamp="$ARM64_ROOT/.complete-$(echo "$ARM64_SPEC" | sha256sum | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  # Its own debs directory: install_unpacked unpacks every .deb in $DEBS.
  local line uri sb codename list="$APT/arm64.list" deb debs="$CACHE/debs-arm64"
  deb="$(ls "$debs/busybox-static_"*_arm64.deb 2>/dev/null | head -n 1 || true)"
  if [ -z "$deb" ]; then
    line="$(debian_source | head -n 1)"
    [ -n "$line" ] || die "no Debian source line found in /etc/apt/sources.list*"
    uri="${line%%|*}"; sb="${line#*|}"; codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
    mkdir -p "$APT/lists-arm64/partial" "$APT/archives/partial" "$debs"
    echo "deb [arch=arm64${sb:+ signed-by=$sb}] $uri bookworm main" >"$list"
    local arm=(-o Dir::State::Lists="$APT/lists-arm64" -o APT::Architectures::=arm64)
    retry apt_private "$list" "${arm[@]}" update || die "apt-get update (arm64 list) failed"
    (cd "$debs" && retry apt_private "$list" "${arm[@]}" download "$ARM64_SPEC") || die "apt-get download $ARM64_SPEC failed"
    deb="$(ls "$debs/busybox-static_"*_arm64.deb | head -n 1)"
  fi
  rm -rf "$ARM64_ROOT.tmp"; mkdir -p "$ARM64_ROOT.tmp"
  dpkg -x "$deb" "$ARM64_ROOT.tmp" || die "dpkg -x $deb failed"
  [ -f "$ARM64_ROOT.tmp/bin/busybox" ] || die "expected bin/busybox in $deb"
  rm -rf "$ARM64_ROOT"; mv "$ARM64_ROOT.tmp" "$ARM64_ROOT"
  touch "$stamp"
}

install_system() {
  local pkgs=()
  /usr/bin/python3 -c "import $PY_MODULES" 2>/dev/null || pkgs+=("${PY_DEBS[@]}")
  command -v git >/dev/null || pkgs+=(git)
  [ "${#pkgs[@]}" = 0 ] && return 0
  [ -x /usr/bin/python3 ] || pkgs+=(python3)
  ensure_lists
  export DEBIAN_FRONTEND=noninteractive
  retry as_root apt-get -q -y -o Dir::State::Lists="$APT/lists" -o Dir::Etc::SourceList="$APT/native.list" \
    -o Dir::Etc::SourceParts=/dev/null -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
    -o Dir::Cache::Archives="$APT/archives" -o Acquire::Retries=3 -o Acquire::http::Timeout=30 install --no-install-recommends "${pkgs[@]}" \
    || die "apt-get install ${pkgs[*]} failed"
  /usr/bin/python3 -c "import $PY_MODULES" >>"$LOG" 2>&1 || die "moto's Python deps still missing after apt-get install"
}

# Debian itself: the packages come from Debian's archive (trixie, sid) through the machine's own Debian
# mirror. Ubuntu and other derivatives name other suites on other mirrors.
require_debian() {
  local id version
  id="$(. /etc/os-release 2>/dev/null && echo "${ID:-}")"
  version="$(. /etc/os-release 2>/dev/null && echo "${VERSION_ID:-}")"
  [ "$id" = debian ] || die "needs Debian (this is ${id:-an unknown system}${version:+ $version}): the packages come from Debian's archive; run in a Debian container (e.g. debian:bookworm, as .github/workflows/ci.yml does)"
}

main() {
  mkdir -p "$CACHE"; : >"$LOG"
  command -v apt-get >/dev/null && command -v dpkg >/dev/null || die "needs a Debian machine (apt-get, dpkg)"
  install_unpacked
  install_arm64_busybox
  install_system
  PYTHONPATH="$ROOT/usr/lib/python3/dist-packages" /usr/bin/python3 -c 'import moto.server' >>"$LOG" 2>&1 \
    || die "moto does not import on /usr/bin/python3"
}
main "$@"
