#!/usr/bin/env bash
# Webhook ingestion: signed Retell call_started / call_ended / call_analyzed events for agents of
# a fresh organization, each call id new, against /webhooks/retell of a server started for the
# run. Measures the saturation throughput against a no-op endpoint of the same server (the
# ratio), then a fixed arrival rate (latency percentiles counted from each request's intended
# start), how long processing takes to catch up once the load stops, and the heap. Appends the
# figures to bench/RESULTS.md.
#
#   bench/webhooks.sh                      # 2000/s for 20 s (the goal's rate)
#   RATE=3000 SECONDS_=30 bench/webhooks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

# wrk drives the load when it is installed, else the JDK client in LoadGen.java does (ENGINE=jdk forces it).
ensure_wrk
rate=${RATE:-2000}
seconds=${SECONDS_:-20}
jar=$(app_jar)
driver=$(jdbc_driver "$jar")
start_server "$jar"
fragment=$(mktemp)
"$JBIN/java" -cp "$driver" bench/LoadGen.java webhooks --base "$BASE" --db "$BENCH_JDBC" --rate "$rate" \
  --seconds "$seconds" --saturation-seconds "${SATURATION_SECONDS:-10}" --concurrency "${CONCURRENCY:-32}" --engine "${ENGINE:-wrk}" --report "$fragment" --jstat "$JSTAT_LOG"
append_results "Webhook ingestion" "bench/webhooks.sh (RATE=$rate, ${seconds} s)" \
  "Goals: ≥ 2,000 signed webhooks/s accepted durably, p99 ≤ 50 ms, processing keeping up, webhook/no-op ≥ 0.3." "$fragment"
rm -f "$fragment"
