#!/usr/bin/env bash
# Installs the pinned Azurite (npm ci, from package-lock.json) and starts its table, blob and queue
# services on loopback unless something already answers there. Sourced by run-local.sh and
# tests/run-all.sh; sets AZURITE_PID when it started one.
set -euo pipefail

azurite_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/azurite" && pwd)"
azurite_data="${AZURITE_DATA:-$azurite_dir/.data}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Installed even when another Azurite answers: the outage tests start Azurites of their own from this copy.
if [ ! -x "$azurite_dir/node_modules/.bin/azurite" ]; then
  echo "Installing Azurite from package-lock.json..."
  (cd "$azurite_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

if port_open 10002; then
  echo "Azurite (or another table endpoint) already answers on 127.0.0.1:10002; using it."
else
  mkdir -p "$azurite_data"
  "$azurite_dir/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --location "$azurite_data" >"$azurite_data/azurite.log" 2>&1 &
  AZURITE_PID=$!
  export AZURITE_PID
  for _ in $(seq 1 100); do
    port_open 10002 && break
    sleep 0.2
  done
  port_open 10002 || { echo "Azurite did not start; see $azurite_data/azurite.log" >&2; exit 1; }
  echo "Azurite started (pid $AZURITE_PID), data in $azurite_data"
fi
