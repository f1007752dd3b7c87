#!/usr/bin/env bash
# Every figure of issue 16 in one run, one script after another so that none shares the cores with
# another: the geo kernel against geokdbush (run.sh --quick, four distributions), one instance's memory
# (memory), the minute aggregation against its floor (run-aggregation.sh), start-up against the bare
# app (run-startup.sh) and nearby against the fixed-body floor (run-http.sh, on shared cores and with the
# host on one core). Each writes its own table in results/; this one adds results/issue16.md: the machine,
# the load average before and after each part and how long it took, then the tables. About 30 minutes on 2
# quiet cores.
#   ./tests/SiteFinder.Benchmarks/run-issue16.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/results"
mkdir -p "$out"
log="$out/issue16.md"

load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "# Issue 16, one run of run-issue16.sh"
  echo
  echo "Started $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1),"
  echo "$(free -g | awk '/^Mem:/ {print $2}') GiB, .NET $(dotnet --version), Node $(node --version 2>/dev/null || echo absent), commit $(git -C "$here" rev-parse --short HEAD)."
  echo
  echo "| part | load average before | after | minutes |"
  echo "| --- | --- | --- | ---: |"
} >"$log.head"
: >"$log.body"

part() { # name, table file, command...
  local name="$1" table="$2" before start
  shift 2
  before="$(load)"
  start=$(date +%s)
  echo "== $name (load average $before) =="
  "$@"
  echo "| $name | $before | $(load) | $(( ($(date +%s) - start + 30) / 60 )) |" >>"$log.head"
  { echo "## $name"; echo; cat "$table"; echo; } >>"$log.body"
}

dotnet build -c Release "$here/SiteFinder.Benchmarks.csproj" --nologo -v quiet
part "geo kernel against geokdbush (run.sh --quick)" "$out/summary.md" "$here/run.sh" --quick
part "memory of one instance" "$out/memory.md" \
  dotnet "$here/bin/Release/net10.0/SiteFinder.Benchmarks.dll" memory 9000 100000 250000 1000000 --out "$out/memory.md"
part "minute aggregation (run-aggregation.sh)" "$out/aggregation.md" "$here/run-aggregation.sh"
part "start-up (run-startup.sh)" "$out/startup.md" "$here/run-startup.sh"
part "HTTP, cores shared (run-http.sh)" "$out/http.md" "$here/run-http.sh"
part "HTTP, host on one core (CORES=split run-http.sh)" "$out/http-split.md" env CORES=split OUT="$out/http-split.md" "$here/run-http.sh"

cat "$log.head" <(echo) "$log.body" >"$log"
rm -f "$log.head" "$log.body"
echo "Written: $log"
