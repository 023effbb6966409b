#!/usr/bin/env bash
# Measures the server's start-up time (process start to readiness UP) and its idle heap after a
# full GC, on the embedded PostgreSQL: once on a fresh data folder (includes creating the
# database cluster) and once more on the same folder (a restart). Appends the figures to
# bench/RESULTS.md.
#
#   bench/startup.sh            # build the jar if needed, then measure
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
jar=$(app_jar)

port=${BENCH_PORT:-18080}
pgport=${BENCH_PG_PORT:-54399}
data=$(mktemp -d /tmp/switchboard-bench-XXXX)
results=()

measure() {
  local label=$1
  local start end pid ms heap
  start=$(date +%s%N)
  SWITCHBOARD_PORT=$port SWITCHBOARD_DATA_DIR=$data SWITCHBOARD_DB_EMBEDDED_PORT=$pgport SWITCHBOARD_LOG_FORMAT= \
    "$JBIN/java" -jar "$jar" > "$data/server-$label.log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
    if ! kill -0 $pid 2>/dev/null; then echo "server exited; see $data/server-$label.log" >&2; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  sleep 10
  "$JBIN/jcmd" $pid GC.run >/dev/null
  sleep 1
  heap=$(curl -fs "http://127.0.0.1:$port/actuator/prometheus" \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $NF} END {printf "%.0f", sum / 1048576}')
  kill $pid; wait $pid 2>/dev/null || true
  echo "$label: ready in ${ms} ms, idle heap after GC ${heap} MB"
  results+=("| $label | ${ms} ms | ${heap} MB |")
}

measure cold-start
measure restart

{
  echo
  echo "## Start-up and idle heap — $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JBIN/java" -version 2>&1 | head -n 1)"
  echo
  echo "Command: \`bench/startup.sh\` (process start to readiness UP on the embedded PostgreSQL; heap after a full GC, 10 s idle). Goal: ≤ 10 s, ≤ 256 MB."
  echo
  echo "| run | ready after | idle heap |"
  echo "|---|---|---|"
  printf '%s\n' "${results[@]}"
} >> bench/RESULTS.md
rm -rf "$data"
