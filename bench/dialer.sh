#!/usr/bin/env bash
# A pacer campaign end to end on the sandbox: a list of SIZE contacts uploaded through the API,
# a campaign of one attempt per contact at CONCURRENCY, the calls in flight sampled every 50 ms
# (the dialer's count in the database and the sandbox's active calls) until it completes; then
# wall time, calls/s, the server's CPU time per call, concurrency violations (in flight above
# the campaign's concurrency), whether every contact was dialed once and the statistics, the
# export and the completion e-mail add up; then where the CPU went, per call: the dispatch (the
# pacer's runs and the settlement of ended calls, measured in the server on the threads that run
# them, and the provider HTTP client), webhook ingestion, webhook processing, the sandbox (its own
# process), the whole server JVM and PostgreSQL. Appends the figures to bench/RESULTS.md.
#
#   bench/dialer.sh                       # 100,000 contacts at concurrency 50
#   SIZE=10000 bench/dialer.sh            # the 10,000-contact end-to-end check
#   DIALER_SANDBOX=embedded bench/dialer.sh  # the sandbox inside the server, as on a fresh install
#   DIALER_JFR=1 bench/dialer.sh          # also the JFR execution samples by part of the server
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

size=${SIZE:-100000}
concurrency=${CONCURRENCY:-50}
# Short calls: at time scale 600 a 3-minute call lasts 0.3 s.
export SWITCHBOARD_SANDBOX_TIME_SCALE=${SWITCHBOARD_SANDBOX_TIME_SCALE:-600}
export BENCH_SANDBOX_PORT=${BENCH_SANDBOX_PORT:-18189}
jfr=
if [ -n "${DIALER_JFR:-}" ]; then
  jfr=$(mktemp /tmp/switchboard-dialer-XXXX.jfr)
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$jfr,settings=profile"
fi
jar=$(app_jar)
pgjar=$(jdbc_driver "$jar")
sandbox_note="standalone sandbox"
if [ "${DIALER_SANDBOX:-standalone}" = embedded ]; then
  sandbox_note="embedded sandbox"
else
  start_sandbox "$jar"
fi
start_server "$jar"
fragment=$(mktemp)
"$JBIN/java" -cp "$pgjar" bench/LoadGen.java dialer --base "$BASE" --db "$BENCH_JDBC" \
  --sandbox "http://127.0.0.1:$BENCH_SANDBOX_PORT" --pid "$SERVER_PID" --sandbox-pid "${SANDBOX_PID:-0}" --size "$size" --concurrency "$concurrency" \
  --report "$fragment"
load=$(uptime | sed 's/.*load average/load average/')
if [ -n "$jfr" ]; then
  stop_server
  # Execution samples by the part of the server their stack is in (the pacer first: placing a
  # call and settling an ended one are its work, whoever called).
  "$JBIN/jfr" print --stack-depth 64 --events jdk.ExecutionSample "$jfr" | awk '
    function flush() { if (inside) { counts[d ? "pacer and settlement (campaigns.internal.dialer)" : w ? "webhook ingestion and processing" : s ? "sandbox simulation" : "other"]++; total++ } }
    /stackTrace = \[/ { flush(); inside = 1; d = w = s = 0; next }
    /campaigns\.internal\.dialer/ { d = 1 }
    /calls\.internal\.webhooks/ { w = 1 }
    /dev\.switchboard\.sandbox/ { s = 1 }
    END { flush(); for (k in counts) printf "- JFR CPU samples (server JVM), %s: %.0f %%\n", k, 100 * counts[k] / total }' >> "$fragment"
  rm -f "$jfr"
fi
echo "- machine during the run: $load" >> "$fragment"
append_results "Dialer (pacer on the sandbox)" "bench/dialer.sh (SIZE=$size, CONCURRENCY=$concurrency, $sandbox_note, time scale $SWITCHBOARD_SANDBOX_TIME_SCALE)" \
  "Goals: no call in flight above the campaign's concurrency, dispatch CPU per call ≤ 2 ms, every contact dialed once, statistics total = contacts." "$fragment"
rm -f "$fragment"
