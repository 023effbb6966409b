#!/usr/bin/env bash
# Every benchmark in turn (each starts and stops its own server): webhook ingestion, the
# single-call API, the JMH micro-benchmarks. Each appends its section to bench/RESULTS.md.
#
#   bench/all.sh            # about 6 minutes on a quiet 2-core machine
set -euo pipefail
cd "$(dirname "$0")/.."
bench/webhooks.sh
bench/calls-api.sh
bench/jmh.sh
