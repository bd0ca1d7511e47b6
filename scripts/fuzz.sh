#!/usr/bin/env bash
# Runs the mutation fuzzer (examples/fuzz.rs) against the release binary for
# a fixed number of minutes (default 30) on every core. Not part of the test
# command: its budget is time, not a pass/fail list. Findings are kept under
# target/fuzz-findings/ with WHY.txt; the last line is "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-30}"
cargo build --release --bin chibo --example fuzz
exec target/release/examples/fuzz --minutes "$minutes" --jobs "$(nproc)" "${@:2}"
