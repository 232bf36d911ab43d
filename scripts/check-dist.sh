#!/usr/bin/env bash
# Fails when dist/ does not match a fresh bundle of src/ (the action and the CLI users run).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s build
if ! git diff --quiet -- dist; then
  echo "dist/ is stale: run 'npm run build' and commit dist/" >&2
  git diff --stat -- dist >&2
  exit 1
fi
if [ -n "$(git ls-files --others --exclude-standard -- dist)" ]; then
  echo "dist/ has files not committed: run 'npm run build' and commit dist/" >&2
  exit 1
fi
echo "dist/ is up to date"
