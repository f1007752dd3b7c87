#!/usr/bin/env bash
# The whole city at once (issue 14, "Load"): the app (local host, Release) on an Azurite of its own
# (own port, own data folder; never the shared 10000-10002), the 9,000-site demo city, and for
# LOAD_SECONDS (60): nearby from LOAD_READERS (64) closed-loop workers at whatever rate they get,
# staff reports at LOAD_REPORTS_PER_SECOND (150: every site once a minute, each with a client report
# id), and the app's aggregation timer every minute. Loopback only. Prints markdown; --out FILE writes it.
# LANES=off runs the same with the read/write lanes opened wide (the "before" of the starvation fix);
# READ_CONCURRENCY=N overrides the read lane's limit (default 1 per core).
# The load generator is .NET (LoadRun.cs), so it runs wherever the SDK does; it shares the cores.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out=""
[ "${1:-}" = "--out" ] && out="$2"
seconds="${LOAD_SECONDS:-60}"
readers="${LOAD_READERS:-64}"
reports="${LOAD_REPORTS_PER_SECOND:-150}"

source "$here/own-azurite.sh"

dotnet build -c Release "$here/SiteFinder.Benchmarks.csproj" --nologo -v quiet >/dev/null
dotnet publish -c Release -r linux-x64 --self-contained false "$root/functions/SiteFinder.LocalHost/SiteFinder.LocalHost.csproj" -o "$work/host" --nologo -v quiet >/dev/null

lanes=()
if [ "${LANES:-on}" = "off" ]; then lanes=(READ_CONCURRENCY=10000 WRITE_CONCURRENCY=10000);
elif [ -n "${READ_CONCURRENCY:-}" ]; then lanes=(READ_CONCURRENCY="$READ_CONCURRENCY"); fi
env "${app_runtime_env[@]}" LocalSettings= urls="http://127.0.0.1:$port" ADMIN_API_KEY=load-admin-key SEED_DEMO_DATA=true DEMO_FEED_PERCENT=0 \
  Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1" \
  CATALOGUE_SNAPSHOT_SCHEDULE="0 */5 * * * *" STATUS_SCHEDULE="0 */1 * * * *" ANONYMOUS_READS_PER_MINUTE=1000000000 \
  CATALOGUE_REFRESH_SECONDS=15 STATUS_REFRESH_SECONDS=15 Logging__LogLevel__Default=Warning "${lanes[@]}" \
  dotnet "$work/host/SiteFinder.LocalHost.dll" >"$work/host.log" 2>&1 &
host_pid=$!
until curl -sf "http://127.0.0.1:$port/api/sites/nearby?lat=31.23&lng=121.47&limit=1" 2>/dev/null | grep -q '"id"'; do
  kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log"; exit 1; }
  sleep 0.2
done

result="$work/load.md"
dotnet "$here/bin/Release/net10.0/SiteFinder.Benchmarks.dll" load "http://127.0.0.1:$port/api/" load-admin-key "$readers" "$reports" "$seconds" --out "$result" >/dev/null
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by run-load.sh (lanes ${LANES:-on}${READ_CONCURRENCY:+, READ_CONCURRENCY=$READ_CONCURRENCY}) on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), .NET $(dotnet --version)."
  echo "Load average when it ended: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  cat "$result"
} | tee "${out:-/dev/null}"
