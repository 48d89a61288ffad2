#!/usr/bin/env bash
# Issue 7, item 5: the starter's endpoints against hand-written controllers in the same app, over
# HTTP on loopback, driven by wrk from a separate process. Builds the module, starts
# ai.fonella.bench.app.BenchApp on a random loopback port, warms up, runs ROUNDS alternating rounds
# per endpoint pair (fixed connections and duration), prints a table, and stops everything on exit.
#
#   ./benchmarks/load.sh                      # defaults below
#   ROUNDS=5 DURATION=10s CONNECTIONS=32 THREADS=1 ./benchmarks/load.sh
#   PACE_MS=4 ./benchmarks/load.sh           # each connection pauses 4 ms between requests: latency
#                                            # at the same offered load, below saturation
#
# Needs wrk (Debian: apt-get install wrk). See docs/PERFORMANCE.md.
set -euo pipefail
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
EVENTS=${EVENTS:-1024}
APP_OPTS=${APP_OPTS:--Xms512m -Xmx512m}
WHAT=${WHAT:-tool webhook}
export PACE_MS=${PACE_MS:-0}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
source "$(dirname "$0")/build.sh"
cp="$root/benchmarks/target/classes:$classpath"
work=$(mktemp -d)
app_pid=
cleanup() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

java $APP_OPTS -Dbench.port-file="$work/port" -cp "$cp" ai.fonella.bench.app.BenchApp \
  --server.address=127.0.0.1 --server.port=0 >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 600); do
  [[ -s "$work/port" ]] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.1
done
[[ -s "$work/port" ]] || { echo "the app did not start within 60 s" >&2; cat "$work/app.log" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$work/port")"
secret=bench-tool-secret-0123456789abcdef

fixtures() { java -cp "$cp" ai.fonella.bench.load.LoadFixtures "$work" "$EVENTS" "$1"; }
fixtures warm

# Both endpoints must give the same answer before anything is timed.
for path in /fonella/tools/bookTable /manual/tools/bookTable; do
  out=$(curl -sS -f -X POST -H 'Content-Type: application/json' -H "X-Fonella-Tool-Secret: $secret" \
    --data-binary @"$work/tool-body.json" "$base$path")
  [[ "$out" == '{"result":"Booked terrace for Ada Lovelace, 3 guests."}' ]] || { echo "$path answered $out" >&2; exit 1; }
done
for path in /fonella/webhooks /manual/webhooks; do
  IFS=$'\t' read -r sig body < <(head -n 1 "$work/webhooks.tsv")
  code=$(printf '%s' "$body" | curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H "X-Fonella-Signature: $sig" --data-binary @- "$base$path")
  [[ "$code" == 200 ]] || { echo "$path answered $code" >&2; exit 1; }
done

run() { # run <kind> <path> <duration>
  local kind=$1 path=$2 duration=$3
  if [[ $kind == tool ]]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" -s "$root/benchmarks/load/tool.lua" "$base" \
      -- "$work/tool-body.json" "$path" "$secret"
  else
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" -s "$root/benchmarks/load/webhook.lua" "$base" \
      -- "$work/webhooks.tsv" "$path"
  fi | grep '^RESULT' | sed 's/^RESULT //'
}
field() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
# CPU time the app has used so far, in clock ticks (user + system): CPU per request does not depend
# on what else runs on the machine, unlike throughput.
app_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
hz=$(getconf CLK_TCK)

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo "# java: $(java -version 2>&1 | head -n 1)   wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, warm-up $WARMUP each, pause between requests ${PACE_MS} ms"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-6s %-8s %10s %9s %9s %9s %12s %7s\n' kind round endpoint req/s mean_us p50_us p99_us app_cpu_us/req errors
for kind in $WHAT; do
  if [[ $kind == tool ]]; then sdk=/fonella/tools/bookTable; manual=/manual/tools/bookTable
  else sdk=/fonella/webhooks; manual=/manual/webhooks; fi
  [[ $kind == webhook ]] && fixtures "w$RANDOM"
  run "$kind" "$sdk" "$WARMUP" >/dev/null
  run "$kind" "$manual" "$WARMUP" >/dev/null
  sdk_rps=(); manual_rps=(); sdk_p99=(); manual_p99=(); sdk_cpu=(); manual_cpu=()
  for round in $(seq 1 "$ROUNDS"); do
    # fresh signatures each round keep webhook timestamps well inside the 300 s tolerance
    [[ $kind == webhook ]] && fixtures "r$round$RANDOM"
    if (( round % 2 )); then order="sdk manual"; else order="manual sdk"; fi
    for who in $order; do
      if [[ $who == sdk ]]; then path=$sdk; else path=$manual; fi
      ticks=$(app_ticks)
      line=$(run "$kind" "$path" "$DURATION")
      ticks=$(( $(app_ticks) - ticks ))
      rps=$(field rps "$line"); p99=$(field p99_us "$line")
      cpu=$(awk -v t="$ticks" -v hz="$hz" -v n="$(field requests "$line")" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
      errors=$(( $(field socket_errors "$line") + $(field non2xx "$line") ))
      printf '%-8s %-6s %-8s %10s %9s %9s %9s %12s %7s\n' "$kind" "$round" "$who" "$rps" \
        "$(field mean_us "$line")" "$(field p50_us "$line")" "$p99" "$cpu" "$errors"
      if [[ $who == sdk ]]; then sdk_rps+=("$rps"); sdk_p99+=("$p99"); sdk_cpu+=("$cpu")
      else manual_rps+=("$rps"); manual_p99+=("$p99"); manual_cpu+=("$cpu"); fi
    done
  done
  PYTHONPATH="$root/benchmarks" python3 - "$kind" "${sdk_rps[*]}" "${manual_rps[*]}" "${sdk_p99[*]}" "${manual_p99[*]}" "${sdk_cpu[*]}" "${manual_cpu[*]}" <<'PY'
import statistics as st, sys
from summary import ci95 as ci
kind, s, m, sp, mp, sc, mc = sys.argv[1], *[list(map(float, a.split())) for a in sys.argv[2:]]
ratios = [a / b for a, b in zip(s, m)]
d99 = [(a - b) / 1000 for a, b in zip(sp, mp)]
print(f"SUMMARY {kind}: sdk {st.mean(s):.0f} req/s, manual {st.mean(m):.0f} req/s, "
      f"throughput ratio per round {' '.join(f'{r:.3f}' for r in ratios)} -> mean {st.mean(ratios):.3f} ± {ci(ratios):.3f}; "
      f"p99 sdk {st.median(sp)/1000:.2f} ms, manual {st.median(mp)/1000:.2f} ms, "
      f"p99 difference per round (ms) {' '.join(f'{x:+.2f}' for x in d99)} -> median {st.median(d99):+.2f}; "
      f"app CPU per request sdk {st.mean(sc):.1f} us, manual {st.mean(mc):.1f} us, ratio {st.mean(sc) / st.mean(mc):.3f}")
PY
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
