#!/usr/bin/env bash
# Starts the server exactly as the benchmarks do (fresh database, sandbox, bench flag on) and
# keeps it running until interrupted, for profiling by hand:
#
#   bench/server.sh &                                   # prints its URL, JDBC URL and pid
#   jcmd <pid> JFR.start duration=30s filename=/tmp/run.jfr
#   java -cp bench/target/lib/postgresql-*.jar bench/LoadGen.java webhooks --base <url> --db <jdbc url>
#   jfr print --events jdk.ExecutionSample /tmp/run.jfr | grep 'at ' | sort | uniq -c | sort -rn | head
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

jar=$(app_jar)
jdbc_driver "$jar" >/dev/null
start_server "$jar"
echo "JDBC: $BENCH_JDBC"
wait $SERVER_PID
