#!/usr/bin/env bash
# Issue 14, item 5: the cold definitions of 20 tools in fresh JVMs, generated (default) against taken
# from the build's tool catalog (META-INF/fonella/tools.json on the class path, as Spring AOT writes
# it), alternating. ./benchmarks/cold-catalog.sh [runs]   (default 20; SKIP_BUILD=1 reuses the last build)
set -euo pipefail
runs=${1:-20}
source "$(dirname "$0")/build.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp="$root/benchmarks/target/classes:$classpath"
main=ai.fonella.bench.startup.ColdDefinitions
java -cp "$cp" $main --write "$work/catalog"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  load $(cut -d' ' -f1-3 /proc/loadavg)  $runs runs each"
for _ in $(seq 1 "$runs"); do
  java -cp "$cp" $main | sed -n 's/^COLD /generated /p'
  java -cp "$work/catalog:$cp" $main --catalog | sed -n 's/^COLD /catalog /p'
done | python3 "$root/benchmarks/summary.py"
