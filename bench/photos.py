#!/usr/bin/env python3
"""What phone photos cost a build, and what they weigh on a phone.

    python3 bench/photos.py [--photos 20] [--before BINARY]

1. Build time: the example site is copied to /dev/shm; a build with its
   cache warm is the baseline. 20 new 12-megapixel phone photos (the
   example's sideways JPEG, each made distinct by bytes after its end, so
   that each is new work) are added and the site built again (cold: each
   photo decoded, turned, resized and encoded), then once more (warm: no
   photo is read). Medians of 3, each cold run from the baseline cache.
2. Page weight: the seed article page opened at 375 × 800 CSS px, device
   pixel ratio 2 (a common phone), in headless Chromium over the DevTools
   protocol (`pip install websocket-client`); every response body counted
   (text at its gzip size). With --before BINARY (a chibo built before the
   photo pipeline), the same page from that build is measured too.
"""

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import time
import urllib.parse

import browser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHIBO = os.path.join(ROOT, "target", "release", "chibo")
PAGE = "to-chuc-dang/hon-nua-nhiem-ky-nhin-lai-cong-tac-xay-dung-dang-va-he-thong-chinh-tri-o-chi-bo-so-tu-phap/"


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def copy_site(dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    os.makedirs(dst)
    for name in ["site.yaml", "content"]:
        src = os.path.join(ROOT, name)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(dst, name))


def build_times(n_photos):
    site = "/dev/shm/chibo-photos-bench"
    copy_site(site)
    out = os.path.join(site, "output")
    build = [CHIBO, "--root", site, "build", "-q", "-o", out]
    subprocess.run(build, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_cache = site + ".cache"
    shutil.rmtree(base_cache, ignore_errors=True)
    shutil.copytree(os.path.join(site, ".chibo-cache"), base_cache)
    baseline = statistics.median(timed(build) for _ in range(3))
    phone = open(os.path.join(ROOT, "content/static/anh/le-ket-nap.jpg"), "rb").read()
    new_dir = os.path.join(site, "content/static/anh/moi")
    os.makedirs(new_dir, exist_ok=True)
    for i in range(n_photos):
        with open(os.path.join(new_dir, f"anh-{i:02}.jpg"), "wb") as f:
            f.write(phone + f"chibo-bench-{i}".encode())
    cold = []
    for _ in range(3):
        shutil.rmtree(os.path.join(site, ".chibo-cache"))
        shutil.copytree(base_cache, os.path.join(site, ".chibo-cache"))
        cold.append(timed(build))
    warm = statistics.median(timed(build) for _ in range(3))
    cold = statistics.median(cold)
    print(f"example site, cache warm, no new photo:   {baseline * 1000:7.0f} ms")
    print(f"+ {n_photos} new 12-MP photos (cold):          {cold * 1000:7.0f} ms "
          f"({(cold - baseline) / n_photos * 1000:.0f} ms per photo on {os.cpu_count()} cores)")
    print(f"+ the same photos again (warm):           {warm * 1000:7.0f} ms "
          f"({(warm - baseline) * 1000:+.0f} ms over the baseline)")


def page_weight(binary, label, old=False):
    site = "/dev/shm/chibo-weight-bench"
    copy_site(site)
    if old:
        # site.yaml's `image:` came with the pipeline.
        yaml = os.path.join(site, "site.yaml")
        lines = open(yaml).read().splitlines(keepends=True)
        open(yaml, "w").write("".join(l for l in lines if not l.startswith("image:")))
    out = os.path.join(site, "output")
    subprocess.run([binary, "--root", site, "build", "-q", "-o", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = browser.serve(out, "/chibo-stp")
    url = f"http://127.0.0.1:{server.server_address[1]}/chibo-stp/{PAGE}"
    _, responses = browser.open_page(
        url, device={"width": 375, "height": 800, "deviceScaleFactor": 2, "mobile": True})
    server.shutdown()
    total = 0
    for u, mime in responses.items():
        path = urllib.parse.unquote(urllib.parse.urlsplit(u).path)[len("/chibo-stp"):].lstrip("/")
        f = os.path.join(out, path)
        if os.path.isdir(f):
            f = os.path.join(f, "index.html")
        if not os.path.isfile(f):
            continue
        data = open(f, "rb").read()
        total += len(gzip.compress(data, 6)) if mime.startswith("text/") or mime.endswith("javascript") else len(data)
    print(f"seed article page at 375 px (DPR 2), {label}: {len(responses)} requests, {total / 1024:.0f} KB")
    for u in responses:
        print("   ", urllib.parse.unquote(u.split("/chibo-stp/", 1)[-1])[:90])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=20)
    ap.add_argument("--before", help="a chibo binary built before the photo pipeline")
    args = ap.parse_args()
    build_times(args.photos)
    page_weight(CHIBO, "with the pipeline")
    if args.before:
        page_weight(args.before, "originals as they are", old=True)


if __name__ == "__main__":
    main()
