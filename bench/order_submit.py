"""Submitting an order under gunicorn with PostgreSQL: requests/s and latency (p50, p99).

    python bench/order_submit.py                  # 20 s of load, 4 client threads, 2 workers
    python bench/order_submit.py --seconds 10 --clients 2 --json out.json

Starts a throwaway PostgreSQL cluster (as the tests do: initdb in a temporary folder, unix socket
only) and gunicorn (2 sync workers, --preload, rate limit off, as in production) on 127.0.0.1, then
client threads each keep one session (a CSRF cookie and token from one GET of the card) and post the
check page's order form again and again, each time with a new order key (as a new check page would
have), so every request makes an order: the card is rendered to check the words, the address is
validated, the personal fields are encrypted and the order and its first event are written. Each
answer must be the 303 to the private link. Then, on the same server, the print-shop download of the
same card (the endpoint docs/performance.md already measures), and the orders again against the
embedded SQLite: both for ratios from the same run.

Timings are wall-clock on a shared machine: compare the figures from one run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cardshop.orders.crypto import new_key  # noqa: E402
from cardshop.orders.database import upgrade  # noqa: E402
from cardshop.orders.tokens import new_token  # noqa: E402
from tests.orders_support import pg_url, postgres_cluster  # noqa: E402

SLUG = "forget-me-nots"
FORM = {
    "action": "order",
    "when": "asap",
    "recipient": "Dear Sam and Alex",
    "message": "Thinking of you both today, and every day.",
    "sender": "Jo",
    "to_country": "GB",
    "to_country_shown": "GB",
    "to_name": "Sam Rivers",
    "to_street_address": "12 Larkspur Lane",
    "to_city": "London",
    "to_postal_code": "SW1A 1AA",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(url: str, workers: int):
    port = free_port()
    env = {
        **os.environ,
        "CARDSHOP_DATABASE_URL": url,
        "CARDSHOP_DATA_KEY": new_key(),
        "CARDSHOP_SECRET_KEY": new_key(),
        "CARDSHOP_RATE_LIMIT_ENABLED": "0",
        "CARDSHOP_INSTANCE_DIR": tempfile.mkdtemp(),
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "gunicorn", "--preload", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "cardshop:create_app()"]
    log = tempfile.NamedTemporaryFile(prefix="order-bench-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    process.log_path = log.name
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            requests.get(f"{base}/privacy", timeout=1)
            return process, base
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def load(base: str, seconds: float, clients: int, download: bool = False) -> dict:
    """Post orders (or, with `download`, the same card's print-shop download, for a side-by-side ratio)."""
    latencies: list[float] = []
    errors = [0]
    statuses: list[int] = []
    lock = threading.Lock()
    ready = threading.Barrier(clients + 1)
    stop = [0.0]

    def client():
        session = requests.Session()
        page = session.get(f"{base}/cards/{SLUG}").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        ready.wait()
        while time.perf_counter() < stop[0]:
            form = {**FORM, "csrf_token": token, "order_key": new_token()}
            path = f"{base}/cards/{SLUG}/order"
            if download:
                form = {**FORM, "csrf_token": token, "action": "download", "layout": "pro"}
                path = f"{base}/cards/{SLUG}"
            started = time.perf_counter()
            answer = session.post(path, data=form, allow_redirects=False, timeout=30)
            took = (time.perf_counter() - started) * 1000
            with lock:
                if answer.status_code == (200 if download else 303):
                    latencies.append(took)
                else:
                    errors[0] += 1
                    statuses.append(answer.status_code)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()  # once every client has its session
    stop[0] = started + seconds
    ready.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "orders": len(latencies),
        "errors": errors[0],
        "error_statuses": sorted(set(statuses)),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = {}
    with postgres_cluster() as socket_dir:
        with psycopg.connect(f"host={socket_dir} user=cardshop dbname=postgres", autocommit=True) as connection:
            connection.execute("CREATE DATABASE bench")
        url = pg_url(socket_dir, "bench")
        upgrade(url)
        for name, database in (("postgresql", url), ("sqlite", f"sqlite:///{tempfile.mkdtemp()}/bench.db")):
            process, base = serve(database, args.workers)
            try:
                results[name] = load(base, args.seconds, args.clients)
                print(name, results[name], flush=True)
                if results[name]["errors"]:
                    print(Path(process.log_path).read_text()[-3000:])
                if name == "postgresql":  # the download endpoint on the same server, for the ratio
                    results["download"] = load(base, args.seconds, args.clients, download=True)
                    print("download", results["download"], flush=True)
            finally:
                process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
