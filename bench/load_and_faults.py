"""Load and fault test: the app under gunicorn on loopback, hammered with valid and invalid requests.

    python bench/load_and_faults.py                 # 60 s, 2 workers, 6 client threads
    python bench/load_and_faults.py --duration 12   # the short run the test suite does

What it does:
1. starts gunicorn (2 sync workers, --preload, as scripts/serve.sh --production does) on 127.0.0.1 at a
   free port, with rate limiting off so that every request reaches the renderer;
2. sends a fixed, seeded mix of requests from several threads as fast as the server answers, for
   `--duration` seconds: pages, thumbnails, previews and downloads, and refusals (too long, a
   character no font has, no CSRF token, 40 KB bodies with and without Content-Length, unknown
   design, wrong method, the CVE-2023-33733 payload, invalid UTF-8). Every text carries a marker;
3. samples the resident memory of every worker once a second (from /proc);
4. halfway through, kills one worker with SIGKILL while it is busy, and watches the master start a
   new one;
5. checks: no 5xx, every response the status its kind expects, connection failures only in the
   moment of the kill, a new worker, the marker in no line of the server's log;
6. then (unless --no-rate-phase) restarts gunicorn with a rate limit of 6 posts a minute and lets a
   greedy client (127.0.0.2) flood the render endpoint while a polite one (127.0.0.3) posts every
   3 s: the greedy one gets 429s, the polite one is never refused;
7. (unless --no-cost-phase) the crafted-cost request: the median time of a preview and a download
   with a typical 450-character message and with one 450-character unbreakable word, side by side,
   and the workers' memory before and after 20 crafted previews;
8. (unless --no-slow-phase) slow clients: --slow-clients clients each send one byte every 2 s for
   --slow-seconds, against gunicorn alone and then against `scripts/production.py` (nginx in front),
   while a normal visitor asks for a card's page every 0.5 s: the share of its requests answered
   within 10 s is the availability. `--slow-only production` runs just the nginx half (the test does).
Prints a report (or JSON with --json) and exits 1 if a check fails.

Traffic goes only to 127.0.0.0/8; every loop is bounded in time and the script stops gunicorn
(by its process id) when it ends.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
MARKER = "Loadmarker-Quillon-8812"
SLUGS = ("forget-me-nots", "dusk-moon", "paper-boat", "wave-of-light")
CONNECTION_ERRORS = (ConnectionError, http.client.HTTPException, socket.timeout, OSError)
CVE_PAYLOAD = (
    "<para><font color=\"[ [ getattr(pow,Word('__globals__'))['os'].system('touch pwned') for Word in "
    "[orgTypeFun('Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: False, '__eq__': lambda "
    "self,x: self.mutate() and self.mutated < 0 and str(self) == x, 'mutate': lambda self: {setattr(self, "
    "'mutated', self.mutated - 1)}, '__hash__': lambda self: hash(str(self)) })] ] for orgTypeFun in "
    "[type(type(1))] ] and 'red'\">exploit</font></para>"
)


# ---- the server ----


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn running cardshop on 127.0.0.1, its log in a temporary file."""

    def __init__(self, workers: int, rate_limit: str | None):
        self.port = free_port()
        self.log_path = Path(tempfile.mkstemp(prefix="cardshop-load-", suffix=".log")[1])
        env = {
            **os.environ,
            "CARDSHOP_ENV": "production",
            "CARDSHOP_SECRET_KEY": "load-test-only-" + os.urandom(8).hex(),
            "CARDSHOP_RATE_LIMIT_ENABLED": "1" if rate_limit else "0",
            "CARDSHOP_RATE_LIMIT": rate_limit or "1000 per second",
        }
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
            "--preload", "--timeout", "30", "--graceful-timeout", "5", "cardshop:create_app()",
        ]  # fmt: skip
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-2000:]}")
            try:
                status, _, _ = request(self.port, "GET", "/")
                if status == 200 and len(self.workers()) >= 1:
                    return
            except CONNECTION_ERRORS:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in time")

    def workers(self) -> list[int]:
        """Process ids of the master's children (its workers)."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> str:
        workers = self.workers()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in workers:  # a worker left behind by a killed master
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.log.close()
        text = self.log_path.read_text(errors="replace")
        self.log_path.unlink()
        return text


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Production:
    """scripts/production.py (nginx in front of gunicorn) on 127.0.0.1, its log in a temporary file."""

    def __init__(self, workers: int):
        self.port = free_port()
        self.log_path = Path(tempfile.mkstemp(prefix="cardshop-production-", suffix=".log")[1])
        env = {
            **os.environ,
            "CARDSHOP_SECRET_KEY": "load-test-only-" + os.urandom(8).hex(),
            "CARDSHOP_RATE_LIMIT_ENABLED": "0",
        }
        command = [sys.executable, "scripts/production.py", "--bind", f"127.0.0.1:{self.port}"]
        command += ["--workers", str(workers)]
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"production.py exited: {self.log_path.read_text()[-2000:]}")
            try:
                if request(self.port, "GET", "/")[0] == 200:
                    return
            except CONNECTION_ERRORS:
                pass
            time.sleep(0.3)
        raise RuntimeError("nginx and gunicorn did not answer in time")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        text = self.log_path.read_text(errors="replace")
        self.log_path.unlink()
        return text


# ---- the client ----


def request(port, method, path, body=None, headers=None, source="127.0.0.1", chunked=False, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {}, encode_chunked=chunked)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Session:
    """One browser: a cookie (the CSRF session) and the token from the last page it loaded."""

    def __init__(self, port: int, source: str = "127.0.0.1"):
        self.port, self.source, self.cookie, self.token = port, source, "", ""

    def get(self, path: str):
        status, headers, body = request(self.port, "GET", path, headers=self._headers(), source=self.source)
        self._keep_cookie(headers)
        match = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', body)
        if match:
            self.token = match.group(1).decode()
        return status, headers, body

    def post(self, path: str, fields: dict, with_token=True, raw: bytes | None = None, chunked=False):
        data = {**fields, "csrf_token": self.token} if with_token else fields
        body = raw if raw is not None else urlencode(data).encode()
        headers = {**self._headers(), "Content-Type": "application/x-www-form-urlencoded"}
        if chunked:
            body = iter([body[i : i + 8192] for i in range(0, len(body), 8192)])
        status, response_headers, content = request(
            self.port, "POST", path, body=body, headers=headers, source=self.source, chunked=chunked
        )
        self._keep_cookie(response_headers)
        return status, response_headers, content

    def _headers(self) -> dict:
        return {"Cookie": self.cookie} if self.cookie else {}

    def _keep_cookie(self, headers: dict) -> None:
        cookie = headers.get("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]


def _message(rng: random.Random) -> str:
    words = ["thinking", "of", "you", "always", "with", "love", "Zoë", "Søren", "שלום", "愛", "💛", MARKER]
    return " ".join(rng.choice(words) for _ in range(rng.randint(3, 40)))


# Each kind of request: how to send it and the statuses it may get.
def _mix(session: Session, rng: random.Random):
    slug = rng.choice(SLUGS)
    path = f"/cards/{slug}"
    kinds = [
        ("gallery", 3, (200,), lambda: session.get("/")),
        ("page", 4, (200,), lambda: session.get(path)),
        ("thumbnail", 2, (200,), lambda: session.get(f"{path}/thumbnail.jpg")),
        ("preview", 6, (200,), lambda: _post(session, path, {"message": _message(rng), "action": "preview"})),
        ("download", 8, (200,), lambda: _post(session, path, {"message": _message(rng), "sender": MARKER})),
        ("too-long", 2, (422,), lambda: _post(session, path, {"message": (MARKER + " ") * 30})),
        ("no-glyph", 2, (422,), lambda: _post(session, path, {"message": f"{MARKER} \U0001d518"})),
        ("no-csrf", 2, (400,), lambda: _post(session, path, {"message": MARKER}, with_token=False)),
        ("413", 1, (413,), lambda: _post(session, path, {"message": MARKER * 2500})),
        ("413-chunked", 1, (413,), lambda: _post(session, path, {"message": MARKER * 2500}, chunked=True)),
        ("unknown", 1, (404,), lambda: session.get(f"/cards/{MARKER}")),
        ("405", 1, (405,), lambda: request(session.port, "DELETE", path)),
        ("cve-payload", 1, (200,), lambda: _post(session, path, {"message": CVE_PAYLOAD})),
        ("bad-utf8", 1, (200, 422), lambda: _post(session, path, {}, raw=b"message=%ff%fe" + MARKER.encode())),
    ]
    name, _, expected, send = rng.choices(kinds, weights=[kind[1] for kind in kinds])[0]
    return name, expected, send


def _post(session: Session, path: str, fields: dict, with_token=True, raw=None, chunked=False):
    if not session.token:
        session.get(path)
    if raw is not None:
        raw = raw + b"&action=download&layout=pro&csrf_token=" + session.token.encode()
    return session.post(
        path, {"action": "download", "layout": "pro", **fields}, with_token=with_token, raw=raw, chunked=chunked
    )


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)
    by_kind: Counter = field(default_factory=Counter)
    unexpected: list = field(default_factory=list)
    failures: list = field(default_factory=list)  # (seconds into the run when it failed, kind, error)
    latencies: list = field(default_factory=list)

    def add(self, kind, expected, status, seconds):
        with self.lock:
            self.statuses[status] += 1
            self.by_kind[kind] += 1
            self.latencies.append(seconds)
            if status not in expected:
                self.unexpected.append((kind, status))


def run_load(port: int, duration: float, threads: int, seed: int, tally: Tally, started: float) -> None:
    def client(index: int):
        rng = random.Random(seed * 1000 + index)
        session = Session(port)
        while time.monotonic() - started < duration:
            kind, expected, send = _mix(session, rng)
            begin = time.monotonic()
            try:
                status, _, _ = send()
            except CONNECTION_ERRORS as error:
                with tally.lock:  # when it failed (a slow request may have started well before the kill)
                    tally.failures.append((round(time.monotonic() - started, 2), kind, error.__class__.__name__))
                session = Session(port)  # start again like a browser would
                continue
            tally.add(kind, expected, status, time.monotonic() - begin)

    pool = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(duration + 60)


def load_phase(args) -> dict:
    server = Server(args.workers, rate_limit=None)
    try:
        server.wait_ready()
        # Warm up as the first visitors would, so that both workers have loaded every design's art
        # and fonts before memory is measured (requests go to whichever worker is free).
        for _ in range(3):
            for slug in SLUGS:
                session = Session(server.port)
                _post(session, f"/cards/{slug}", {"message": "Thinking of you", "action": "preview"})
        original = server.workers()
        tally = Tally()
        started = time.monotonic()
        memory: list[tuple[float, dict[int, float]]] = []
        kill: dict = {}

        def watch():
            while (elapsed := time.monotonic() - started) < args.duration:
                memory.append((elapsed, {pid: rss_mb(pid) for pid in server.workers()}))
                if not kill and elapsed >= args.duration * args.kill_at:
                    victim = original[0]
                    os.kill(victim, signal.SIGKILL)
                    kill.update(pid=victim, at=elapsed)
                if kill and "replaced_at" not in kill:
                    current = server.workers()
                    if len(current) == args.workers and kill["pid"] not in current:
                        kill.update(replaced_at=elapsed, new_pid=next(p for p in current if p not in original))
                time.sleep(0.25 if kill and "replaced_at" not in kill else 1.0)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        run_load(server.port, args.duration, args.threads, args.seed, tally, started)
        watcher.join(10)
    finally:
        log = server.stop()
    return _load_report(args, tally, memory, kill, original, log)


def _load_report(args, tally: Tally, memory, kill, original, log: str) -> dict:
    survivor = next((pid for pid in original if pid != kill.get("pid")), None)
    series = [(t, sample[survivor]) for t, sample in memory if sample.get(survivor)]
    steady = [mb for t, mb in series if t >= args.duration * 0.25]
    kill_at = kill.get("at", -1)
    window = (kill_at, kill.get("replaced_at", kill_at) + 2.0)
    outside = [f for f in tally.failures if not window[0] <= f[0] <= window[1]]
    latencies = sorted(tally.latencies)

    def percentile(p):
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000) if latencies else None

    report = {
        "duration_s": args.duration,
        "workers": args.workers,
        "client_threads": args.threads,
        "requests": sum(tally.statuses.values()),
        "requests_per_s": round(sum(tally.statuses.values()) / args.duration, 1),
        "statuses": dict(sorted(tally.statuses.items())),
        "by_kind": dict(sorted(tally.by_kind.items())),
        "latency_ms": {"p50": percentile(0.5), "p95": percentile(0.95), "p99": percentile(0.99)},
        "server_errors": sum(n for status, n in tally.statuses.items() if status >= 500),
        "unexpected": Counter(f"{kind}->{status}" for kind, status in tally.unexpected),
        "connection_failures": len(tally.failures),
        "connection_failures_outside_kill": outside,
        "kill": kill,
        "survivor_rss_mb": {
            "first": round(steady[0], 1) if steady else None,
            "last": round(steady[-1], 1) if steady else None,
            "min": round(min(steady), 1) if steady else None,
            "max": round(max(steady), 1) if steady else None,
            "growth": round(steady[-1] - steady[0], 1) if steady else None,
        },
        "rss_timeline_mb": [
            (
                round(t),
                {
                    (
                        "new"
                        if pid == kill.get("new_pid")
                        else f"w{original.index(pid)}"
                        if pid in original
                        else str(pid)
                    ): round(mb or 0)
                    for pid, mb in sample.items()
                },
            )
            for t, sample in memory[:: max(1, len(memory) // 12)]
        ],  # fmt: skip
        "marker_in_server_log": MARKER in log,
        "worker_boot_lines": log.count("Booting worker"),
        "log_sample": [line for line in log.splitlines() if "cardshop.requests" in line][:3],
    }
    report["checks"] = {
        "no 5xx": report["server_errors"] == 0,
        "every status as expected": not tally.unexpected,
        "worker replaced": "replaced_at" in kill,
        "failures only at the kill": not outside and len(tally.failures) <= args.workers,
        "memory flat (survivor grew < 30 MB after warm-up)": bool(steady) and steady[-1] - steady[0] < 30,
        "marker not logged": not report["marker_in_server_log"],
    }
    return report


def rate_phase(args) -> dict:
    """A greedy client and a polite one, with the rate limit on."""
    # In budget units (cardshop/web/limits.py): a post without JavaScript spends 2. The polite client's
    # five posts (10 units) stay under it even if all reach one worker (counts are per worker); the greedy
    # one passes it within its first seven posts, however slow the machine.
    server = Server(args.workers, rate_limit="12 per minute")
    greedy, polite = Counter(), Counter()
    try:
        server.wait_ready()
        started = time.monotonic()
        length = min(15.0, args.duration / 2)

        def flood():
            session = Session(server.port, source="127.0.0.2")
            rng = random.Random(args.seed)
            while time.monotonic() - started < length:
                try:
                    greedy[_post(session, "/cards/forget-me-nots", {"message": _message(rng)})[0]] += 1
                except CONNECTION_ERRORS:
                    greedy["connection error"] += 1

        thread = threading.Thread(target=flood, daemon=True)
        thread.start()
        session = Session(server.port, source="127.0.0.3")
        while time.monotonic() - started < length:
            polite[_post(session, "/cards/forget-me-nots", {"message": "Thinking of you"})[0]] += 1
            time.sleep(3.0)  # five posts in 15 s
        thread.join(30)
    finally:
        log = server.stop()
    return {
        "seconds": length,
        "greedy_127.0.0.2": dict(greedy),
        "polite_127.0.0.3": dict(polite),
        "checks": {
            "greedy client limited": greedy.get(429, 0) > 0,
            "polite client never refused": set(polite) == {200},
            "no 5xx": not any(isinstance(s, int) and s >= 500 for s in (*greedy, *polite)),
            "client addresses not logged": "127.0.0.2" not in log and "127.0.0.3" not in log,
        },
    }


def _crafted(rng: random.Random, length: int = 450) -> str:
    """One unbreakable word: Arabic letters, each with a vowel sign (every piece must be shaped)."""
    return "".join(rng.choice("بتثجحخدذرزسشصضطظعغفقكلمنهي") + "\u064e" for _ in range(length // 2))


def _typical_arabic(rng: random.Random, length: int = 450) -> str:
    words = []
    while sum(len(word) + 1 for word in words) < length:
        words.append("".join(rng.choice("بتثجحخدذرزسشصضطظعغفقكلمنهي") + "\u064e" for _ in range(rng.randint(2, 5))))
    return " ".join(words)[:length]


def cost_phase(args) -> dict:
    """What a crafted unbreakable word costs next to a typical message of the same length and script."""
    server = Server(args.workers, rate_limit=None)
    rng = random.Random(args.seed)
    timings: dict[str, list[float]] = {}
    try:
        server.wait_ready()
        session = Session(server.port)
        path = "/cards/forget-me-nots"
        for _ in range(4):  # warm both workers
            _post(session, path, {"message": "Thinking of you", "action": "preview"})
        for _ in range(args.cost_rounds):
            for kind, make in (("typical", _typical_arabic), ("crafted", _crafted)):
                for action in ("preview", "download"):
                    message = make(rng)  # a new one each time: no cache helps
                    begin = time.monotonic()
                    status = _post(session, path, {"message": message, "action": action})[0]
                    timings.setdefault(f"{kind} {action}", []).append((time.monotonic() - begin) * 1000)
                    if status != 200:
                        timings.setdefault(f"{kind} {action} statuses", []).append(status)
        before = {pid: rss_mb(pid) for pid in server.workers()}
        for _ in range(20):
            _post(session, path, {"message": _crafted(rng), "action": "preview"})
        after = {pid: rss_mb(pid) for pid in server.workers()}
    finally:
        server.stop()
    medians = {key: round(statistics.median(values), 1) for key, values in timings.items() if "statuses" not in key}
    ratios = {
        action: round(medians[f"crafted {action}"] / medians[f"typical {action}"], 2)
        for action in ("preview", "download")
    }
    return {
        "median_ms": medians,
        "crafted_over_typical": ratios,
        "refused": {key: values for key, values in timings.items() if "statuses" in key},
        "worker_rss_mb_before_after_20_crafted": {
            str(pid): (round(before[pid] or 0), round(after.get(pid) or 0)) for pid in before
        },
        "checks": {
            "crafted at most 5x typical (median)": all(ratio <= 5 for ratio in ratios.values()),
            "every request answered 200": not any("statuses" in key for key in timings),
        },
    }


def _slow_client(port: int, until: float, index: int, counts: Counter) -> None:
    """Send a request one byte every 2 s (headers for even clients, the body for odd ones); start
    again whenever the server closes the connection."""
    head = f"POST /cards/forget-me-nots?{MARKER} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
    body_head = head + b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 400\r\n\r\n"
    while time.monotonic() < until:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
                counts["connections"] += 1
                if index % 2:
                    connection.sendall(body_head)
                    trickle = f"message={MARKER}".encode() * 20
                else:
                    connection.sendall(head)
                    trickle = f"X-Note: {MARKER}".encode() * 20
                for byte in trickle:
                    if time.monotonic() >= until:
                        return
                    connection.sendall(bytes((byte,)))
                    counts["bytes"] += 1
                    time.sleep(2.0)
        except CONNECTION_ERRORS:
            counts["closed by server"] += 1
            time.sleep(0.5)


def slow_phase(front: str, args) -> dict:
    """Availability for a normal visitor while slow clients trickle bytes."""
    server = Production(args.workers) if front == "production" else Server(args.workers, rate_limit=None)
    counts: Counter = Counter()
    answered, attempts, latencies = 0, 0, []
    try:
        server.wait_ready()
        # Both workers draw the card once (their first visitor would wait for it), two at a time.
        page = "/cards/forget-me-nots"
        warm = [threading.Thread(target=request, args=(server.port, "GET", page), daemon=True) for _ in range(4)]
        for thread in warm:
            thread.start()
        for thread in warm:
            thread.join(120)
        until = time.monotonic() + args.slow_seconds
        clients = [
            threading.Thread(target=_slow_client, args=(server.port, until, i, counts), daemon=True)
            for i in range(args.slow_clients)
        ]
        for client in clients:
            client.start()
        time.sleep(1.0)  # let them take their connections
        while time.monotonic() < until:
            attempts += 1
            begin = time.monotonic()
            try:
                if request(server.port, "GET", page, timeout=10)[0] == 200:
                    answered += 1
                    latencies.append((time.monotonic() - begin) * 1000)
            except CONNECTION_ERRORS:
                pass
            time.sleep(max(0.0, 0.5 - (time.monotonic() - begin)))
        for client in clients:
            client.join(10)
    finally:
        log = server.stop()
    availability = round(100 * answered / max(attempts, 1), 1)
    return {
        "front": front,
        "slow_clients": args.slow_clients,
        "seconds": args.slow_seconds,
        "normal_requests": attempts,
        "answered_within_10s": answered,
        "availability_percent": availability,
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "slow_client_activity": dict(counts),
        "marker_in_server_log": MARKER in log,
        "checks": {
            "available to a normal visitor (>= 95%)": availability >= 95,
            "marker not logged": MARKER not in log,
        }
        if front == "production"
        else {"marker not logged": MARKER not in log},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=6, help="client threads sending at full speed")
    parser.add_argument("--kill-at", type=float, default=0.5, help="fraction of the run at which to kill a worker")
    parser.add_argument("--seed", type=int, default=20261015)
    parser.add_argument("--no-rate-phase", action="store_true")
    parser.add_argument("--no-cost-phase", action="store_true")
    parser.add_argument("--cost-rounds", type=int, default=5, help="timed typical/crafted pairs")
    parser.add_argument("--no-slow-phase", action="store_true")
    parser.add_argument("--slow-clients", type=int, default=3)
    parser.add_argument("--slow-seconds", type=float, default=20.0)
    parser.add_argument("--slow-only", choices=("production", "gunicorn", "both"), help="run only the slow phase")
    parser.add_argument("--cost-only", action="store_true", help="run only the crafted-cost phase")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = {}
    if args.cost_only:
        report["cost"] = cost_phase(args)
    elif args.slow_only:
        fronts = ("gunicorn", "production") if args.slow_only == "both" else (args.slow_only,)
        report = {f"slow_{front}": slow_phase(front, args) for front in fronts}
    else:
        report["load"] = load_phase(args)
        if not args.no_rate_phase:
            report["rate_limit"] = rate_phase(args)
        if not args.no_cost_phase:
            report["cost"] = cost_phase(args)
        if not args.no_slow_phase:
            report["slow_gunicorn"] = slow_phase("gunicorn", args)
            report["slow_production"] = slow_phase("production", args)
    ok = all(all(phase["checks"].values()) for phase in report.values())
    if args.json:
        print(json.dumps(report, indent=2, default=str))
    else:
        for name, phase in report.items():
            print(f"== {name}")
            for key, value in phase.items():
                print(f"{key}: {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
