#!/usr/bin/env bash
# Issue 12, item 7: the webhook endpoint's throughput with the JDBC store (local PostgreSQL) and the
# Redis store against the in-memory store, in one run, plus the store's p50/p99 per delivery.
# Builds the module, starts a real PostgreSQL and redis-server (embedded binaries from Maven
# Central), one benchmark app JVM per store, and drives them in alternating rounds over loopback
# HTTP from ai.fonella.bench.store.StoreLoad; everything stops on exit.
#
#   ./benchmarks/store-load.sh                               # defaults below
#   ROUNDS=5 DURATION=10 WARMUP=60 CONCURRENCY=32 MESSAGES=20 SYNC_COMMIT=on ./benchmarks/store-load.sh
#   STORE_CPU=1 ./benchmarks/store-load.sh   # the store servers on CPU 1 alone, apps and generator on the rest
#   STORES=redis,redis-jedis ./benchmarks/store-load.sh   # which stores to compare with the in-memory one
#   STORES=redis,redis-unawaited ./benchmarks/store-load.sh   # with the bound of a design where no delivery waits for its claim
#
# See docs/PERFORMANCE.md.
set -euo pipefail
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-60}
CONCURRENCY=${CONCURRENCY:-32}
MESSAGES=${MESSAGES:-20}
SYNC_COMMIT=${SYNC_COMMIT:-on}   # PostgreSQL synchronous_commit; off: commits do not wait for the WAL flush
source "$(dirname "$0")/build.sh"
cp="$root/benchmarks/target/classes:$classpath"
pin=()
if [[ -n "${STORE_CPU:-}" ]]; then
  others=$(seq 0 $(( $(grep -c '^cpu[0-9]' /proc/stat) - 1 )) | grep -vx "$STORE_CPU" | paste -sd,)
  [[ -n "$others" ]] || { echo "STORE_CPU=$STORE_CPU leaves no CPU for the apps" >&2; exit 1; }
  pin=(taskset -c "$others")
fi
exec ${pin[@]+"${pin[@]}"} "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dbench.app-args="${APP_ARGS:-}" -Dbench.store-cpu="${STORE_CPU:-}" -Dbench.stores="${STORES:-jdbc,redis}" -Xms256m -Xmx1g -Dbench.synchronous-commit="$SYNC_COMMIT" -cp "$cp" ai.fonella.bench.store.StoreLoad "$cp" "$ROUNDS" "$DURATION" "$WARMUP" \
  "$CONCURRENCY" "$MESSAGES"
