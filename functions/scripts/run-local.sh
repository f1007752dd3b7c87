#!/usr/bin/env bash
# Runs the finder locally at http://127.0.0.1:7071/api with Azurite and the demo catalogue:
# `func start` when Azure Functions Core Tools are installed, the repository's local host otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="$root/functions/SiteFinder.Functions"

source "$root/functions/scripts/start-azurite.sh"
trap '[ -n "${AZURITE_PID:-}" ] && kill "$AZURITE_PID" 2>/dev/null || true' EXIT

# Core Tools and the local host both read local.settings.json beside the app; start from the sample.
[ -f "$app/local.settings.json" ] || cp "$root/local.settings.sample.json" "$app/local.settings.json"

if command -v func >/dev/null 2>&1; then
  cd "$app" && func start --port 7071
else
  dotnet run --project "$root/functions/SiteFinder.LocalHost" -- "$@"
fi
