#!/usr/bin/env bash
# JMH micro-benchmarks of the hot pure functions (bench/jmh/): Retell signature verification,
# phone number normalization and contact row validation (the CSV import's per-row check). Builds bench/jmh with the application's own sources of those
# classes, runs every benchmark (or those matching the given regular expression), prints JMH's
# table and appends it to bench/RESULTS.md.
#
#   bench/jmh.sh                      # all, short (about a minute)
#   bench/jmh.sh RetellSignature      # only those
#   JMH_ARGS="-wi 5 -i 10" bench/jmh.sh   # longer runs on a quiet machine
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

filter=${1:-.}
JAVA_HOME=${JBIN%/bin} ./mvnw -q -B -f bench/jmh/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp=bench/jmh/target/classes:$(cat bench/jmh/target/classpath.txt)
out=$(mktemp)
"$JBIN/java" -cp "$cp" org.openjdk.jmh.Main ${JMH_ARGS:-} "$filter" | tee "$out"
fragment=$(mktemp)
{
  echo '```'
  sed -n '/^Benchmark /,$p' "$out"
  echo '```'
} > "$fragment"
append_results "Micro-benchmarks (JMH)" "bench/jmh.sh ${1:-}${JMH_ARGS:+ (JMH_ARGS=$JMH_ARGS)}" \
  "Average time per call (lower is better)." "$fragment"
rm -f "$out" "$fragment"
