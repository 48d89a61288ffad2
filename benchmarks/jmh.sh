#!/usr/bin/env bash
# Builds the benchmarks module (and what it depends on, tests skipped) and runs JMH with the given
# arguments, e.g.:  ./benchmarks/jmh.sh ToolInvocationBenchmark -prof gc
# SKIP_BUILD=1 reuses the last build. See docs/PERFORMANCE.md.
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
exec java ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main "$@"
