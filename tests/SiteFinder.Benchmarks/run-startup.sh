#!/usr/bin/env bash
# Issue 16, start-up: process start to the first nearby answer that lists a site, 9,000 demo sites in an
# Azurite of its own (own port and data folder; never the shared 10000-10002), against the floor: the same
# local host binary in its bare mode (LOCALHOST_BARE_START=true, BareStart.cs: Kestrel and one entity
# read from the catalogue table, none of the app). RUNS pairs, bare and app interleaved (ABAB), each a
# fresh process; the first answer is polled every 5 ms. BUILDS="name=publish-dir ..." compares builds of
# the local host (default: this checkout published ReadyToRun, and the same without ReadyToRun).
# STARTUP_LOGS=dir keeps each app run's log at Information with timestamps (for the phases).
# JIT_SUMMARY=dir adds, after the pairs, one bare and one app start per build with the JIT's list of what it
# compiled (DOTNET_JitStdOutFile, DOTNET_JitDisasmSummary), each stopped as soon as it answers, and reports how
# many compilations: at start nearly all are methods ReadyToRun did not hold (BENCHMARKS.md, issue 16, seventh
# pass). The list runs until the process exits, so it also holds what stopping compiles and any rejit.
# Writes results/startup.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$here/results/startup.md}"
runs="${RUNS:-10}"
mkdir -p "$(dirname "$out")"

source "$here/own-azurite.sh"

builds="${BUILDS:-}"
if [ -z "$builds" ]; then
  project="$root/functions/SiteFinder.LocalHost/SiteFinder.LocalHost.csproj"
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true "$project" -o "$work/r2r" --nologo -v quiet >/dev/null
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=false "$project" -o "$work/jit" --nologo -v quiet >/dev/null
  builds="r2r=$work/r2r jit=$work/jit"
fi

base="http://127.0.0.1:$port"
tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1"
start() { # dir seed bare log [NAME=value...]
  local dir="$1" seed="$2" bare="$3" log="$4"
  shift 4
  env "${app_runtime_env[@]}" "$@" LocalSettings= urls="$base" ADMIN_API_KEY=bench SEED_DEMO_DATA="$seed" LOCALHOST_BARE_START="$bare" Tables="$tables" \
    CATALOGUE_SNAPSHOT_SCHEDULE="0 0 0 1 1 *" STATUS_SCHEDULE="0 0 0 1 1 *" \
    CATALOGUE_REFRESH_SECONDS=15 STATUS_REFRESH_SECONDS=15 "${log_settings[@]}" \
    dotnet "$dir/SiteFinder.LocalHost.dll" >"$log" 2>&1 &
  host_pid=$!
}
stop() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""; }
nearby="$base/api/sites/nearby?lat=31.2304&lng=121.4737&limit=10"

# Seed once: the demo city's 9,000 sites and its catalogue snapshot.
log_settings=(Logging__LogLevel__Default=Warning)
first="${builds%% *}"
start "${first#*=}" true false "$work/seed.log"
until curl -sf "$nearby" 2>/dev/null | grep -q '"id"'; do kill -0 "$host_pid" 2>/dev/null || { cat "$work/seed.log"; exit 1; }; sleep 0.2; done
stop

time_one() { # dir bare log [NAME=value...] -> ms
  local t0 t1 dir="$1" bare="$2" log="$3"
  shift 3
  t0=$(date +%s%N)
  [ "$log" = /dev/null ] || echo "$t0" >"$log.t0"
  start "$dir" false "$bare" "$log" "$@"
  until curl -sf "$nearby" 2>/dev/null | grep -q '"id"'; do sleep 0.005; done
  t1=$(date +%s%N)
  stop
  echo $(( (t1 - t0) / 1000000 ))
}

results="$work/results.txt"
: >"$results"
for run in $(seq 1 "$runs"); do
  for entry in $builds; do
    name="${entry%%=*}"; dir="${entry#*=}"
    log_settings=(Logging__LogLevel__Default=Warning)
    bare=$(time_one "$dir" true /dev/null)
    if [ -n "${STARTUP_LOGS:-}" ]; then
      mkdir -p "$STARTUP_LOGS"
      log_settings=(Logging__LogLevel__Default=Information Logging__Console__FormatterName=simple "Logging__Console__FormatterOptions__TimestampFormat=HH:mm:ss.fff ")
    fi
    app=$(time_one "$dir" false "${STARTUP_LOGS:-$work}/$name-$run.log")
    echo "$name $run $bare $app $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
  done
done

jit=""
if [ -n "${JIT_SUMMARY:-}" ]; then
  mkdir -p "$JIT_SUMMARY"
  log_settings=(Logging__LogLevel__Default=Warning)
  for entry in $builds; do
    name="${entry%%=*}"; dir="${entry#*=}"
    for mode in bare app; do
      list="$JIT_SUMMARY/$name-$mode.txt"
      rm -f "$list"
      b=false; [ "$mode" = bare ] && b=true
      time_one "$dir" "$b" /dev/null DOTNET_JitStdOutFile="$list" DOTNET_JitDisasmSummary=1 >/dev/null
      echo "$name $mode $(grep -c 'JIT compiled' "$list")" >>"$work/jit.txt"
    done
  done
  jit="$work/jit.txt"
fi

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by run-startup.sh on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), .NET $(dotnet --version); $runs pairs a build, bare then app."
  echo
  echo "| build | run | bare (ms) | app (ms) | app/bare | load (1 min) |"
  echo "|---|--:|--:|--:|--:|--:|"
  awk '{ printf "| %s | %s | %s | %s | %.2f | %s |\n", $1, $2, $3, $4, $4 / $3, $5 }' "$results"
  echo
  echo "| build | bare median (ms) | app median (ms) | app/bare, median of the pairs | app runs over 2× their bare |"
  echo "|---|--:|--:|--:|--:|"
  python3 - "$results" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
for b in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == b]
    bare = [float(r[2]) for r in mine]; app = [float(r[3]) for r in mine]
    ratios = [a / x for a, x in zip(app, bare)]
    print(f"| {b} | {st.median(bare):.0f} | {st.median(app):.0f} | **{st.median(ratios):.2f}** | {sum(r > 2 for r in ratios)} of {len(ratios)} |")
PY
  if [ -n "$jit" ]; then
    echo
    echo "Compilations by the JIT, one start each, stopped as soon as it answered, stopping included (lists in $JIT_SUMMARY):"
    echo
    echo "| build | bare | app |"
    echo "|---|--:|--:|"
    awk '{ n[$1 " " $2] = $3; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } } END { for (i = 1; i <= k; i++) printf "| %s | %s | %s |\n", order[i], n[order[i] " bare"], n[order[i] " app"] }' "$jit"
  fi
} >"$out"
cat "$out"
