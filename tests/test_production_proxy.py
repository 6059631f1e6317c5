"""`serve.sh --production` puts nginx in front of gunicorn (hardening II, item 5): slow clients tie up
nginx connections, not workers, so everyone else is still answered; bodies and headers are capped
with kind pages; nothing a client sent is logged. Real nginx and gunicorn on free loopback ports,
real slow clients, bounded in count and time."""

from __future__ import annotations

import contextlib
import datetime
import http.client
import importlib.util
import ipaddress
import json
import os
import resource
import selectors
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[1]
MARKER = "Proxymarker-Larkspur-3317"


def _production_module():
    spec = importlib.util.spec_from_file_location("production", ROOT / "scripts" / "production.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def _serving(port: int, *args: str, env: dict | None = None, log=subprocess.DEVNULL):
    """scripts/production.py on loopback with one gunicorn worker (rate limits off unless `env` turns
    them on), stopped as `serve.sh --production` is, with SIGTERM, when the block ends."""
    settings = {**os.environ, "CARDSHOP_SECRET_KEY": "test-only", "CARDSHOP_RATE_LIMIT_ENABLED": "0", **(env or {})}
    server = subprocess.Popen(
        [sys.executable, "scripts/production.py", "--bind", f"127.0.0.1:{port}", "--workers", "1", *args],
        cwd=ROOT,
        env=settings,
        stdout=log,
        stderr=subprocess.STDOUT if log is not subprocess.DEVNULL else subprocess.DEVNULL,
    )
    try:
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


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
    with log_path.open("wb") as log, _serving(port, log=log):
        assert _get(port, "/privacy", wait=90)[0] == 200
        status, body = _post(port, f"/cards/forget-me-nots?{MARKER}", b"message=" + MARKER.encode() * 2000)
        assert status == 413 and "more than a card can hold" in body
        status, _ = _get(port, f"/?{MARKER}", headers={"X-Note": MARKER * 1000})  # a 25 KB header
        assert status in (400, 494)
        assert _get(port, "/privacy")[0] == 200
    text = log_path.read_text(errors="replace")
    assert "nginx on http://127.0.0.1" in text
    assert MARKER not in text
    assert not list(Path(production.tempfile.gettempdir()).glob("cardshop-nginx-*/nginx.pid"))  # cleaned up


def test_one_address_cannot_take_the_site_offline_with_idle_or_unfinished_requests():
    """One address (127.0.0.1) opens 1,500 connections that send only a request line: with nginx's old
    single worker of 1,024 connections nobody was answered after that. Now everyone still is, from
    another address (127.0.0.2) and from the same one, until the server closes those connections at
    its header timeout. Requests in progress (headers in, body never sent) count against the address's
    allowance: the excess are refused at once with a kind 429 while others are answered, and the
    address is answered again once its requests have gone."""
    production = _production_module()
    allowance = production.CONNECTIONS_PER_ADDRESS
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))  # the test's own sockets
    port = production.free_port()
    idle, unfinished = [], []
    try:
        with _serving(port):
            try:
                assert _get(port, "/privacy", wait=90)[0] == 200
                opened = time.monotonic()
                idle = [_open(port, b"GET / HTTP/1.1\r\n") for _ in range(1500)]
                assert _get(port, "/privacy", source="127.0.0.2")[0] == 200
                assert _get(port, "/privacy")[0] == 200

                headers = b"POST /privacy HTTP/1.1\r\nHost: cardshop\r\nContent-Length: 100\r\n\r\n"
                unfinished = [_open(port, headers) for _ in range(allowance + 3)]
                answered = _answers(unfinished, count=3, within=10)
                assert [status for status, _ in answered] == [429, 429, 429]
                assert all("Please wait a moment" in page for _, page in answered)
                assert _get(port, "/privacy", source="127.0.0.2")[0] == 200  # others are still answered
                assert _get(port, "/privacy")[0] == 429  # this address has its allowance in progress
                _close(unfinished)
                assert _get_until(port, "/privacy", 200, within=10) == 200  # answered again once they have gone

                # The idle connections are closed by the server, not left to pile up.
                for connection in idle:
                    connection.settimeout(max(0.1, opened + production.CLIENT_TIMEOUT + 5 - time.monotonic()))
                    assert _closed_by_server(connection)
                assert _get(port, "/privacy")[0] == 200
            finally:
                _close(idle + unfinished)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def _open(port: int, data: bytes) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(data)
    return connection


def _close(connections: list[socket.socket]) -> None:
    for connection in connections:
        connection.close()


def _answers(connections: list[socket.socket], count: int, within: float) -> list[tuple[int, str]]:
    """The first `count` answers (status, page) to arrive on any of the connections, waiting at most
    `within` seconds."""
    answered = []
    deadline = time.monotonic() + within
    with selectors.DefaultSelector() as waiting:  # epoll: select() stops at descriptor 1,024
        for connection in connections:
            waiting.register(connection, selectors.EVENT_READ)
        while len(answered) < count and time.monotonic() < deadline:
            for key, _ in waiting.select(timeout=0.2)[: count - len(answered)]:
                waiting.unregister(key.fileobj)
                response = http.client.HTTPResponse(key.fileobj)
                response.begin()
                answered.append((response.status, response.read().decode(errors="replace")))
    return answered


