#!/usr/bin/env bash
# Issue 7, item 2, "what it would take": the cold definitions of 20 tools in fresh JVMs, with the
# default JVM options and with an AppCDS archive made by one training run (JDK 13+
# -XX:ArchiveClassesAtExit), alternating. ./benchmarks/cold-cds.sh [runs]   (default 20)
set -euo pipefail
runs=${1:-20}
source "$(dirname "$0")/build.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# CDS takes jars only: the module's classes go into one
jar cf "$work/bench.jar" -C "$root/benchmarks/target/classes" .
cp="$work/bench.jar:$classpath"
main=ai.fonella.bench.startup.ColdDefinitions
java -XX:ArchiveClassesAtExit="$work/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp" $main >/dev/null 2>&1
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  load $(cut -d' ' -f1-3 /proc/loadavg)  $runs runs each"
for _ in $(seq 1 "$runs"); do
  java -cp "$cp" $main | sed -n 's/^COLD /default /p'
  java -XX:SharedArchiveFile="$work/app.jsa" -Xlog:cds=off -cp "$cp" $main | sed -n 's/^COLD /appcds /p'
done | python3 "$root/benchmarks/summary.py"
