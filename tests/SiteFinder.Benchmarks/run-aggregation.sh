#!/usr/bin/env bash
# The status aggregation against its floor (issue 16), on an Azurite of its own: its own ports
# (AZURITE_TABLE_PORT, default 10112, and the next two below it for blob and queue), in memory, so a
# shared Azurite on 10000-10002 and its data are neither used nor touched. Installs the pinned Azurite
# (functions/scripts/azurite) if it is missing. Writes results/aggregation.md. About 3 minutes here.
#   ./tests/SiteFinder.Benchmarks/run-aggregation.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/results"
mkdir -p "$out"
table_port="${AZURITE_TABLE_PORT:-10112}"
azurite_dir="$root/functions/scripts/azurite"
[ -x "$azurite_dir/node_modules/.bin/azurite" ] || (cd "$azurite_dir" && npm ci --no-audit --no-fund --loglevel=error)

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_open "$table_port"; then
  echo "Something already answers on 127.0.0.1:$table_port; set AZURITE_TABLE_PORT to a free port." >&2
  exit 1
fi
data="$(mktemp -d)"
"$azurite_dir/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --inMemoryPersistence \
  --blobHost 127.0.0.1 --blobPort $((table_port - 2)) --queueHost 127.0.0.1 --queuePort $((table_port - 1)) \
  --tableHost 127.0.0.1 --tablePort "$table_port" >"$data/azurite.log" 2>&1 &
azurite_pid=$!
cleanup() { kill "$azurite_pid" 2>/dev/null || true; wait "$azurite_pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 100); do port_open "$table_port" && break; sleep 0.2; done
port_open "$table_port" || { echo "Azurite did not start; see $data/azurite.log" >&2; exit 1; }

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export BENCH_TABLES="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$((table_port - 2))/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$((table_port - 1))/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
dotnet build -c Release "$here/SiteFinder.Benchmarks.csproj" --nologo -v quiet
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by tests/SiteFinder.Benchmarks/run-aggregation.sh on $(nproc) cores,"
  echo "$(lscpu | sed -n 's/^Model name: *//p' | head -1), .NET $(dotnet --version), Azurite $(cd "$azurite_dir" && node -p 'require("./node_modules/azurite/package.json").version') in memory on its own ports."
  echo
} >"$out/aggregation-head.md"
dotnet "$here/bin/Release/net10.0/SiteFinder.Benchmarks.dll" aggregation --out "$out/aggregation-body.md"
cat "$out/aggregation-head.md" "$out/aggregation-body.md" >"$out/aggregation.md"
rm -f "$out/aggregation-head.md" "$out/aggregation-body.md"
cat "$out/aggregation.md"
