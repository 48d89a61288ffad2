#!/usr/bin/env bash
# Issues 7 and 14: startup with and without the starter (JVM mode, with build-time definitions, and
# AOT mode), and the requests of a sync of 20 unchanged tools. ./benchmarks/startup.sh [rounds]
# (default 10; SKIP_BUILD=1 reuses the last build). Every mode also runs as cache-<mode>, with a cache
# the JDK makes from a training start (an AOT cache on JDK 25 and later, set JAVA_HOME to one; a CDS
# archive before); MODES=... keeps some modes and their baselines.
set -euo pipefail
source "$(dirname "$0")/build.sh"
cp="$root/benchmarks/target/classes:$classpath"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)  load $(cut -d' ' -f1-3 /proc/loadavg)"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$cp" ai.fonella.bench.startup.StartupHarness "$@"
