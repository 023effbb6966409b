#!/usr/bin/env bash
# The single-call API: POST /api/v1/calls with an API key at a fixed arrival rate against a server
# started for the run (fresh database, the embedded sandbox as the voice provider, the sandbox's
# answering test number 555-0001). Latency is counted from each request's intended start.
# Appends the figures to bench/RESULTS.md.
#
#   bench/calls-api.sh                     # 200/s for 20 s (the goal's rate)
#   RATE=100 SECONDS_=30 bench/calls-api.sh
#   WARMUP=60 bench/calls-api.sh          # seconds at half the rate before measuring (default 90), to the busy number
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

# wrk drives the load when it is installed, else the JDK client in LoadGen.java does (ENGINE=jdk forces it).
ensure_wrk
rate=${RATE:-200}
seconds=${SECONDS_:-20}
jar=$(app_jar)
start_server "$jar"
fragment=$(mktemp)
"$JBIN/java" bench/LoadGen.java calls --base "$BASE" --rate "$rate" --seconds "$seconds" --engine "${ENGINE:-wrk}" --warmup "${WARMUP:-90}" --report "$fragment" --jstat "$JSTAT_LOG"
append_results "Single-call API" "bench/calls-api.sh (RATE=$rate, ${seconds} s)" \
  "Goal: p99 ≤ 50 ms at 200 requests/s on the sandbox." "$fragment"
rm -f "$fragment"
