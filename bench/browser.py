"""Shared by the benchmarks: a loopback HTTP server over a built site that
records what it was asked for, and headless Chromium driven over the
DevTools protocol (so that the page's clock is real; `pip install
websocket-client`)."""

import http.server
import json
import os
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request


def serve(root, base, asked=None):
    """Serves `root` under the path `base`; appends each file asked for to `asked`."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=root, **kw)

        def translate_path(self, path):
            path = urllib.parse.urlsplit(path).path
            if path.startswith(base):
                path = path[len(base):]
            full = os.path.join(root, urllib.parse.unquote(path).lstrip("/"))
            if os.path.isdir(full):
                full = os.path.join(full, "index.html")
            if asked is not None:
                asked.append(full)
            return full

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def open_page(url, until=None, device=None, wait=4.0):
    """Opens `url` in a fresh headless Chromium. With `until` (a JavaScript
    expression), returns its first non-empty value (polled up to 30 s);
    otherwise waits `wait` seconds. `device`: Emulation.setDeviceMetricsOverride
    parameters. Returns (value, {response url: mime type})."""
    import websocket  # pip install websocket-client

    responses = {}
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        chrome = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port_file = os.path.join(profile, "DevToolsActivePort")
            for _ in range(200):
                if os.path.exists(port_file) and open(port_file).read().strip():
                    break
                time.sleep(0.05)
            port = open(port_file).read().split()[0]
            pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
            ws = websocket.create_connection(next(p for p in pages if p["type"] == "page")["webSocketDebuggerUrl"])
            n = 0

            def call(method, params=None):
                nonlocal n
                n += 1
                ws.send(json.dumps({"id": n, "method": method, "params": params or {}}))
                while True:
                    msg = json.loads(ws.recv())
                    if msg.get("method") == "Network.responseReceived":
                        r = msg["params"]["response"]
                        responses[r["url"]] = r.get("mimeType", "")
                    if msg.get("id") == n:
                        return msg.get("result", {})

            call("Network.enable")
            if device:
                call("Emulation.setDeviceMetricsOverride", device)
            call("Page.navigate", {"url": url})
            deadline = time.time() + (30 if until else wait)
            while time.time() < deadline:
                r = call("Runtime.evaluate", {"expression": until or "document.readyState", "returnByValue": True})
                value = r.get("result", {}).get("value", "")
                if until and value:
                    time.sleep(0.2)
                    return value, responses
                time.sleep(0.05 if until else 0.1)
            return "", responses
        finally:
            chrome.kill()
            chrome.wait()
