#!/usr/bin/env python3
"""chibo's benchmark: build, figures and preview on generated corpora, and
chibo against Hugo on the same articles.

    python3 bench/run.py --quick          # 2,000 articles, chibo only, < 1 minute
    python3 bench/run.py                  # the README table: 1k, 10k, 100k; Hugo at 1k and 10k
    python3 bench/run.py --sizes 1000 --runs 5 --dir /tmp/bench

Every build goes into a fresh output folder. chibo and Hugo alternate
(A B A B …) so that both see the same machine; the table gives medians.
Wall time by the clock, CPU time (user + system) and peak memory (max RSS)
from the kernel's accounting of each child process (os.wait4).
"""

import argparse
import re
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHIBO = os.path.join(ROOT, "target", "release", "chibo")
CORPUS = os.path.join(ROOT, "target", "release", "examples", "chibo-corpus")


def run(cmd, cwd=None):
    """Runs cmd; returns (wall s, cpu s, max rss MiB, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = b"", b""
    # wait4 gives this child's own rusage; read the pipes on threads.
    chunks = {"out": [], "err": []}

    def pump(stream, key):
        chunks[key].append(stream.read())

    threads = [threading.Thread(target=pump, args=(p.stdout, "out")), threading.Thread(target=pump, args=(p.stderr, "err"))]
    for t in threads:
        t.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    for t in threads:
        t.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    out, err = b"".join(chunks["out"]), b"".join(chunks["err"])
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, out.decode(errors="replace")


def ensure_tools(need_hugo):
    if not (os.path.exists(CHIBO) and os.path.exists(CORPUS)):
        subprocess.run(["cargo", "build", "--release", "--bin", "chibo", "--example", "chibo-corpus"], cwd=ROOT, check=True)
    if need_hugo and shutil.which("hugo") is None:
        print("installing Debian's hugo …", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True, env=env)


def corpus(base, articles, activities, hugo):
    c = os.path.join(base, f"c{articles}")
    h = os.path.join(base, f"h{articles}") if hugo else None
    cmd = [CORPUS, "--articles", str(articles), "--activities", str(activities), "--out", c]
    if h:
        cmd += ["--hugo", h]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return c, h


def timings(stdout):
    """Per-phase seconds and file-write seconds from `build --timings`."""
    phases, writes = {}, None
    for line in stdout.splitlines():
        if line.startswith("  "):
            label, _, secs = line.strip().rpartition(" ")
            try:
                phases[label.strip()] = float(secs.replace(".", "").replace(",", "."))
            except ValueError:
                pass
        m = re.search(r"ghi tệp mất ([0-9.,]+) giây", line)
        if m:
            writes = float(m.group(1).replace(".", "").replace(",", "."))
    return phases, writes


def build_chibo(c, base, i):
    out = os.path.join(base, f"out-chibo-{i}")
    shutil.rmtree(out, ignore_errors=True)
    r = run([CHIBO, "--root", c, "-q", "build", "-o", out, "--timings"])
    shutil.rmtree(out, ignore_errors=True)
    return r


def build_hugo(h, base, i):
    out = os.path.join(base, f"out-hugo-{i}")
    shutil.rmtree(out, ignore_errors=True)
    r = run(["hugo", "--quiet", "-s", h, "-d", out])
    shutil.rmtree(out, ignore_errors=True)
    return r


def med(rows, k):
    return statistics.median(r[k] for r in rows)


def serve_latency(c, port, saves=7):
    """Milliseconds from writing an article to the reload event."""
    p = subprocess.Popen([CHIBO, "--root", c, "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in p.stdout:
            if "Đang xem trước tại" in line:
                port = int(line.split("127.0.0.1:")[1].split("/")[0])
                break
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET /__chibo/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        f = s.makefile("r", encoding="utf-8")
        events = []

        def reader():
            ev = None
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("event: "):
                    ev = line[7:]
                elif line == "" and ev:
                    events.append((ev, time.perf_counter()))
                    ev = None

        threading.Thread(target=reader, daemon=True).start()
        time.sleep(0.5)
        arts = []
        for d, _, files in os.walk(os.path.join(c, "content", "articles")):
            arts += [os.path.join(d, x) for x in files if x.endswith(".md")]
        arts.sort()
        art = arts[len(arts) // 2]
        text = open(art, encoding="utf-8").read()
        lat = []
        for i in range(saves):
            n = len(events)
            t = time.perf_counter()
            with open(art, "w", encoding="utf-8") as fh:
                fh.write(text.replace("\n\n", f"\n\nSửa lần {i}.\n\n", 1))
            deadline = t + 10
            while (len(events) == n or events[-1][0] != "reload") and time.perf_counter() < deadline:
                time.sleep(0.0005)
            lat.append((events[-1][1] - t) * 1000)
            time.sleep(0.3)
        with open(art, "w", encoding="utf-8") as fh:
            fh.write(text)
        return statistics.median(lat)
    finally:
        p.terminate()
        p.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="2,000 articles, chibo only, per-phase timings")
    ap.add_argument("--sizes", default="1000,10000,100000", help="article counts (default 1000,10000,100000)")
    ap.add_argument("--hugo-sizes", default="1000,10000", help="sizes also built with Hugo")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool and size (median)")
    ap.add_argument("--dir", default=None, help="work folder (default: /dev/shm/chibo-bench, else target/bench)")
    args = ap.parse_args()

    base = args.dir or ("/dev/shm/chibo-bench" if os.path.isdir("/dev/shm") else os.path.join(ROOT, "target", "bench"))
    os.makedirs(base, exist_ok=True)
    sizes = [2000] if args.quick else [int(x) for x in args.sizes.split(",") if x]
    hugo_sizes = set() if args.quick else {int(x) for x in args.hugo_sizes.split(",") if x}
    ensure_tools(bool(hugo_sizes))
    cpu = os.cpu_count()
    print(f"work folder: {base}; {cpu} cores; chibo {CHIBO}", flush=True)
    if hugo_sizes:
        print(run(["hugo", "version"])[3].strip(), flush=True)

    rows = []
    for n in sizes:
        acts = 2 * n if n <= 10000 else n
        c, h = corpus(base, n, acts, n in hugo_sizes)
        chibo_runs, hugo_runs = [], []
        for i in range(args.runs if not args.quick else 1):
            chibo_runs.append(build_chibo(c, base, i))
            if h:
                hugo_runs.append(build_hugo(h, base, i))
            print(f"  {n} articles, run {i + 1}: chibo {chibo_runs[-1][0]:.2f} s" + (f", hugo {hugo_runs[-1][0]:.2f} s" if h else ""), flush=True)
        phases, writes = timings(chibo_runs[len(chibo_runs) // 2][3])
        fig = [run([CHIBO, "--root", c, "figures", "--json"]) for _ in range(5)]
        row = {
            "n": n,
            "activities": acts,
            "wall": med(chibo_runs, 0),
            "cpu": med(chibo_runs, 1),
            "rss": med(chibo_runs, 2),
            "phases": phases,
            "writes": writes,
            "figures": med(fig, 0),
        }
        if h:
            row["hugo_wall"] = med(hugo_runs, 0)
            row["hugo_cpu"] = med(hugo_runs, 1)
            row["hugo_rss"] = med(hugo_runs, 2)
        if n == 10000 or args.quick:
            row["serve_ms"] = serve_latency(c, 1600 + n % 997)
        rows.append(row)
        shutil.rmtree(c, ignore_errors=True)
        if h:
            shutil.rmtree(h, ignore_errors=True)

    print()
    print("| articles | chibo wall | chibo CPU | chibo peak RSS | Hugo wall | Hugo peak RSS | wall ratio | memory ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if "hugo_wall" in r:
            hw, hr = f"{r['hugo_wall']:.2f} s", f"{r['hugo_rss']:.0f} MiB"
            ratio, mratio = f"{r['wall'] / r['hugo_wall']:.3f}", f"{r['rss'] / r['hugo_rss']:.2f}"
        else:
            hw = hr = ratio = mratio = "—"
        print(f"| {r['n']:,} | {r['wall']:.2f} s | {r['cpu']:.2f} s | {r['rss']:.0f} MiB | {hw} | {hr} | {ratio} | {mratio} |")
    print()
    print("| articles | log entries | `figures` | phases of one chibo build (s) | file writes (s, summed over threads) |")
    print("|---:|---:|---:|---|---:|")
    for r in rows:
        ph = ", ".join(f"{k} {v:.2f}" for k, v in r["phases"].items() if k != "tổng cộng" and v >= 0.005)
        w = f"{r['writes']:.2f}" if r["writes"] is not None else "—"
        print(f"| {r['n']:,} | {r['activities']:,} | {r['figures']:.2f} s | {ph} | {w} |")
    for r in rows:
        if "serve_ms" in r:
            print(f"\npreview: a saved article at {r['n']:,} articles is live in {r['serve_ms']:.0f} ms (median of 7, write → reload event)")


if __name__ == "__main__":
    main()
