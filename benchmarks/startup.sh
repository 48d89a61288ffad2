#!/usr/bin/env bash
# Issue 7, item 6: startup with and without the starter, and the requests of a sync of 20 unchanged
# tools. ./benchmarks/startup.sh [rounds]   (default 10; SKIP_BUILD=1 reuses the last build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -f "$root/pom.xml" -pl benchmarks -am package -DskipTests >&2
fi
if grep -q '/ai/fonella/' "$root/benchmarks/target/classpath.txt"; then
  echo "benchmarks/target/classpath.txt points at installed Fonella jars, not this tree's; run without SKIP_BUILD" >&2
  exit 1
fi
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)  load $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -cp "$cp" ai.fonella.bench.startup.StartupHarness "$@"
