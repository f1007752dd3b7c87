#!/usr/bin/env bash
# Issue 16, HTTP: nearby (limit 10, random points over the demo city, nearby.lua) against the floor in the
# same app, bench/fixed/{bytes} (BenchmarkApi, on only with BENCHMARK_ENDPOINTS=true): a fixed body of the
# mean size of the nearby answers, asked with nearby.lua's own request lines (same script, same query strings,
# another path), and once more with one fixed request line ("floor1", the floor before 2026-12-02). wrk -t2
# -c32, the three interleaved (floor, nearby, floor1 in odd rounds, reversed in even ones) in ROUNDS (4)
# rounds of WRK_SECONDS each, plain and with Accept-Encoding: gzip. Also the host's CPU per request (from
# /proc/PID/stat), which a shared machine disturbs less than requests/s.
# The app runs on the local host (Release, ReadyToRun) on an Azurite of its own (own port and data folder;
# never the shared 10000-10002) with the 9,000-site demo city. HOSTS="name=dir/SiteFinder.LocalHost.dll ..."
# compares prebuilt hosts round-robin (default: this checkout, published here). Writes results/http.md.
# Beside each run, how often the host's threads were preempted (involuntary context switches a request, from /proc).
# After each host's measured runs, one more plain nearby run with dotnet-counters attached (the runtime's own counters,
# installed into the scratch folder when it is not on the PATH) gives the garbage collections and their pause: what the
# tail can and cannot be laid to. That run is kept out of the ratios: the counters' session took 6-17% of the host's
# requests/s in 4 of 5 alternating pairs (2026-12-03), so the measured runs go without it.
# CORES=shared (the default, as every run before 2026-12-03) lets wrk -t2, Azurite and the host share both cores;
# CORES=split gives the host core 0 and wrk (one thread) and Azurite core 1 (taskset): the 2 GB Flex Consumption
# instance that infra/ deploys has one core, and the client then takes no time from the host's core, as a client
# on another machine would not. run-issue16.sh runs both.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${OUT:-$here/results/http.md}"
rounds="${ROUNDS:-4}"
seconds="${WRK_SECONDS:-10}"
# Each fresh host is warmed with nearby for WARMUP_SECONDS (in 2 s windows, whose requests/s are reported as the
# ramp after a start) and then the floor for 5 s. Under full load a fresh host takes that long to reach its steady
# rate (tiered compilation): about 10 s on 2 cores and 40 s on one (2026-12-03). Until that day each host had 5 s
# of the floor and 5 s of nearby, which left the first measurements of a round on the ramp.
warmup="${WARMUP_SECONDS:-60}"
cores="${CORES:-shared}"
case "$cores" in
  shared) host_cpu=(); client_cpu=(); threads=2 ;;
  split)
    [ "$(nproc)" -ge 2 ] || { echo "CORES=split needs two CPUs (nproc: $(nproc))" >&2; exit 2; }
    host_cpu=(taskset -c 0); client_cpu=(taskset -c 1); threads=1 ;;
  *) echo "CORES must be shared or split, not '$cores'" >&2; exit 2 ;;
esac
mkdir -p "$(dirname "$out")"

source "$here/own-azurite.sh"
# Azurite answers the host's refreshes (every 15 s) during the runs: in split mode it stays off the host's core.
[ "$cores" = split ] && taskset -a -pc 1 "$azurite_pid" >/dev/null

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian's packages..."
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# dotnet-counters from NuGet at a pinned version, into the scratch folder (a copy on the PATH may be older and lack the
# counters' names).
echo "Installing dotnet-counters into the scratch folder..."
dotnet tool install dotnet-counters --version 10.0.750501 --tool-path "$work/tools" >/dev/null
counters="$work/tools/dotnet-counters"

hosts="${HOSTS:-}"
if [ -z "$hosts" ]; then
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    "$root/functions/SiteFinder.LocalHost/SiteFinder.LocalHost.csproj" -o "$work/host" --nologo -v quiet >/dev/null
  hosts="this=$work/host/SiteFinder.LocalHost.dll"
fi

