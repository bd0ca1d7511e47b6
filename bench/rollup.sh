#!/bin/sh
# The superior committee's roll-up at scale: N cells × 5 years written by
# examples/chibo-rollup-corpus.rs on tmpfs, then `chibo rollup --json` run
# 4 times; the first run warms the page cache and is not counted, the
# median of the other 3 is printed with its peak memory (GNU time).
#   sh bench/rollup.sh 500 5000
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet --example chibo-rollup-corpus
cargo build --release --quiet
base=${TMPDIR_BENCH:-/dev/shm}/chibo-rollup-bench
for cells in "${@:-500}"; do
    dir="$base-$cells"
    rm -rf "$dir"
    ./target/release/examples/chibo-rollup-corpus --cells "$cells" --years 5 --out "$dir" >/dev/null
    entries=$(find "$dir/chi-bo" -name "*.yaml" -path "*activities*" -exec cat {} + | grep -c "^- kind:")
    ./target/release/chibo --root "$dir/dang-uy" rollup --json >/dev/null
    for i in 1 2 3; do
        /usr/bin/time -f "%e %M" ./target/release/chibo --root "$dir/dang-uy" rollup --json 2>&1 >/dev/null | tail -1
    done | sort -n | sed -n 2p | while read -r secs kb; do
        echo "$cells cells, $entries entries: ${secs} s, $((kb / 1024)) MiB peak"
    done
    rm -rf "$dir"
done
