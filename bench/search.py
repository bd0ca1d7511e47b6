#!/usr/bin/env python3
"""What a search costs a reader: bytes transferred and time per query.

    python3 bench/search.py OUTPUT_DIR [--base /chibo] [--queries "đảng viên" "kết nạp" …]

OUTPUT_DIR is a built site (e.g. the 10,000-article corpus of
bench/run.py, built with `chibo build -o OUTPUT_DIR`). The site is served
over HTTP on loopback by a server that records every file asked for; each
query is opened in headless Chromium (driven over the DevTools protocol,
so that the page's clock is real: `pip install websocket-client`) as a
shared link (`/tim-kiem/?q=…`),
and the files the search needed after the page itself (search.js, the
manifest, index shards, title chunks, the result pages read for excerpts)
are counted at their gzip size (level 6, what a web server sends). The
query time is what search.js measured from the shards' arrival to the
ranked results (`data-ms` on the result list). Also prints the index's
size on disk.
"""

import argparse
import gzip
import os
import re
import statistics
import sys
import urllib.parse

import browser

QUERIES = ["đảng viên", "kết nạp", "chi bộ", "nghị quyết", "học tập", "kiểm tra", "dang vien", "ket na"]


def gz(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 6))


READY = ("(() => { const l = document.getElementById('search-results'); "
         "const cards = l ? l.querySelectorAll('.card-summary') : []; "
         "return l && l.dataset.ms && Array.from(cards).every(c => c.textContent) "
         "? document.documentElement.outerHTML : ''; })()")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--base", default="/chibo")
    ap.add_argument("--queries", nargs="*", default=QUERIES)
    args = ap.parse_args()
    root = os.path.abspath(args.out)
    asked = []

    server = browser.serve(root, args.base, asked)
    port = server.server_address[1]

    index = os.path.join(root, "tim-kiem")
    files = [os.path.join(d, f) for d, _, fs in os.walk(index) for f in fs if f.endswith(".json")]
    raw = sum(os.path.getsize(f) for f in files)
    print(f"index: {len(files)} files, {raw / 1e6:.1f} MB raw, {sum(gz(f) for f in files) / 1e6:.1f} MB gzip")
    shard_sizes = sorted(gz(f) for f in files if "/tu/" in f)
    print(f"shards: {len(shard_sizes)}, gzip median {statistics.median(shard_sizes) / 1e3:.0f} KB, largest {shard_sizes[-1] / 1e3:.0f} KB")

    print(f"{'query':<14} {'results':>8} {'files':>6} {'KB gzip':>8} {'index KB':>9} {'ms':>7}")
    rows = []
    for q in args.queries:
        asked.clear()
        url = f"http://127.0.0.1:{port}{args.base}/tim-kiem/?q={urllib.parse.quote(q)}"
        dom, _ = browser.open_page(url, until=READY)
        m = re.search(r'data-ms="([0-9.]+)"', dom)
        c = re.search(r'data-count="([0-9]+)"', dom)
        if not (m and c):
            sys.exit(f"no answer for {q}")
        needed = [f for f in asked if not f.endswith("tim-kiem/index.html") and not f.endswith("style.css")]
        total = sum(gz(f) for f in needed if os.path.isfile(f))
        idx = sum(gz(f) for f in needed if os.path.isfile(f) and f.endswith(".json"))
        rows.append((q, int(c.group(1)), len(needed), total, idx, float(m.group(1))))
        print(f"{q:<14} {c.group(1):>8} {len(needed):>6} {total / 1e3:>8.0f} {idx / 1e3:>9.0f} {float(m.group(1)):>7.1f}")
    server.shutdown()
    print(f"median: {statistics.median(r[3] for r in rows) / 1e3:.0f} KB per query, "
          f"largest {max(r[3] for r in rows) / 1e3:.0f} KB; query time median {statistics.median(r[5] for r in rows):.1f} ms, "
          f"largest {max(r[5] for r in rows):.1f} ms")


if __name__ == "__main__":
    main()
