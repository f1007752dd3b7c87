#!/usr/bin/env bash
# Renders the README's coverage map: the demo catalogue and ../shared/data's places and districts at
# Thursday 2026-12-03 10:00, drawn by the app's own CoverageMap (as GET /api/planning/coverage.svg
# draws it), then photographed by headless chromium. Usage: render-map.sh [DATA_DIR] [OUT.png]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
data="${1:-$root/../shared/data}"
out="${2:-$root/functions/docs/planning-coverage.png}"
bash "$root/functions/scripts/install-chromium.sh"
svg="$(mktemp --suffix=.svg)"
trap 'rm -f "$svg"' EXIT
dotnet run -c Release --project "$root/tests/SiteFinder.Benchmarks" -- planning-map "$data" "$svg"
size="$(grep -o 'width="[0-9]*" height="[0-9]*"' "$svg" | head -1 | tr -dc '0-9 ' | awk '{print $1","$2}')"
mkdir -p "$(dirname "$out")"
"${CHROMIUM_PATH:-chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$size" --screenshot="$out" "file://$svg" 2>/dev/null
ls -l "$out"
