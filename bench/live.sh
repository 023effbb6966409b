#!/usr/bin/env bash
# Live updates: 50 organizations (signed up through the API, each with an API key, an agent and a
# sandbox number), 40 SSE subscribers each on GET /api/v1/events?channels=calls (2,000 streams,
# read asynchronously by one JDK HttpClient), then sandbox calls placed in every organization
# through POST /api/v1/calls publish call-changed events. Prints delivery latency from each
# event's createdAt to its receipt (p50/p99/max), deliveries that never arrived and deliveries
# to a subscriber of another organization (must be 0). Appends the figures to bench/RESULTS.md.
#
#   bench/live.sh                                        # 50 × 40 subscribers, 200 calls over 20 s
#   ORGANIZATIONS=10 SUBSCRIBERS=20 CALLS=2 bench/live.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

organizations=${ORGANIZATIONS:-50}
subscribers=${SUBSCRIBERS:-40}
calls=${CALLS:-4}
seconds=${SECONDS_:-20}
# Sandbox calls last a few real seconds instead of minutes, so their events come during the run.
export SWITCHBOARD_SANDBOX_TIME_SCALE=${SWITCHBOARD_SANDBOX_TIME_SCALE:-60}
# Each organization signs up from its own address (X-Forwarded-For from the local load generator),
# as 50 real customers would, instead of hitting the sign-up limit of one network.
export SWITCHBOARD_FORWARD_HEADERS=native
jar=$(app_jar)
start_server "$jar"
fragment=$(mktemp)
"$JBIN/java" bench/LoadGen.java live --base "$BASE" --organizations "$organizations" \
  --subscribers "$subscribers" --calls "$calls" --seconds "$seconds" --report "$fragment" --jstat "$JSTAT_LOG"
append_results "Live updates (SSE)" "bench/live.sh (ORGANIZATIONS=$organizations, SUBSCRIBERS=$subscribers, CALLS=$calls, ${seconds} s, sandbox time scale $SWITCHBOARD_SANDBOX_TIME_SCALE)" \
  "Goal: p99 ≤ 200 ms from publish (the event's createdAt, its transaction's start) to receipt, no delivery to another organization." "$fragment"
rm -f "$fragment"
