#!/usr/bin/env bash
# The fault tests, left out of the default ./mvnw test because each takes minutes: servers
# killed with SIGKILL mid-campaign and restarted on the same database (see README.md, "Tests").
# Extra arguments go to Maven, e.g. scripts/faults.sh -Dtest=CampaignSurvivesKilledServerTest
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q test -Pfaults "$@"
