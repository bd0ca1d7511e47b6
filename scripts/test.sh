#!/usr/bin/env bash
# The test command of README.md: every test (`cargo test --release`), then
# closing lines with the totals and the tests that did not run because a
# program they need (Chromium, LibreOffice, poppler) is missing. Under
# CI=true such a test fails instead of not running.
#   scripts/test.sh [cargo test arguments]   run the tests, then the closing lines
#   scripts/test.sh --summary LOG            only the closing lines of a run's log
#                                            (.ci/run runs `cargo test` itself)
set -uo pipefail
cd "$(dirname "$0")/.."
notrun=target/tmp/chibo-not-run.txt

summary() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "%d passed, %d failed\n", p, f }' "$1"
  if [ -s "$notrun" ]; then
    n=$(sort -u "$notrun" | wc -l)
    missing=$(cut -f2 "$notrun" | tr ',' '\n' | sed 's/^ *//' | sort -u | paste -sd, - | sed 's/,/, /g')
    echo "$n tests not run: $missing missing (install them, or run .ci/run; under CI=true they fail)"
    sort -u "$notrun" | cut -f1 | sed 's/^/  not run: /'
  fi
}

if [ "${1:-}" = "--summary" ]; then
  summary "$2"
  exit 0
fi
mkdir -p target/tmp
: > "$notrun"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo test --release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary "$log"
exit "$status"
