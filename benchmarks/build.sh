# Sourced by the benchmark scripts: builds the benchmarks module and what it depends on (tests
# skipped) unless SKIP_BUILD=1, refuses a class path that points at installed Fonella jars instead
# of this tree's, and sets $root and $classpath (the dependencies, without the module's classes).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -f "$root/pom.xml" -pl benchmarks -am package -DskipTests >&2
fi
if grep -q '/ai/fonella/' "$root/benchmarks/target/classpath.txt"; then
  echo "benchmarks/target/classpath.txt points at installed Fonella jars, not this tree's; run without SKIP_BUILD" >&2
  exit 1
fi
classpath=$(cat "$root/benchmarks/target/classpath.txt")
