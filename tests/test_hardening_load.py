"""The short run of bench/load_and_faults.py: the app under gunicorn (2 workers) on loopback, valid
and invalid requests at full speed for 10 s with one worker killed halfway, then a greedy and a
polite client with the rate limit on. The 60 s run and its figures are in bench/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_load_with_a_worker_killed_gives_no_5xx_and_flat_memory():
    result = subprocess.run(
        # The crafted-cost and slow-client phases have tests of their own.
        [sys.executable, "bench/load_and_faults.py", "--duration", "10", "--json"]
        + ["--no-cost-phase", "--no-slow-phase"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    report = json.loads(result.stdout)
    load, rate = report["load"], report["rate_limit"]
    assert load["requests"] > 20  # the run did happen
    assert load["server_errors"] == 0
    assert load["unexpected"] == {}
    assert {"download", "preview", "no-csrf", "413-chunked"} <= set(load["by_kind"])
    assert "replaced_at" in load["kill"], load["kill"]
    assert load["connection_failures_outside_kill"] == []
    assert not load["marker_in_server_log"]
    assert all(load["checks"].values()), load["checks"]
    assert all(rate["checks"].values()), rate
    assert result.returncode == 0, result.stderr[-2000:]
