#!/usr/bin/env bash
# Runs every test: installs and starts Azurite (pinned, from package-lock.json) on loopback with
# a fresh data folder, builds the solution, runs all test projects, and prints one summary line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# The planning map tests render in Debian's chromium: install it once (a no-op when it is there).
bash "$root/functions/scripts/install-chromium.sh"

AZURITE_DATA="$(mktemp -d)"
export AZURITE_DATA
source "$root/functions/scripts/start-azurite.sh"
cleanup() {
  if [ -n "${AZURITE_PID:-}" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
  rm -rf "$AZURITE_DATA" || true
}
trap cleanup EXIT

log="$(mktemp)"
status=0
dotnet test "$root/Functions.sln" --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?

# One closing line for people and CI: the sums of every test project's "Failed: N, Passed: N, Skipped: N".
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
[ "$status" -eq 0 ] || echo "dotnet test exited with status $status (a build error or a failed test run; see above)"
exit "$status"
