#!/usr/bin/env bash
# The one command for the geo index benchmarks: builds in Release, runs the per-query pass (p50/p99),
# geokdbush on the same data (when Node.js is installed) and the BenchmarkDotNet suite, and writes the
# markdown tables to results/ (summary.md has them all, with the machine).
#   ./tests/SiteFinder.Benchmarks/run.sh           everything (about 10 minutes on 2 cores)
#   ./tests/SiteFinder.Benchmarks/run.sh --quick   without BenchmarkDotNet (about 1 minute)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/results"
mkdir -p "$out"
quick=false
[ "${1:-}" = "--quick" ] && quick=true

dotnet build -c Release "$here/SiteFinder.Benchmarks.csproj" --nologo -v quiet
app=(dotnet "$here/bin/Release/net10.0/SiteFinder.Benchmarks.dll")

echo "== per-query pass (Stopwatch) =="
"${app[@]}" per-query --out "$out/per-query.md" >/dev/null

rm -f "$out/geokdbush.md"
if command -v node >/dev/null && command -v npm >/dev/null; then
  echo "== geokdbush (Node $(node --version)) on the same data =="
  data="$(mktemp -d)"
  trap 'rm -rf "$data"' EXIT
  "${app[@]}" export "$data"
  (cd "$here/node" && npm ci --no-audit --no-fund --silent)
  node "$here/node/geokdbush-bench.mjs" "$data" >"$out/geokdbush.md"
else
  echo "Node.js not found: geokdbush comparison skipped."
fi

rm -f "$out/benchmarkdotnet.md"
if [ "$quick" = false ]; then
  echo "== BenchmarkDotNet =="
  artifacts="$(mktemp -d)"
  "${app[@]}" --filter '*' --artifacts "$artifacts"
  for report in "$artifacts"/results/*-report-github.md; do
    cat "$report"
    echo
  done >"$out/benchmarkdotnet.md"
  rm -rf "$artifacts"
fi

{
  echo "# Geo index benchmark results"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by tests/SiteFinder.Benchmarks/run.sh"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB;" \
    ".NET $(dotnet --version)$(command -v node >/dev/null && echo ", Node $(node --version)")"
  echo
  cat "$out/per-query.md"
  [ -f "$out/geokdbush.md" ] && { echo; cat "$out/geokdbush.md"; }
  [ -f "$out/benchmarkdotnet.md" ] && { echo; echo "### BenchmarkDotNet"; echo; cat "$out/benchmarkdotnet.md"; }
} >"$out/summary.md"
echo "Written: $out/summary.md"
