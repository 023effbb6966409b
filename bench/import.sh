#!/usr/bin/env bash
# Contact import end to end: generates a CSV of 1,000,000 realistic rows (assorted phone formats,
# crm_id, name, three variables, about 2 % invalid rows and some duplicates), uploads it to a
# server on the embedded PostgreSQL, waits until the list is ready (parse, normalize, validate,
# store), then copies the same rows with a raw PostgreSQL COPY into a similar table and prints
# both times and their ratio (goals: import ≤ 30 s, ratio ≥ 0.4).
#
#   bench/import.sh              # 1,000,000 rows
#   BENCH_ROWS=100000 bench/import.sh
#   BENCH_APPEND=1 bench/import.sh   # also append the figures to bench/RESULTS.md
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/import.jfr,settings=profile" bench/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

java_bin() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate/bin"; return; fi
  done
  echo "No JDK 21 or newer found" >&2; exit 1
}
JBIN=$(java_bin)

jar=$(ls target/switchboard-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [ -z "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B -DskipTests package
  jar=$(ls target/switchboard-*.jar | grep -v original | head -n 1)
fi
pgjar=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -n 1)

rows=${BENCH_ROWS:-1000000}
port=${BENCH_PORT:-18081}
pgport=${BENCH_PG_PORT:-54398}
data=$(mktemp -d /tmp/switchboard-import-bench-XXXX)

SWITCHBOARD_PORT=$port SWITCHBOARD_DATA_DIR=$data SWITCHBOARD_DB_EMBEDDED_PORT=$pgport SWITCHBOARD_LOG_FORMAT= \
  SWITCHBOARD_SANDBOX_PORT=0 SWITCHBOARD_JOBS_POLL_INTERVAL=200ms \
  "$JBIN/java" ${BENCH_JAVA_OPTS:-} -jar "$jar" > "$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
  if ! kill -0 $pid 2>/dev/null; then echo "server exited; see $data/server.log" >&2; exit 1; fi
  sleep 0.2
done

output=$("$JBIN/java" -cp "$pgjar" bench/import/ImportBench.java "http://127.0.0.1:$port" \
  "jdbc:postgresql://127.0.0.1:$pgport/switchboard" "$rows" | tee /dev/stderr)
result=$(echo "$output" | grep '^RESULT')

if [ "${BENCH_APPEND:-0}" = "1" ]; then
  import_s=$(echo "$result" | sed -E 's/.*import_s=([0-9.]+).*/\1/')
  copy_s=$(echo "$result" | sed -E 's/.*copy_s=([0-9.]+).*/\1/')
  ratio=$(echo "$result" | sed -E 's/.*ratio=([0-9.]+).*/\1/')
  {
    echo
    echo "## Contact import — $(date -u +%Y-%m-%d) — $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JBIN/java" -version 2>&1 | head -n 1)"
    echo
    echo "Command: \`bench/import.sh\` ($rows CSV rows uploaded through the API until the list is ready, vs a raw COPY of the same file). Goals: ≤ 30 s, ratio ≥ 0.4."
    echo
    echo "| rows | import end to end | raw COPY | ratio |"
    echo "|---|---|---|---|"
    echo "| $rows | ${import_s} s | ${copy_s} s | ${ratio} |"
  } >> bench/RESULTS.md
fi
