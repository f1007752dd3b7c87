#!/usr/bin/env bash
# Runs the finder locally at http://127.0.0.1:7071/api with Azurite and the demo catalogue:
# `func start` when Azure Functions Core Tools are installed, the repository's local host otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="$root/functions/SiteFinder.Functions"

source "$root/functions/scripts/start-azurite.sh"
trap '[ -n "${AZURITE_PID:-}" ] && kill "$AZURITE_PID" 2>/dev/null || true' EXIT

# Core Tools and the local host both read local.settings.json beside the app; start from the sample,
# and add settings that the sample gained since the copy was made (existing values are kept).
node -e '
  const fs = require("fs");
  const [sample, target] = process.argv.slice(1);
  const base = JSON.parse(fs.readFileSync(sample, "utf8"));
  const mine = fs.existsSync(target) ? JSON.parse(fs.readFileSync(target, "utf8")) : { ...base, Values: {} };
  mine.Values = { ...base.Values, ...mine.Values };
  fs.writeFileSync(target, JSON.stringify(mine, null, 2) + "\n");
' "$root/local.settings.sample.json" "$app/local.settings.json"

if command -v func >/dev/null 2>&1; then
  cd "$app" && func start --port 7071
else
  dotnet run --project "$root/functions/SiteFinder.LocalHost" -- "$@"
fi
