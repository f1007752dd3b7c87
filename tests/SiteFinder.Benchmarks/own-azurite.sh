#!/usr/bin/env bash
# Sourced by the service benchmarks (run-http.sh, run-startup.sh, run-load.sh): a scratch folder, two
# free loopback ports (table_port for Azurite, port for the app) and an Azurite of the benchmark's own
# on a fresh data folder, so that no other Azurite's data or load is measured. The caller sets
# host_pid when it starts the app; both processes and the folder go when the script exits.
# Also app_runtime_env, the runtime settings Azure gives the app (app-runtime.env), for the caller to put
# in the environment of every start of the host. Expects $root (the repository).

runtime_file="$(dirname "${BASH_SOURCE[0]}")/app-runtime.env"
[ -f "$runtime_file" ] || { echo "$runtime_file is missing" >&2; exit 1; }
mapfile -t app_runtime_env < <(grep -Ev '^[[:space:]]*(#|$)' "$runtime_file")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work="$(mktemp -d)"
table_port="$(free_port)"
port="$(free_port)"
azurite_pid=""; host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work" || true
}
trap cleanup EXIT

azurite="$root/functions/scripts/azurite/node_modules/.bin/azurite-table"
[ -x "$azurite" ] || (cd "$root/functions/scripts/azurite" && npm ci --silent)
"$azurite" --tableHost 127.0.0.1 --tablePort "$table_port" --location "$work/azurite" --silent --skipApiVersionCheck --loose >/dev/null 2>&1 &
azurite_pid=$!