base="http://127.0.0.1:$port"
start_host() {
  "${host_cpu[@]}" env "${app_runtime_env[@]}" LocalSettings= urls="$base" ADMIN_API_KEY=bench SEED_DEMO_DATA=true DEMO_FEED_PERCENT=0 BENCHMARK_ENDPOINTS=true \
    Tables="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1" \
    CATALOGUE_SNAPSHOT_SCHEDULE="0 0 0 1 1 *" STATUS_SCHEDULE="0 0 0 1 1 *" ANONYMOUS_READS_PER_MINUTE=1000000000 \
    CATALOGUE_REFRESH_SECONDS=15 STATUS_REFRESH_SECONDS=15 Logging__LogLevel__Default=Warning \
    dotnet "$1" >"$work/host.log" 2>&1 &
  host_pid=$!
  until curl -sf "$base/api/sites/nearby?lat=31.23&lng=121.47&limit=1" 2>/dev/null | grep -q '"id"'; do
    kill -0 "$host_pid" 2>/dev/null || { cat "$work/host.log"; exit 1; }
    sleep 0.2
  done
}
stop_host() { kill "$host_pid"; wait "$host_pid" 2>/dev/null || true; host_pid=""; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$host_pid/stat"; }
# "thread-id involuntary-switches", one line a live thread of the host; switched_between joins two such lists: the switches
# made in between by the threads alive at the end, with "+" when a thread exited meanwhile (its switches are lost, so the
# figure is then a lower bound).
thread_switches() { awk '/^Pid:/ { tid = $2 } /^nonvoluntary_ctxt_switches/ { print tid, $2 }' "/proc/$host_pid"/task/*/status 2>/dev/null || true; }
switched_between() { # before-file after-file
  awk 'NR == FNR { before[$1] = $2; next } { n += $2 - ($1 in before ? before[$1] : 0); seen[$1] = 1 }
    END { gone = 0; for (t in before) if (!(t in seen)) gone = 1; printf "%d%s", n, (gone ? "+" : "") }' "$1" "$2"
}

# The floor's size: the mean nearby answer over 200 of nearby.lua's kind of points (same box, fixed seed).
first="${hosts%% *}"
start_host "${first#*=}"
bytes=$(python3 - "$base" <<'PY'
import random, sys, urllib.request
random.seed(42)
sizes = [len(urllib.request.urlopen(f"{sys.argv[1]}/api/sites/nearby?lat={31.10 + random.random() * 0.25:.5f}&lng={121.35 + random.random() * 0.25:.5f}&limit=10").read()) for _ in range(200)]
print(round(sum(sizes) / len(sizes)))
PY
)
stop_host
floor_path="/api/bench/fixed/$bytes"
hz=$(getconf CLK_TCK)

# One wrk run: prints "rps p50_ms p99_ms non2xx cpu_us_per_request load1 preemptions_per_request", and with a fourth
# argument "gc" also "gcs gc_pause_ms" from a counters session started 3 s before wrk and ending 1 s after it: the tool
# takes up to about 1.5 s to attach and the runtime's first reading, a second after that, has no increment, so the
# window covers the whole run (and its idle seconds, where only the refreshes' few GCs fall). "- -" when the session
# gave no GC rows (a warning says so); the measured runs do not depend on it.
# Kinds: nearby (nearby.lua); floor, the fixed body asked with nearby.lua's request lines (NEARBY_PATH), so that
# the client's work and the request bytes are the same as nearby's; floor1, the fixed body asked with one fixed
# request line (the floor before 2026-12-02, which leaves wrk's script out of the floor's side).
measure() { # name kind(floor|floor1|nearby) encoding(plain|gzip) [gc]
  local file="$work/$1-$2-$3-$round.txt" header=() script=() url="$base" path=/api/sites/nearby
  [ "$3" = gzip ] && header=(-H "Accept-Encoding: gzip")
  case "$2" in
    nearby) script=(-s "$here/nearby.lua") ;;
    floor) script=(-s "$here/nearby.lua"); path="$floor_path" ;;
    floor1) url="$base$floor_path" ;;
  esac
  local gc_file="$work/gc-$1-$2-$3-$round.csv" counters_pid=""
  if [ "${4:-}" = gc ]; then
    local span=$((seconds + 4))
    "${client_cpu[@]}" "$counters" collect -p "$host_pid" --counters "System.Runtime[dotnet.gc.collections,dotnet.gc.pause.time]" \
      --refresh-interval 1 --format csv --duration "$(printf '00:00:%02d:%02d' $((span / 60)) $((span % 60)))" -o "$gc_file" >"$gc_file.log" 2>&1 &
    counters_pid=$!
    sleep 3
  fi
  local before; before=$(cpu_ticks)
  thread_switches >"$file.switches-before"
  NEARBY_PATH="$path" "${client_cpu[@]}" wrk -t"$threads" -c32 -d"${seconds}s" --latency "${header[@]}" "${script[@]}" "$url" >"$file"
  local after; after=$(cpu_ticks)
  thread_switches >"$file.switches-after"
  local switched; switched=$(switched_between "$file.switches-before" "$file.switches-after")
  local gc=""
  if [ -n "$counters_pid" ]; then
    wait "$counters_pid" || true
    # The counters' rows are increments a second (collections, per generation, which add up) and seconds of pause a
    # second: their sums are the totals. No such row at all means the session measured nothing.
    gc=$(awk -F, '/dotnet\.gc\.collections/ { n += $NF; m++ } /dotnet\.gc\.pause\.time/ { s += $NF; m++ }
      END { if (m) printf " %d %.1f", n, s * 1000; else printf " - -" }' "$gc_file" 2>/dev/null || echo " - -")
    [ "$gc" = " - -" ] && { echo "warning: dotnet-counters gave no GC rows for $1 $2 $3, round $round:" >&2; tail -5 "$gc_file.log" >&2 || true; }
  fi
  awk -v cpu=$((after - before)) -v hz="$hz" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v gc="$gc" -v switched="$switched" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF } /requests in/ { n = $1 }
    /Requests\/sec/ { rps = $2 }
    END { lower = sub(/\+$/, "", switched); printf "%.0f %.3f %.3f %d %.1f %s %.2f%s%s\n", rps, p50, p99, bad, cpu / hz * 1e6 / n, load, switched / n, (lower ? "+" : ""), gc }' "$file"
}

results="$work/results.txt"
tails="$work/tails.txt"
ramps="$work/ramps.txt"
: >"$results"
: >"$tails"
: >"$ramps"
for round in $(seq 1 "$rounds"); do
  for entry in $hosts; do
    name="${entry%%=*}"
    start_host "${entry#*=}"
    ramp="$name $round"
    for _ in $(seq 2 2 "$warmup"); do
      ramp="$ramp $("${client_cpu[@]}" wrk -t"$threads" -c32 -d2s -s "$here/nearby.lua" "$base" | awk '/Requests\/sec/ { printf "%.0f", $2 }')"
    done
    echo "$ramp" >>"$ramps"
    "${client_cpu[@]}" wrk -t"$threads" -c32 -d5s "$base$floor_path" >/dev/null
    # Odd rounds measure the floor first, even rounds floor1 first: whatever the minutes after a start still
    # disturb (tiering, the first refreshes) then falls on each side equally often.
    order="floor nearby floor1"
    [ $((round % 2)) -eq 0 ] && order="floor1 nearby floor"
    for encoding in plain gzip; do
      for kind in $order; do
        row="$(measure "$name" "$kind" "$encoding")"
        echo "$name $round $encoding $kind $row" | tee -a "$results"
      done
    done
    row="$(measure "$name" nearby plain gc)"
    echo "$name $round plain nearby $row (counters attached)" | tee -a "$tails"
    stop_host
  done
done

{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by run-http.sh on $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), .NET $(dotnet --version);"
  echo "Cores: $cores ($([ "$cores" = split ] && echo "host on core 0; wrk -t1 and Azurite on core 1" || echo "host, wrk -t2 and Azurite on both"));"
  echo "wrk -t$threads -c32, ${seconds} s a run, $rounds rounds, floor, nearby and floor1 interleaved (reversed in even rounds); floor = \`GET $floor_path?lat=…&lng=…&limit=10\` with nearby.lua's request lines, floor1 = \`GET $floor_path\` (the mean nearby answer, $bytes bytes). Host preemptions: involuntary context switches of the host's threads a request (with +, a lower bound: a thread exited during the run)."
  echo
  echo "| host | round | encoding | endpoint | requests/s | p50 (ms) | p99 (ms) | p99/p50 | non-2xx | host CPU µs/request | host cores busy | load (1 min) | host preemptions a request |"
  echo "|---|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %.1f | %s | %s | %.2f | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $7 / $6, $8, $9, $5 * $9 / 1e6, $10, $11 }' "$results"
  echo
  echo "Per round, nearby ÷ floor (requests/s, and host CPU per request); medians over the rounds:"
  echo
  echo "| host | encoding | nearby/floor req/s, each round | median | nearby/floor1, median | nearby p99/p50, median | floor p99/p50, median | floor1 p99/p50, median | CPU µs/request nearby / floor / floor1, median | host preemptions a request, nearby / floor, median |"
  echo "|---|---|---|--:|--:|--:|--:|--:|--:|--:|"
  python3 - "$results" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
hosts = list(dict.fromkeys(r[0] for r in rows))
for h in hosts:
    for enc in ("plain", "gzip"):
        pick = lambda kind: {r[1]: r for r in rows if r[0] == h and r[2] == enc and r[3] == kind}
        floor, near, floor1 = pick("floor"), pick("nearby"), pick("floor1")
        ratios = [float(near[k][4]) / float(floor[k][4]) for k in floor if k in near]
        ratios1 = [float(near[k][4]) / float(floor1[k][4]) for k in floor1 if k in near]
        tail = lambda d: st.median(float(r[6]) / float(r[5]) for r in d.values())
        cpu = lambda d: st.median(float(r[8]) for r in d.values())
        switched = lambda d: st.median(float(r[10].rstrip("+")) for r in d.values())
        print(f"| {h} | {enc} | {', '.join(f'{x:.0%}' for x in ratios)} | **{st.median(ratios):.0%}** | {st.median(ratios1):.0%} | {tail(near):.1f} | {tail(floor):.1f} | {tail(floor1):.1f} | {cpu(near):.0f} / {cpu(floor):.0f} / {cpu(floor1):.0f} | {switched(near):.2f} / {switched(floor):.2f} |")
PY
  echo
  echo "The tail's makeup: after each host's measured runs, one more plain nearby run with dotnet-counters attached (kept out of the ratios above: the counters' session costs the host requests/s). GCs and their pause over the counters' window (3 s before the run to 1 s after it; the idle seconds hold only the refreshes' few); preemptions with + are lower bounds (a thread exited during the run):"
  echo
  echo "| host | round | requests/s | p50 (ms) | p99 (ms) | p99/p50 | host CPU µs/request | GCs | GC pause ms (% of the run) | ms a GC | host preemptions a request |"
  echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
  awk -v seconds="$seconds" '{ measured = $12 != "-"; printf "| %s | %s | %s | %s | %s | %.1f | %s | %s | %s | %s | %s |\n", $1, $2, $5, $6, $7, $7 / $6, $9, $12,
    (measured ? sprintf("%s (%.2f%%)", $13, $13 / seconds / 10) : "-"), (measured && $12 > 0 ? sprintf("%.2f", $13 / $12) : "-"), $11 }' "$tails"
  echo
  echo "The ramp after a start: nearby's requests/s in each 2 s window of every host's warm-up (a fresh host each round), median over the rounds, and that median as a share of the steady rate (the median of the warm-up's second half):"
  python3 - "$ramps" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for h in dict.fromkeys(r[0] for r in rows):
    runs = [[float(x) for x in r[2:]] for r in rows if r[0] == h]
    med = [st.median(w) for w in zip(*runs)]
    steady = st.median(med[len(med) // 2:])
    print()
    print(f"| {h} | seconds after the first answer | " + " | ".join(str(2 * (i + 1)) for i in range(len(med))) + " |")
    print("|---|---|" + "--:|" * len(med))
    print(f"| {h} | requests/s | " + " | ".join(f"{m:,.0f}" for m in med) + " |")
    print(f"| {h} | of the steady rate | " + " | ".join(f"{m / steady:.0%}" for m in med) + " |")
PY
} >"$out"
cat "$out"
