#!/usr/bin/env bash
# Hashes of what chibo produces, for refactors that must not change output:
# the example site, a generated 1,000-article site, and `figures --json`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin chibo --example chibo-corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
target/release/examples/chibo-corpus --articles 1000 --activities 500 --out "$tmp/c1k" >/dev/null
target/release/chibo build -q -o "$tmp/ex" >/dev/null 2>&1
target/release/chibo --root "$tmp/c1k" build -q -o "$tmp/1k" >/dev/null 2>&1
tree_hash() { (cd "$1" && find . -type f ! -name .chibo-output -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }
echo "example site:      $(tree_hash "$tmp/ex")"
echo "1,000 articles:    $(tree_hash "$tmp/1k")"
echo "figures --json:    $(target/release/chibo figures --json | sha256sum | cut -c1-16)"
