#!/usr/bin/env bash
# The one command for the geo index benchmarks: builds in Release, runs the per-query pass (p50/p99) and
# geokdbush on the same data (when Node.js is installed) for each distribution in turn, then the
# BenchmarkDotNet suite, and writes the markdown tables to results/ (summary.md has them all, with the
# machine, the load average and the index ÷ geokdbush ratios).
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

# Each distribution: the index's per-query pass, then geokdbush on the same data, so the pair that a
# ratio compares runs minutes apart at most (the machine is shared). A real-list distribution without
# shared/data is skipped by both, with a message in per-query.md.
distributions=(clusters400 tight100 shanghaiplaces hangzhousites)
node_ok=false
if command -v node >/dev/null && command -v npm >/dev/null; then
  node_ok=true
  (cd "$here/node" && npm ci --no-audit --no-fund --silent)
else
  echo "Node.js not found: geokdbush comparison skipped."
fi
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
: >"$out/per-query.md"
: >"$out/geokdbush.md"
: >"$out/load.txt"
for d in "${distributions[@]}"; do
  echo "== $d: per-query pass (Stopwatch), load average $(cut -d' ' -f1-3 /proc/loadavg) =="
  echo "$d: $(cut -d' ' -f1-3 /proc/loadavg) (before the index)" >>"$out/load.txt"
  "${app[@]}" per-query --data "$d" --out "$data/per-query-$d.md" >/dev/null
  if [ "$node_ok" = true ]; then
    "${app[@]}" export "$data" --data "$d"
    if [ -d "$data/$d" ]; then
      echo "== $d: geokdbush (Node $(node --version)), load average $(cut -d' ' -f1-3 /proc/loadavg) =="
      echo "$d: $(cut -d' ' -f1-3 /proc/loadavg) (before geokdbush)" >>"$out/load.txt"
      node "$here/node/geokdbush-bench.mjs" "$data/$d" >"$data/geokdbush-$d.md"
      rm -rf "${data:?}/$d"
    fi
  fi
done
echo "end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/load.txt"

# Per-query tables are kept per distribution (each file has its own headers), then the ratio table.
for d in "${distributions[@]}"; do
  [ -f "$data/per-query-$d.md" ] && { cat "$data/per-query-$d.md"; echo; } >>"$out/per-query.md"
  [ -f "$data/geokdbush-$d.md" ] && { cat "$data/geokdbush-$d.md"; echo; } >>"$out/geokdbush.md"
done
[ -s "$out/geokdbush.md" ] || rm -f "$out/geokdbush.md"

# index q/s ÷ geokdbush q/s for the same data, size and kernel, from the runs above.
if [ -f "$out/geokdbush.md" ]; then
  awk -F'|' '
    function trim(s) { gsub(/^ +| +$/, "", s); return s }
    FNR == 1 { file++ }
    NF >= 9 && trim($4) ~ /^(index|geokdbush) / {
      kernel = trim($4); who = (kernel ~ /^index/) ? "index" : "geo"; sub(/^(index|geokdbush) /, "", kernel)
      key = trim($2) SUBSEP trim($3) SUBSEP kernel; q = trim($6); gsub(/,/, "", q); p = trim($7)
      if (who == "index") { idx[key] = q; idx50[key] = p; if (!(key in seen)) { order[++n] = key; seen[key] = 1 } }
      else { geo[key] = q; geo50[key] = p }
    }
    END {
      print "### Index against geokdbush, same data, same run (q/s ratio)\n"
      print "| data | sites | kernel | index q/s | geokdbush q/s | ratio | index p50 µs | geokdbush p50 µs | p50 ratio |"
      print "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
      for (i = 1; i <= n; i++) { k = order[i]; if (!(k in geo)) continue; split(k, f, SUBSEP)
        printf "| %s | %s | %s | %d | %d | %.1f× | %s | %s | %.1f× |\n", f[1], f[2], f[3], idx[k], geo[k], idx[k] / geo[k], idx50[k], geo50[k], geo50[k] / idx50[k] }
    }' "$out/per-query.md" "$out/geokdbush.md" >"$out/ratio.md"
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
  echo "Load average (1, 5, 15 min) before each pass:"
  echo
  sed 's/^/    /' "$out/load.txt"
  echo
  [ -f "$out/ratio.md" ] && { cat "$out/ratio.md"; echo; }
  cat "$out/per-query.md"
  [ -f "$out/geokdbush.md" ] && { echo; cat "$out/geokdbush.md"; }
  [ -f "$out/benchmarkdotnet.md" ] && { echo; echo "### BenchmarkDotNet"; echo; cat "$out/benchmarkdotnet.md"; }
} >"$out/summary.md"
echo "Written: $out/summary.md"
