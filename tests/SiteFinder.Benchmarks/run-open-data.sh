#!/usr/bin/env bash
# Open data and compression figures, on the app as it runs (local host, Release, Azurite, the 9,000-site demo):
#   1. the feed's bytes raw, gzip and brotli, and the time of its first (building) and a later answer;
#   2. nearby (limit 10) bytes per answer raw, gzip and brotli;
#   3. nearby under wrk with no Accept-Encoding, with gzip and with br (the CPU cost of compressing per answer).
# Writes results/open-data.md. Uses the Azurite on 127.0.0.1:10002 (starts one if none), on tables of its own
# (named *od<unix time>), which it leaves there: Azurite's data folder is the place to clear them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/results"
mkdir -p "$out"
duration="${WRK_DURATION:-15s}"
port=7073
work="$(mktemp -d)"
source "$root/functions/scripts/start-azurite.sh"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  rm -rf "$work" || true
}
trap cleanup EXIT

dotnet publish -c Release "$root/functions/SiteFinder.LocalHost/SiteFinder.LocalHost.csproj" -o "$work/host" --nologo -v quiet
suffix="od$(date +%s)"
tables=""
for t in Sites Catalogue StatusReports Throughput SiteStatus StatusHistory StaffTokens; do
  tables="$tables SiteTables__$t=$t$suffix"
done
env LocalSettings= urls="http://127.0.0.1:$port" Tables=UseDevelopmentStorage=true $tables \
  ADMIN_API_KEY=bench SEED_DEMO_DATA=true DEMO_FEED_PERCENT=0 CATALOGUE_SNAPSHOT_SCHEDULE="0 0 0 1 1 *" STATUS_SCHEDULE="0 0 0 1 1 *" \
  CATALOGUE_REFRESH_SECONDS=5 STATUS_REFRESH_SECONDS=15 Logging__LogLevel__Default=Warning \
  dotnet "$work/host/SiteFinder.LocalHost.dll" >"$work/host.log" 2>&1 &
host_pid=$!
base="http://127.0.0.1:$port/api"
nearby="$base/sites/nearby?lat=31.2304&lng=121.4737&limit=10"
until curl -sf "$nearby" 2>/dev/null | grep -q '"id"'; do sleep 0.5; done

feed="$base/open/sites.geojson"
first_ms=$(curl -s -o "$work/feed.json" -w '%{time_total}' "$feed" | awk '{printf "%.0f", $1 * 1000}')
first_br_ms=$(curl -s -o "$work/feed.br" -H 'Accept-Encoding: br' -w '%{time_total}' "$feed" | awk '{printf "%.0f", $1 * 1000}')
curl -s -o "$work/feed.gz" -H 'Accept-Encoding: gzip' "$feed"
warm_ms=$(curl -s -o /dev/null -H 'Accept-Encoding: br' -w '%{time_total}' "$feed" | awk '{printf "%.1f", $1 * 1000}')
features=$(grep -o '"type":"Feature"' "$work/feed.json" | wc -l)
feed_raw=$(wc -c <"$work/feed.json"); feed_gz=$(wc -c <"$work/feed.gz"); feed_br=$(wc -c <"$work/feed.br")
near_raw=$(curl -s "$nearby" | wc -c)
near_gz=$(curl -s -H 'Accept-Encoding: gzip' "$nearby" | wc -c)
near_br=$(curl -s -H 'Accept-Encoding: br' "$nearby" | wc -c)
changes_raw=$(curl -s "$base/open/changes?limit=200" | wc -c)
changes_br=$(curl -s -H 'Accept-Encoding: br' "$base/open/changes?limit=200" | wc -c)

wrk -t2 -c32 -d5s -s "$here/nearby.lua" "http://127.0.0.1:$port" >/dev/null   # warm-up
wrk -t2 -c32 -d"$duration" --latency -s "$here/nearby.lua" "http://127.0.0.1:$port" >"$work/identity.txt"
wrk -t2 -c32 -d"$duration" --latency -s "$here/nearby.lua" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port" >"$work/gzip.txt"
wrk -t2 -c32 -d"$duration" --latency -s "$here/nearby.lua" -H 'Accept-Encoding: br' "http://127.0.0.1:$port" >"$work/br.txt"
kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""

rps() { awk '/Requests\/sec/ {printf "%.0f", $2}' "$1"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
id_rps=$(rps "$work/identity.txt"); gz_rps=$(rps "$work/gzip.txt"); br_rps=$(rps "$work/br.txt")
{
  echo "# Open data and compression results"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by tests/SiteFinder.Benchmarks/run-open-data.sh on $(nproc) cores,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET $(dotnet --version); Azurite, the app and wrk share the machine (and other work ran on it)."
  echo
  echo "| answer | raw (bytes) | gzip (bytes) | brotli (bytes) |"
  echo "|---|--:|--:|--:|"
  echo "| \`GET /api/open/sites.geojson\`, $features sites in service of 9,000 (pre-compressed, Optimal) | $feed_raw | $feed_gz | $feed_br |"
  echo "| \`GET /api/sites/nearby\`, limit 10 (per answer, Fastest) | $near_raw | $near_gz | $near_br |"
  echo "| \`GET /api/open/changes\`, limit 200 (per answer, Fastest) | $changes_raw | – | $changes_br |"
  echo
  echo "Feed: first answer (builds it) $first_ms ms; first brotli answer (encodes it) $first_br_ms ms; a later brotli answer $warm_ms ms (curl time_total)."
  echo
  echo "| nearby limit 10, wrk -t2 -c32 -d$duration | requests/s | vs identity | p50 | p99 |"
  echo "|---|--:|--:|--:|--:|"
  echo "| no Accept-Encoding | $id_rps | 100% | $(pct "$work/identity.txt" 50%) | $(pct "$work/identity.txt" 99%) |"
  echo "| Accept-Encoding: gzip | $gz_rps | $(ratio "$gz_rps" "$id_rps") | $(pct "$work/gzip.txt" 50%) | $(pct "$work/gzip.txt" 99%) |"
  echo "| Accept-Encoding: br | $br_rps | $(ratio "$br_rps" "$id_rps") | $(pct "$work/br.txt" 50%) | $(pct "$work/br.txt" 99%) |"
} >"$out/open-data.md"
cat "$out/open-data.md"
