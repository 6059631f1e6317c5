"""`serve.sh --production` puts nginx in front of gunicorn (hardening II, item 5): slow clients tie up
nginx connections, not workers, so everyone else is still answered; bodies and headers are capped
with kind pages; nothing a client sent is logged. Real nginx and gunicorn on free loopback ports,
real slow clients, bounded in count and time."""

from __future__ import annotations

import http.client
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "Proxymarker-Larkspur-3317"


def _production_module():
    spec = importlib.util.spec_from_file_location("production", ROOT / "scripts" / "production.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_slow_clients_leave_the_site_available_behind_nginx():
    """Three clients each sending one byte every 2 s for 12 s; a normal visitor asks for a card's page
    every 0.5 s. Without nginx, gunicorn alone answered about a quarter of them (bench/)."""
    result = subprocess.run(
        [sys.executable, "bench/load_and_faults.py", "--slow-only", "production", "--json"]
        + ["--slow-clients", "3", "--slow-seconds", "12"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    report = json.loads(result.stdout)["slow_production"]
    assert report["slow_client_activity"]["bytes"] >= 9  # the slow clients did send, slowly
    assert report["normal_requests"] >= 15
    assert report["availability_percent"] >= 90, report
    assert not report["marker_in_server_log"]


def test_nginx_caps_bodies_and_headers_kindly_and_logs_nothing_sent(tmp_path):
    production = _production_module()
    port = production.free_port()
    log_path = tmp_path / "production.log"
    env = {**os.environ, "CARDSHOP_SECRET_KEY": "test-only", "CARDSHOP_RATE_LIMIT_ENABLED": "0"}
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "scripts/production.py", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            assert _get(port, "/privacy", wait=90)[0] == 200
            status, body = _post(port, f"/cards/forget-me-nots?{MARKER}", b"message=" + MARKER.encode() * 2000)
            assert status == 413 and "more than a card can hold" in body
            status, _ = _get(port, f"/?{MARKER}", headers={"X-Note": MARKER * 1000})  # a 25 KB header
            assert status in (400, 494)
            assert _get(port, "/privacy")[0] == 200
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    text = log_path.read_text(errors="replace")
    assert "nginx on http://127.0.0.1" in text
    assert MARKER not in text
    assert not list(Path(production.tempfile.gettempdir()).glob("cardshop-nginx-*/nginx.pid"))  # cleaned up


def test_nginx_config_buffers_times_out_and_passes_the_client_address(tmp_path):
    config = _production_module().nginx_config("127.0.0.1:8000", "127.0.0.1:9999", tmp_path, 32768)
    for directive in (
        "listen 127.0.0.1:8000;",
        "server 127.0.0.1:9999;",
        "client_max_body_size 32768;",
        "client_header_timeout 10s;",
        "client_body_timeout 10s;",
        "send_timeout 10s;",
        "large_client_header_buffers 4 8k;",
        "access_log off;",
        "error_log stderr crit;",
        "proxy_request_buffering on;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert directive in config, directive


def _get(port: int, path: str, headers: dict | None = None, wait: float = 0) -> tuple[int, str]:
    deadline = time.monotonic() + wait
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        except (TimeoutError, ConnectionError, http.client.HTTPException):
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def _post(port: int, path: str, body: bytes) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    return response.status, response.read().decode(errors="replace")
