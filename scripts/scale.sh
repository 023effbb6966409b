#!/usr/bin/env bash
# The large-campaign test, left out of the default ./mvnw test because it takes minutes: a
# 10,000-contact campaign run from the browser on the sandbox (see docs/campaigns.md, "Tests").
# Extra arguments go to Maven, e.g. scripts/scale.sh -Dcampaign.size=300 for a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -q test -Pscale "$@"
