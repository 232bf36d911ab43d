#!/usr/bin/env bash
# Makes a tiny local base image from Debian's busybox-static (no registry), loads it into the engine
# named by DOCKER_HOST and prints the pinned reference to use in a FROM line: NAME@sha256:DIGEST.
# The OCI archive is built byte-for-byte deterministically (fixed times, sorted tar), so the digest
# depends only on the busybox binary. Usage: base-image.sh [NAME:TAG] [amd64|arm64] (default
# nitro-test/busybox:1 amd64). Needs NITRO_TEST_BUSYBOX (or the install.sh root; for arm64
# NITRO_TEST_BUSYBOX_ARM64 or install.sh's root-arm64) and a running engine (source $RUN/env first).
# The arm64 busybox cannot run here, so that image has /bin/busybox and /bin/sh only.
set -euo pipefail

NAME="${1:-nitro-test/busybox:1}"
ARCH="${2:-amd64}"
REPO="${NAME%:*}"
CACHE="${NITRO_INFRA_CACHE:-$HOME/.cache/nitro-eif-build/infra}"
die() { echo "infra/base-image: error: $*" >&2; exit 1; }
case "$ARCH" in
  amd64) BUSYBOX="${NITRO_TEST_BUSYBOX:-$CACHE/root/bin/busybox}" ;;
  arm64) BUSYBOX="${NITRO_TEST_BUSYBOX_ARM64:-$CACHE/root-arm64/bin/busybox}" ;;
  *) die "architecture must be amd64 or arm64, got $ARCH" ;;
esac
[ -x "$BUSYBOX" ] || die "no busybox at $BUSYBOX: run scripts/infra/install.sh"
[ "$REPO" != "$NAME" ] || die "give NAME:TAG, e.g. nitro-test/busybox:1"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TAR=(tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu)

# Root filesystem: /bin/busybox, one symlink per applet, /tmp.
umask 022
mkdir -p "$WORK/rootfs/bin" "$WORK/rootfs/tmp" "$WORK/oci/blobs/sha256"
chmod 1777 "$WORK/rootfs/tmp"
cp "$BUSYBOX" "$WORK/rootfs/bin/busybox"; chmod 755 "$WORK/rootfs/bin/busybox"
if [ "$ARCH" = amd64 ]; then
  for applet in $("$BUSYBOX" --list); do [ "$applet" = busybox ] || ln -s busybox "$WORK/rootfs/bin/$applet"; done
else
  ln -s busybox "$WORK/rootfs/bin/sh"
fi
"${TAR[@]}" -C "$WORK/rootfs" -cf "$WORK/layer.tar" .

blob() { # FILE -> moves it into blobs/, prints its sha256 hex
  local d; d="$(sha256sum "$1" | cut -d' ' -f1)"; mv "$1" "$WORK/oci/blobs/sha256/$d"; echo "$d"
}
size() { stat -c %s "$WORK/oci/blobs/sha256/$1"; }

layer="$(blob "$WORK/layer.tar")"
printf '%s' '{"architecture":"'"$ARCH"'","config":{"Cmd":["/bin/sh"],"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},"created":"1970-01-01T00:00:00Z","history":[{"created":"1970-01-01T00:00:00Z","created_by":"busybox-static base (nitro-eif-build tests)"}],"os":"linux","rootfs":{"diff_ids":["sha256:'"$layer"'"],"type":"layers"}}' >"$WORK/config.json"
config="$(blob "$WORK/config.json")"
printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:'"$config"'","size":'"$(size "$config")"'},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:'"$layer"'","size":'"$(size "$layer")"'}]}' >"$WORK/manifest.json"
manifest="$(blob "$WORK/manifest.json")"
printf '%s' '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:'"$manifest"'","size":'"$(size "$manifest")"',"annotations":{"io.containerd.image.name":"docker.io/'"$NAME"'","org.opencontainers.image.ref.name":"'"${NAME##*:}"'"},"platform":{"architecture":"'"$ARCH"'","os":"linux"}}]}' >"$WORK/oci/index.json"
printf '%s' '{"imageLayoutVersion":"1.0.0"}' >"$WORK/oci/oci-layout"
"${TAR[@]}" -C "$WORK/oci" -cf "$WORK/image.tar" .

docker load -q -i "$WORK/image.tar" >/dev/null || die "docker load failed (is DOCKER_HOST set and the engine up?)"
# BuildKit resolves NAME@digest locally only once the manifest carries a distribution-source label for
# the repository; resolving the tag once through BuildKit adds it (no network involved).
printf 'FROM %s\n' "$NAME" >"$WORK/Dockerfile"
docker buildx build -q --network none --platform "linux/$ARCH" --output type=cacheonly -f "$WORK/Dockerfile" "$WORK/rootfs/tmp" >/dev/null 2>"$WORK/prime.log" \
  || { cat "$WORK/prime.log" >&2; die "priming $NAME through BuildKit failed"; }
echo "$REPO@sha256:$manifest"
