#!/usr/bin/env bash
# The one test command (`npm test`): typecheck, lint, unit tests, then the real infra (install + up,
# stopped again on exit if this script started it), integration tests, and the dist/ freshness check.
# Exits non-zero if any step fails; prints one summary line last.
# NITRO_SKIP_INTEGRATION=1 skips the infra and integration steps (refused when CI=true).
set -uo pipefail
cd "$(dirname "$0")/.."

export NITRO_INFRA_RUN="${NITRO_INFRA_RUN:-/tmp/nitro-eif-infra}"
RESULTS=()
FAILED=0

step() { # NAME CMD...: runs CMD, records "NAME ok|FAIL (Ns)"
  local name="$1" start=$SECONDS rc; shift
  echo "::group::$name" >&2
  "$@"; rc=$?
  echo "::endgroup::" >&2
  if [ "$rc" = 0 ]; then RESULTS+=("$name ok ($((SECONDS - start))s)"); else
    RESULTS+=("$name FAIL ($((SECONDS - start))s)"); FAILED=1; echo "test.sh: step '$name' failed (exit $rc)" >&2; fi
  return "$rc"
}

integration() { # runs the integration suite with the env file from up.sh
  # shellcheck disable=SC1091
  (. "$NITRO_INFRA_RUN/env" && exec npx vitest run --config vitest.config.itg.ts \
    --reporter=default --reporter=json --outputFile.json="$REPORTS/integration.json")
}

STARTED_INFRA=0
stop_infra() { if [ "$STARTED_INFRA" = 1 ]; then bash scripts/infra/down.sh; fi; }
trap stop_infra EXIT

step typecheck npx tsc --noEmit
step lint npx eslint src test
REPORTS="$(mktemp -d)"
step unit npx vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile.json="$REPORTS/unit.json"

if [ "${NITRO_SKIP_INTEGRATION:-}" = 1 ] && [ "${CI:-}" != true ]; then
  RESULTS+=("integration SKIPPED (NITRO_SKIP_INTEGRATION=1)")
else
  if step infra-install bash scripts/infra/install.sh; then
    bash scripts/infra/up.sh --status || STARTED_INFRA=1
    step infra-up bash scripts/infra/up.sh && step integration integration
  else
    RESULTS+=("integration FAIL (no infra)"); FAILED=1
  fi
fi

step check-dist bash scripts/check-dist.sh

# The plain closing line CI reads: test counts over both vitest runs.
COUNTS="$(node scripts/test-counts.mjs "$REPORTS"/*.json)" || COUNTS="0 passed, 1 failed"
rm -rf "$REPORTS"
SUMMARY="$(printf '%s; ' "${RESULTS[@]}")"
if [ "$FAILED" = 0 ]; then echo "test.sh: PASS: ${SUMMARY%; }"; else echo "test.sh: FAIL: ${SUMMARY%; }"; fi
echo "$COUNTS"
exit "$FAILED"
