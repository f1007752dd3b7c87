#!/usr/bin/env bash
# Service-level benchmarks, on the app as it runs (local host, Release, Azurite):
#   1. status aggregation of 9,000 sites with 100,000 reports (issue 3);
#   2. cold start: process start to the first nearby answer with 9,000 sites in Azurite (issue 4);
#   3. HTTP: nearby under wrk, 32 connections, 30 s, against the bare /api/health of the same app (issue 4).
# Writes results/service.md. Takes about 6 minutes on 2 cores. Installs wrk from Debian if missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/results"
mkdir -p "$out"
duration="${WRK_DURATION:-30s}"
port=7072

AZURITE_DATA="$(mktemp -d)"
export AZURITE_DATA
source "$root/functions/scripts/start-azurite.sh"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  if [ -n "${AZURITE_PID:-}" ]; then kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; fi
  rm -rf "$AZURITE_DATA" || true
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian's packages..."
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

dotnet build -c Release "$here/SiteFinder.Benchmarks.csproj" --nologo -v quiet
# ReadyToRun: precompiled code saves about 150 ms of JIT at start (measured: ~860 vs ~1,010 ms here).
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  "$root/functions/SiteFinder.LocalHost/SiteFinder.LocalHost.csproj" -o "$AZURITE_DATA/host" --nologo -v quiet
host_dll="$AZURITE_DATA/host/SiteFinder.LocalHost.dll"

echo "== status aggregation (leaves 9,000 sites in Azurite for what follows) =="
dotnet "$here/bin/Release/net10.0/SiteFinder.Benchmarks.dll" aggregation --out "$out/aggregation.md"

# The app on the benchmark's tables; no local.settings.json, no timers firing during the runs. wrk is one
# address: without a read limit this high, all but 1,200 nearby requests a minute were 429s (issue 16).
start_host() {
  env LocalSettings= urls="http://127.0.0.1:$port" Tables=UseDevelopmentStorage=true \
    SiteTables__Sites=benchSites SiteTables__Catalogue=benchCatalogue SiteTables__StatusReports=benchStatusReports \
    SiteTables__Throughput=benchThroughput SiteTables__SiteStatus=benchSiteStatus SiteTables__StatusHistory=benchStatusHistory \
    SiteTables__StaffTokens=benchStaffTokens ADMIN_API_KEY=bench SEED_DEMO_DATA=false \
    CATALOGUE_SNAPSHOT_SCHEDULE="0 0 0 1 1 *" STATUS_SCHEDULE="0 0 0 1 1 *" \
    CATALOGUE_REFRESH_SECONDS=15 STATUS_REFRESH_SECONDS=15 Logging__LogLevel__Default=Warning \
    ANONYMOUS_READS_PER_MINUTE=1000000000 \
    dotnet "$host_dll" >/dev/null 2>&1 &
  host_pid=$!
}
nearby="http://127.0.0.1:$port/api/sites/nearby?lat=31.2304&lng=121.4737&limit=10"

echo "== cold start: process start to the first nearby answer (5 runs, ReadyToRun build) =="
cold=()
for run in 1 2 3 4 5; do
  t0=$(date +%s%N)
  start_host
  until curl -sf "$nearby" 2>/dev/null | grep -q '"id"'; do sleep 0.005; done
  t1=$(date +%s%N)
  cold+=($(( (t1 - t0) / 1000000 )))
  kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""
  echo "run $run: ${cold[-1]} ms"
done
cold_sorted=($(printf '%s\n' "${cold[@]}" | sort -n))

echo "== HTTP under wrk ($duration, 32 connections, 2 threads) =="
start_host
until curl -sf "$nearby" >/dev/null 2>&1; do sleep 0.05; done
bytes=$(curl -s "$nearby" | wc -c)
wrk -t2 -c32 -d5s "http://127.0.0.1:$port/api/health" >/dev/null          # warm-up
wrk -t2 -c32 -d5s -s "$here/nearby.lua" "http://127.0.0.1:$port" >/dev/null
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/api/health" >"$AZURITE_DATA/health.txt"
wrk -t2 -c32 -d"$duration" --latency -s "$here/nearby.lua" "http://127.0.0.1:$port" >"$AZURITE_DATA/nearby.txt"
bytes1=$(curl -s "${nearby/limit=10/limit=1}" | wc -c)
NEARBY_LIMIT=1 wrk -t2 -c32 -d"$duration" --latency -s "$here/nearby.lua" "http://127.0.0.1:$port" >"$AZURITE_DATA/nearby1.txt"
kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
health_rps=$(rps "$AZURITE_DATA/health.txt"); nearby_rps=$(rps "$AZURITE_DATA/nearby.txt")
ratio=$(awk -v a="$nearby_rps" -v b="$health_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')

{
  echo "# Service benchmark results"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by tests/SiteFinder.Benchmarks/run-service.sh on $(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version); Azurite, the app and wrk share the machine."
  echo
  echo "## Status aggregation: 9,000 sites, 100,000 reports, 90,000 throughput counts in Azurite"
  echo
  cat "$out/aggregation.md"
  echo
  echo "## Cold start: process start to the first nearby answer, 9,000 sites in Azurite"
  echo
  echo "| runs | median (ms) | min (ms) | max (ms) |"
  echo "|--:|--:|--:|--:|"
  echo "| ${#cold[@]} | ${cold_sorted[2]} | ${cold_sorted[0]} | ${cold_sorted[4]} |"
  echo
  echo "## HTTP: wrk -t2 -c32 -d$duration, local host in Release"
  echo
  echo "| endpoint | requests/s | p50 | p99 |"
  echo "|---|--:|--:|--:|"
  echo "| \`GET /api/health\` (fixed body) | $health_rps | $(pct "$AZURITE_DATA/health.txt" 50%) | $(pct "$AZURITE_DATA/health.txt" 99%) |"
  echo "| \`GET /api/sites/nearby\` (random points, limit 10; $bytes bytes each) | $nearby_rps | $(pct "$AZURITE_DATA/nearby.txt" 50%) | $(pct "$AZURITE_DATA/nearby.txt" 99%) |"
  echo "| \`GET /api/sites/nearby\` (random points, limit 1; $bytes1 bytes each) | $(rps "$AZURITE_DATA/nearby1.txt") | $(pct "$AZURITE_DATA/nearby1.txt" 50%) | $(pct "$AZURITE_DATA/nearby1.txt" 99%) |"
  echo
  echo "Nearby reaches $ratio of the bare endpoint's requests per second."
} >"$out/service.md"
cat "$out/service.md"
