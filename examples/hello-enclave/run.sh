#!/bin/sh
# Entry point inside the enclave: get the app's keys from the dstack KMS, then start the app.
# KMS_URL and APP_ID are baked into the image (they change PCR2, so the KMS sees them measured).
set -eu
echo "hello from a Nitro Enclave"
if [ -n "${KMS_URL:-}" ]; then
  /app/dstack-util get-keys --kms-url "$KMS_URL" ${APP_ID:+--app-id "$APP_ID"} -o /tmp/keys.json
  echo "keys received"
fi
while :; do sleep 3600; done
