#!/usr/bin/env bash
# Mutation testing of the modules whose mistakes would print wrong figures
# or wrong Vietnamese: figures, vn, and the log validation. Not part of CI
# (it builds the crate once per mutant: about 25 minutes on 2 cores). Survivors
# are listed in mutants.out/missed.txt; each must be killed by a new test or
# explained as equivalent.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null 2>&1 || cargo install --locked cargo-mutants
exec cargo mutants --no-shuffle --test-tool cargo -j 1 \
  --file src/figures/mod.rs --file src/figures/coverage.rs --file src/vn.rs --file src/load/activity.rs "$@" -- --lib
