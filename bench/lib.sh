# Shared by the benchmark scripts: finds a JDK, builds the jar when the sources changed, starts
# a server on a fresh database with the sandbox and the bench flag, describes the machine.
# Sourced, not run.

java_bin() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate/bin"; return; fi
  done
  echo "No JDK 21 or newer found" >&2; exit 1
}
JBIN=$(java_bin)

# The application jar, rebuilt when a main source file or the pom is newer than it.
app_jar() {
  local jar
  jar=$(ls target/switchboard-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
  if [ -z "$jar" ] || [ -n "$(find src/main pom.xml -newer "$jar" -type f 2>/dev/null | head -n 1)" ]; then
    echo "building the application jar…" >&2
    ./mvnw -q -B -DskipTests package >&2
    jar=$(ls target/switchboard-*.jar | grep -v original | head -n 1)
  fi
  echo "$jar"
}

# The PostgreSQL JDBC driver the load generator uses to watch the inbox: the one inside the jar.
jdbc_driver() {
  local jar=$1 dir=bench/target/lib
  mkdir -p "$dir"
  if ! ls "$dir"/postgresql-*.jar >/dev/null 2>&1; then
    (cd "$dir" && "$JBIN/jar" xf "../../../$jar" $("$JBIN/jar" tf "../../../$jar" | grep 'BOOT-INF/lib/postgresql-') \
      && mv BOOT-INF/lib/postgresql-*.jar . && rm -rf BOOT-INF)
  fi
  ls "$dir"/postgresql-*.jar | head -n 1
}

machine() {
  local pg
  pg=$(psql -h 127.0.0.1 -U postgres -Atc 'show server_version' 2>/dev/null || echo "embedded 14")
  echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $("$JBIN/java" -version 2>&1 | head -n 1), PostgreSQL ${pg%% *}"
}

BENCH_PORT=${BENCH_PORT:-18180}
BASE="http://127.0.0.1:$BENCH_PORT"
SERVER_PID=
SANDBOX_PID=
SANDBOX_LOG=
JSTAT_PID=
BENCH_DATA=
BENCH_DB=

# Starts the server in the background: a fresh database on the machine's PostgreSQL
# (127.0.0.1:5432, user postgres) when it answers, else the embedded one. BENCH_JAVA_OPTS adds JVM
# options (for example -XX:StartFlightRecording=filename=bench/target/run.jfr), BENCH_SERVER_ARGS
# application arguments; BENCH_SANDBOX_PORT fixes the sandbox's port (else any free one), for a load
# generator that asks it questions.
start_server() {
  local jar=$1
  # Another server on the port would answer the readiness probe and take the load instead.
  if curl -s -o /dev/null --max-time 2 "$BASE/actuator/health/readiness" 2>/dev/null; then
    echo "something already answers on $BASE; stop it or choose another port with BENCH_PORT" >&2; exit 1
  fi
  BENCH_DATA=$(mktemp -d /tmp/switchboard-bench-XXXX)
  local db_env=()
  if psql -h 127.0.0.1 -U postgres -Atc 'select 1' >/dev/null 2>&1; then
    BENCH_DB="switchboard_bench_$(date +%s)_$$"
    db_env=(SWITCHBOARD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB")
    BENCH_JDBC="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB?user=postgres"
  else
    db_env=(SWITCHBOARD_DB_EMBEDDED_PORT=${BENCH_PG_PORT:-54399})
    BENCH_JDBC="jdbc:postgresql://127.0.0.1:${BENCH_PG_PORT:-54399}/switchboard?user=postgres"
  fi
  env "${db_env[@]}" SWITCHBOARD_PORT=$BENCH_PORT SWITCHBOARD_DATA_DIR=$BENCH_DATA SWITCHBOARD_LOG_FORMAT= \
    SWITCHBOARD_SANDBOX_PORT=${BENCH_SANDBOX_PORT:-0} SWITCHBOARD_API_KEY_RATE_LIMIT=1000000 SWITCHBOARD_SANDBOX_CONCURRENCY_LIMIT=10000 \
    "$JBIN/java" ${BENCH_JAVA_OPTS:-} -jar "$jar" --switchboard.bench.enabled=true ${BENCH_SERVER_ARGS:-} > "$BENCH_DATA/server.log" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  until curl -fs "$BASE/actuator/health/readiness" >/dev/null 2>&1; do
    if ! kill -0 $SERVER_PID 2>/dev/null; then echo "server exited; see $BENCH_DATA/server.log" >&2; tail -n 30 "$BENCH_DATA/server.log" >&2; exit 1; fi
    sleep 0.2
  done
  # The heap, sampled from the JVM's shared counters (costs the server nothing).
  JSTAT_LOG=$BENCH_DATA/jstat.log
  "$JBIN/jstat" -gc $SERVER_PID 1000 > "$JSTAT_LOG" 2>/dev/null &
  JSTAT_PID=$!
  echo "server $SERVER_PID ready on $BASE (log: $BENCH_DATA/server.log)"
}

# Starts the standalone sandbox in its own JVM on BENCH_SANDBOX_PORT (18189), its webhooks going to
# $BASE, and makes the next start_server use it instead of the embedded one: the server's process
# then does none of the simulation. Call before start_server. SWITCHBOARD_SANDBOX_* settings apply.
start_sandbox() {
  local jar=$1 port=${BENCH_SANDBOX_PORT:-18189}
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "something already answers on port $port; choose another with BENCH_SANDBOX_PORT" >&2; exit 1
  fi
  SANDBOX_LOG=$(mktemp /tmp/switchboard-sandbox-XXXX.log)
  "$JBIN/java" ${BENCH_SANDBOX_JAVA_OPTS:-} -cp "$jar" -Dloader.main=dev.switchboard.sandbox.SandboxMain \
    org.springframework.boot.loader.launch.PropertiesLauncher --port="$port" --webhook-url="$BASE/webhooks/retell" \
    --concurrency-limit=10000 > "$SANDBOX_LOG" 2>&1 &
  SANDBOX_PID=$!
  trap stop_server EXIT
  until grep -q "listening on" "$SANDBOX_LOG" 2>/dev/null; do
    if ! kill -0 $SANDBOX_PID 2>/dev/null; then echo "sandbox exited; see $SANDBOX_LOG" >&2; tail -n 30 "$SANDBOX_LOG" >&2; exit 1; fi
    sleep 0.2
  done
  BENCH_SERVER_ARGS="${BENCH_SERVER_ARGS:-} --switchboard.sandbox.enabled=false --switchboard.sandbox.url=http://127.0.0.1:$port"
  echo "sandbox $SANDBOX_PID ready on port $port (log: $SANDBOX_LOG)"
}

stop_server() {
  if [ -n "$JSTAT_PID" ]; then kill $JSTAT_PID 2>/dev/null || true; JSTAT_PID=; fi
  if [ -n "$SERVER_PID" ] && kill -0 $SERVER_PID 2>/dev/null; then
    kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true
  fi
  SERVER_PID=
  if [ -n "$SANDBOX_PID" ] && kill -0 $SANDBOX_PID 2>/dev/null; then
    kill $SANDBOX_PID; wait $SANDBOX_PID 2>/dev/null || true
  fi
  SANDBOX_PID=
  if [ -n "$SANDBOX_LOG" ] && [ -z "${BENCH_KEEP:-}" ]; then rm -f "$SANDBOX_LOG"; SANDBOX_LOG=; fi
  if [ -n "$BENCH_DB" ]; then
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists \"$BENCH_DB\" with (force)" >/dev/null 2>&1 || true
    BENCH_DB=
  fi
  if [ -n "$BENCH_DATA" ] && [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$BENCH_DATA"; fi
}

# Appends a titled section with the machine, the command and a Markdown fragment to RESULTS.md.
append_results() {
  local title=$1 command=$2 goal=$3 fragment=$4
  {
    echo
    echo "## $title — $(date -u '+%Y-%m-%d %H:%M UTC') — $(machine)"
    echo
    echo "Command: \`$command\`. $goal${BENCH_NOTE:+ $BENCH_NOTE}"
    echo
    cat "$fragment"
  } >> bench/RESULTS.md
}

# Installs Debian's wrk when it is missing and this runs as root with apt (the load scripts use it when present).
ensure_wrk() {
  if ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -q wrk >/dev/null 2>&1 || true
  fi
}
