#!/usr/bin/env bash
# Builds the benchmarks module (and what it depends on, tests skipped) and runs JMH with the given
# arguments, e.g.:  ./benchmarks/jmh.sh ToolInvocationBenchmark -prof gc
# SKIP_BUILD=1 reuses the last build. See docs/PERFORMANCE.md.
set -euo pipefail
source "$(dirname "$0")/build.sh"
cp="$root/benchmarks/target/classes:$classpath"
exec java ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main "$@"