def _closed_by_server(connection: socket.socket) -> bool:
    try:
        while connection.recv(65536):
            pass  # a 408 or nothing, then the end
    except ConnectionResetError:
        return True  # reset_timedout_connection: closed at once, without lingering
    except TimeoutError:
        return False
    return True


def test_behind_nginx_each_address_has_its_own_render_budget_and_cannot_forge_another():
    """Through the real proxy, the app tells clients apart by the address nginx saw (X-Forwarded-For,
    trusted for one proxy): one address spending its budget is refused while another is not, and a
    forged X-Forwarded-For from the first buys nothing, because nginx replaces the header."""
    production = _production_module()
    port = production.free_port()
    thumbnail = "/cards/forget-me-nots/thumbnail.jpg"  # one unit of the render budget, no form needed
    with _serving(port, env={"CARDSHOP_RATE_LIMIT_ENABLED": "1", "CARDSHOP_RATE_LIMIT": "3 per minute"}):
        assert _get(port, "/privacy", wait=90)[0] == 200  # pages are not limited
        assert [_get(port, thumbnail)[0] for _ in range(3)] == [200, 200, 200]
        assert _get(port, thumbnail)[0] == 429
        assert _get(port, thumbnail, headers={"X-Forwarded-For": "10.9.8.7"})[0] == 429  # forged: still us
        assert _get(port, thumbnail, source="127.0.0.2")[0] == 200  # another address, its own budget


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made for the test (as an operator's real ones would be)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cardshop test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def test_with_a_certificate_nginx_serves_https_only_with_hsts_and_secure_cookies(tmp_path):
    cert, key = _self_signed(tmp_path)
    production = _production_module()
    port = production.free_port()
    trusted = ssl.create_default_context(cafile=str(cert))
    with _serving(port, "--tls-cert", str(cert), "--tls-key", str(key)):
        response = _response(port, "/cards/forget-me-nots", wait=90, tls=trusted)
        assert response.status == 200
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
        assert "Secure" in response.getheader("Set-Cookie")  # the CSRF session cookie, HTTPS only
        assert response.getheader("Server") == "nginx"  # no version (server_tokens off)


def test_https_needs_both_a_certificate_and_its_key(tmp_path):
    cert, _ = _self_signed(tmp_path)
    result = subprocess.run(
        [sys.executable, "scripts/production.py", "--tls-cert", str(cert)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "needs both --tls-cert and --tls-key" in result.stderr


def _get_until(port: int, path: str, status: int, within: float) -> int:
    deadline = time.monotonic() + within
    while (answer := _get(port, path)[0]) != status and time.monotonic() < deadline:
        time.sleep(0.2)
    return answer


def test_nginx_config_buffers_times_out_and_passes_the_client_address(tmp_path):
    config = _production_module().nginx_config("127.0.0.1:8000", "127.0.0.1:9999", tmp_path, 32768)
    for directive in (
        "listen 127.0.0.1:8000;",
        "server 127.0.0.1:9999;",
        "client_max_body_size 32768;",
        "client_header_timeout 5s;",
        "client_body_timeout 5s;",
        "send_timeout 5s;",
        "worker_processes auto;",
        "worker_connections 8192;",
        "limit_conn_zone $binary_remote_addr zone=per_address:10m;",
        "limit_conn per_address 20;",
        "large_client_header_buffers 4 8k;",
        "access_log off;",
        "error_log stderr crit;",
        "proxy_request_buffering on;",
        "proxy_set_header X-Forwarded-For $remote_addr;",
    ):
        assert directive in config, directive
    tls = _production_module().nginx_config(
        "127.0.0.1:8443", "127.0.0.1:9999", tmp_path, 32768, tls=(tmp_path / "c.pem", tmp_path / "k.pem")
    )
    for directive in ("listen 127.0.0.1:8443 ssl;", "ssl_protocols TLSv1.2 TLSv1.3;", "Strict-Transport-Security"):
        assert directive in tls and directive not in config, directive


def _response(
    port: int,
    path: str,
    headers: dict | None = None,
    wait: float = 0,
    source: str = "127.0.0.1",
    tls: ssl.SSLContext | None = None,
) -> http.client.HTTPResponse:
    """The answer to GET `path` (by HTTPS with `tls`), its body read into `.text`; tried again for
    `wait` seconds while the server starts."""
    deadline = time.monotonic() + wait
    while True:
        try:
            where = {"timeout": 30, "source_address": (source, 0)}
            if tls is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, **where)
            else:
                connection = http.client.HTTPSConnection("127.0.0.1", port, context=tls, **where)
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.text = response.read().decode(errors="replace")
            return response
        except (TimeoutError, ConnectionError, ssl.SSLError, http.client.HTTPException):
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.5)


def _get(
    port: int, path: str, headers: dict | None = None, wait: float = 0, source: str = "127.0.0.1"
) -> tuple[int, str]:
    response = _response(port, path, headers, wait, source)
    return response.status, response.text


def _post(port: int, path: str, body: bytes) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    return response.status, response.read().decode(errors="replace")
