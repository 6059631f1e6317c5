"""Driving the real app in Debian's Chromium: a live server on a free loopback port and a browser.

Used by the browser tests and by scripts/screenshots.py. The server runs the app exactly as in
production (CSRF on, real designs) in a background thread; Chromium is the system one
(/usr/bin/chromium), started with no background traffic so the tests can see every request a page makes.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from werkzeug.serving import make_server

from cardshop import create_app

CHROMIUM = os.environ.get("CARDSHOP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-default-apps",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class LogRecorder(logging.Handler):
    """Everything the app and its server log while the tests run, to check no user text is in it."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class LiveServer:
    def __init__(self, overrides: dict | None = None):
        self.app = create_app(overrides)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="live-server", daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        return self

    def warm(self, timeout: float = 300.0) -> None:
        """Load the gallery and every picture on it once, waiting as long as a busy machine needs, so
        that no test's first page waits for a cold process to render every design."""
        with urllib.request.urlopen(self.url + "/", timeout=timeout) as response:
            gallery = response.read().decode("utf-8")
        for path in sorted(set(re.findall(r'src="(/[^"]+)"', gallery))):
            with urllib.request.urlopen(self.url + path.replace("&amp;", "&"), timeout=timeout) as response:
                response.read()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


@contextmanager
def live_server(overrides: dict | None = None):
    """The app served on a free loopback port; `.logs` holds everything it and its server logged."""
    recorder = LogRecorder()
    root = logging.getLogger()
    # Our own loggers and the server's at their most talkative; other libraries at INFO.
    watched = [logging.getLogger(name) for name in ("cardshop", "werkzeug", "flask.app")]
    previous = [(logger, logger.level) for logger in (root, *watched)]
    root.addHandler(recorder)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))
    for logger in watched:
        logger.setLevel(logging.DEBUG)
    server = LiveServer(overrides).start()
    server.logs = recorder
    try:
        server.warm()
        yield server
    finally:
        server.stop()
        root.removeHandler(recorder)
        for logger, level in previous:
            logger.setLevel(level)


@contextmanager
def chromium():
    """A headless Chromium browser (the system one; no browser is downloaded)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium is not installed at {CHROMIUM}; scripts/test.sh installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
