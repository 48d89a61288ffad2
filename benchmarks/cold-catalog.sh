#!/usr/bin/env bash
# Issue 14, item 5: the cold definitions of 20 tools in fresh JVMs, generated (default) against taken
# from the build's tool catalog (META-INF/fonella/tools.json on the class path, as Spring AOT writes
# it), alternating. On a JDK 25 or later (JAVA_HOME), each also with a JDK AOT cache (JEP 483, 514)
# made by one training run of its own. Each run also times the floor (ColdDefinitions --floor: the
# JVM's first use of what any check of such a catalog needs, with nothing of Fonella run), as
# "floor" and its parts "floor-...". ./benchmarks/cold-catalog.sh [runs]   (default 20; SKIP_BUILD=1
# reuses the last build)
set -euo pipefail
runs=${1:-20}
source "$(dirname "$0")/build.sh"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
main=ai.fonella.bench.startup.ColdDefinitions
# an AOT cache takes jars only: the module's classes and the catalog go into one each
jar cf "$work/bench.jar" -C "$root/benchmarks/target/classes" .
cp="$work/bench.jar:$classpath"
"$java" -cp "$cp" $main --write "$work/catalog"
jar cf "$work/catalog.jar" -C "$work/catalog" .
cache=false
if [[ $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p') -ge 25 ]]; then
  cache=true
  "$java" -XX:AOTCacheOutput="$work/generated.aot" -cp "$cp" $main >/dev/null 2>&1
  "$java" -XX:AOTCacheOutput="$work/catalog.aot" -cp "$work/catalog.jar:$cp" $main --catalog >/dev/null 2>&1
  "$java" -XX:AOTCacheOutput="$work/floor.aot" -cp "$work/catalog.jar:$cp" $main --floor >/dev/null 2>&1
fi
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ)  $(nproc) cores  load $(cut -d' ' -f1-3 /proc/loadavg)  $runs runs each  $("$java" -version 2>&1 | head -1)"
for _ in $(seq 1 "$runs"); do
  "$java" -cp "$cp" $main | sed -n 's/^COLD /generated /p'
  "$java" -cp "$work/catalog.jar:$cp" $main --catalog | sed -n 's/^COLD /catalog /p'
  "$java" -cp "$work/catalog.jar:$cp" $main --floor | sed -n 's/^COLD /floor /p; s/^PART /floor-/p'
  if $cache; then
    "$java" -XX:AOTCache="$work/generated.aot" -XX:AOTMode=on -cp "$cp" $main | sed -n 's/^COLD /generated+cache /p'
    "$java" -XX:AOTCache="$work/catalog.aot" -XX:AOTMode=on -cp "$work/catalog.jar:$cp" $main --catalog | sed -n 's/^COLD /catalog+cache /p'
    "$java" -XX:AOTCache="$work/floor.aot" -XX:AOTMode=on -cp "$work/catalog.jar:$cp" $main --floor \
      | sed -n 's/^COLD /floor+cache /p; s/^PART /floor+cache-/p'
  fi
done | python3 "$root/benchmarks/summary.py"
