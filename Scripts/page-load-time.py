#!/usr/bin/env python3
"""How long a page takes to load in headless Chromium: navigation to the load event, best of 3.

Usage: python3 Scripts/page-load-time.py PATH-OR-URL   (prints seconds, e.g. 0.412)

Talks to Chromium over --remote-debugging-pipe (the DevTools protocol on file descriptors 3 and 4,
NUL-separated JSON), so it needs nothing beyond the standard library and the chromium package. Used
by Scripts/bench-render.sh; the site itself runs no script.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time
def load_seconds(url, runs=3):
    r1, w1 = os.pipe()  # chrome reads commands from fd 3
    r2, w2 = os.pipe()  # chrome writes to fd 4
    profile = tempfile.mkdtemp(prefix="tidemark-load-")  # removed below
    def setup():
        os.dup2(r1, 3); os.dup2(w2, 4)
    proc = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
         "--user-data-dir=" + profile, "--window-size=1280,1600", "about:blank"],
        pass_fds=(3, 4), preexec_fn=setup, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(r1); os.close(w2)
    out = os.fdopen(w1, "wb", buffering=0)
    inp = os.fdopen(r2, "rb", buffering=0)
    buf = b""
    counter = [0]
    def send(method, params=None, session=None):
        counter[0] += 1
        msg = {"id": counter[0], "method": method, "params": params or {}}
        if session: msg["sessionId"] = session
        out.write(json.dumps(msg).encode() + b"\0")
        return counter[0]
    def read():
        nonlocal buf
        while b"\0" not in buf:
            chunk = inp.read(65536)
            if not chunk: raise RuntimeError("chromium closed the pipe")
            buf += chunk
        msg, _, buf = buf.partition(b"\0")
        return json.loads(msg)
    def wait(pred):
        while True:
            m = read()
            if pred(m): return m
    try:
        i = send("Target.createTarget", {"url": "about:blank"})
        target = wait(lambda m: m.get("id") == i)["result"]["targetId"]
        i = send("Target.attachToTarget", {"targetId": target, "flatten": True})
        session = wait(lambda m: m.get("id") == i)["result"]["sessionId"]
        i = send("Page.enable", session=session); wait(lambda m: m.get("id") == i)
        times = []
        for _ in range(runs):
            i = send("Page.navigate", {"url": "about:blank"}, session)
            wait(lambda m: m.get("method") == "Page.loadEventFired")
            start = time.monotonic()
            send("Page.navigate", {"url": url}, session)
            wait(lambda m: m.get("method") == "Page.loadEventFired")
            times.append(time.monotonic() - start)
        return min(times)
    finally:
        proc.kill()
        proc.wait()
        subprocess.run(["rm", "-rf", profile], check=False)

if __name__ == "__main__":
    target = sys.argv[1]
    url = target if "://" in target else pathlib.Path(target).resolve().as_uri()
    print(f"{load_seconds(url):.3f}")
