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
import shutil
import subprocess
import sys
import tempfile
import time


class DevTools:
    """One headless Chromium and its DevTools pipe."""

    def __init__(self):
        to_chrome_read, to_chrome_write = os.pipe()
        from_chrome_read, from_chrome_write = os.pipe()
        self.profile = tempfile.mkdtemp(prefix="tidemark-load-")

        def wire_pipes():
            # Chromium reads commands from descriptor 3 and writes replies to descriptor 4.
            os.dup2(to_chrome_read, 3)
            os.dup2(from_chrome_write, 4)

        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "--window-size=1280,1600", "about:blank"],
            pass_fds=(3, 4), preexec_fn=wire_pipes, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self.commands = os.fdopen(to_chrome_write, "wb", buffering=0)
        self.replies = os.fdopen(from_chrome_read, "rb", buffering=0)
        self.pending = b""
        self.last_id = 0
        self.session = None

    def send(self, method, params=None):
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        self.commands.write(json.dumps(message).encode() + b"\0")
        return self.last_id

    def next_message(self):
        while b"\0" not in self.pending:
            chunk = self.replies.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.pending += chunk
        message, _, self.pending = self.pending.partition(b"\0")
        return json.loads(message)

    def wait_for(self, matches):
        while True:
            message = self.next_message()
            if matches(message):
                return message

    def call(self, method, params=None):
        sent = self.send(method, params)
        return self.wait_for(lambda message: message.get("id") == sent).get("result", {})

    def open_page(self):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")

    def navigate(self, url):
        """Seconds from asking for `url` to its load event."""
        start = time.monotonic()
        self.send("Page.navigate", {"url": url})
        self.wait_for(lambda message: message.get("method") == "Page.loadEventFired")
        return time.monotonic() - start

    def close(self):
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def load_seconds(url, runs=3):
    browser = DevTools()
    try:
        browser.open_page()
        times = []
        for _ in range(runs):
            browser.navigate("about:blank")
            times.append(browser.navigate(url))
        return min(times)
    finally:
        browser.close()


if __name__ == "__main__":
    target = sys.argv[1]
    url = target if "://" in target else pathlib.Path(target).resolve().as_uri()
    print(f"{load_seconds(url):.3f}")
