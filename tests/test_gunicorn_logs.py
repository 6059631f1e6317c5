"""gunicorn's own log lines keep nothing a client sent (hardening II, item 6): not a request line it
could not parse (logged at WARNING), not the path and query of a request a worker was handling when
it timed out. gunicorn runs here as in production, with gunicorn.conf.py, on a free loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "Typedmarker-Hollyhock-5521"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _send(port: int, data: bytes, wait: float = 0.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(data)
        if wait:
            time.sleep(wait)
        try:
            return connection.recv(4096)
        except OSError:
            return b""


def test_gunicorn_logs_no_request_line_path_or_query(tmp_path):
    port = _free_port()
    log_path = tmp_path / "gunicorn.log"
    env = {**os.environ, "CARDSHOP_SECRET_KEY": "test-only", "CARDSHOP_RATE_LIMIT_ENABLED": "0"}
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--workers", "1"]
    command += ["--timeout", "3", "--bind", f"127.0.0.1:{port}", "cardshop:create_app()"]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while b"200 OK" not in _try(port) and time.monotonic() < deadline:
                time.sleep(0.3)
            # A request line gunicorn cannot parse: it answers 400 and logs a WARNING about it.
            answer = _send(port, f"GET /cards/{MARKER}?message={MARKER} HTTP/1.1 extra\r\n\r\n".encode())
            assert answer.startswith(b"HTTP/1.1 400")
            # A request whose body never comes: the worker waits, times out and is replaced.
            head = f"POST /cards/forget-me-nots?message={MARKER} HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n"
            _send(port, (head + "Content-Type: application/x-www-form-urlencoded\r\n\r\nmess").encode(), wait=7)
            assert b"200 OK" in _try(port)  # a new worker answers
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    text = log_path.read_text(errors="replace")
    assert "Invalid request from (details withheld" in text
    assert "WORKER TIMEOUT" in text
    assert MARKER not in text and "127.0.0.1" not in text.replace(f"127.0.0.1:{port}", "")


def _try(port: int) -> bytes:
    try:
        return _send(port, b"GET /privacy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    except OSError:
        return b""
